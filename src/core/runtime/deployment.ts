/**
 * What `callflow serve` runs at one commit: numbers.yaml, each flow's published version and the
 * runtime settings, all read from git at that commit, never from the working tree, so a draft, a
 * saved-but-unpublished edit or a hand edit on disk is never heard by a caller. A published file
 * is served only when it is the text its publish recorded (the ledger's sha256) and tagged.
 */
import { applyEnvironment, referencesIn } from '../environmentReferences';
import { isFlowId, type FlowId } from '../ids';
import type { EnvironmentSettings, FlowDefinition } from '../model';
import type { VersionControl } from '../ports';
import { validateFlowText, type WorkspaceContext } from '../validation';
import { requireEnvironment } from '../workspace/environments';
import { DEPLOYMENTS_FILE, parseDeployments } from '../workspace/deployments';
import { hashesTo, normalizeEol } from '../workspace/lockedFiles';
import { parseManifest, publishedOf } from '../workspace/manifest';
import { NumbersFile } from '../workspace/numbers';
import { parseSettings, SETTINGS_FILE } from '../workspace/settings';
import { MANIFEST_FILE, WorkspaceLayout } from '../workspace/workspaceLayout';
import { parseRuntimeSettings, type RuntimeSettings } from './settings';

/** The git reads a deployment needs (the git adapter implements them). */
export type DeploymentSource = Pick<VersionControl, 'readAtRevisions' | 'listFilesAtRevision'>;

export interface DeployedFlow {
  id: string;
  version: number;
  definition: FlowDefinition;
}

export interface RuntimeDeployment {
  commit: string;
  /** The environment served (`serve --env`): its numbers file and values. */
  environment?: string;
  runtime: RuntimeSettings;
  /** Number (E.164) → the flow it rings. */
  numbers: ReadonlyMap<string, string>;
  /** Flows with a published version that loaded. */
  flows: ReadonlyMap<string, DeployedFlow>;
  /** Flows that cannot be called, and why (for the log; callers hear the apology). */
  problems: ReadonlyMap<string, string>;
  /** The `{{secret.NAME}}` names the flows use that the server's environment does not set. */
  missingSecrets: readonly string[];
}

export interface DeploymentOptions {
  /** Serve this environment: its numbers file for numbers.yaml, its values filled in (docs/environments.md). */
  environment?: string;
  /** Whether the server's environment sets a secret; a flow needing one it lacks is not served. */
  hasSecret?: (name: string) => boolean;
}

/**
 * Reads the deployment at `commit`. Throws (with a message for the log) only when the workspace
 * itself cannot be read there: callflow.yaml broken, numbers.yaml unreadable. A flow that does not
 * load is listed in `problems`, and only its numbers are affected.
 */
export async function loadDeployment(
  source: DeploymentSource,
  commit: string,
  options: DeploymentOptions = {},
): Promise<RuntimeDeployment> {
  const [settingsText] = await source.readAtRevisions([{ rev: commit, path: SETTINGS_FILE }]);
  if (settingsText === undefined)
    throw new Error(`${commit.slice(0, 12)} has no ${SETTINGS_FILE}: it is not a commit of a flow workspace.`);
  const settings = parseSettings(settingsText);
  const environment =
    options.environment === undefined ? undefined : requireEnvironment(settings.environments, options.environment);
  const layout = new WorkspaceLayout(settings);
  const runtime = parseRuntimeSettings(settingsText);
  const numbersPath = environment?.numbersFile ?? layout.numbersPath;
  const [numbersText] = await source.readAtRevisions([{ rev: commit, path: numbersPath }]);
  const numbersFile = NumbersFile.parse(numbersText);
  if (numbersFile.parseError) throw new Error(`${numbersPath} at ${commit.slice(0, 12)}: ${numbersFile.parseError}`);
  const numbers = new Map(numbersFile.assignments().map((a) => [a.number, a.flow]));

  const flowIds = (await source.listFilesAtRevision(commit, layout.flowsDir))
    .map((path) => path.slice(layout.flowsDir.length + 1).split('/'))
    .flatMap(([id, name, ...rest]) => (rest.length === 0 && name === MANIFEST_FILE && isFlowId(id!) ? [id] : []));
  const manifestTexts = await source.readAtRevisions(
    flowIds.map((id) => ({ rev: commit, path: layout.manifestPath(id) })),
  );
  const problems = new Map<string, string>();
  const wanted: Array<{ id: FlowId; version: number; sha256?: string }> = [];
  flowIds.forEach((id, i) => {
    const { manifest, problems: manifestProblems } = parseManifest(manifestTexts[i] ?? '');
    if (!manifest) return problems.set(id, `its flow.yaml cannot be read: ${manifestProblems.join('; ')}`);
    const published = publishedOf(manifest);
    if (!published) return problems.set(id, 'it has no published version');
    wanted.push({ id, version: published.version, ...(published.sha256 ? { sha256: published.sha256 } : {}) });
  });
  // Each published file at the commit and at its publish tag, in one batch.
  const texts = await source.readAtRevisions(
    wanted.flatMap(({ id, version }) => [
      { rev: commit, path: layout.versionPath(id, version) },
      { rev: layout.tagName(id, version), path: layout.versionPath(id, version) },
    ]),
  );
  const flows = new Map<string, DeployedFlow>();
  const missingSecrets = new Set<string>();
  const context = environment ? environmentContext(environment) : undefined;
  wanted.forEach(({ id, version, sha256 }, i) => {
    const text = texts[2 * i];
    const tagged = texts[2 * i + 1];
    const file = layout.versionPath(id, version);
    if (text === undefined) return problems.set(id, `its published v${version} (${file}) is missing`);
    if (sha256 === undefined || !hashesTo(text, sha256))
      return problems.set(
        id,
        `${file} is not the text published as v${version} (its sha256 differs from the ledger's)`,
      );
    if (tagged === undefined) return problems.set(id, `v${version} has no publish tag ${layout.tagName(id, version)}`);
    if (normalizeEol(tagged) !== normalizeEol(text))
      return problems.set(id, `${file} differs from its content at ${layout.tagName(id, version)}`);
    const { definition, problems: found } = validateFlowText(text, file, context);
    const errors = found.filter((p) => p.severity === 'error');
    if (!definition || errors.length > 0)
      return problems.set(id, `v${version} does not load: ${errors[0]?.message ?? 'not a flow definition'}`);
    const unset = secretsUsed(definition).filter((name) => options.hasSecret && !options.hasSecret(name));
    if (unset.length > 0) {
      unset.forEach((name) => missingSecrets.add(name));
      return problems.set(
        id,
        `it uses ${unset.map((n) => `{{secret.${n}}}`).join(', ')}, and ${unset.join(', ')} is not set in the server's environment`,
      );
    }
    // Secrets stay as written: the server fills them in only in the request it sends.
    flows.set(id, {
      id,
      version,
      definition: environment ? applyEnvironment(definition, environment.values) : definition,
    });
  });
  return {
    commit,
    ...(environment ? { environment: environment.name } : {}),
    runtime,
    numbers,
    flows,
    problems,
    missingSecrets: [...missingSecrets].sort(),
  };
}

