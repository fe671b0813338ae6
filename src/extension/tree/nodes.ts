/**
 * The nodes of the Call Flows tree, as plain data. Commands receive them as their first argument
 * when invoked from the tree, and resolve the same targets from plain arguments or quick picks.
 */
import type { FlowSummary, NumberAssignment, PendingNumber, VersionDetails } from '../../core';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';

export interface WorkspaceNode {
  readonly kind: 'workspace';
  readonly workspace: FlowWorkspaceFolder;
}

export interface FlowNode {
  readonly kind: 'flow';
  readonly workspace: FlowWorkspaceFolder;
  readonly flow: FlowSummary;
  /** In a workspace with environments: the version each one's callers get (none: not served there). */
  readonly live?: readonly LiveIn[];
}

export interface LiveIn {
  readonly environment: string;
  readonly version?: number;
}

export interface VersionNode {
  readonly kind: 'version';
  readonly workspace: FlowWorkspaceFolder;
  readonly flow: FlowSummary;
  readonly version: VersionDetails;
}

export interface NumbersNode {
  readonly kind: 'numbers';
  readonly workspace: FlowWorkspaceFolder;
  readonly flow: FlowSummary;
  /** The flow's numbers as committed (what callers get), then those a hand edit adds, not committed yet. */
  readonly assignments: readonly NumberAssignment[];
  /** numbers.yaml's uncommitted changes that touch this flow's numbers. */
  readonly pending?: readonly PendingNumber[];
}

export interface NumberNode {
  readonly kind: 'number';
  readonly workspace: FlowWorkspaceFolder;
  readonly flowId: string;
  readonly assignment: NumberAssignment;
  /** The number's uncommitted change in numbers.yaml, when it has one. */
  readonly pending?: PendingNumber;
}

/** Shown when reading a workspace failed (e.g. a broken callflow.yaml), instead of an empty tree. */
export interface ProblemNode {
  readonly kind: 'problem';
  readonly workspace: FlowWorkspaceFolder;
  readonly message: string;
}

export type FlowTreeNode = WorkspaceNode | FlowNode | VersionNode | NumbersNode | NumberNode | ProblemNode;

export function isFlowTreeNode(value: unknown): value is FlowTreeNode {
  const kind = (value as { kind?: unknown } | null)?.kind;
  return (
    typeof kind === 'string' &&
    ['workspace', 'flow', 'version', 'numbers', 'number', 'problem'].includes(kind) &&
    typeof (value as { workspace?: unknown }).workspace === 'object'
  );
}
