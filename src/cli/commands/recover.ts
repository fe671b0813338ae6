import type { RecoveryReport } from '../../core';
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
      for (const file of report.kept)
        ctx.note(
          `warning: ${file} was changed again after the interruption, so it is left as it is (see \`git diff -- ${file}\`).`,
        );
      ctx.note('Next: `callflow verify` to check every invariant.');
    },
  );
}

function describeRecovery(report: RecoveryReport): string {
  switch (report.outcome) {
    case 'none':
      return 'Nothing to recover: no operation was interrupted.';
    case 'completed':
      return `Completed the interrupted operation "${report.operation}": its commit ${report.commit?.slice(0, 7)} had landed; the index is up to date now.`;
    case 'unreadable':
      return (
        `The interrupted operation's journal was ${report.damaged}, so callflow could not tell which files it wrote; the journal is removed. ` +
        'Check `git status` for files it may have changed (`callflow verify` names any ledger that differs from HEAD).'
      );
    case 'undone':
      return (
        `Undid the interrupted operation "${report.operation}": ` +
        (report.restored.length > 0 ? `put back ${report.restored.join(', ')}.` : 'it had changed no file.')
      );
  }
}
