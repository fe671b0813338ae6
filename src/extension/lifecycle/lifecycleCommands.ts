/** Create, save, publish, roll back, edit, discard, restore, duplicate: gestures in, core calls, results out. */
import * as vscode from 'vscode';
import {
  flowIdFromName,
  planPublish,
  planRollback,
  publishPlanWording,
  type OperationResult,
  type PublishPlan,
  plural,
} from '../../core';
import { closeTabsOf, dirtyDocument, openFile, withProgress, type CommandContext } from '../commands/commandContext';
import { saveDocumentForLifecycle } from '../editor/saveOnFileSave';
import { askText, checkDescription, checkFlowId, checkFlowName } from '../commands/inputs';
import { Cancelled } from '../expectedErrors';
import { planDocuments } from './planDocument';
import {
  draftFile,
  parseArgs,
  resolveFlow,
  resolveVersion,
  resolveWorkspace,
  type CommandArgs,
} from '../commands/targets';

export interface NewFlowArgs extends CommandArgs {
  name?: string;
  description?: string;
  /** The flow id, for names no id can be derived from (asked for when missing). */
  id?: string;
}

export async function createFlow(ctx: CommandContext, arg?: unknown): Promise<OperationResult> {
  const { args } = parseArgs<NewFlowArgs>(arg);
  const workspace = await resolveWorkspace(ctx, arg);
  const facade = await workspace.open();
  const { name, ...options } = await askNameAndDescription(
    args,
    new Set((await facade.list()).map((f) => f.id)),
    'Create Flow',
  );
  const result = await withProgress(`Creating flow ${name}…`, () => facade.create(name, options));
  ctx.log.info(`create ${result.flowId}: v${result.version} draft from template (commit ${short(result.commit)})`);
  await openFile(workspace, result.file);
  ctx.notifications.info(`Created "${name}" (${result.flowId}) with a v${result.version} draft.`);
  return result;
}

