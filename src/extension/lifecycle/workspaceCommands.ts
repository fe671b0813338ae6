/** Initialize a flow workspace, Refresh, Show Log. */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { InitResult } from '../../core';
import { initFlowWorkspace } from '../../platform/openFlowWorkspace';
import { withProgress, type CommandContext } from '../commands/commandContext';
import { short } from './lifecycleCommands';
import { Cancelled } from '../expectedErrors';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';

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
  const initialized = ctx.workspaces.forRoot(result.root);
  const said = `${result.root} is a flow workspace now.`;
  if (!initialized || (await flowCount(initialized)) > 0) ctx.notifications.info(said);
  else {
    // A toast with progress shows one line: the folder's name leaves room for the link.
    // The hint to create a flow is done with once one exists, however it was made: it goes, for good.
    const args = encodeURIComponent(JSON.stringify([{ workspace: result.root }]));
    ctx.notifications.showUntil(
      `${path.basename(result.root)} is a flow workspace now. [Create a Flow](command:callflow.createFlow?${args})`,
      firstFlow(ctx, initialized),
    );
  }
  return result;
}

/** Resolves once the workspace holds a flow (or is gone from the window). */
function firstFlow(ctx: CommandContext, folder: FlowWorkspaceFolder): Promise<void> {
  return new Promise((resolve) => {
    const subscription = ctx.workspaces.onDidChange(async () => {
      const current = ctx.workspaces.forRoot(folder.root.fsPath);
      if (current && (await flowCount(current)) === 0) return;
      subscription.dispose();
      resolve();
    });
    ctx.context.subscriptions.push(subscription);
  });
}

async function flowCount(folder: FlowWorkspaceFolder): Promise<number> {
  return (await (await folder.open()).list().catch(() => [])).length;
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
