import { InvalidInputError, parseFlowId } from '../../core';
import { printJson } from '../io';
import type { VerbRegistrar } from '../program';

export function registerNumberVerbs(verb: VerbRegistrar): void {
  // `--label` and `--no-label` set the same option (the last one wins): which were given is seen as they are parsed.
  const labelFlags = new Set<string>();
  verb(
    'assign <number> <flow-id>',
    (c) =>
      c
        .description("route calls to a phone number (E.164, e.g. +14155550100) to a flow's published version")
        .option('--label <text>', 'a label for the number, e.g. "Billing hotline" (default: the label it has)')
        .option('--no-label', 'remove the label the number has')
        .option('--move', 'move a number that rings another flow now (refused without it)')
        .option('--json', 'print the result as JSON')
        .on('option:label', () => labelFlags.add('--label'))
        .on('option:no-label', () => labelFlags.add('--no-label'))
        .addHelpText(
          'after',
          [
            '\nExamples:',
            '  callflow assign +14155550100 support-line --label "Main line"',
            '  callflow assign +14155550100 support-line --no-label   # drop its label',
            '  callflow assign +14155550100 billing --move     # it rang support-line: move it, keep its label',
          ].join('\n'),
        ),
    async (ctx, number: string, flowId: string) => {
      const { label, move } = ctx.options as { label?: string | false; move?: boolean };
      if (labelFlags.size > 1) {
        throw new InvalidInputError(
          'conflicting-label-options',
          '--label and --no-label cannot be used together.',
          'Give --label TEXT to set the label, or --no-label to remove it.',
        );
      }
      const result = await (
        await ctx.workspace()
      ).assign(number, parseFlowId(flowId), {
        ...(label !== undefined ? { label: label === false ? null : label } : {}),
        ...(move ? { move } : {}),
      });
      if (ctx.json) return printJson(ctx.io, result);
      if (!result.commit) {
        ctx.out(`${number} already goes to ${flowId}${label === false ? ' with no label' : ''}; nothing changed.`);
        return;
      }
      const was = result.previousFlowId ? ` (it rang ${result.previousFlowId})` : '';
      const labelled = result.label ? ` "${result.label}"` : '';
      const removed = result.removedLabel !== undefined ? `; its label "${result.removedLabel}" is removed` : '';
      ctx.out(`Assigned ${number}${labelled} to ${flowId}${was}${removed}. [${result.commit.slice(0, 7)}]`);
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