export async function saveDraft(ctx: CommandContext, arg?: unknown): Promise<OperationResult> {
  const { args } = parseArgs(arg);
  const target = await resolveFlow(ctx, arg, 'with a draft to save', (f) => f.draft !== undefined);
  const file = await draftFile(target);
  // The lifecycle save validates and commits what is on disk: write the editor's edits first.
  const dirty = file ? dirtyDocument(target.workspace.uri(file)) : undefined;
  if (dirty) await saveDocumentForLifecycle(dirty);
  const result = await withProgress(`Saving ${target.flow.id}…`, () =>
    target.facade.save(target.flow.id, boundVersion(args)),
  );
  const v = result.validation;
  ctx.log.info(
    `save ${result.flowId} v${result.version}: ${v?.valid ? 'valid' : plural(v?.errors ?? 0, 'error')}, ${plural(v?.warnings ?? 0, 'warning')} (commit ${short(result.commit)})`,
  );
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
        // Bound to this version: a later draft (a restore, an edit) is never published from here.
        Publish: () =>
          vscode.commands.executeCommand('callflow.publish', {
            workspace: target.workspace.root.fsPath,
            flowId: result.flowId,
            version: result.version,
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
    const version = args.version ?? target.flow.draft;
    ctx.notifications.warn(
      `${file} has edits in the editor, not yet saved as v${version}: Save & Validate them before publishing.`,
      {
        'Save & Validate': () =>
          vscode.commands.executeCommand('callflow.save', {
            workspace: target.workspace.root.fsPath,
            flowId: target.flow.id,
            ...boundVersion(args),
          }),
      },
      'unsaved-editor',
    );
    return undefined;
  }
  const { flow } = target;
  // Every check first: the question is asked only when publishing can succeed, and names what it does.
  const preview = await withProgress(`Checking ${flow.id} v${args.version ?? flow.draft}…`, () =>
    planPublish(target.facade, flow.id, boundVersion(args)),
  );
  await confirmGoingLive(ctx, args, preview, 'Publish');
  const result = await withProgress(
    `Publishing ${flow.id} v${preview.version}…`,
    () => target.facade.publish(flow.id, { version: preview.version }),
    true,
  );
  ctx.log.info(
    `publish ${result.flowId} v${result.version}${result.archived ? ` (archives v${result.archived})` : ''}: tag ${result.tag}, commit ${short(result.commit)}`,
  );
  ctx.notifications.info(
    `Published v${result.version} of ${flow.name}${result.archived ? `; v${result.archived} is archived` : ''}.`,
  );
  return result;
}

/** Roll Back to This Version: a copy of an archived version published as a new version (a draft stays). */
export async function rollbackToVersion(ctx: CommandContext, arg?: unknown): Promise<OperationResult> {
  const { args } = parseArgs(arg);
  const target = await resolveVersion(ctx, arg, ['archived'], 'roll back to', (f) => f.published !== undefined);
  const preview = await withProgress(`Checking v${target.version} of ${target.flow.id}…`, () =>
    planRollback(target.facade, target.flow.id, target.version),
  );
  await confirmGoingLive(ctx, args, preview, 'Roll Back');
  const result = await withProgress(
    `Rolling ${target.flow.id} back to v${target.version}…`,
    () => target.facade.rollback(target.flow.id, target.version),
    true,
  );
  ctx.log.info(
    `rollback ${result.flowId} to v${target.version} as v${result.version} (archives v${result.archived}): tag ${result.tag}, commit ${short(result.commit)}`,
  );
  ctx.notifications.info(
    `Rolled ${target.flow.name} back to v${target.version}: v${result.version}, a copy of it, is published; v${result.archived} is archived.`,
  );
  return result;
}

/** The confirmation's button that lists every changed journey and warning, then asks again. */
export const SHOW_ALL = 'Show All';

/**
 * The one confirmation of a gesture that changes what callers hear (setting `callflow.confirmPublish`):
 * the core's words for the plan, the first changed journeys in the question, "Show All" opening
 * the whole list beside it before asking again.
 */
async function confirmGoingLive(
  ctx: CommandContext,
  args: CommandArgs,
  plan: PublishPlan,
  action: string,
): Promise<void> {
  if (args.confirmed || !ctx.settings.value.confirmPublish) return;
  const wording = publishPlanWording(plan);
  const listed = plan.journeys.length > 0 || plan.warnings.length > 0;
  for (;;) {
    const answer = await ctx.notifications.choose(
      wording.question,
      wording.sentences.join('\n\n'),
      listed ? [action, SHOW_ALL] : [action],
    );
    if (answer === action) return;
    if (answer !== SHOW_ALL) throw new Cancelled();
    await planDocuments(ctx.context.subscriptions).show(plan.flowId, planMarkdown(plan, wording));
  }
}

/** The whole plan as Markdown: every changed journey and warning. */
function planMarkdown(plan: PublishPlan, wording: ReturnType<typeof publishPlanWording>): string {
  const lines = [`# ${wording.headline}`, '', wording.callers, ''];
  lines.push(
    `## ${plan.journeys.length > 0 ? publishPlanWording(plan, 0).journeySummary.replace(/:$/, '') : wording.journeySummary}`,
    '',
    ...wording.journeys.map((j) => `- ${j}`),
    '',
  );
  if (plan.warnings.length > 0)
    lines.push(`## ${wording.warnings}`, '', ...plan.warnings.map((w) => `- ${w.file}:${w.line}: ${w.message}`), '');
  if (wording.basis) lines.push(wording.basis, '');
  return lines.join('\n');
}

export async function editPublished(ctx: CommandContext, arg?: unknown): Promise<OperationResult> {
  // The picker offers only flows Edit can run on; a flow named outright goes to the core, whose refusal says what to do.
  const target = await resolveFlow(
    ctx,
    arg,
    'to edit (published, without a draft)',
    (f) => f.published !== undefined && f.draft === undefined,
  );
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
  const details = await target.facade.show(target.flow.id);
  const draft = details.versions.find((v) => v.status === 'draft');
  const version = args.version ?? draft?.version ?? target.flow.draft;
  // A version the arguments name that is no longer the draft goes to the core, which refuses it.
  const file = draft && draft.version === version ? draft.file : undefined;
  const dirty = file ? dirtyDocument(target.workspace.uri(file)) : undefined;
  // Changes not yet saved as this version are in no commit: say so, and offer to keep them first.
  const unsaved =
    dirty !== undefined || (draft !== undefined && draft.version === version && draft.changedSinceSave === true);
  let saveFirst = false;
  let force = false;
  if (!args.confirmed) {
    const answer = unsaved
      ? await ctx.notifications.choose(
          `Discard the v${version} draft of "${target.flow.name}"? It has changes not yet saved as v${version}.`,
          `Save & Discard records them in git first, so Restore Version v${version} brings back exactly this text. ` +
            'Discard Changes Too loses them: they are in no commit.',
          ['Save & Discard', 'Discard Changes Too'],
        )
      : await ctx.notifications.choose(
          `Discard the v${version} draft of "${target.flow.name}"?`,
          `Its file is deleted. Its text stays in git: Restore Version v${version} brings it back. Version numbers are never reused.`,
          ['Discard'],
        );
    if (answer === undefined) throw new Cancelled();
    saveFirst = answer === 'Save & Discard';
    force = answer === 'Discard Changes Too';
    if (force && dirty) await revertDocument(dirty);
  }
  const bound = version !== undefined ? { version } : {};
  const result = await withProgress(`Discarding ${target.flow.id} draft…`, async () => {
    if (saveFirst) {
      if (dirty) await saveDocumentForLifecycle(dirty);
      await target.facade.save(target.flow.id, bound);
    }
    return target.facade.discard(target.flow.id, { ...bound, ...(force ? { force } : {}) });
  });
  ctx.log.info(`discard ${result.flowId} v${result.version} (commit ${short(result.commit)})`);
  if (file) await closeTabsOf(target.workspace.uri(file));
  ctx.notifications.info(`Discarded the v${result.version} draft of ${target.flow.name}.`, {
    'Restore It': () =>
      vscode.commands.executeCommand('callflow.restore', {
        workspace: target.workspace.root.fsPath,
        flowId: result.flowId,
        version: result.version,
      }),
  });
  return result;
}

export async function restoreVersion(ctx: CommandContext, arg?: unknown): Promise<OperationResult> {
  const target = await resolveVersion(ctx, arg, ['archived'], 'restore', (f) => f.draft === undefined);
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
  const { name, ...options } = await askNameAndDescription(
    { ...args, name: args.name },
    taken,
    `Duplicate ${target.flow.id} v${target.version} to a new flow`,
    `Copy of ${target.flow.name}`,
  );
  const result = await withProgress(`Duplicating ${target.flow.id} v${target.version}…`, () =>
    target.facade.duplicate(target.flow.id, target.version, name, options),
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
  await openFile(workspace, result.file);
  ctx.notifications.info(message);
  return result;
}

export async function askNameAndDescription(
  args: NewFlowArgs,
  taken: ReadonlySet<string>,
  title: string,
  suggestedName?: string,
): Promise<{ name: string; description?: string; id?: string }> {
  const name =
    args.name ??
    (await askText({
      title: `${title} (1/2)`,
      prompt: 'Flow name',
      placeholder: 'e.g. Support Line',
      value: suggestedName ?? '',
      check: (value) => checkFlowName(value, taken),
    }));
  // A name no id can be made from (e.g. "客服热线"; Cyrillic and Greek are transliterated) gives none: ask for one.
  const id =
    args.id ??
    (flowIdFromName(name) === ''
      ? await askText({
          title: `${title}: flow id`,
          prompt: `Flow id for "${name}" (lowercase latin letters, digits and dashes; never reused)`,
          placeholder: 'e.g. support-line',
          check: (value) => ({ problem: checkFlowId(value, taken) }),
        })
      : undefined);
  const withId = id !== undefined ? { id } : {};
  const description =
    args.name !== undefined
      ? args.description
      : await askText({
          title: `${title} (2/2)`,
          prompt: 'Description (optional)',
          placeholder: 'What the flow is for',
          check: (value) => ({ problem: checkDescription(value) }),
        });
  return { name, ...(description ? { description } : {}), ...withId };
}

async function showProblems(uri: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(uri);
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

/** The version a command's arguments bind it to (a notification's or a CodeLens's), for the core to check. */
function boundVersion(args: CommandArgs): { version?: number } {
  return args.version !== undefined ? { version: args.version } : {};
}

/** Puts an editor's unsaved edits back to the file on disk (they are being discarded on purpose). */
export async function revertDocument(document: vscode.TextDocument): Promise<void> {
  await vscode.window.showTextDocument(document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

export function short(commit: string | undefined): string {
  return commit ? commit.slice(0, 7) : '-';
}
