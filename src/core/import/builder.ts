/**
 * The pieces every dialect shares: step ids made from source names, exits that point at source
 * nodes until every node is converted, dropped nodes that pass the call on, dead ends that hang up,
 * the report and the `# imported:` comments.
 */
import type { FlowDefinition, Step } from '../model';
import { exitFieldsOf } from '../validation/flowSteps';
import type { ImportOutcome, ImportReportEntry } from './types';

const TOKEN = '\u0000node:';
/** The node key of a dead end: no node has it, so it resolves to the hangup step. */
const DEAD_END = '\u0001dead-end';
/** Node keys that name a step directly (a step that leads to another step made from the same node). */
const STEP_REF = '\u0002';
const MAX_STEP_ID = 64;

/** Where a source node's call goes once converted: into a step, or on to another node (a dropped node). */
type NodeTarget = { step: string } | { pass: string | undefined };

export class FlowBuilder {
  private readonly steps = new Map<string, Record<string, unknown>>();
  private readonly notes = new Map<string, string[]>();
  private readonly taken = new Set<string>();
  private readonly targets = new Map<string, NodeTarget>();
  private readonly entries: ImportReportEntry[] = [];
  /** Nodes whose steps a menu's attempts replace (a retry prompt, a loop counter): the menu they became part of. */
  private readonly absorbed = new Map<string, { menu: string; note: string }>();
  private hangup?: string;

