/**
 * The graph a panel draws of its version file: validated in its workspace's goto-flow context, a
 * simulated call's path overlaid, marked against another version when a review asks, and editable
 * unless the version is locked.
 */
import * as vscode from 'vscode';
import {
  buildFlowGraph,
  queuesInFlowText,
  validateFlowText,
  type FlowGraph,
  type PathStep,
  type WorkspaceContext,
} from '../../core';
import type { LockedVersion } from '../editor/lockedVersions';
import type { GraphEditing } from './protocol';
import { workspaceQueues } from './queues';

/** The graph shown against another version of the flow: what changed is marked, what is gone ghosted. */
export interface ChangesOverlay {
  /** The other (older) version's file, as its document holds it. */
  older: vscode.Uri;
  /** `v2 (published)`, for the legend. */
  against: string;
}

export interface SimulationPathOverlay {
  steps: readonly PathStep[];
  /** Only the steps of this flow (a call may continue in another flow). */
  flow?: string;
  /** The step a test call is in now. */
  current?: string;
}

/** What the graph of a file is drawn from besides its text. */
export interface DocumentGraphSources {
  /** The goto-flow validation context of the file's workspace, so the graph marks those problems too. */
  readonly validationContext?: (uri: vscode.Uri) => Promise<WorkspaceContext | undefined>;
  /** The locked (published or archived) version a file is, if it is one: its canvas is read-only. */
  readonly lockedVersion?: (uri: vscode.Uri) => Promise<LockedVersion | undefined>;
}

export interface DocumentGraph {
  graph: FlowGraph;
  editing: GraphEditing;
  /** The queues used in the workspace's flows, for the queue picker. */
  queues: string[];
}

/** The file's graph with its problems and the path overlaid; changes against another version are marked after. */
export async function documentGraph(
  uri: vscode.Uri,
  text: string,
  sources: DocumentGraphSources,
  pathOverlay: SimulationPathOverlay | undefined,
): Promise<DocumentGraph> {
  const file = vscode.workspace.asRelativePath(uri, false);
  const context = await sources.validationContext?.(uri).catch(() => undefined);
  const { problems } = validateFlowText(text, file, context);
  const locked = await sources.lockedVersion?.(uri).catch(() => undefined);
  const queues = await workspaceQueues(uri, text).catch(() => queuesInFlowText(text));
  const editing: GraphEditing = locked
    ? { mode: 'locked', status: locked.status, reason: lockedReasonShort(locked) }
    : { mode: 'editable' };
  const graph = buildFlowGraph(
    text,
    problems,
    pathOverlay ? { path: pathOverlay.steps, flow: pathOverlay.flow, current: pathOverlay.current } : {},
  );
  return { graph, editing, queues };
}

/**
 * The text of the version the graph is marked against; when it cannot be read (its file is gone, e.g.
 * a panel restored after a reload), undefined, saying why in the log: the caller drops the overlay.
 */
export async function olderVersionText(
  uri: vscode.Uri,
  overlay: ChangesOverlay,
  log: vscode.LogOutputChannel | undefined,
): Promise<string | undefined> {
  try {
    return (await vscode.workspace.openTextDocument(overlay.older)).getText();
  } catch (err) {
    log?.warn(
      `Flow graph of ${vscode.workspace.asRelativePath(uri, false)}: the changes against ${overlay.against} are not shown, ` +
        `${vscode.workspace.asRelativePath(overlay.older, false)} cannot be read (${err instanceof Error ? err.message : String(err)}). ` +
        'Compare the versions again, then Show Changes in Graph.',
    );
    return undefined;
  }
}

/** The changes marked on a graph: each marked step and exit (edge id) with its mark. */
export function marks(graph: FlowGraph): { steps: Record<string, string>; exits: Record<string, string> } {
  return {
    steps: Object.fromEntries(graph.nodes.flatMap((n) => (n.change ? [[n.id, n.change]] : []))),
    exits: Object.fromEntries(graph.edges.flatMap((e) => (e.change ? [[e.id, e.change]] : []))),
  };
}

function lockedReasonShort(locked: LockedVersion): string {
  return `${locked.flowId} v${locked.version} is ${locked.status}: it is locked, so the canvas only shows it. Make a new draft to change the flow.`;
}

/** `support-line v3` from flows/support-line/v3.yaml. */
export function graphTitle(uri: vscode.Uri): string {
  const parts = uri.path.split('/');
  const file = parts[parts.length - 1] ?? '';
  const flow = parts[parts.length - 2];
  return flow ? `${flow} ${file.replace(/\.yaml$/, '')}` : file;
}
