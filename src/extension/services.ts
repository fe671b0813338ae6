/**
 * What every part of the extension shares. Built once in activate(); passed to each feature's
 * register function, so features never reach for globals.
 */
import type * as vscode from 'vscode';
import type { FlowWorkspace } from '../core/lifecycle';

/** A folder holding a callflow.yaml, and the core facade over it (opened on first use). */
export interface FlowWorkspaceFolder {
  /** The folder holding callflow.yaml. */
  readonly root: vscode.Uri;
  /** Display name (the VS Code workspace folder's name, or the relative path for nested ones). */
  readonly name: string;
  /** Opens the core facade lazily: activation does no git work. */
  open(): Promise<FlowWorkspace>;
}

export interface FlowWorkspaceRegistry {
  /** Every flow workspace in the window (multi-root: one per folder with a callflow.yaml). */
  all(): readonly FlowWorkspaceFolder[];
  /** Resolves once the flow workspaces have been found (findFiles runs after activation). */
  ready(): Promise<void>;
  /** The flow workspace a file belongs to, if any. */
  forUri(uri: vscode.Uri): FlowWorkspaceFolder | undefined;
  /** Fires when flow files change on disk, HEAD moves, or folders come and go. */
  readonly onDidChange: vscode.Event<void>;
}

export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly workspaces: FlowWorkspaceRegistry;
  /** False in an untrusted workspace: browse and validate only; no git, no writes. */
  isTrusted(): boolean;
}
