/**
 * CodeLens at the top of a version file: a draft offers Save & Validate · Publish · Discard ·
 * Simulate Call; a locked version says why it is read-only and offers Edit (or Open Draft).
 */
import * as vscode from 'vscode';
import type { FlowFiles } from './flowFiles';
import { lockedVersionOf } from './lockedVersions';

export class FlowCodeLensProvider implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly files: FlowFiles) {
    this.subscription = files.onDidChange(() => this.changed.fire());
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
    const info = await this.files.describe(document.uri);
    if (!info || info.role.kind !== 'version') return [];
    const { flowId, version } = info.role;
    const top = new vscode.Range(0, 0, 0, 0);
    const summary = await this.files.flow(info.folder, flowId);
    const status = summary?.versions.find((v) => v.version === version)?.status;
    if (status === 'draft') {
      const target = { workspace: info.folder.root.fsPath, flowId, version };
      return [
        lens(top, '$(check) Save & Validate', 'callflow.save', 'Validate the draft and record the save in git', target),
        lens(
          top,
          '$(rocket) Publish',
          'callflow.publish',
          'Publish this draft (the published version becomes archived)',
          target,
        ),
        lens(top, '$(trash) Discard', 'callflow.discard', 'Delete this draft', target),
        lens(
          top,
          '$(call-outgoing) Simulate Call',
          'callflow.simulateCall',
          'Run a call through this draft, step by step',
          target,
        ),
        lens(
          top,
          '$(call-incoming) Test Call',
          'callflow.testCall',
          'Call this draft as it is in the editor and press keys as the caller',
          target,
        ),
      ];
    }
    const locked = await lockedVersionOf(this.files, document.uri);
    if (!locked) return [];
    const target = { workspace: info.folder.root.fsPath, flowId, version };
    const lenses = [
      lens(
        top,
        `$(lock) ${locked.status === 'published' ? 'Published' : 'Archived'} v${version} · read-only`,
        'callflow.explainLocked',
        'Published and archived versions are locked: change the flow through a new draft',
        { ...target, status: locked.status },
      ),
    ];
    if (summary?.draft !== undefined) {
      lenses.push(
        lens(
          top,
          `$(edit) Open Draft v${summary.draft}`,
          'vscode.open',
          'The flow already has a draft',
          await this.files.versionUri(info.folder, flowId, summary.draft),
        ),
      );
    } else if (locked.status === 'published') {
      lenses.push(
        lens(top, '$(edit) Edit (new draft)', 'callflow.edit', 'Make a new draft as a copy of this version', {
          workspace: target.workspace,
          flowId,
        }),
      );
    } else {
      lenses.push(
        lens(
          top,
          '$(history) Restore (new draft)',
          'callflow.restore',
          'Make a new draft as a copy of this version',
          target,
        ),
      );
    }
    lenses.push(
      lens(
        top,
        '$(call-outgoing) Simulate Call',
        'callflow.simulateCall',
        'Run a call through this version, step by step',
        target,
      ),
    );
    return lenses;
  }
}

function lens(
  range: vscode.Range,
  title: string,
  command: string,
  tooltip: string,
  ...args: unknown[]
): vscode.CodeLens {
  return new vscode.CodeLens(range, { title, command, tooltip, arguments: args });
}
