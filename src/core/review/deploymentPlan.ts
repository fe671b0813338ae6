/**
 * A deployment's plan: what callers of one environment get now and would get after it moves to
 * another commit (`callflow deploy`, `callflow promote`), from the review's machinery.
 */
import { InvalidInputError } from '../errors';
import { printable, type FlowId } from '../ids';
import type { EnvironmentSettings } from '../model';
import type { VersionControl, WorkspaceFiles } from '../ports';
import { DEPLOYMENTS_FILE, parseDeployments } from '../workspace/deployments';
import { requireEnvironment } from '../workspace/environments';
import { publishedOf } from '../workspace/manifest';
import { parseSettings, SETTINGS_FILE } from '../workspace/settings';
import { WorkspaceLayout } from '../workspace/workspaceLayout';
import { compareVersions } from './compare';
import { describeChangedJourney } from './journeyDiff';
import { numberMoves, snapshot, type NumberMove } from './revisions';

export interface FlowDeploymentChange {
  flow: string;
  name: string;
  /** The published version callers of this environment get now (undefined: none). */
  now?: number;
  /** … and after the deployment. */
  after?: number;
  /** The caller journeys that change, in words. */
  journeys: string[];
}

export interface ValueChange {
  name: string;
  now?: string;
  after?: string;
}

export interface DeploymentPlan {
  environment: string;
  /** The commit the environment serves now (undefined: it was never deployed). */
  from?: string;
  to: string;
  flows: FlowDeploymentChange[];
  numbers: NumberMove[];
  values: ValueChange[];
}

export interface LiveFlow {
  flow: string;
  name: string;
  /** The published version callers get at that commit. */
  version: number;
}

/** The flows an environment at `commit` serves, with their published versions. */
export async function liveFlowsAt(vcs: VersionControl, commit: string): Promise<LiveFlow[]> {
  const [settingsText] = await vcs.readAtRevisions([{ rev: commit, path: SETTINGS_FILE }]);
  const { manifests } = await snapshot(vcs, new WorkspaceLayout(parseSettings(settingsText)), commit);
  return [...manifests]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([flow, manifest]) => {
      const published = publishedOf(manifest);
      return published ? [{ flow, name: manifest.name, version: published.version }] : [];
    });
}

export interface EnvironmentStatus {
  environment: string;
  /** Its numbers file, beside callflow.yaml. */
  numbers: string;
  /** The commit it serves (null: never deployed). */
  commit: string | null;
  deployedAt: string | null;
  /** The flows it serves there, with their published versions. */
  flows: LiveFlow[];
}

/**
 * Each environment callflow.yaml declares, with the commit deployments.yaml says it serves and
 * the flow versions its callers get there ([] in a workspace without environments): what
 * `callflow environments` lists and the Call Flows tree shows per flow.
 */
export async function environmentStatuses(workspace: {
  files: WorkspaceFiles;
  vcs: VersionControl;
}): Promise<EnvironmentStatus[]> {
  const [settingsText, deploymentsText] = await Promise.all([
    workspace.files.readText(SETTINGS_FILE),
    workspace.files.readText(DEPLOYMENTS_FILE),
  ]);
  const deployments = parseDeployments(deploymentsText);
  return Promise.all(
    (parseSettings(settingsText).environments ?? []).map(async (environment) => {
      const deployment = deployments.get(environment.name);
      return {
        environment: environment.name,
        numbers: environment.numbersFile,
        commit: deployment?.commit ?? null,
        deployedAt: deployment?.deployedAt ?? null,
        flows: deployment ? await liveFlowsAt(workspace.vcs, deployment.commit) : [],
      };
    }),
  );
}

export function isEmptyPlan(plan: DeploymentPlan): boolean {
  return plan.flows.length === 0 && plan.numbers.length === 0 && plan.values.length === 0;
}

/**
 * The plan of deploying `to` to `environment` from the commit it serves now, as the workspace's
 * deployments.yaml records it: `deploy`, `promote` and `review --env` ask this.
 */
export async function planDeploymentFromNow(
  workspace: { files: WorkspaceFiles; vcs: VersionControl },
  environment: string,
  to: string,
): Promise<DeploymentPlan> {
  const [settingsText, deploymentsText] = await Promise.all([
    workspace.files.readText(SETTINGS_FILE),
    workspace.files.readText(DEPLOYMENTS_FILE),
  ]);
  requireEnvironment(parseSettings(settingsText).environments, environment);
  const from = parseDeployments(deploymentsText).get(environment)?.commit;
  return planDeployment(workspace.vcs, environment, from, to);
}

/**
 * What callers of `environment` would get after it moves from `from` to `to`: per flow the
 * published version now and after with the journeys that change, the environment's numbers that
 * move, and its values that change. Read from git at both commits, never from the working tree.
 */
