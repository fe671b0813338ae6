/**
 * Published and archived version files are locked (flow format section 2): they open read-only
 * for the session, and a change that gets in anyway (the editor made writeable, another tool's
 * edit) is answered with why, and with Edit (a new draft) or Revert.
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import { errorText, type FlowFiles } from './flowFiles';

export interface LockedVersion {
  flowId: string;
  version: number;
  status: 'published' | 'archived';
}

/** The locked version a document shows, if it shows one. */
export async function lockedVersionOf(files: FlowFiles, uri: vscode.Uri): Promise<LockedVersion | undefined> {
  const info = await files.describe(uri);
  if (!info || info.role.kind !== 'version') return undefined;
  const status = await files.statusOf(info.folder, info.role.flowId, info.role.version);
  if (status !== 'published' && status !== 'archived') return undefined;
  return { flowId: info.role.flowId, version: info.role.version, status };
}

export function lockedReason(locked: LockedVersion): string {
  return (
    `${locked.flowId} v${locked.version} is ${locked.status}: published and archived versions are locked, ` +
    'so what calls follow and what `callflow verify` checks stay exactly as published. To change the flow, make a new draft with Edit.'
  );
}

export class LockedVersions implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Documents warned about, so one burst of changes gets one message. */
  private readonly warned = new Set<string>();
  /**
   * Files already made read-only: the session's read-only state belongs to the file, not the
   * editor, and a version never becomes a draft again, so each is locked once. Locking again
   * would only risk the command reaching an editor that became active meanwhile.
   */
  private readonly locked = new Set<string>();

  constructor(
    private readonly services: ExtensionServices,
    private readonly files: FlowFiles,
  ) {
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor((editor) => void this.lockIfNeeded(editor)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) void this.onChange(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.warned.delete(doc.uri.toString())),
      // A publish turns the open draft into a locked version.
      files.onDidChange(() => void this.lockIfNeeded(vscode.window.activeTextEditor)),
    );
    void this.lockIfNeeded(vscode.window.activeTextEditor);
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /** Makes the active editor read-only for the session when it shows a locked version. */
  async lockIfNeeded(editor: vscode.TextEditor | undefined): Promise<void> {
    if (!editor) return;
    const key = editor.document.uri.toString();
    if (this.locked.has(key)) return;
    try {
      const locked = await lockedVersionOf(this.files, editor.document.uri);
      // The command acts on whatever editor is active now: only when it is still this one.
      if (!locked || this.locked.has(key) || vscode.window.activeTextEditor?.document.uri.toString() !== key) return;
      this.locked.add(key);
      await vscode.commands.executeCommand('workbench.action.files.setActiveEditorReadonlyInSession');
    } catch (err) {
      this.services.log.warn(`Could not make ${editor.document.uri.fsPath} read-only: ${errorText(err)}`);
    }
  }

  /**
   * Edit from a change typed into a locked version: the new draft (a copy of the published version)
   * takes the typed text, so nothing typed is lost, and the locked file's editor goes back to what
   * was published, without a note about it.
   */
  private async editWith(
    doc: vscode.TextDocument,
    locked: LockedVersion,
    workspace: string | undefined,
  ): Promise<void> {
    const typed = doc.getText();
    const result = await vscode.commands.executeCommand<{ file?: string } | undefined>('callflow.edit', {
      workspace,
      flowId: locked.flowId,
    });
    const folder = this.services.workspaces.forUri(doc.uri);
    if (!result?.file || !folder) return;
    if (doc.isDirty) {
      await vscode.window.showTextDocument(doc, { preview: false, preserveFocus: false });
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    const draft = await vscode.workspace.openTextDocument(folder.uri(result.file));
    const all = new vscode.Range(draft.positionAt(0), draft.positionAt(draft.getText().length));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(draft.uri, all, typed);
    await vscode.workspace.applyEdit(edit);
    await vscode.window.showTextDocument(draft, { preview: false });
  }

  private async onChange(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    if (this.warned.has(key)) return;
    const locked = await lockedVersionOf(this.files, doc.uri);
    if (!locked) return;
    // Undo back to the saved text is the way out, not a change to warn about.
    if (!doc.isDirty) return;
    this.warned.add(key);
    const choice = await this.services.notifications.ask({
      level: 'warning',
      message: lockedReason(locked),
      actions: ['Edit', 'Revert File'],
    });
    this.warned.delete(key);
    const workspace = this.services.workspaces.forUri(doc.uri)?.root.fsPath;
    if (choice === 'Edit') await this.editWith(doc, locked, workspace);
    if (choice === 'Revert File') {
      // Back to the bytes of the publish tag, not to a disk file that may have been changed too.
      await vscode.commands.executeCommand('callflow.restoreLockedVersion', {
        workspace,
        flowId: locked.flowId,
        version: locked.version,
        confirmed: true,
      });
      this.locked.delete(doc.uri.toString());
      await this.lockIfNeeded(vscode.window.activeTextEditor);
    }
  }
}
