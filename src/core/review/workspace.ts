/**
 * The review queries against a workspace: two versions of a flow compared (`callflow diff`),
 * one version's journeys with their scenario coverage (`callflow journeys`).
 */
import { loadVersion, runScenariosAgainst, type VersionSelector } from '../calls';
import { InvalidInputError, NoDraftError, UnknownVersionError } from '../errors';
import { applyEnvironmentWithoutSecrets } from '../environmentReferences';
import { parseVersionNumber, type FlowId } from '../ids';
import type { FlowWorkspace } from '../lifecycle/flowWorkspace';
import type { FlowWorkspaceQueries } from '../lifecycle/flowWorkspaceQueries';
import { versionText } from '../lifecycle/queries';
import { WorkspaceStore } from '../workspace/store';
import { draftOf } from '../workspace/manifest';
import type { VersionStatus } from '../model';
import { compareVersions, readVersionText, type VersionComparison } from './compare';
import { comparisonDirection, type DirectedVersion } from './direction';
import { journeyCoverage, type ScenarioTrace } from './coverage';
import { listJourneys, type Journey } from './journeys';

/** `3`, `v3` or `draft`. */
export type ComparedSelector = number | 'draft';

export function parseComparedSelector(text: string): ComparedSelector {
  return text === 'draft' ? 'draft' : parseVersionNumber(text);
}

/** One side of a comparison: the version, its status now, and how the command named it. */
export interface ComparedSide extends DirectedVersion {
  selector: ComparedSelector;
}

/**
 * The two versions named, read in the direction of publishing (comparisonDirection), whichever
 * order they were given in: `reordered` when it is not the order given.
 */
export async function directedSides(
  workspace: FlowWorkspace,
  flowId: FlowId,
  a: ComparedSelector,
  b: ComparedSelector,
): Promise<{ from: ComparedSide; to: ComparedSide; reordered: boolean }> {
  const store = await WorkspaceStore.open(workspace.files);
  const manifest = await store.manifest(flowId);
  const side = (selector: ComparedSelector): ComparedSide => {
    const entry = selector === 'draft' ? draftOf(manifest) : manifest.versions.find((v) => v.version === selector);
    if (!entry) {
      if (selector === 'draft') throw new NoDraftError(flowId);
      throw new UnknownVersionError(flowId, String(selector));
    }
    return {
      selector,
      version: entry.version,
      status: entry.status,
      ...(entry.publishedAt ? { publishedAt: entry.publishedAt } : {}),
    };
  };
  const given = { from: side(a), to: side(b) };
  const { from, to } = comparisonDirection(given.from, given.to);
  return { from, to, reordered: from !== given.from };
}

/**
 * Two versions of a flow (a discarded one is read from git, the draft from the working tree), read
 * in the direction of publishing whatever order they are given in.
 */
export async function compareFlowVersions(
  workspace: FlowWorkspace,
  flowId: FlowId,
  a: ComparedSelector,
  b: ComparedSelector,
): Promise<VersionComparison> {
  const { from, to } = await directedSides(workspace, flowId, a, b);
  const store = await WorkspaceStore.open(workspace.files);
  const manifest = await store.manifest(flowId);
  const read = async (side: ComparedSide): Promise<{ version: number | string; text: string }> => {
    if (side.selector === 'draft') return { version: 'draft', text: (await loadVersion(store, flowId, 'draft')).text };
    return { version: side.version, text: await versionText(store, workspace.vcs, flowId, manifest, side.version) };
  };
  const [before, after] = await Promise.all([read(from), read(to)]);
  return { ...compareVersions(flowId, before, after), sides: { from, to } };
}

export interface CoveredJourney extends Journey {
  /** Names of the call scenarios whose call goes this way (empty: no scenario tests it). */
  coveredBy: string[];
}

export interface FlowJourneys {
  flow: string;
  version: number;
  status: VersionStatus;
  journeys: CoveredJourney[];
  truncated: boolean;
  coverage: { covered: number; total: number };
}

/** Every journey of a version, each marked with the call scenarios that cover it. */
export async function flowJourneys(
  workspace: Pick<FlowWorkspaceQueries, 'openStore'>,
  flowId: FlowId,
  selector: VersionSelector,
  defaultAt: Date = new Date(),
): Promise<FlowJourneys> {
  const store = await workspace.openStore();
  const version = await loadVersion(store, flowId, selector);
  const written = readVersionText(version.text);
  // In an environment, its journeys say its values (the transfer to its number), as its calls run.
  const plain =
    written !== undefined && store.environment
      ? applyEnvironmentWithoutSecrets(written, store.environment.values)
      : written;
  if (plain === undefined) {
    throw new InvalidInputError(
      'unreadable-flow',
      `${version.file} is not a readable flow, so no journey can be listed.`,
      `Fix the problems \`callflow validate ${version.file}\` reports, then try again.`,
    );
  }
  const list = listJourneys(plain, flowId);
  const run = await runScenariosAgainst(store, version, defaultAt);
  const traces: ScenarioTrace[] = run.files.flatMap((file) =>
    file.results.flatMap((r) => (r.result ? [{ name: r.name, steps: r.result.steps }] : [])),
  );
  const coverage = journeyCoverage(list.journeys, traces, flowId);
  return {
    flow: flowId,
    version: version.version,
    status: version.status,
    journeys: list.journeys.map((j) => ({ ...j, coveredBy: coverage.coveredBy.get(j.key) ?? [] })),
    truncated: list.truncated,
    coverage: { covered: coverage.covered, total: coverage.total },
  };
}