export async function planDeployment(
  vcs: VersionControl,
  environment: string,
  from: string | undefined,
  to: string,
): Promise<DeploymentPlan> {
  const [settingsAfter, settingsNow] = await vcs.readAtRevisions([
    { rev: to, path: SETTINGS_FILE },
    ...(from ? [{ rev: from, path: SETTINGS_FILE }] : []),
  ]);
  const after = environmentAt(parseSettings(settingsAfter).environments, environment, to);
  const now = from ? environmentAt(parseSettings(settingsNow).environments, environment, from) : undefined;
  const layoutAfter = new WorkspaceLayout(parseSettings(settingsAfter));
  const layoutNow = from ? new WorkspaceLayout(parseSettings(settingsNow)) : layoutAfter;
  const [before, later] = await Promise.all([
    from ? snapshot(vcs, layoutNow, from, now?.numbersFile) : undefined,
    snapshot(vcs, layoutAfter, to, after.numbersFile),
  ]);

  const flowIds = [...new Set([...(before?.manifests.keys() ?? []), ...later.manifests.keys()])].sort();
  const reads: Array<{ flow: FlowId; name: string; now?: number; after?: number }> = [];
  for (const flow of flowIds) {
    const was = before?.manifests.get(flow);
    const is = later.manifests.get(flow);
    const versionNow = was && publishedOf(was)?.version;
    const versionAfter = is && publishedOf(is)?.version;
    if (versionNow === versionAfter) continue;
    reads.push({ flow, name: is?.name ?? was?.name ?? flow, now: versionNow, after: versionAfter });
  }
  const texts = await vcs.readAtRevisions(
    reads.flatMap((r) => [
      ...(r.now !== undefined ? [{ rev: from!, path: layoutNow.versionPath(r.flow, r.now) }] : []),
      ...(r.after !== undefined ? [{ rev: to, path: layoutAfter.versionPath(r.flow, r.after) }] : []),
    ]),
  );
  let next = 0;
  const flows = reads.map((r): FlowDeploymentChange => {
    const textNow = r.now !== undefined ? (texts[next++] ?? '') : '';
    const textAfter = r.after !== undefined ? (texts[next++] ?? '') : '';
    const comparison = compareVersions(
      r.flow,
      { version: r.now ?? 'none', text: textNow },
      { version: r.after ?? 'none', text: textAfter },
    );
    return {
      flow: r.flow,
      name: r.name,
      ...(r.now !== undefined ? { now: r.now } : {}),
      ...(r.after !== undefined ? { after: r.after } : {}),
      journeys: comparison.journeys.map(describeChangedJourney),
    };
  });
  return {
    environment,
    ...(from ? { from } : {}),
    to,
    flows,
    numbers: numberMoves(before?.numbers ?? [], later.numbers),
    values: valueChanges(now?.values ?? {}, after.values),
  };
}

function environmentAt(
  environments: readonly EnvironmentSettings[] | undefined,
  name: string,
  commit: string,
): EnvironmentSettings {
  const found = environments?.find((e) => e.name === name);
  if (found) return found;
  throw new InvalidInputError(
    'unknown-environment',
    `callflow.yaml at ${commit.slice(0, 7)} has no environment "${printable(name)}".`,
    `Deploy a revision whose callflow.yaml declares ${name} under environments: (docs/environments.md).`,
  );
}

function valueChanges(now: Readonly<Record<string, string>>, after: Readonly<Record<string, string>>): ValueChange[] {
  return [...new Set([...Object.keys(now), ...Object.keys(after)])]
    .sort()
    .filter((name) => now[name] !== after[name])
    .map((name) => ({
      name,
      ...(Object.hasOwn(now, name) ? { now: now[name] } : {}),
      ...(Object.hasOwn(after, name) ? { after: after[name] } : {}),
    }));
}

/** The plan in words, for a terminal or a confirmation. */
export function describeDeploymentPlan(plan: DeploymentPlan): string[] {
  const short = (commit: string | undefined): string => (commit ? commit.slice(0, 7) : 'nothing');
  const lines = [`Deploy ${plan.environment}: ${short(plan.from)} → ${short(plan.to)}`];
  if (isEmptyPlan(plan)) {
    lines.push(`  Callers of ${plan.environment} would get exactly what they get now.`);
    return lines;
  }
  const version = (v: number | undefined): string => (v === undefined ? 'nothing published' : `v${v}`);
  for (const flow of plan.flows) {
    lines.push(`  ${flow.name} (${flow.flow}): ${version(flow.now)} → ${version(flow.after)}`);
    for (const journey of flow.journeys) lines.push(`    - ${journey}`);
  }
  for (const move of plan.numbers)
    lines.push(
      move.from === null
        ? `  ${move.number}: now rings ${move.to}`
        : move.to === null
          ? `  ${move.number}: no longer rings ${move.from}`
          : `  ${move.number}: moves from ${move.from} to ${move.to}`,
    );
  for (const value of plan.values)
    lines.push(`  {{env.${value.name}}}: ${value.now ?? '(no value)'} → ${value.after ?? '(no value)'}`);
  return lines;
}

/** The plan as a section of `callflow review --env`'s Markdown. */
export function deploymentPlanMarkdown(plan: DeploymentPlan): string {
  return [
    `### Deploying \`${plan.to.slice(0, 7)}\` to ${plan.environment}`,
    '',
    '```text',
    ...describeDeploymentPlan(plan),
    '```',
    '',
  ].join('\n');
}
