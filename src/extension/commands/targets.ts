/**
 * What a command acts on. From the tree it gets a node; from a test or a keybinding, plain
 * arguments ({ flowId, version, ... }); from the palette nothing, and asks with a quick pick
 * (defaulting to the flow of the active editor).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseFlowId, type FlowSummary, type FlowWorkspace, type VersionStatus } from '../../core';
import { isFlowTreeNode, type FlowTreeNode } from '../tree/nodes';
import { flowSummaryText } from '../tree/presentation';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';
import type { CommandContext } from './commandContext';
import { Cancelled, ExpectedError, NoWorkspaceError } from '../expectedErrors';

/** Plain arguments any command accepts (all optional; whatever is missing is asked for). */
export interface CommandArgs {
  /** Absolute path of the flow workspace (the folder with callflow.yaml). */
  workspace?: string;
  flowId?: string;
  version?: number;
  /** Skip confirmation dialogs (discard, publish). */
  confirmed?: boolean;
}

export interface FlowTarget {
  workspace: FlowWorkspaceFolder;
  facade: FlowWorkspace;
  flow: FlowSummary;
}

export interface VersionTarget extends FlowTarget {
  version: number;
}

/** Turns a command's first argument into a node or plain args. */
export function parseArgs<T extends CommandArgs>(arg: unknown): { node?: FlowTreeNode; args: T } {
  if (isFlowTreeNode(arg)) return { node: arg, args: {} as T };
  if (arg instanceof vscode.Uri) return { args: {} as T };
  return { args: (typeof arg === 'object' && arg !== null ? arg : {}) as T };
}

export async function resolveWorkspace(ctx: CommandContext, arg: unknown): Promise<FlowWorkspaceFolder> {
  const { node, args } = parseArgs(arg);
  if (node) return node.workspace;
  await ctx.workspaces.ready();
  if (args.workspace) {
    const found = ctx.workspaces.forRoot(args.workspace);
    if (!found)
      throw new ExpectedError(
        'unknown-workspace',
        `${args.workspace} is not a flow workspace open in this window.`,
        'Open its folder, or pick a flow workspace of this window.',
      );
    return found;
  }
  const all = ctx.workspaces.all();
  if (all.length === 0) throw new NoWorkspaceError();
  const active = activeUri(arg);
  const fromEditor = active && ctx.workspaces.forUri(active);
  if (fromEditor) return fromEditor;
  if (all.length === 1) return all[0]!;
  const picked = await vscode.window.showQuickPick(
    all.map((w) => ({ label: w.name, description: w.root.fsPath, workspace: w })),
    { title: 'Choose a flow workspace', placeHolder: 'Flow workspace' },
  );
  if (!picked) throw new Cancelled();
  return picked.workspace;
}

/**
 * The flow a command acts on. `accept` filters the flows offered (e.g. only flows with a draft)
 * and returns why a given flow does not fit, which becomes the error when one was named.
 */
export async function resolveFlow(
  ctx: CommandContext,
  arg: unknown,
  what: string,
  accept?: (flow: FlowSummary) => boolean,
  options: { alwaysAsk?: boolean } = {},
): Promise<FlowTarget> {
  const { node, args } = parseArgs(arg);
  const workspace = await resolveWorkspace(ctx, arg);
  const facade = await workspace.open();
  const flows = await facade.list();
  // The active editor's flow is the default only when it fits the command; otherwise ask.
  const editorFile = await editorVersionFile(workspace, facade, arg);
  const editorFlow = flows.find((f) => f.id === editorFile?.flowId);
  const flowId =
    node && 'flow' in node
      ? node.flow.id
      : node?.kind === 'number'
        ? node.flowId
        : (args.flowId ??
          (!options.alwaysAsk && editorFlow && (!accept || accept(editorFlow)) ? editorFlow.id : undefined));
  if (flowId) {
    const flow = flows.find((f) => f.id === flowId);
    // An unknown id goes to the core, whose error has the "did you mean".
    if (!flow) return { workspace, facade, flow: await facade.show(parseFlowId(flowId)) };
    return { workspace, facade, flow };
  }
  // The editor's flow, when it fits, is offered first and says so: never chosen silently.
  const candidates = flows
    .filter((f) => !accept || accept(f))
    .sort((a, b) => Number(b === editorFlow) - Number(a === editorFlow) || a.name.localeCompare(b.name));
  if (candidates.length === 0)
    throw new ExpectedError(
      'no-such-flow',
      `No flow ${what}.`,
      'The Call Flows view shows every flow and its versions.',
    );
  const picked = await vscode.window.showQuickPick(
    candidates.map((flow) => ({
      label: flow.name,
      description: flow === editorFlow ? `${flow.id} · open in the editor` : flow.id,
      detail: flowSummaryText(flow),
      flow,
    })),
    { title: `Choose a flow ${what}`, placeHolder: 'Flow name or id', matchOnDescription: true },
  );
  if (!picked) throw new Cancelled();
  return { workspace, facade, flow: picked.flow };
}

