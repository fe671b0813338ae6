/**
 * What `callflow serve` runs at one commit: numbers.yaml, each flow's published version and the
 * runtime settings, all read from git at that commit, never from the working tree, so a draft, a
 * saved-but-unpublished edit or a hand edit on disk is never heard by a caller. A published file
 * is served only when it is the text its publish recorded (the ledger's sha256) and tagged.
 */
import { isFlowId, type FlowId } from '../ids';
import type { FlowDefinition } from '../model';
import type { VersionControl } from '../ports';
import { validateFlowText } from '../validation';
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
  runtime: RuntimeSettings;
  /** Number (E.164) → the flow it rings. */
  numbers: ReadonlyMap<string, string>;
  /** Flows with a published version that loaded. */
  flows: ReadonlyMap<string, DeployedFlow>;
  /** Flows that cannot be called, and why (for the log; callers hear the apology). */
  problems: ReadonlyMap<string, string>;
}

/**
 * Reads the deployment at `commit`. Throws (with a message for the log) only when the workspace
 * itself cannot be read there: callflow.yaml broken, numbers.yaml unreadable. A flow that does not
 * load is listed in `problems`, and only its numbers are affected.
 */
export async function loadDeployment(source: DeploymentSource, commit: string): Promise<RuntimeDeployment> {
  const [settingsText, numbersText] = await source.readAtRevisions([
    { rev: commit, path: SETTINGS_FILE },
    { rev: commit, path: 'numbers.yaml' },
  ]);
  if (settingsText === undefined)
    throw new Error(`${commit.slice(0, 12)} has no ${SETTINGS_FILE}: it is not a commit of a flow workspace.`);
  const layout = new WorkspaceLayout(parseSettings(settingsText));
  const runtime = parseRuntimeSettings(settingsText);
  const numbersFile = NumbersFile.parse(numbersText);
  if (numbersFile.parseError) throw new Error(`numbers.yaml at ${commit.slice(0, 12)}: ${numbersFile.parseError}`);
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
    const { definition, problems: found } = validateFlowText(text, file);
    const errors = found.filter((p) => p.severity === 'error');
    if (!definition || errors.length > 0)
      return problems.set(id, `v${version} does not load: ${errors[0]?.message ?? 'not a flow definition'}`);
    flows.set(id, { id, version, definition });
  });
  return { commit, runtime, numbers, flows, problems };
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
