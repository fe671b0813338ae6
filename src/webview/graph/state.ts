/** What the flow graph page knows, shared by its parts: the graph drawn, its layout, the selection. */
import type { GraphLayout, Point } from '../../core/graph/graphLayout';
import type { FlowGraph, GraphNode } from '../../core/graph/types';
import type { GraphEditing, GraphEditRequest } from '../../extension/graph/protocol';

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
  /** The version the graph's changes are marked against (`v2 (published)`), when they are. */
  against: string | undefined;
}

export const page: PageState = {
  graph: undefined,
  layout: undefined,
  nodesById: new Map(),
  editing: { mode: 'view' },
  pinned: {},
  selected: null,
  against: undefined,
};

export function byId<T extends Element = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`flow graph page: #${id} is missing`);
  return element as unknown as T;
}

/** A step the other version has and this one does not (a review's ghost): drawn, never selected, revealed or edited. */
export function isGhost(id: string): boolean {
  return page.nodesById.get(id)?.change === 'removed';
}

/** A line of the other version this one no longer has: drawn only. */
export function isGhostLine(element: Element | null | undefined): boolean {
  return !!element?.classList.contains('change-removed');
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