/** A version of the flow with one of `statuses`; asks when the argument names none. */
export async function resolveVersion(
  ctx: CommandContext,
  arg: unknown,
  statuses: readonly VersionStatus[],
  what: string,
  acceptFlow: (flow: FlowSummary) => boolean = () => true,
): Promise<VersionTarget> {
  const { node, args } = parseArgs(arg);
  // Pickers offer only flows where the command can run (e.g. Restore: no draft); a flow named
  // outright goes to the core, whose refusal says what to do instead.
  const target = await resolveFlow(
    ctx,
    arg,
    `with a version to ${what}`,
    (f) => acceptFlow(f) && f.versions.some((v) => (statuses as string[]).includes(v.status)),
  );
  const editorFile = await editorVersionFile(target.workspace, target.facade, arg);
  const editorVersion = editorFile?.flowId === target.flow.id ? editorFile.version : undefined;
  const fromEditor = target.flow.versions.some(
    (v) => v.version === editorVersion && (statuses as string[]).includes(v.status),
  )
    ? editorVersion
    : undefined;
  const version = node?.kind === 'version' ? node.version.version : (args.version ?? fromEditor);
  if (version !== undefined) return { ...target, version };
  const candidates = target.flow.versions
    .filter((v) => (statuses as string[]).includes(v.status))
    .sort((a, b) => b.version - a.version);
  if (candidates.length === 0)
    throw new ExpectedError(
      'no-such-version',
      `${target.flow.name} has no ${statuses.join(' or ')} version to ${what}.`,
      'The Call Flows view shows its versions and their statuses.',
    );
  if (candidates.length === 1) return { ...target, version: candidates[0]!.version };
  const picked = await vscode.window.showQuickPick(
    candidates.map((v) => ({
      label: `v${v.version}`,
      description: v.status,
      detail: v.publishedAt ? `published ${v.publishedAt}` : undefined,
      version: v.version,
    })),
    { title: `${target.flow.name}: choose a version to ${what}` },
  );
  if (!picked) throw new Cancelled();
  return { ...target, version: picked.version };
}

/** The draft's file path of a flow, from the core. */
export async function draftFile(target: FlowTarget): Promise<string | undefined> {
  const details = await target.facade.show(target.flow.id);
  return details.versions.find((v) => v.status === 'draft')?.file;
}

function activeUri(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  return vscode.window.activeTextEditor?.document.uri;
}

/** The flow and version of the active editor's version file (`<flowsDir>/<id>/v3.yaml`), as the core reads the path. */
async function editorVersionFile(
  workspace: FlowWorkspaceFolder,
  facade: FlowWorkspace,
  arg: unknown,
): Promise<{ flowId: string; version: number } | undefined> {
  const uri = activeUri(arg);
  if (!uri || uri.scheme !== workspace.root.scheme) return undefined;
  const relative = path.posix.relative(workspace.root.path, uri.path);
  if (relative.startsWith('..')) return undefined;
  const role = await facade.fileRole(relative).catch(() => undefined);
  return role?.kind === 'version' ? { flowId: role.flowId, version: role.version } : undefined;
}
