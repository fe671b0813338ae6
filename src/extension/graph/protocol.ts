/**
 * Messages between the flow graph panel and its page (src/webview/graph/main.ts, which shares this file). The page's
 * messages arrive as untrusted JSON: parseGraphPageMessage checks type and fields first.
 */
import {
  isConditionOperator,
  MAX_BRANCHES,
  versionOfFileName,
  type BranchDraft,
  type CanvasEditRequest,
  type CanvasPoint,
  type ExitRef,
  type FieldValue,
  type FlowGraph,
} from '../../core';

export type { CanvasPoint } from '../../core';

/** What the canvas may do to the file: a draft is `editable`; a published or archived version is `locked`. */
export type GraphEditing = { mode: 'editable' } | { mode: 'locked'; status: string; reason: string } | { mode: 'view' };

/** Extension → page. */
export type GraphPanelMessage =
  | {
      type: 'graph';
      graph: FlowGraph;
      title: string;
      editing: GraphEditing;
      /** Where the admin dragged steps to (remembered outside the version file). */
      positions: Record<string, CanvasPoint>;
      /** The queues used in the workspace, for the properties panel's queue picker. */
      queues: string[];
      /** The version file drawn: the page keeps it in its state so the panel is restored after a reload. */
      documentUri: string;
      /** The graph is marked against another version (the legend names it); kept in the page's state too. */
      review?: GraphReview;
    }
  /** The step under the editor's cursor (null: the cursor is in no step). */
  | { type: 'highlight'; id: string | null }
  /** Select (and focus) a step the extension just added or renamed. */
  | { type: 'select'; id: string }
  /** The panel has the keyboard again (after a question the gesture asked): the page focuses the canvas. */
  | { type: 'focus' };

/** What the marks of a graph shown against another version are against. */
export interface GraphReview {
  /** `v2 (published)`. */
  against: string;
  /** The other (older) version's file, as a URI: a panel restored after a reload marks the changes against it again. */
  older: string;
}

/**
 * What the page keeps in its webview state (`documentUri` and `review` of the last graph message), which
 * VS Code hands back to the panel serializer after a reload. The page keeps other things beside them.
 */
export interface SavedGraphState {
  documentUri: string;
  review?: GraphReview;
}

const MAX_URI_LENGTH = 10_000;

/**
 * The panel to restore from a page's saved state (untrusted, possibly from an older release): undefined
 * without a file; a review that is not whole, or whose older file is not a version of the same flow (a
 * comparison is always between two version files of one flow folder), is dropped: the plain graph comes back.
 */
export function parseSavedGraphState(value: unknown): SavedGraphState | undefined {
  if (!isObject(value) || !isUriText(value.documentUri)) return undefined;
  const documentUri = value.documentUri;
  const saved = value.review;
  const review =
    isObject(saved) && isUriText(saved.older) && isId(saved.against) && isVersionBeside(saved.older, documentUri)
      ? { against: saved.against, older: saved.older }
      : undefined;
  return { documentUri, ...(review ? { review } : {}) };
}

/** `flows/<flow>/v<N>.yaml` in the same folder as `documentUri` (both URIs as text). */
function isVersionBeside(uri: string, documentUri: string): boolean {
  const folder = uri.slice(0, uri.lastIndexOf('/') + 1);
  return (
    folder === documentUri.slice(0, documentUri.lastIndexOf('/') + 1) &&
    versionOfFileName(uri.slice(folder.length)) !== undefined
  );
}

/** A gesture on the canvas, as the page asks for it. */
export type GraphEditRequest = CanvasEditRequest;

/** Page → extension. */
export type GraphPageMessage =
  | { type: 'ready' }
  /**
   * Show the step in the YAML editor, the cursor at its key, nothing selected; the keyboard stays on
   * the canvas (a click) unless `focus` (Enter on the step) moves it to the editor.
   */
  | { type: 'reveal'; id: string; focus?: boolean }
  /** The page drew a graph: how many nodes, how many of them on a simulated call's path, how many steps and lines marked as changes. */
  | { type: 'rendered'; nodes: number; pathNodes: number; marked?: number; drawnAt?: number }
  /** Stop marking the changes against the other version. */
  | { type: 'hideChanges' }
  | { type: 'edit'; edit: GraphEditRequest }
  /** The admin dragged a step to a new place. */
  | { type: 'moveStep'; step: string; x: number; y: number }
  /** Forget the dragged places: lay the flow out afresh. */
  | { type: 'resetLayout' }
  | { type: 'undo' }
  | { type: 'redo' }
  /** Make a new draft of this locked version. */
  | { type: 'editDraft' }
  /** Let the panel take the whole editor area (or give it back). */
  | { type: 'maximize' }
  /** Call the version shown, in the Test Call panel. */
  | { type: 'testCall' }
  /** The step selected on the canvas (for the commands' default target). */
  | { type: 'selected'; id: string | null }
  /** Run a gesture's command (its quick picks ask for the rest), e.g. C on a focused step. */
  | { type: 'command'; command: GraphPageCommand; step?: string };

export const GRAPH_PAGE_COMMANDS = ['addStep', 'connect', 'removeConnection'] as const;
export type GraphPageCommand = (typeof GRAPH_PAGE_COMMANDS)[number];

const MAX_ID_LENGTH = 1000;
const MAX_COORDINATE = 10_000_000;

