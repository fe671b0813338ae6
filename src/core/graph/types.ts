/**
 * The flow graph: a version file seen as steps (nodes) joined by their exits (edges), with
 * what the editor knows about them (problems, reachability, a simulated call's path).
 * Plain data: the extension posts it to the webview as JSON, the CLI renders it as text.
 */

export type GraphSeverity = 'error' | 'warning';

export interface GraphProblem {
  severity: GraphSeverity;
  message: string;
}

/** A step type of the format, `unknown` for a step whose type is not one, `missing` for a placeholder. */
export type GraphNodeType = string;

export interface GraphNode {
  /** The step id; for a placeholder, `missing:<the name an exit or start gives>`. */
  id: string;
  type: GraphNodeType;
  /** The step id as written (the name that is missing, for a placeholder). */
  label: string;
  /** One line about what the step does: the prompt's first words, the queue, the number, the zone… */
  summary: string;
  isStart: boolean;
  /** The call ends here: no exit leads on (hangup, goto-flow, a step whose exits are all left out). */
  isTerminal: boolean;
  /** No path from the start step leads here. */
  unreachable: boolean;
  /** Placeholder for a step that an exit (or `start`) names but the file does not define. */
  missing: boolean;
  problems: GraphProblem[];
  /** 1-based line of the step's key in the YAML (for a placeholder: the first exit naming it). */
  line: number;
  /** 1-based columns of the step key (the selection an editor reveals). */
  column: number;
  endColumn: number;
  /** Last line of the step's definition (problems on lines line…endLine belong to the step). */
  endLine: number;
  /** Positions (1-based) at which a simulated call passed through this step. */
  pathOrder?: number[];
  /** A test call is in this step now (listening, or waiting for an outcome). */
  current?: boolean;
  /** Marked against another version (a review): the step is new, its fields changed, or it is gone (drawn ghosted). */
  change?: 'added' | 'changed' | 'removed';
  /** The step's fields as plain values (for the properties panel). */
  fields?: Record<string, unknown>;
  /** Every exit the step can have, set or not, in the order the canvas shows them (its exit ports). */
  ports?: GraphPort[];
}

/** One exit of a step as the canvas offers it: drag from it to connect it. */
export interface GraphPort {
  /** The exit, as in the edge id after `<step>:` (`next`, `options.3`, `branches.0`). */
  exit: string;
  /** Short text on the port: a menu key, a branch number, or the exit's name. */
  label: string;
  /** Where the exit leads now; absent when it is not set. */
  target?: string;
  /** A port that adds a new exit (the next free menu key). */
  adds?: boolean;
}

export interface GraphEdge {
  /** `<from>:<exit path>`, e.g. `menu:options.1`, `check:branches.0`, `hours:open`. */
  id: string;
  from: string;
  to: string;
  /** The exit's name: `next`, `1` (a menu key), `no-input`, `closed`, `else`, a branch's condition… */
  label: string;
  /** The simulated call took this exit. */
  onPath?: boolean;
  /** Marked against another version (a review): the exit is new or leads elsewhere now, or the line it had is gone. */
  change?: 'rewired' | 'removed';
}

export interface FlowGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** Id of the start node (a placeholder when `start` names no step), when the file has a start. */
  start?: string;
  /** Problems that belong to no step (the file header, `start`, YAML syntax outside the steps). */
  problems: GraphProblem[];
  /** The variables the flow defines (built-ins included), for `{{variable}}` suggestions. */
  variables?: string[];
}

/** One step of a simulated call, as `SimulationResult.steps` holds it (or just the step id). */
export type PathStep = string | { step: string; exit?: string | null; next?: string; flow?: string };

export interface GraphOptions {
  /** The path of a simulated call, to overlay. */
  path?: readonly PathStep[];
  /** With `path`: only the entries of this flow count (a call may go on in another flow). */
  flow?: string;
  /** The step a test call is in now. */
  current?: string;
}
