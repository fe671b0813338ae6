import { printJson } from '../io';
import type { VerbRegistrar } from '../program';

export function registerNumberVerbs(verb: VerbRegistrar): void {
  verb(
    'assign <number> <flow-id>',
    (c) =>
      c
        .description("route calls to a phone number (E.164, e.g. +14155550100) to a flow's published version")
        .option('--label <text>', 'a label for the number, e.g. "Billing hotline"')
        .option('--json', 'print the result as JSON'),
    async (ctx, number: string, flowId: string) => {
      const { label } = ctx.options as { label?: string };
      const result = await (await ctx.workspace()).assign(number, flowId, label !== undefined ? { label } : {});
      if (ctx.json) return printJson(ctx.io, result);
      if (!result.commit) {
        ctx.out(`${number} already goes to ${flowId}; nothing changed.`);
        return;
      }
      const was = result.previousFlowId ? ` (was ${result.previousFlowId})` : '';
      ctx.out(`Assigned ${number} to ${flowId}${was}. [${result.commit.slice(0, 7)}]`);
    },
  );

  verb(
    'unassign <number>',
    (c) => c.description('stop routing a phone number to its flow').option('--json', 'print the result as JSON'),
    async (ctx, number: string) => {
      const result = await (await ctx.workspace()).unassign(number);
      if (ctx.json) return printJson(ctx.io, result);
      ctx.out(`Unassigned ${number} (it went to ${result.flowId}). [${(result.commit ?? '').slice(0, 7)}]`);
    },
  );
}
