/** Initialize a flow workspace, Refresh, Show Log. */
import * as vscode from 'vscode';
import type { InitResult } from '../../core';
import { initFlowWorkspace } from '../../platform/openFlowWorkspace';
import { withProgress, type CommandContext } from '../commands/commandContext';
import { short } from './lifecycleCommands';
import { Cancelled } from '../expectedErrors';

export interface InitArgs {
  /** Absolute path of the folder to make a flow workspace. */
  folder?: string;
}

export async function initWorkspace(ctx: CommandContext, arg?: unknown): Promise<InitResult> {
  const folder = (arg as InitArgs | undefined)?.folder ?? (await pickFolder(ctx));
  const { result } = await withProgress(
    `Initializing a flow workspace in ${folder}…`,
    () => initFlowWorkspace(folder),
    true,
  );
  ctx.log.info(
    `init ${result.root}${result.createdRepository ? ' (new git repository)' : ''} (commit ${short(result.commit)})`,
  );
  await ctx.workspaces.rescan('initialized a workspace');
  ctx.notifications.info(`${result.root} is a flow workspace now.`, {
    'Create a Flow': () => vscode.commands.executeCommand('callflow.createFlow', { workspace: result.root }),
  });
  return result;
}

export async function refresh(ctx: CommandContext): Promise<void> {
  ctx.log.info('refresh');
  await ctx.workspaces.rescan('refresh');
}

export function showLog(ctx: CommandContext): void {
  ctx.log.show(true);
}

async function pickFolder(ctx: CommandContext): Promise<string> {
  await ctx.workspaces.ready();
  const taken = new Set(ctx.workspaces.all().map((w) => w.root.toString()));
  const free = (vscode.workspace.workspaceFolders ?? []).filter((f) => !taken.has(f.uri.toString()));
  if (free.length === 1) return free[0]!.uri.fsPath;
  if (free.length > 1) {
    const picked = await vscode.window.showQuickPick(
      free.map((f) => ({ label: f.name, description: f.uri.fsPath, folder: f })),
      { title: 'Initialize a flow workspace in' },
    );
    if (!picked) throw new Cancelled();
    return picked.folder.uri.fsPath;
  }
  const chosen = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    openLabel: 'Initialize Here',
    title: 'Initialize a flow workspace',
  });
  if (!chosen?.[0]) throw new Cancelled();
  return chosen[0].fsPath;
}
