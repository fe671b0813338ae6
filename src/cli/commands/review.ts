import {
  compareFlowVersions,
  comparisonRange,
  directedSides,
  comparisonJson,
  comparisonMarkdown,
  comparisonText,
  deploymentPlanMarkdown,
  flowJourneys,
  InvalidInputError,
  parseCallTarget,
  parseComparedSelector,
  planDeploymentFromNow,
  plural,
  reviewJson,
  reviewMarkdown,
  reviewRevisions,
  type FlowJourneys,
  parseFlowId,
} from '../../core';
import { ENV_OPTION, type VerbContext } from '../verbContext';
import { ExitCode } from '../exitCodes';
import { table } from '../format';
import { printJson } from '../io';
import type { VerbRegistrar } from '../program';

const DIFF_FORMATS = ['text', 'markdown', 'json', 'unified'] as const;
const REVIEW_FORMATS = ['markdown', 'json'] as const;

function formatOption<T extends string>(ctx: VerbContext, formats: readonly T[], fallback: T): T {
  const value = ctx.options['format'] ?? fallback;
  if (typeof value === 'string' && (formats as readonly string[]).includes(value)) return value as T;
  throw new InvalidInputError(
    'invalid-format',
    `"${typeof value === 'string' ? value : JSON.stringify(value)}" is not a format of this command.`,
    `Use --format ${formats.join('|')}.`,
  );
}

