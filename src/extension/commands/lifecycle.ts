/** Create, save, publish, edit, discard, restore, duplicate: gestures in, core calls, results out. */
import * as vscode from 'vscode';
import type { OperationResult } from '../../core';
import { plural } from '../tree/presentation';
import { closeTabsOf, dirtyDocument, openFile, setting, withProgress, type CommandContext } from './commandContext';
import { askText, checkDescription, checkFlowName } from './inputs';
import { Cancelled } from '../expectedErrors';
import { draftFile, parseArgs, resolveFlow, resolveVersion, resolveWorkspace, type CommandArgs } from './targets';

export interface NewFlowArgs extends CommandArgs {
  name?: string;
  description?: string;
}

export async function createFlow(ctx: CommandContext, arg?: unknown): Promise<OperationResult> {
  const { args } = parseArgs<NewFlowArgs>(arg);
  const workspace = await resolveWorkspace(ctx, arg);
  const facade = await workspace.open();
  const { name, description } = await askNameAndDescription(
    args,
    new Set((await facade.list()).map((f) => f.id)),
    'Create Flow',
  );
  const result = await withProgress(`Creating flow ${name}…`, () =>
    facade.create(name, description ? { description } : {}),
  );
  ctx.log.info(`create ${result.flowId}: v${result.version} draft from template (commit ${short(result.commit)})`);
  done(ctx);
  await openFile(workspace, result.file);
  ctx.notifications.info(`Created "${name}" (${result.flowId}) with a v${result.version} draft.`);
  return result;
}

export async function saveDraft(ctx: CommandContext, arg?: unknown): Promise<OperationResult> {
  const target = await resolveFlow(ctx, arg, 'with a draft to save', (f) => f.draft !== undefined);
  const file = await draftFile(target);
  // The lifecycle save validates and commits what is on disk: write the editor's edits first.
  const dirty = file ? dirtyDocument(target.workspace.uri(file)) : undefined;
  if (dirty) await dirty.save();
  const result = await withProgress(`Saving ${target.flow.id}…`, () => target.facade.save(target.flow.id));
  const v = result.validation;
  ctx.log.info(
    `save ${result.flowId} v${result.version}: ${v?.valid ? 'valid' : plural(v?.errors ?? 0, 'error')}, ${plural(v?.warnings ?? 0, 'warning')} (commit ${short(result.commit)})`,
  );
  done(ctx);
  if (v && !v.valid) {
    ctx.notifications.warn(
      `Saved v${result.version} of ${target.flow.name} with ${plural(v.errors, 'error')}: fix ${v.errors === 1 ? 'it' : 'them'} before publishing.`,
      {
        'Show Problems': () => showProblems(target.workspace.uri(result.file ?? '')),
      },
      'saved-with-errors',
    );
  } else {
    ctx.notifications.info(
      `Saved v${result.version} of ${target.flow.name}: valid${v?.warnings ? `, ${plural(v.warnings, 'warning')}` : ''}.`,
      {
        Publish: () =>
          vscode.commands.executeCommand('callflow.publish', {
            workspace: target.workspace.root.fsPath,
            flowId: result.flowId,
          }),
      },
    );
  }
  return result;
}

export async function publishDraft(ctx: CommandContext, arg?: unknown): Promise<OperationResult | undefined> {
  const { args } = parseArgs(arg);
  const target = await resolveFlow(ctx, arg, 'with a draft to publish', (f) => f.draft !== undefined);
  const file = await draftFile(target);
  if (file && dirtyDocument(target.workspace.uri(file))) {
    ctx.notifications.warn(
      `${file} has unsaved edits in the editor: Save & Validate them before publishing.`,
      {
        'Save & Validate': () =>
          vscode.commands.executeCommand('callflow.save', {
            workspace: target.workspace.root.fsPath,
            flowId: target.flow.id,
          }),
      },
      'unsaved-editor',
    );
    return undefined;
  }
  const { flow } = target;
  if (!args.confirmed && setting('confirmPublish', true)) {
    const replaces =
      flow.published !== undefined ? ` It replaces v${flow.published} (archived) for every call to its numbers.` : '';
    const confirmed = await ctx.notifications.confirm(
      `Publish v${flow.draft} of "${flow.name}"?`,
      `Calls start following it at once.${replaces}`,
      'Publish',
    );
    if (!confirmed) throw new Cancelled();
  }
  const result = await withProgress(
    `Publishing ${flow.id} v${flow.draft}…`,
    () => target.facade.publish(flow.id),
    true,
  );
  ctx.log.info(
    `publish ${result.flowId} v${result.version}${result.archived ? ` (archives v${result.archived})` : ''}: tag ${result.tag}, commit ${short(result.commit)}`,
  );
  done(ctx);
  ctx.notifications.info(
    `Published v${result.version} of ${flow.name}${result.archived ? `; v${result.archived} is archived` : ''}.`,
  );
  return result;
}

