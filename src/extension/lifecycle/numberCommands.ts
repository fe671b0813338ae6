/** Assign and unassign phone numbers (numbers.yaml), one commit each. */
import * as vscode from 'vscode';
import type { AssignmentResult, FlowSummary, FlowWorkspace, NumberAssignment } from '../../core';
import { withProgress, type CommandContext } from '../commands/commandContext';
import { askText, askTextOrButton, checkLabel, checkPhoneNumber } from '../commands/inputs';
import { short } from './lifecycleCommands';
import { Cancelled, ExpectedError } from '../expectedErrors';
import { parseArgs, resolveFlow, resolveWorkspace, type CommandArgs } from '../commands/targets';

export interface AssignArgs extends CommandArgs {
  number?: string;
  /** A new label; `null` removes the number's label; absent keeps it. */
  label?: string | null;
}

export async function assignNumber(ctx: CommandContext, arg?: unknown): Promise<AssignmentResult> {
  const { node, args } = parseArgs<AssignArgs>(arg);
  // From a flow node (or named in the arguments) the flow is known; from the palette the number
  // comes first, then the flow is asked for: never taken silently from the open editor.
  const fromTree = node && (node.kind === 'flow' || node.kind === 'version' || node.kind === 'numbers');
  const target =
    fromTree || args.flowId
      ? await resolveFlow(ctx, arg, 'to assign a number to', (f) => f.published !== undefined)
      : undefined;
  const workspace = target?.workspace ?? (await resolveWorkspace(ctx, arg));
  const facade = target?.facade ?? (await workspace.open());
  const number = (args.number ?? (await askNumber(target?.flow.name))).trim();
  const flows = await facade.list();
  const current = await assignmentOf(facade, number);
  const flow =
    target?.flow ??
    (
      await resolveFlow(
        ctx,
        { workspace: workspace.root.fsPath },
        current
          ? `for ${number}${current.label ? ` (${current.label})` : ''}: it rings ${nameOf(flows, current.flow)} now`
          : `for ${number}`,
        (f) => f.published !== undefined,
        { alwaysAsk: true },
      )
    ).flow;
  const label = args.label !== undefined ? args.label : await askLabel(args, number, current?.label);
  const moving = current !== undefined && current.flow !== flow.id;
  if (moving && !args.confirmed) {
    const from = nameOf(flows, current.flow);
    const labelFate =
      label === null
        ? current.label
          ? ` Its label "${current.label}" is removed.`
          : ''
        : label !== undefined && label !== current.label
          ? ` Its label becomes "${label}".`
          : current.label
            ? ` Its label "${current.label}" is kept.`
            : '';
    const confirmed = await ctx.notifications.confirm(
      `Move ${number}${current.label ? ` (${current.label})` : ''} from "${from}" to "${flow.name}"?`,
      `It rings "${from}" now; its callers start hearing "${flow.name}" at once.${labelFate}`,
      'Move',
    );
    if (!confirmed) throw new Cancelled();
  }
  return assign(ctx, facade, number, flow, label, moving, flows);
}

export async function unassignNumber(ctx: CommandContext, arg?: unknown): Promise<AssignmentResult> {
  const { node, args } = parseArgs<AssignArgs>(arg);
  const workspace = await resolveWorkspace(ctx, arg);
  const facade = await workspace.open();
  const flows = await facade.list();
  let number = node?.kind === 'number' ? node.assignment.number : args.number;
  if (!number) {
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
  const current = await assignmentOf(facade, chosen);
  // It takes a live number out of service: ask (a number not assigned is refused by the core below).
  if (current && !args.confirmed) {
    const confirmed = await ctx.notifications.confirm(
      `Unassign ${chosen}${current.label ? ` (${current.label})` : ''}?`,
      `It rings "${nameOf(flows, current.flow)}" now; once unassigned, calls to it are no longer routed to any flow.`,
      'Unassign',
    );
    if (!confirmed) throw new Cancelled();
  }
  const result = await withProgress(`Unassigning ${chosen}…`, () => facade.unassign(chosen));
  ctx.log.info(`unassign ${result.number} from ${result.flowId} (commit ${short(result.commit)})`);
  ctx.notifications.info(
    `${result.number}${result.label ? ` (${result.label})` : ''} no longer rings ${nameOf(flows, result.flowId)}; calls to it are not routed.`,
  );
  return result;
}

async function assign(
  ctx: CommandContext,
  facade: FlowWorkspace,
  number: string,
  flow: FlowSummary,
  label: string | null | undefined,
  move: boolean,
  flows: readonly FlowSummary[],
): Promise<AssignmentResult> {
  const result = await withProgress(`Assigning ${number} to ${flow.id}…`, () =>
    facade.assign(number, flow.id, { ...(label === null || label ? { label } : {}), ...(move ? { move } : {}) }),
  );
  if (!result.commit) {
    ctx.notifications.info(`${result.number} already rings ${flow.name}.`);
    return result;
  }
  ctx.log.info(
    `assign ${result.number} to ${flow.id}${result.previousFlowId ? ` (was ${result.previousFlowId})` : ''} (commit ${short(result.commit)})`,
  );
  ctx.notifications.info(
    `${result.number} now rings ${flow.name}${result.previousFlowId ? ` (it rang ${nameOf(flows, result.previousFlowId)})` : ''}` +
      (result.removedLabel !== undefined ? `; its label "${result.removedLabel}" is removed.` : '.'),
  );
  return result;
}

/** What a number rings now (its flow and label), if it is assigned. */
async function assignmentOf(facade: FlowWorkspace, number: string): Promise<NumberAssignment | undefined> {
  return (await facade.numbers()).assignments.find((a) => a.number === number);
}

function nameOf(flows: readonly FlowSummary[], flowId: string): string {
  return flows.find((f) => f.id === flowId)?.name ?? flowId;
}

function askNumber(flowName?: string): Promise<string> {
  return askText({
    title: flowName ? `Assign a number to ${flowName}` : 'Assign a number',
    prompt: 'Phone number (E.164)',
    placeholder: '+14155550100',
    check: (value) => ({ problem: checkPhoneNumber(value) }),
  }).then((n) => n.trim());
}

/** The label to give: text, `null` to remove the number's label, undefined to keep it. */
async function askLabel(
  args: AssignArgs,
  number: string,
  current: string | undefined,
): Promise<string | null | undefined> {
  // Arguments that name the number but no label mean "keep its label": tests and scripts are not asked.
  if (args.number !== undefined) return undefined;
  // An emptied box keeps the label, as docs/vscode.md says of Assign Number: removing it is a deliberate button.
  const answer = await askTextOrButton(
    {
      title: `Label for ${number}`,
      prompt: current ? `Label (it has "${current}"; empty keeps it, Remove Label drops it)` : 'Label (optional)',
      placeholder: 'e.g. Billing hotline',
      value: current ?? '',
      check: (value) => ({ problem: checkLabel(value) }),
    },
    current ? [{ icon: 'trash', tooltip: `Remove Label "${current}"` }] : [],
  );
  if ('button' in answer) return null;
  return answer.value || undefined;
}
