/**
 * What every part of the extension shares. Built once in activate(); passed to each feature's
 * register function, so features never reach for globals.
 */
import type * as vscode from 'vscode';
import type { FlowWorkspaceRegistry } from './workspaces/flowWorkspaceRegistry';

export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly workspaces: FlowWorkspaceRegistry;
  /** False in an untrusted workspace: browse and validate only; no git, no writes. */
  isTrusted(): boolean;
}