/**
 * The commit an environment serves as of `rev` (deployments.yaml there), or undefined when it
 * has not been deployed by then. A branch's later commits that are not deployments change nothing.
 */
export async function environmentCommitAt(
  source: DeploymentSource,
  rev: string,
  environment: string,
): Promise<string | undefined> {
  const [text] = await source.readAtRevisions([{ rev, path: DEPLOYMENTS_FILE }]);
  return parseDeployments(text).get(environment)?.commit;
}

/**
 * Validation with the served environment's values filled in. Goto-flow targets are not checked
 * here, as they are not without an environment: a call reaching a flow that cannot run hears the
 * apology, and the others are served.
 */
function environmentContext(environment: EnvironmentSettings): WorkspaceContext {
  return {
    flowExists: () => true,
    hasPublishedVersion: () => true,
    publishedGotoTargets: () => [],
    flowIds: () => [],
    environments: [environment],
  };
}

/** The secret names the flow's http steps use. */
export function secretsUsed(definition: FlowDefinition): string[] {
  return [...new Set(Object.values(definition.steps ?? {}).flatMap(secretsOfStep))];
}

/** The secret names a step's url or body uses (only an http step's may: validation's secret-outside-http). */
export function secretsOfStep(step: unknown): string[] {
  const { url, body } = (step ?? {}) as { url?: unknown; body?: unknown };
  return [url, body].flatMap((text) =>
    typeof text === 'string' ? referencesIn(text).flatMap((r) => (r.kind === 'secret' ? [r.name] : [])) : [],
  );
}

/** The deployed flow at exactly `version` (a call pinned to it, a logged call replayed), or undefined. */
export function deployedVersion(
  deployment: RuntimeDeployment,
  id: string,
  version: number | string,
): DeployedFlow | undefined {
  const flow = deployment.flows.get(id);
  return flow && String(flow.version) === String(version) ? flow : undefined;
}

/** Where a goto-flow goes: the flow's version the deployment publishes, or undefined when it has none. */
export function publishedVersionIn(
  deployment: RuntimeDeployment,
  id: string,
): { version: number; definition: FlowDefinition } | undefined {
  const flow = deployment.flows.get(id);
  return flow ? { version: flow.version, definition: flow.definition } : undefined;
}

/** What a call to `number` runs, or why it cannot run (the caller then hears the apology). */
export function flowForNumber(
  deployment: RuntimeDeployment,
  number: string,
): { flow: DeployedFlow } | { reason: 'unknown-number' | 'flow-unavailable'; detail: string } {
  const flowId = deployment.numbers.get(number);
  if (flowId === undefined) return { reason: 'unknown-number', detail: `${number} is not in numbers.yaml` };
  const flow = deployment.flows.get(flowId);
  if (flow) return { flow };
  return {
    reason: 'flow-unavailable',
    detail: `${number} rings ${flowId}, but ${deployment.problems.get(flowId) ?? 'that flow does not exist'}`,
  };
}
