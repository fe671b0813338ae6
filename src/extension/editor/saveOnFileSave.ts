/**
 * `callflow.saveOnFileSave`: a save the user makes of a draft's file (Ctrl+S) also runs Save &
 * Validate, which validates the draft and records the save in git. Auto-saves never do: with
 * `files.autoSave` every pause in typing would otherwise become a commit.
 */
import * as vscode from 'vscode';
import type { ExtensionServices } from '../services';
import type { FlowFiles } from './flowFiles';

/** Files the lifecycle commands are writing themselves (Save & Validate writes the editor's edits first). */
const writtenByLifecycle = new Set<string>();

/** Writes a document for a lifecycle command, without that write running Save & Validate again. */
export async function saveDocumentForLifecycle(document: vscode.TextDocument): Promise<void> {
  const key = document.uri.toString();
  writtenByLifecycle.add(key);
  try {
    await document.save();
  } finally {
    writtenByLifecycle.delete(key);
  }
}

export class SaveOnFileSave implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  /** Documents whose current save the user made by hand (onWillSave knows the reason, onDidSave does not). */
  private readonly manual = new Set<string>();

  constructor(
    private readonly services: ExtensionServices,
    private readonly files: FlowFiles,
  ) {
    this.disposables.push(
      vscode.workspace.onWillSaveTextDocument((e) => {
        const key = e.document.uri.toString();
        if (e.reason === vscode.TextDocumentSaveReason.Manual && !writtenByLifecycle.has(key)) this.manual.add(key);
        else this.manual.delete(key);
      }),
      vscode.workspace.onDidSaveTextDocument((document) => void this.onSaved(document)),
    );
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  private async onSaved(document: vscode.TextDocument): Promise<void> {
    const byHand = this.manual.delete(document.uri.toString());
    if (!byHand || !this.services.isTrusted()) return;
    if (!this.services.settings.value.saveOnFileSave) return;
    const info = await this.files.describe(document.uri);
    if (!info || info.role.kind !== 'version') return;
    const { flowId, version } = info.role;
    if ((await this.files.statusOf(info.folder, flowId, version)) !== 'draft') return;
    await vscode.commands.executeCommand('callflow.save', { workspace: info.folder.root.fsPath, flowId, version });
  }
}
