/**
 * What every part of the extension shares. Built once in activate(); passed to each feature's
 * register function, so features never reach for globals.
 */
import type * as vscode from 'vscode';
import type { Notifications } from './notifications';
import type { Settings } from './settings';
import type { FlowWorkspaceRegistry } from './workspaces/flowWorkspaceRegistry';

export interface ExtensionServices {
  readonly context: vscode.ExtensionContext;
  readonly log: vscode.LogOutputChannel;
  readonly workspaces: FlowWorkspaceRegistry;
  /** The one path for messages to the user. */
  readonly notifications: Notifications;
  /** `callflow.*`, current, with an event when they change. */
  readonly settings: Settings;
  /** False in an untrusted workspace: browse and validate only; no git, no writes. */
  isTrusted(): boolean;
}
