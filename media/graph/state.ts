/** What the flow graph page knows, shared by its parts: the graph drawn, its layout, the selection. */
import type { GraphLayout, Point } from '../../src/core/graph/graphLayout';
import type { FlowGraph, GraphNode } from '../../src/core/graph/types';
import type { GraphEditing, GraphEditRequest } from '../../src/extension/graph/protocol';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export const vscode = acquireVsCodeApi();

export interface PageState {
  graph: FlowGraph | undefined;
  layout: GraphLayout | undefined;
  nodesById: Map<string, GraphNode>;
  editing: GraphEditing;
  /** Where the admin dragged steps to. */
  pinned: Record<string, Point>;
  selected: string | null;
}

export const page: PageState = {
  graph: undefined,
  layout: undefined,
  nodesById: new Map(),
  editing: { mode: 'view' },
  pinned: {},
  selected: null,
};

export function byId<T extends Element = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`flow graph page: #${id} is missing`);
  return element as unknown as T;
}

export function editable(): boolean {
  return page.editing.mode === 'editable';
}

export function requestEdit(edit: GraphEditRequest): void {
  vscode.postMessage({ type: 'edit', edit });
}

/** Says something to a screen reader (the page's live region). */
export function announce(text: string): void {
  byId('announce').textContent = text;
}

/** The exit of an edge id `<step>:<exit>`. */
export function exitOfEdge(edgeId: string, from: string): string {
  return edgeId.slice(from.length + 1);
}
