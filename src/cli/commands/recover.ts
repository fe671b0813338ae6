import { describeKeptFile, describeRecovery } from '../../core';
import { printJson } from '../io';
import type { VerbRegistrar } from '../program';

export function registerRecoveryVerbs(verb: VerbRegistrar): void {
  verb(
    'recover',
    (c) =>
      c
        .description(
          'complete or undo an operation that was killed half-way (its commit landed: finish it; it did not: put its files back)',
        )
        .option('--json', 'print { outcome, operation, commit, restored, kept }')
        .addHelpText(
          'after',
          [
            '',
            'Examples:',
            '  callflow recover          after a publish was killed (kill -9, a power cut), before anything else',
            '  callflow recover --json   the same, for scripts: outcome is none, completed, undone or unreadable',
            '',
            'Every lifecycle command does the same first, and `callflow verify` reports an interrupted operation.',
          ].join('\n'),
        ),
    async (ctx) => {
      const report = await (await ctx.workspace()).recover();
      if (ctx.json) return printJson(ctx.io, report);
      ctx.out(describeRecovery(report));
      for (const file of report.kept) ctx.note(describeKeptFile(file));
      ctx.note('Next: `callflow verify` to check every invariant.');
    },
  );
}
