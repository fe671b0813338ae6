/** The status bar item: the current file's flow, version and status; a click shows the flow. */
import * as vscode from 'vscode';
import type { LedgerStatus } from '../../core';
import type { FlowFiles, FlowFileInfo } from './flowFiles';

const STATUS_ICONS: Record<LedgerStatus, string> = {
  draft: '$(edit)',
  published: '$(lock)',
  archived: '$(archive)',
  discarded: '$(trash)',
};

/** "$(edit) support-line v3 · draft" (and "· changes not yet saved as v3" when the file changed since its save) */
export function statusBarText(
  flowId: string,
  version: number | undefined,
  status: LedgerStatus | undefined,
  changedSinceSave = false,
): string {
  if (version === undefined) return `$(type-hierarchy) ${flowId}`;
  const unsaved = status === 'draft' && changedSinceSave ? ` · changes not yet saved as v${version}` : '';
  return `${status ? STATUS_ICONS[status] : '$(question)'} ${flowId} v${version} · ${status ?? 'not in the manifest'}${unsaved}`;
}

export class FlowStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('callflow.currentFlow', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private generation = 0;
  /** Whether the item is shown (StatusBarItem has no getter for it). */
  visible = false;

  constructor(private readonly files: FlowFiles) {
    this.item.name = 'Call Flow: current flow';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => void this.update()),
      files.onDidChange(() => void this.update()),
    );
    void this.update();
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  async update(): Promise<void> {
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    const info = editor ? await this.files.describe(editor.document.uri) : undefined;
    const shown = info && 'flowId' in info.role ? await this.describe(info) : undefined;
    if (generation !== this.generation) return; // a newer editor won the race
    if (!shown) {
      this.item.hide();
      this.visible = false;
      return;
    }
    this.item.text = shown.text;
    this.item.tooltip = shown.tooltip;
    this.item.command = { title: 'Show Flow', command: 'callflow.showCurrentFlow', arguments: [shown.target] };
    this.item.show();
    this.visible = true;
  }

  private async describe(info: FlowFileInfo): Promise<{ text: string; tooltip: string; target: unknown } | undefined> {
    if (!('flowId' in info.role)) return undefined;
    const { flowId } = info.role;
    const summary = await this.files.flow(info.folder, flowId);
    const version = info.role.kind === 'version' ? info.role.version : undefined;
    const status = version === undefined ? undefined : summary?.versions.find((v) => v.version === version)?.status;
    const name = summary?.name ?? flowId;
    // "Saved" is Save & Validate's (recorded in git): the editor's save only writes the file.
    const changedSinceSave =
      status === 'draft' &&
      (await this.files.workspace(info.folder).then(
        async (ws) => (await ws.show(flowId)).versions.find((v) => v.version === version)?.changedSinceSave === true,
        () => false,
      ));
    const unsaved = changedSinceSave
      ? `; the file has changes not yet saved as v${version} (Save & Validate records them in git)`
      : '';
    const tooltip =
      version === undefined
        ? `${name}: click to show the flow in Call Flows`
        : `${name}, version ${version}: ${status ?? 'not in the flow manifest'}${status === 'published' || status === 'archived' ? ' (read-only)' : ''}${unsaved}. Click to show it in Call Flows.`;
    return {
      text: statusBarText(flowId, version, status, changedSinceSave),
      tooltip,
      target: { flowId, version, root: info.folder.root },
    };
  }
}
