/**
 * The editor experience over flow files: locked versions, CodeLens and the status bar (live
 * problems and the language features come from the language server, ../language/client).
 * Each piece is a Disposable on the extension's subscriptions.
 */
import * as vscode from 'vscode';
import type { CommandRows } from '../commands/entry';
import type { ExtensionServices } from '../services';
import { FlowCodeLensProvider } from './codeLens';
import { flowFilesFor } from './shared';
import { LockedVersions, lockedReason, type LockedVersion } from './lockedVersions';
import { FlowStatusBar } from './statusBar';

export { flowFilesFor } from './shared';

/** The editor features' command handlers, by command id. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes each command its own argument shapes
export function editorCommandHandlers(services: ExtensionServices): Record<string, (...args: any[]) => unknown> {
  const files = flowFilesFor(services);
  return {
    'callflow.explainLocked': async (locked?: LockedVersion & { workspace?: string }) => {
      if (!locked?.flowId) return;
      const choice = await vscode.window.showInformationMessage(
        lockedReason(locked),
        locked.status === 'published' ? 'Edit' : 'Restore',
      );
      const args = { workspace: locked.workspace, flowId: locked.flowId };
      if (choice === 'Edit') await vscode.commands.executeCommand('callflow.edit', args);
      if (choice === 'Restore')
        await vscode.commands.executeCommand('callflow.restore', { ...args, version: locked.version });
    },
    'callflow.showCurrentFlow': async (target?: { flowId: string; version?: number; root: vscode.Uri }) => {
      if (!target) {
        const uri = vscode.window.activeTextEditor?.document.uri;
        const info = uri && (await files.describe(uri));
        if (!info || !('flowId' in info.role)) return;
        target = {
          flowId: info.role.flowId,
          version: info.role.kind === 'version' ? info.role.version : undefined,
          root: info.folder.root,
        };
      }
      // The tree's own reveal when it offers one; else the flow's manifest, which lists its versions.
      const commands = await vscode.commands.getCommands(true);
      if (commands.includes('callflow.revealInTree')) {
        await vscode.commands.executeCommand('callflow.revealInTree', target);
        return;
      }
      const folder = services.workspaces.forUri(target.root);
      if (!folder) return;
      const manifest = vscode.Uri.joinPath(folder.root, await files.flowsDir(folder), target.flowId, 'flow.yaml');
      await vscode.window.showTextDocument(manifest, { preview: true });
    },
  };
}

/** Registers the editor features; returns their rows for the command table. */
export function registerEditorFeatures(services: ExtensionServices): CommandRows {
  const files = flowFilesFor(services);
  const codeLens = new FlowCodeLensProvider(files);
  const statusBar = new FlowStatusBar(files);
  services.context.subscriptions.push(
    new LockedVersions(services, files),
    statusBar,
    codeLens,
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.yaml' }, codeLens),
  );
  const handlers = editorCommandHandlers(services);
  return {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- forwards VS Code command arguments as given
    'callflow.explainLocked': { run: (_ctx, ...args) => handlers['callflow.explainLocked']!(...args) },
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- forwards VS Code command arguments as given
    'callflow.showCurrentFlow': { run: (_ctx, ...args) => handlers['callflow.showCurrentFlow']!(...args) },
    // Internal (not in the palette): what the integration tests cannot read from the workbench.
    '_callflow.editorState': {
      run: async () => {
        await statusBar.update();
        const { item } = statusBar;
        return {
          statusBar: {
            text: item.text,
            tooltip: typeof item.tooltip === 'string' ? item.tooltip : undefined,
            visible: statusBar.visible,
          },
        };
      },
    },
  };
}
