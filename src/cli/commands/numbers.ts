import { printJson } from '../io';
import type { VerbRegistrar } from '../program';

export function registerNumberVerbs(verb: VerbRegistrar): void {
  verb(
    'assign <number> <flow-id>',
    (c) =>
      c
        .description("route calls to a phone number (E.164, e.g. +14155550100) to a flow's published version")
        .option('--label <text>', 'a label for the number, e.g. "Billing hotline" (default: the label it has)')
        .option('--move', 'move a number that rings another flow now (refused without it)')
        .option('--json', 'print the result as JSON')
        .addHelpText(
          'after',
          '\nExamples:\n  callflow assign +14155550100 support-line --label "Main line"\n  callflow assign +14155550100 billing --move     # it rang support-line: move it, keep its label',
        ),
    async (ctx, number: string, flowId: string) => {
      const { label, move } = ctx.options as { label?: string; move?: boolean };
      const result = await (
        await ctx.workspace()
      ).assign(number, flowId, { ...(label !== undefined ? { label } : {}), ...(move ? { move } : {}) });
      if (ctx.json) return printJson(ctx.io, result);
      if (!result.commit) {
        ctx.out(`${number} already goes to ${flowId}; nothing changed.`);
        return;
      }
      const was = result.previousFlowId ? ` (it rang ${result.previousFlowId})` : '';
      const labelled = result.label ? ` "${result.label}"` : '';
      ctx.out(`Assigned ${number}${labelled} to ${flowId}${was}. [${result.commit.slice(0, 7)}]`);
    },
  );

  verb(
    'unassign <number>',
    (c) =>
      c
        .description('stop routing a phone number to its flow (its callers are no longer routed)')
        .option('--json', 'print the result as JSON')
        .addHelpText('after', '\nExample:\n  callflow unassign +14155550100'),
    async (ctx, number: string) => {
      const result = await (await ctx.workspace()).unassign(number);
      if (ctx.json) return printJson(ctx.io, result);
      const label = result.label ? ` "${result.label}"` : '';
      ctx.out(
        `Unassigned ${number}${label}: it rang ${result.flowId}; calls to it are no longer routed. [${(result.commit ?? '').slice(0, 7)}]`,
      );
      ctx.note(`\`callflow assign ${number} ${result.flowId}\` puts it back.`);
    },
  );
}
