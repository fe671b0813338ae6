/**
 * Deploy… and Promote… (docs/environments.md): the plan first, in a read-only Markdown view beside
 * the editor, then a modal question; only a yes deploys. The plan, its words and the deployment
 * are the core's, as `callflow deploy` and `promote` use them.
 */
import * as vscode from 'vscode';
import {
  deploymentPlanMarkdown,
  describeDeploymentPlan,
  environmentStatuses,
  isEmptyPlan,
  planDeploymentFromNow,
  type DeploymentResult,
  type EnvironmentStatus,
  type FlowWorkspace,
} from '../../core';
import { withProgress, type CommandContext } from '../commands/commandContext';
import { parseArgs, resolveWorkspace, type CommandArgs } from '../commands/targets';
import { Cancelled, ExpectedError } from '../expectedErrors';
import { planDocuments } from '../lifecycle/planDocument';

interface DeployArgs extends CommandArgs {
  environment?: string;
  /** Deploy: the revision (default HEAD). Promote: the environment whose commit is deployed. */
  rev?: string;
  from?: string;
}

/** Call Flow: Deploy… — an environment moved to a revision (HEAD unless told), after its plan. */
export async function deployEnvironment(ctx: CommandContext, arg?: unknown): Promise<DeploymentResult | undefined> {
  const { args } = parseArgs<DeployArgs>(arg);
  const facade = await (await resolveWorkspace(ctx, arg)).open();
  const statuses = await withEnvironments(facade);
  const environment = args.environment ?? (await pickEnvironment(statuses, 'Deploy which environment?'));
  const rev =
    args.rev ??
    (await vscode.window.showInputBox({
      title: `Deploy ${environment}`,
      prompt: 'The revision to deploy: a branch, a tag or a commit (HEAD: what is committed now)',
      value: 'HEAD',
      ignoreFocusOut: true,
    }));
  if (rev === undefined) throw new Cancelled();
  return deployWithPlan(ctx, facade, environment, rev.trim() || 'HEAD', args.confirmed === true);
}

/** Call Flow: Promote… — one environment gets the commit another serves, after its plan. */
export async function promoteEnvironment(ctx: CommandContext, arg?: unknown): Promise<DeploymentResult | undefined> {
  const { args } = parseArgs<DeployArgs>(arg);
  const facade = await (await resolveWorkspace(ctx, arg)).open();
  const statuses = await withEnvironments(facade);
  const deployed = statuses.filter((s) => s.commit !== null);
  const from = args.from ?? (await pickEnvironment(deployed, 'Promote from which environment?'));
  const source = statuses.find((s) => s.environment === from);
  if (!source?.commit)
    throw new ExpectedError(
      'never-deployed',
      `${from} has never been deployed, so there is nothing to promote.`,
      `Deploy it first (Call Flow: Deploy…).`,
    );
  const environment =
    args.environment ??
    (await pickEnvironment(
      statuses.filter((s) => s.environment !== from),
      `Promote ${from} (${source.commit.slice(0, 7)}) to which environment?`,
    ));
  return deployWithPlan(ctx, facade, environment, source.commit, args.confirmed === true);
}

async function deployWithPlan(
  ctx: CommandContext,
  facade: FlowWorkspace,
  environment: string,
  rev: string,
  confirmed: boolean,
): Promise<DeploymentResult | undefined> {
  const commit = await facade.vcs.resolveRevision(rev);
  if (!commit)
    throw new ExpectedError(
      'unknown-revision',
      `"${rev}" is not a commit of this repository.`,
      'Give a branch, a tag or a commit hash.',
    );
  const plan = await withProgress(`Planning the deployment of ${environment}…`, () =>
    planDeploymentFromNow(facade, environment, commit),
  );
  if (plan.from === commit) {
    ctx.notifications.info(`${environment} already serves ${commit.slice(0, 7)}; nothing to deploy.`);
    return undefined;
  }
  await planDocuments(ctx.context.subscriptions).show(`deploy ${environment}`, deploymentPlanMarkdown(plan));
  if (!confirmed) {
    const [headline, ...changes] = describeDeploymentPlan(plan);
    const detail = `${isEmptyPlan(plan) ? 'Its callers get exactly what they get now: only the commit moves.' : changes.map((l) => l.trim()).join('\n')}\n\nThe whole plan is open beside the editor.`;
    if (!(await ctx.notifications.confirm(`${headline}?`, detail, 'Deploy'))) throw new Cancelled();
  }
  const result = await withProgress(
    `Deploying ${environment}…`,
    () => facade.deploy(environment, commit, plan.from ?? null),
    true,
  );
  ctx.log.info(`deploy ${environment} ${commit.slice(0, 7)}: commit ${result.deployment?.slice(0, 7) ?? ''}`);
  ctx.notifications.info(`Deployed ${environment}: it serves ${commit.slice(0, 7)}.`);
  return result;
}

async function withEnvironments(facade: FlowWorkspace): Promise<EnvironmentStatus[]> {
  const statuses = await environmentStatuses(facade);
  if (statuses.length === 0)
    throw new ExpectedError(
      'no-environments',
      'This workspace defines no environments: publishing is live.',
      'Add environments: to callflow.yaml to deploy to staging and production (docs/environments.md).',
    );
  return statuses;
}

async function pickEnvironment(statuses: readonly EnvironmentStatus[], title: string): Promise<string> {
  const picked = await vscode.window.showQuickPick(
    statuses.map((s) => ({
      label: s.environment,
      description: s.commit ? `serves ${s.commit.slice(0, 7)}` : 'never deployed',
      detail: s.flows.map((f) => `${f.flow} v${f.version}`).join(' · ') || undefined,
    })),
    { title, placeHolder: 'Environment' },
  );
  if (!picked) throw new Cancelled();
  return picked.label;
}
