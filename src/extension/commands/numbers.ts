/** Assign and unassign phone numbers (numbers.yaml), one commit each. */
import * as vscode from 'vscode';
import type { AssignmentResult, FlowWorkspace } from '../../core';
import { withProgress, type CommandContext } from './commandContext';
import { askText, checkLabel, checkPhoneNumber } from './inputs';
import { short } from './lifecycle';
import { Cancelled, ExpectedError } from '../expectedErrors';
import { parseArgs, resolveFlow, resolveWorkspace, type CommandArgs } from './targets';

export interface AssignArgs extends CommandArgs {
  number?: string;
  label?: string;
}

export async function assignNumber(ctx: CommandContext, arg?: unknown): Promise<AssignmentResult> {
  const { node, args } = parseArgs<AssignArgs>(arg);
  // From a flow node, the flow is known; from the palette, the number comes first, then the flow.
  const fromTree = node && (node.kind === 'flow' || node.kind === 'version' || node.kind === 'numbers');
  let number = args.number;
  if (fromTree || args.flowId) {
    const target = await resolveFlow(ctx, arg, 'to assign a number to', (f) => f.published !== undefined);
    number ??= await askNumber(target.flow.name);
    return assign(
      ctx,
      target.facade,
      number,
      target.flow.id,
      args.label ?? (await askLabel(args, number)),
      target.flow.name,
    );
  }
  const workspace = await resolveWorkspace(ctx, arg);
  number ??= await askNumber();
  const target = await resolveFlow(
    ctx,
    { workspace: workspace.root.fsPath },
    'with a published version',
    (f) => f.published !== undefined,
  );
  return assign(
    ctx,
    target.facade,
    number,
    target.flow.id,
    args.label ?? (await askLabel(args, number)),
    target.flow.name,
  );
}

export async function unassignNumber(ctx: CommandContext, arg?: unknown): Promise<AssignmentResult> {
  const { node, args } = parseArgs<AssignArgs>(arg);
  const workspace = await resolveWorkspace(ctx, arg);
  const facade = await workspace.open();
  let number = node?.kind === 'number' ? node.assignment.number : args.number;
  if (!number) {
    const flows = await facade.list();
    const items = flows.flatMap((flow) =>
      flow.numbers.map((n) => ({ label: n, description: `→ ${flow.name} (${flow.id})`, number: n })),
    );
    if (items.length === 0)
      throw new ExpectedError(
        'no-numbers',
        'No number is assigned in this workspace.',
        'Assign one to a published flow with Assign Number…',
      );
    const picked = await vscode.window.showQuickPick(items, {
      title: 'Unassign a number',
      placeHolder: 'Phone number',
    });
    if (!picked) throw new Cancelled();
    number = picked.number;
  }
  const chosen = number;
  const result = await withProgress(`Unassigning ${chosen}…`, () => facade.unassign(chosen));
  ctx.log.info(`unassign ${result.number} from ${result.flowId} (commit ${short(result.commit)})`);
  ctx.workspaces.fireChanged();
  ctx.notifications.info(`${result.number} no longer rings ${result.flowId}.`);
  return result;
}

async function assign(
  ctx: CommandContext,
  facade: FlowWorkspace,
  number: string,
  flowId: string,
  label: string | undefined,
  flowName: string,
): Promise<AssignmentResult> {
  const result = await withProgress(`Assigning ${number} to ${flowId}…`, () =>
    facade.assign(number.trim(), flowId, label ? { label } : {}),
  );
  if (!result.commit) {
    ctx.notifications.info(`${result.number} already rings ${flowName}.`);
    return result;
  }
  ctx.log.info(
    `assign ${result.number} to ${flowId}${result.previousFlowId ? ` (was ${result.previousFlowId})` : ''} (commit ${short(result.commit)})`,
  );
  ctx.workspaces.fireChanged();
  ctx.notifications.info(
    `${result.number} now rings ${flowName}${result.previousFlowId ? ` (it rang ${result.previousFlowId})` : ''}.`,
  );
  return result;
}

function askNumber(flowName?: string): Promise<string> {
  return askText({
    title: flowName ? `Assign a number to ${flowName}` : 'Assign a number',
    prompt: 'Phone number (E.164)',
    placeholder: '+14155550100',
    check: (value) => ({ problem: checkPhoneNumber(value) }),
  }).then((n) => n.trim());
}

async function askLabel(args: AssignArgs, number: string): Promise<string | undefined> {
  // Arguments that name the number but no label mean "no label": tests and scripts are not asked.
  if (args.number !== undefined) return undefined;
  const label = await askText({
    title: `Label for ${number}`,
    prompt: 'Label (optional)',
    placeholder: 'e.g. Billing hotline',
    check: (value) => ({ problem: checkLabel(value) }),
  });
  return label || undefined;
}
