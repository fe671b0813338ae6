/**
 * The editor experience over flow files: locked versions, CodeLens and the status bar (live
 * problems and the language features come from the language server, ../language/client).
 * Each piece is a Disposable on the extension's subscriptions.
 */
import * as vscode from 'vscode';
import { parseFlowId } from '../../core';
import type { CommandRows } from '../commands/entry';
import type { ExtensionServices } from '../services';
import { FlowCodeLensProvider } from './codeLens';
import type { FlowFiles } from './flowFiles';
import { LockedVersions, lockedReason, type LockedVersion } from './lockedVersions';
import { SaveOnFileSave } from './saveOnFileSave';
import { FlowStatusBar } from './statusBar';

/** The editor features' command handlers, by command id. */
function editorCommandHandlers(
  services: ExtensionServices,
  files: FlowFiles,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- VS Code passes each command its own argument shapes
): Record<string, (...args: any[]) => unknown> {
  return {
    'callflow.explainLocked': async (locked?: LockedVersion & { workspace?: string }) => {
      if (!locked?.flowId) return;
      // Edit and Restore are refused while the flow has a draft: then the way forward is the draft.
      const folder = locked.workspace ? services.workspaces.forRoot(locked.workspace) : undefined;
      const draft = folder ? (await files.flow(folder, locked.flowId))?.draft : undefined;
      const choice = await services.notifications.ask({
        level: 'info',
        message: lockedReason(locked),
        actions: [draft !== undefined ? 'Open Draft' : locked.status === 'published' ? 'Edit' : 'Restore'],
      });
      const args = { workspace: locked.workspace, flowId: locked.flowId };
      if (choice === 'Open Draft')
        await vscode.commands.executeCommand('callflow.openVersion', { ...args, version: draft });
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
      // The flow's manifest lists its versions and their statuses.
      const folder = services.workspaces.forUri(target.root);
      if (!folder) return;
      const manifest = await files.manifestUri(folder, parseFlowId(target.flowId));
      await vscode.window.showTextDocument(manifest, { preview: true });
    },
  };
}

/** What the integration tests read through the extension's test API. */
export interface EditorProbe {
  statusBar(): Promise<{ text: string; tooltip: string | undefined; visible: boolean }>;
}

/** Registers the editor features; returns their rows for the command table and their test probe. */
export function registerEditorFeatures(
  services: ExtensionServices,
  files: FlowFiles,
): { rows: CommandRows; probe: EditorProbe } {
  const codeLens = new FlowCodeLensProvider(files);
  const statusBar = new FlowStatusBar(files);
  services.context.subscriptions.push(
    new LockedVersions(services, files),
    new SaveOnFileSave(services, files),
    statusBar,
    codeLens,
    vscode.languages.registerCodeLensProvider({ pattern: '**/*.yaml' }, codeLens),
  );
  const handlers = editorCommandHandlers(services, files);
  const rows: CommandRows = {
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- forwards VS Code command arguments as given
    'callflow.explainLocked': { run: (_ctx, ...args) => handlers['callflow.explainLocked']!(...args) },
    // eslint-disable-next-line @typescript-eslint/no-unsafe-argument -- forwards VS Code command arguments as given
    'callflow.showCurrentFlow': { run: (_ctx, ...args) => handlers['callflow.showCurrentFlow']!(...args) },
  };
  const probe: EditorProbe = {
    statusBar: async () => {
      await statusBar.update();
      const { item } = statusBar;
      return {
        text: item.text,
        tooltip: typeof item.tooltip === 'string' ? item.tooltip : undefined,
        visible: statusBar.visible,
      };
    },
  };
  return { rows, probe };
}