export function parseGraphPageMessage(value: unknown): GraphPageMessage | undefined {
  if (!isObject(value)) return undefined;
  const message = value;
  switch (message.type) {
    case 'ready':
    case 'resetLayout':
    case 'undo':
    case 'redo':
    case 'editDraft':
    case 'maximize':
    case 'testCall':
    case 'hideChanges':
      return { type: message.type };
    case 'reveal':
      if (!isId(message.id)) return undefined;
      return { type: 'reveal', id: message.id, ...(message.focus === true ? { focus: true } : {}) };
    case 'selected':
      return message.id === null || isId(message.id) ? { type: 'selected', id: message.id } : undefined;
    case 'rendered':
      if (!isCount(message.nodes) || !isCount(message.pathNodes)) return undefined;
      if (message.marked !== undefined && !isCount(message.marked)) return undefined;
      if (message.drawnAt !== undefined && !isCount(message.drawnAt)) return undefined;
      return {
        type: 'rendered',
        nodes: message.nodes,
        pathNodes: message.pathNodes,
        ...(message.marked !== undefined ? { marked: message.marked } : {}),
        ...(message.drawnAt !== undefined ? { drawnAt: message.drawnAt } : {}),
      };
    case 'command':
      if (!(GRAPH_PAGE_COMMANDS as readonly unknown[]).includes(message.command)) return undefined;
      if (message.step !== undefined && !isId(message.step)) return undefined;
      return {
        type: 'command',
        command: message.command as GraphPageCommand,
        ...(typeof message.step === 'string' ? { step: message.step } : {}),
      };
    case 'moveStep':
      return isId(message.step) && isCoordinate(message.x) && isCoordinate(message.y)
        ? { type: 'moveStep', step: message.step, x: message.x, y: message.y }
        : undefined;
    case 'edit': {
      const edit = parseEditRequest(message.edit);
      return edit ? { type: 'edit', edit } : undefined;
    }
    default:
      return undefined;
  }
}

export function parseEditRequest(value: unknown): GraphEditRequest | undefined {
  if (!isObject(value)) return undefined;
  const v = value;
  switch (v.kind) {
    case 'addStep': {
      if (!isId(v.stepType)) return undefined;
      const on = v.on === undefined ? undefined : exitRef(v.on);
      const from = v.from === undefined ? undefined : exitRef(v.from);
      const at = v.at === undefined ? undefined : point(v.at);
      if ((v.on !== undefined && !on) || (v.from !== undefined && !from) || (v.at !== undefined && !at))
        return undefined;
      return {
        kind: 'addStep',
        stepType: v.stepType,
        ...(on ? { on } : {}),
        ...(from ? { from } : {}),
        ...(at ? { at } : {}),
      };
    }
    case 'setExit':
      return isId(v.step) && isId(v.exit) && isId(v.target)
        ? { kind: 'setExit', step: v.step, exit: v.exit, target: v.target }
        : undefined;
    case 'removeExit':
      return isId(v.step) && isId(v.exit) ? { kind: 'removeExit', step: v.step, exit: v.exit } : undefined;
    case 'deleteStep':
    case 'setStart':
      return isId(v.step) ? { kind: v.kind, step: v.step } : undefined;
    case 'setField': {
      if (!isId(v.step) || !isId(v.field)) return undefined;
      if (v.value === undefined) return { kind: 'setField', step: v.step, field: v.field };
      return isFieldValue(v.value, 0) ? { kind: 'setField', step: v.step, field: v.field, value: v.value } : undefined;
    }
    case 'setBranches': {
      if (!isId(v.step) || !Array.isArray(v.branches) || v.branches.length > MAX_BRANCHES) return undefined;
      const branches = v.branches.map(branchDraft);
      return branches.every((b): b is BranchDraft => b !== undefined)
        ? { kind: 'setBranches', step: v.step, branches }
        : undefined;
    }
    case 'renameStep':
      if (!isId(v.step) || (v.to !== undefined && !isId(v.to))) return undefined;
      return { kind: 'renameStep', step: v.step, ...(typeof v.to === 'string' ? { to: v.to } : {}) };
    default:
      return undefined;
  }
}

const MAX_FIELD_DEPTH = 4;
const MAX_FIELD_ITEMS = 1000;
const MAX_FIELD_TEXT = 10_000;

/** A value a field may take: text, numbers, booleans, and lists and maps of them, bounded. */
function isFieldValue(value: unknown, depth: number): value is FieldValue {
  if (typeof value === 'string') return value.length <= MAX_FIELD_TEXT;
  if (typeof value === 'number') return Number.isFinite(value);
  if (typeof value === 'boolean') return true;
  if (depth >= MAX_FIELD_DEPTH || value === null || typeof value !== 'object') return false;
  const items = Array.isArray(value) ? value : Object.values(value as Record<string, unknown>);
  if (items.length > MAX_FIELD_ITEMS) return false;
  if (!Array.isArray(value) && Object.keys(value).some((k) => k.length > MAX_ID_LENGTH)) return false;
  return items.every((item) => isFieldValue(item, depth + 1));
}

function branchDraft(value: unknown): BranchDraft | undefined {
  if (!isObject(value) || !isConditionOperator(value.operator)) return undefined;
  const { variable, value: test, next } = value;
  if (typeof variable !== 'string' || variable.length > MAX_ID_LENGTH) return undefined;
  if (typeof test !== 'string' || test.length > MAX_FIELD_TEXT) return undefined;
  if (next !== undefined && !isId(next)) return undefined;
  return { variable, operator: value.operator, value: test, ...(typeof next === 'string' ? { next } : {}) };
}

function exitRef(value: unknown): ExitRef | undefined {
  return isObject(value) && isId(value.step) && isId(value.exit) ? { step: value.step, exit: value.exit } : undefined;
}

function point(value: unknown): CanvasPoint | undefined {
  return isObject(value) && isCoordinate(value.x) && isCoordinate(value.y) ? { x: value.x, y: value.y } : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_ID_LENGTH;
}

function isUriText(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= MAX_URI_LENGTH;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isCoordinate(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= MAX_COORDINATE;
}
