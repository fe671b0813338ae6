/**
 * `callflow environments`, `deploy` and `promote` (docs/environments.md): what each environment
 * serves, and moving it, always after showing the plan of what its callers would get.
 */
import * as readline from 'node:readline/promises';
import {
  DEPLOYMENTS_FILE,
  describeDeploymentPlan,
  InvalidInputError,
  isEmptyPlan,
  environmentStatuses,
  parseDeployments,
  parseSettings,
  planDeploymentFromNow,
  requireEnvironment,
  SETTINGS_FILE,
  type FlowWorkspace,
} from '../../core';
import { ExitCode } from '../exitCodes';
import { printJson } from '../io';
import type { VerbRegistrar } from '../program';
import type { VerbContext } from '../verbContext';

async function readState(workspace: FlowWorkspace) {
  const [settingsText, deploymentsText] = await Promise.all([
    workspace.files.readText(SETTINGS_FILE),
    workspace.files.readText(DEPLOYMENTS_FILE),
  ]);
  return { settings: parseSettings(settingsText), deployments: parseDeployments(deploymentsText) };
}

/** Shows the plan, then deploys when told to (--yes), when the person at the terminal says so, or refuses (exit 3). */
async function deployWithPlan(ctx: VerbContext, environment: string, rev: string): Promise<void> {
  const workspace = await ctx.workspace();
  const commit = await workspace.vcs.resolveRevision(rev);
  if (!commit)
    throw new InvalidInputError(
      'unknown-revision',
      `"${rev}" is not a commit of this repository.`,
      'Give a branch, a tag or a commit hash (default: HEAD).',
    );
  const plan = await planDeploymentFromNow(workspace, environment, commit);
  const from = plan.from;
  const { yes } = ctx.options as { yes?: boolean };
  if (from === commit) {
    if (ctx.json) return printJson(ctx.io, { plan, deployed: false });
    ctx.out(`${environment} already serves ${commit.slice(0, 7)}; nothing to deploy.`);
    return;
  }
  if (!ctx.json) ctx.out(describeDeploymentPlan(plan).join('\n'));
  if (!ctx.json && isEmptyPlan(plan)) ctx.note('(Only the commit moves.)');
  const go = yes === true || (await askInTerminal(`Deploy ${environment}? [y/N] `));
  if (!go) {
    if (ctx.json) printJson(ctx.io, { plan, deployed: false });
    ctx.note(
      `Not deployed. Run it again with --yes to deploy ${environment}${process.stdin.isTTY ? '' : ' (no terminal to ask in)'}.`,
    );
    ctx.exitCode = ExitCode.refused;
    return;
  }
  const result = await workspace.deploy(environment, commit, from ?? null);
  if (ctx.json) return printJson(ctx.io, { plan, deployed: true, result });
  ctx.out(`Deployed ${environment}: it serves ${commit.slice(0, 7)}. [${result.deployment?.slice(0, 7) ?? ''}]`);
}

async function askInTerminal(question: string): Promise<boolean> {
  if (!process.stdin.isTTY || !process.stderr.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export function registerDeploymentVerbs(verb: VerbRegistrar): void {
  verb(
    'environments',
    (c) =>
      c
        .description("list each environment's deployed commit and the flow versions its callers get")
        .option('--json', 'print them as JSON')
        .addHelpText('after', '\nExamples:\n  callflow environments\n  callflow environments --json'),
    async (ctx) => {
      const rows = await environmentStatuses(await ctx.workspace());
      if (ctx.json) return printJson(ctx.io, { environments: rows });
      if (rows.length === 0) {
        ctx.out('This workspace defines no environments: publishing is live (docs/environments.md to add some).');
        return;
      }
      for (const row of rows) {
        ctx.out(
          row.commit
            ? `${row.environment}: ${row.commit.slice(0, 7)} (deployed ${row.deployedAt}), numbers in ${row.numbers}`
            : `${row.environment}: never deployed (callflow deploy ${row.environment}), numbers in ${row.numbers}`,
        );
        for (const flow of row.flows) ctx.out(`  ${flow.flow}: v${flow.version}  ${flow.name}`);
      }
    },
  );

  verb(
    'deploy <environment> [rev]',
    (c) =>
      c
        .description('point an environment at a commit (default HEAD), after showing what its callers would get')
        .option('--yes', 'deploy without asking (scripts, CI)')
        .option('--json', 'print the plan and the result as JSON')
        .addHelpText(
          'after',
          [
            '\nExamples:',
            '  callflow deploy staging              # HEAD: shows the plan, then asks',
            '  callflow deploy prod v2026.12 --yes  # a tag, in CI',
            '  callflow deploy prod HEAD~3 --yes    # roll back: deploy an earlier revision',
          ].join('\n'),
        ),
    async (ctx, environment: string, rev?: string) => deployWithPlan(ctx, environment, rev ?? 'HEAD'),
  );

  verb(
    'promote <from-environment> <to-environment>',
    (c) =>
      c
        .description('deploy to one environment the commit another one serves (staging to prod)')
        .option('--yes', 'promote without asking (scripts, CI)')
        .option('--json', 'print the plan and the result as JSON')
        .addHelpText('after', '\nExamples:\n  callflow promote staging prod\n  callflow promote staging prod --yes'),
    async (ctx, from: string, to: string) => {
      const workspace = await ctx.workspace();
      const { settings, deployments } = await readState(workspace);
      requireEnvironment(settings.environments, from);
      const source = deployments.get(from);
      if (!source)
        throw new InvalidInputError(
          'never-deployed',
          `${from} has never been deployed, so there is nothing to promote.`,
          `Deploy it first: callflow deploy ${from}`,
        );
      await deployWithPlan(ctx, to, source.commit);
    },
  );
}