export async function editPublished(ctx: CommandContext, arg?: unknown): Promise<OperationResult> {
  const target = await resolveFlow(ctx, arg, 'to edit', (f) => f.published !== undefined);
  const result = await withProgress(`Starting a draft of ${target.flow.id}…`, () => target.facade.edit(target.flow.id));
  return draftCreated(
    ctx,
    target.workspace,
    result,
    `Started v${result.version} of ${target.flow.name} as a draft (a copy of ${result.createdFrom}).`,
  );
}

export async function discardDraft(ctx: CommandContext, arg?: unknown): Promise<OperationResult | undefined> {
  const { args } = parseArgs(arg);
  const target = await resolveFlow(ctx, arg, 'with a draft to discard', (f) => f.draft !== undefined);
  const file = await draftFile(target);
  if (!args.confirmed) {
    const confirmed = await ctx.notifications.confirm(
      `Discard the v${target.flow.draft} draft of "${target.flow.name}"?`,
      'Its file is deleted; it stays in git history. Version numbers are never reused.',
      'Discard',
    );
    if (!confirmed) throw new Cancelled();
  }
  const result = await withProgress(`Discarding ${target.flow.id} draft…`, () => target.facade.discard(target.flow.id));
  ctx.log.info(`discard ${result.flowId} v${result.version} (commit ${short(result.commit)})`);
  if (file) await closeTabsOf(target.workspace.uri(file));
  done(ctx);
  ctx.notifications.info(`Discarded the v${result.version} draft of ${target.flow.name}.`);
  return result;
}

export async function restoreVersion(ctx: CommandContext, arg?: unknown): Promise<OperationResult> {
  const target = await resolveVersion(ctx, arg, ['archived'], 'restore');
  const result = await withProgress(`Restoring ${target.flow.id} v${target.version}…`, () =>
    target.facade.restore(target.flow.id, target.version),
  );
  return draftCreated(
    ctx,
    target.workspace,
    result,
    `Restored v${target.version} of ${target.flow.name} as the v${result.version} draft.`,
  );
}

export async function duplicateVersion(ctx: CommandContext, arg?: unknown): Promise<OperationResult> {
  const { args } = parseArgs<NewFlowArgs>(arg);
  const target = await resolveVersion(ctx, arg, ['published', 'archived'], 'duplicate');
  const taken = new Set((await target.facade.list()).map((f) => f.id));
  const { name, description } = await askNameAndDescription(
    { ...args, name: args.name },
    taken,
    `Duplicate ${target.flow.id} v${target.version} to a new flow`,
    `Copy of ${target.flow.name}`,
  );
  const result = await withProgress(`Duplicating ${target.flow.id} v${target.version}…`, () =>
    target.facade.duplicate(target.flow.id, target.version, name, description ? { description } : {}),
  );
  return draftCreated(
    ctx,
    target.workspace,
    result,
    `Created "${name}" (${result.flowId}) from v${target.version} of ${target.flow.name}.`,
  );
}

/** Opens a version's file: `{ flowId, version }` (the "Open Draft" action uses it). */
export async function openVersion(ctx: CommandContext, arg?: unknown): Promise<void> {
  const target = await resolveVersion(ctx, arg, ['draft', 'published', 'archived'], 'open');
  const details = await target.facade.show(target.flow.id);
  await openFile(target.workspace, details.versions.find((v) => v.version === target.version)?.file);
}

async function draftCreated(
  ctx: CommandContext,
  workspace: Parameters<typeof openFile>[0],
  result: OperationResult,
  message: string,
): Promise<OperationResult> {
  ctx.log.info(
    `${result.action} ${result.flowId}: v${result.version} draft from ${result.createdFrom} (commit ${short(result.commit)})`,
  );
  done(ctx);
  await openFile(workspace, result.file);
  ctx.notifications.info(message);
  return result;
}

async function askNameAndDescription(
  args: NewFlowArgs,
  taken: ReadonlySet<string>,
  title: string,
  suggestedName?: string,
): Promise<{ name: string; description?: string }> {
  const name =
    args.name ??
    (await askText({
      title: `${title} (1/2)`,
      prompt: 'Flow name',
      placeholder: 'e.g. Support Line',
      value: suggestedName ?? '',
      check: (value) => checkFlowName(value, taken),
    }));
  if (args.name !== undefined)
    return args.description !== undefined ? { name, description: args.description } : { name };
  const description = await askText({
    title: `${title} (2/2)`,
    prompt: 'Description (optional)',
    placeholder: 'What the flow is for',
    check: (value) => ({ problem: checkDescription(value) }),
  });
  return description ? { name, description } : { name };
}

async function showProblems(uri: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(uri);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

function done(ctx: CommandContext): void {
  ctx.workspaces.fireChanged();
}

export function short(commit: string | undefined): string {
  return commit ? commit.slice(0, 7) : '-';
}