export function registerReviewVerbs(verb: VerbRegistrar): void {
  verb(
    'diff <flow-id> <from> <to>',
    (c) =>
      c
        .description(
          'what changed for callers between two versions of a flow, read in the direction of publishing (published → draft, archived → published) whatever order they are given in: steps, exits, start, and the caller journeys that changed (N, vN or draft)',
        )
        .option('--format <format>', 'text, markdown, json or unified (the line diff of the files)', 'text')
        .addHelpText(
          'after',
          `
Examples:
  callflow diff support-line 2 3                   # in words: steps, exits, journeys
  callflow diff support-line 3 draft --format markdown
  callflow diff support-line 2 3 --format json     # { flow, from, to, start, steps, exits, journeys }
  callflow diff support-line 2 3 --format unified  # the line diff of the two files`,
        ),
    async (ctx, flowIdText: string, fromText: string, toText: string) => {
      const format = formatOption(ctx, DIFF_FORMATS, 'text');
      const workspace = await ctx.workspace();
      const flowId = parseFlowId(flowIdText);
      // Read in the direction of publishing, whichever order the versions were given in.
      const sides = await directedSides(
        workspace,
        flowId,
        parseComparedSelector(fromText),
        parseComparedSelector(toText),
      );
      if (sides.reordered) ctx.note(`Reading ${comparisonRange(sides)}: the direction of publishing (docs/review.md).`);
      if (format === 'unified') {
        const [a, b] = [sides.from.version, sides.to.version];
        const diff = await workspace.diff(flowId, a, b);
        if (diff === '') ctx.note(`v${a} and v${b} of ${flowId} are identical.`);
        else ctx.io.stdout(diff.endsWith('\n') ? diff : diff + '\n');
        return;
      }
      const comparison = await compareFlowVersions(workspace, flowId, sides.from.selector, sides.to.selector);
      if (format === 'json') return printJson(ctx.io, comparisonJson(comparison));
      ctx.io.stdout(format === 'markdown' ? comparisonMarkdown(comparison) : comparisonText(comparison));
    },
  );

  verb(
    'journeys <target>',
    (c) =>
      c
        .description(
          "every way a call can go through a version (each key, hours, agents, transfers, http results, condition branches), and which of them the flow's call scenarios cover. <target>: flow-id (its draft, else its published version), flow-id@N or flow-id@draft",
        )
        .option(...ENV_OPTION)
        .option(
          '--json',
          'print { flow, version, status, journeys: [{ description, outcome, path, coveredBy }], coverage }',
        )
        .addHelpText(
          'after',
          `
Examples:
  callflow journeys support-line            # the draft, else the published version
  callflow journeys support-line@3
  callflow journeys support-line@draft --json
  callflow journeys support-line --env prod  # prod's deployed version, with prod's values`,
        ),
    async (ctx, targetText: string) => {
      const target = parseCallTarget(targetText);
      if (target.kind !== 'flow') {
        throw new InvalidInputError(
          'invalid-target',
          'callflow journeys takes a flow, not a phone number.',
          'Run `callflow journeys support-line` or `callflow journeys support-line@draft`.',
        );
      }
      const result = await flowJourneys(await ctx.callWorkspace(), target.flowId, target.selector);
      if (ctx.json) return printJson(ctx.io, journeysJson(result));
      ctx.out(`${result.flow} v${result.version} (${result.status}): ${result.journeys.length} journeys`);
      const rows = [['', 'JOURNEY', 'OUTCOME', 'PATH']];
      for (const journey of result.journeys)
        rows.push([
          journey.coveredBy.length > 0 ? '✓' : '·',
          journey.description,
          journey.outcomeText,
          journey.path.map((p) => p.step).join(' → '),
        ]);
      ctx.out(table(rows));
      if (result.truncated) ctx.note('warning: the flow has more journeys than listed; the list stops at the limit.');
      ctx.out(
        `Coverage: ${result.coverage.covered} / ${result.coverage.total} journeys covered by call scenarios (✓).`,
      );
      if (result.coverage.covered < result.coverage.total)
        ctx.note(
          `Add call scenarios for the others to flows/${result.flow}/calls.yaml; run them with \`callflow test ${result.flow}\`.`,
        );
    },
  );

  verb(
    'review <base-rev> [head-rev]',
    (c) =>
      c
        .description(
          'what a change did to the flows between two git revisions (head: HEAD): per flow, what happened, what callers get now against what they got, and the caller journeys that changed, as Markdown for a pull-request comment',
        )
        .option('--format <format>', 'markdown or json', 'markdown')
        .option('--fail-on-uncovered', 'exit 1 when a changed journey is covered by no call scenario (for CI)')
        .option(
          '--env <name>',
          'also what deploying the head to that environment would change for its callers, from the commit it serves now',
        )
        .addHelpText(
          'after',
          `
Examples:
  callflow review origin/main                    # this branch against main, as Markdown
  callflow review HEAD~3 HEAD --format json
  callflow review "$BASE_SHA" "$HEAD_SHA" --fail-on-uncovered > review.md   # in CI
  callflow review origin/main --env prod         # and what deploying this branch to prod would change`,
        ),
    async (ctx, baseRev: string, headRev: string | undefined) => {
      const format = formatOption(ctx, REVIEW_FORMATS, 'markdown');
      const workspace = await ctx.workspace();
      const report = await reviewRevisions(workspace.vcs, baseRev, headRev ?? 'HEAD');
      if (ctx.options['failOnUncovered'] === true && report.uncovered > 0) {
        ctx.exitCode = ExitCode.problemsFound;
        ctx.note(
          `${plural(report.uncovered, 'changed journey')} ${report.uncovered === 1 ? 'is' : 'are'} covered by no call scenario. Add scenarios to the flow's calls.yaml (see the report).`,
        );
      }
      const environment = ctx.options['env'];
      const deployment =
        typeof environment === 'string'
          ? await planDeploymentFromNow(workspace, environment, report.head.commit)
          : undefined;
      if (format === 'json') return printJson(ctx.io, { ...reviewJson(report), ...(deployment ? { deployment } : {}) });
      ctx.out(reviewMarkdown(report));
      if (deployment) ctx.out(deploymentPlanMarkdown(deployment));
    },
  );
}

function journeysJson(result: FlowJourneys): object {
  return {
    flow: result.flow,
    version: result.version,
    status: result.status,
    journeys: result.journeys.map((j) => ({
      description: j.description,
      outcome: j.outcomeText,
      path: j.path,
      choices: j.choices,
      coveredBy: j.coveredBy,
    })),
    truncated: result.truncated,
    coverage: result.coverage,
  };
}
