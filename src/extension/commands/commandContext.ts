/** What command handlers receive, and the small helpers every handler uses. */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { FlowTreeProvider } from '../tree/flowTreeProvider';
import type { FlowWorkspaceFolder, FlowWorkspaceRegistry } from '../workspaces/flowWorkspaceRegistry';
import { FLOW_TREE_VIEW } from '../tree/flowTreeProvider';

export interface CommandContext extends ExtensionServices {
  readonly workspaces: FlowWorkspaceRegistry;
  readonly tree: FlowTreeProvider;
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

/** Closes editor tabs showing a file, and diff editors with it on either side (after discard deleted it). */
export async function closeTabsOf(uri: vscode.Uri): Promise<void> {
  const key = uri.toString();
  const shows = (input: unknown): boolean =>
    (input instanceof vscode.TabInputText && input.uri.toString() === key) ||
    (input instanceof vscode.TabInputTextDiff &&
      (input.original.toString() === key || input.modified.toString() === key));
  const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => shows(t.input) && !t.isDirty);
  if (tabs.length) await vscode.window.tabGroups.close(tabs);
}
