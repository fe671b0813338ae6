/** What command handlers receive, and the small helpers every handler uses. */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { FlowTreeProvider } from '../tree/flowTreeProvider';
import type { FlowWorkspaceFolder, FlowWorkspaceRegistry } from '../workspaces/flowWorkspaceRegistry';
import { FLOW_TREE_VIEW } from '../tree/flowTreeProvider';

export interface CommandContext extends ExtensionServices {
  readonly workspaces: FlowWorkspaceRegistry;
  readonly tree: FlowTreeProvider;
  readonly notifications: Notifications;
}

export type NotificationLevel = 'info' | 'warning' | 'error';

export interface Notification {
  level: NotificationLevel;
  message: string;
  actions: string[];
  /** The core error's code, when the notification reports one. */
  code?: string;
}

/**
 * Every message the commands show goes through here: logged, published as an event (the
 * extension's API, which integration tests read), and shown without blocking the command.
 */
export class Notifications implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Notification>();
  readonly onDidNotify = this.emitter.event;

  constructor(private readonly log: vscode.LogOutputChannel) {}

  /** Shows the message; `onAction` runs when the user picks one of `actions`. Never waits for the user. */
  show(notification: Notification, onAction?: (action: string) => unknown): void {
    const { level, message, actions } = notification;
    this.log[level === 'info' ? 'info' : level === 'warning' ? 'warn' : 'error'](message);
    this.emitter.fire(notification);
    const show =
      level === 'info'
        ? vscode.window.showInformationMessage
        : level === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showErrorMessage;
    void Promise.resolve(show(message, ...actions)).then(
      async (picked) => {
        if (picked && onAction) await onAction(picked);
      },
      () => undefined,
    );
  }

  info(message: string, actions: Record<string, () => unknown> = {}): void {
    this.show({ level: 'info', message, actions: Object.keys(actions) }, (a) => actions[a]?.());
  }

  warn(message: string, actions: Record<string, () => unknown> = {}, code?: string): void {
    this.show({ level: 'warning', message, actions: Object.keys(actions), ...(code ? { code } : {}) }, (a) =>
      actions[a]?.(),
    );
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

/** Runs lifecycle work with progress on the Call Flows view (or a notification for the slow ones). */
export function withProgress<T>(title: string, task: () => Promise<T>, notification = false): Promise<T> {
  const location = notification ? vscode.ProgressLocation.Notification : { viewId: FLOW_TREE_VIEW };
  return Promise.resolve(vscode.window.withProgress({ location, title }, task));
}

export async function openFile(
  workspace: FlowWorkspaceFolder,
  relative: string | undefined,
  preview = false,
): Promise<void> {
  if (!relative) return;
  await vscode.window.showTextDocument(workspace.uri(relative), { preview });
}

/** The open document of a file, if it has unsaved edits. */
export function dirtyDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => d.isDirty && d.uri.toString() === uri.toString());
}

/** Closes editor tabs showing a file (after discard deleted it). */
export async function closeTabsOf(uri: vscode.Uri): Promise<void> {
  const tabs = vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString() && !t.isDirty);
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}

export function setting<T>(key: string, fallback: T): T {
  return vscode.workspace.getConfiguration('callflow').get<T>(key, fallback);
}