  /** A new step id from a source name: lowercase, `a-z0-9_-`, starting with a letter, unique in the flow. */
  stepId(preferred: string): string {
    if (/^[a-z][a-z0-9_-]{0,59}$/.test(preferred) && !this.taken.has(preferred)) {
      this.taken.add(preferred);
      return preferred;
    }
    // eslint-disable-next-line no-control-regex
    const ascii = /^[\u0000-\u007f]*$/.test(preferred);
    let base = (ascii ? preferred : preferred.normalize('NFKD').replace(/[\u0300-\u036f]/g, ''))
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^[-_]+|[-_]+$/g, '');
    if (!/^[a-z]/.test(base)) base = base === '' ? 'step' : `step-${base}`;
    base = base.slice(0, MAX_STEP_ID - 4).replace(/[-_]+$/, '');
    let id = base;
    for (let n = 2; this.taken.has(id); n++) id = `${base}-${n}`;
    this.taken.add(id);
    return id;
  }

  /** An exit that points at a source node; `undefined` is a dead end, which hangs up. */
  exitTo(node: string | undefined): string {
    return TOKEN + (node ?? DEAD_END);
  }

  /** An exit to a step this conversion made itself (not a source node). */
  exitToStep(stepId: string): string {
    return TOKEN + STEP_REF + stepId;
  }

  add<S extends Step>(id: string, step: S): string {
    this.steps.set(id, step as unknown as Record<string, unknown>);
    return id;
  }

  /** A `# imported:` comment over the step (approximations, and the source's ids that the step cannot hold). */
  comment(stepId: string, text: string): void {
    const list = this.notes.get(stepId) ?? [];
    list.push(text);
    this.notes.set(stepId, list);
  }

  /** The node's calls continue at this step. */
  enter(node: string, stepId: string): void {
    this.targets.set(node, { step: stepId });
  }

  /** The node became no step: its calls go on to `next` (a dead end when undefined). */
  passThrough(node: string, next: string | undefined): void {
    this.targets.set(node, { pass: next });
  }

  /** The node only repeats a menu's prompt: the menu's attempts stand for it. */
  absorb(node: string, menu: string, note: string): void {
    this.absorbed.set(node, { menu, note });
  }

  /** One line of the report: the source node, its type, what became of it, why, and the steps it became. */
  report(source: string, sourceType: string, result: ImportOutcome, note = '', steps: string[] = []): void {
    this.entries.push({ source, sourceType, result, steps, note });
  }

  /** The one hangup step dead ends go to. */
  endStep(): string {
    if (this.hangup === undefined) {
      this.hangup = this.stepId('end-call');
      this.add(this.hangup, { type: 'hangup' });
      this.comment(this.hangup, 'where the source flow ends a call with nothing more to do (a dead-end transition).');
    }
    return this.hangup;
  }

  /** Resolves every exit, drops steps no call reaches, orders steps from the start. */
  build(startNode: string): {
    definition: FlowDefinition;
    comments: Map<string, string[]>;
    report: ImportReportEntry[];
  } {
    const start = this.resolve(TOKEN + startNode);
    // Breadth first from the start, each step's exits resolved as it is reached: a step no call
    // reaches is never written, so its exits need no resolving.
    const seen = new Set<string>([start]);
    const order: string[] = [start];
    const targets: string[] = [];
    for (let i = 0; i < order.length; i++) {
      const step = this.steps.get(order[i]!);
      if (step === undefined) continue;
      targets.length = 0;
      this.resolveExits(step, targets);
      for (let t = 0; t < targets.length; t++) {
        const target = targets[t]!;
        if (!seen.has(target)) {
          seen.add(target);
          order.push(target);
        }
      }
    }
    const steps = Object.create(null) as Record<string, Step>;
    for (let i = 0; i < order.length; i++) {
      const id = order[i]!;
      steps[id] = this.steps.get(id) as unknown as Step;
    }
    const report: ImportReportEntry[] = new Array<ImportReportEntry>(this.entries.length);
    for (let i = 0; i < this.entries.length; i++) report[i] = this.settle(this.entries[i]!, seen);
    const comments = new Map<string, string[]>();
    for (const [id, notes] of this.notes) if (seen.has(id)) comments.set(id, notes);
    return { definition: { callflow: 1, trigger: 'incoming-call', start, steps }, comments, report };
  }

  private settle(entry: ImportReportEntry, reached: Set<string>): ImportReportEntry {
    // Most entries name one step that calls reach: kept as they are, not copied.
    let allReached = entry.steps.length > 0;
    for (let i = 0; i < entry.steps.length && allReached; i++) allReached = reached.has(entry.steps[i]!);
    if (allReached) return entry;
    const steps = entry.steps.filter((id) => reached.has(id));
    if (steps.length > 0) return { ...entry, steps };
    const absorbed = this.absorbed.get(entry.source);
    if (absorbed && reached.has(absorbed.menu))
      return { ...entry, result: 'approximated', steps: [absorbed.menu], note: absorbed.note };
    if (entry.steps.length === 0) return entry;
    return { ...entry, result: 'dropped', steps: [], note: joinNotes(entry.note, 'no call reaches it once converted') };
  }

  /** Replaces the step's exit tokens in place (its named exits, menu options, condition branches), collecting where they lead. */
  private resolveExits(step: Record<string, unknown>, out: string[]): void {
    const fields = exitFieldsOf(String(step.type));
    for (let f = 0; f < fields.length; f++) this.link(step, fields[f]!, out);
    const options = step.options;
    if (typeof options === 'object' && options !== null) {
      const keys = Object.keys(options);
      for (let k = 0; k < keys.length; k++) this.link(options as Record<string, unknown>, keys[k]!, out);
    }
    const branches = step.branches;
    if (Array.isArray(branches))
      for (let b = 0; b < branches.length; b++) this.link(branches[b] as Record<string, unknown>, 'next', out);
  }

  /** Resolves the exit token in `holder[field]`, if it holds one. */
  private link(holder: Record<string, unknown>, field: string, out: string[]): void {
    const value = holder[field];
    if (typeof value !== 'string' || !value.startsWith(TOKEN)) return;
    const id = this.resolve(value);
    holder[field] = id;
    out.push(id);
  }

  private resolve(token: string): string {
    const node = token.slice(TOKEN.length);
    if (node.startsWith(STEP_REF)) return node.slice(STEP_REF.length);
    // Most exits lead straight into a step; the rest pass through dropped nodes.
    const first = this.targets.get(node);
    if (first !== undefined && 'step' in first) return first.step;
    return this.resolvePassing(node);
  }

  /** Follows dropped nodes to the step calls reach, stopping at a loop of dropped nodes. */
  private resolvePassing(start: string): string {
    let node: string | undefined = start;
    const visited = new Set<string>();
    while (node !== undefined && !visited.has(node)) {
      visited.add(node);
      const target = this.targets.get(node);
      if (!target) break;
      if ('step' in target) return target.step;
      node = target.pass;
    }
    // A dead end, a node the source names but does not have, or dropped nodes that only lead to each other.
    return this.endStep();
  }
}

export function joinNotes(...notes: Array<string | undefined>): string {
  return joinNoteList(notes);
}

/** The notes as sentences, each once, in order (what joinNotes does, for a list already built). */
export function joinNoteList(notes: ReadonlyArray<string | undefined>): string {
  let joined = '';
  for (let i = 0; i < notes.length; i++) {
    const note = notes[i];
    if (note === undefined || note === '' || notes.indexOf(note) < i) continue;
    const rest = note.slice(1);
    joined += `${joined === '' ? '' : ' '}${note.charAt(0).toUpperCase()}${rest.endsWith('.') ? rest : `${rest}.`}`;
  }
  return joined;
}
