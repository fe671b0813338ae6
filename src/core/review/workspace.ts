/**
 * The review queries against a workspace: two versions of a flow compared (`callflow diff`),
 * one version's journeys with their scenario coverage (`callflow journeys`).
 */
import { loadVersion, runScenariosAgainst, type VersionSelector } from '../calls';
import { InvalidInputError } from '../errors';
import { assertFlowId, parseVersionNumber } from '../ids';
import type { FlowWorkspace } from '../lifecycle/flowWorkspace';
import { versionText } from '../lifecycle/queries';
import { WorkspaceStore } from '../workspace/store';
import type { VersionStatus } from '../model';
import { compareVersions, readVersionText, type VersionComparison } from './compare';
import { journeyCoverage, type ScenarioTrace } from './coverage';
import { listJourneys, type Journey } from './journeys';

/** `3`, `v3` or `draft`. */
export type ComparedSelector = number | 'draft';

export function parseComparedSelector(text: string): ComparedSelector {
  return text === 'draft' ? 'draft' : parseVersionNumber(text);
}

/** Two versions of a flow (a discarded one is read from git, the draft from the working tree). */
export async function compareFlowVersions(
  workspace: FlowWorkspace,
  flowId: string,
  from: ComparedSelector,
  to: ComparedSelector,
): Promise<VersionComparison> {
  assertFlowId(flowId);
  const store = await WorkspaceStore.open(workspace.files);
  const manifest = await store.manifest(flowId);
  const read = async (selector: ComparedSelector): Promise<{ version: number | string; text: string }> => {
    if (selector === 'draft') return { version: 'draft', text: (await loadVersion(store, flowId, 'draft')).text };
    return { version: selector, text: await versionText(store, workspace.vcs, flowId, manifest, selector) };
  };
  const [before, after] = await Promise.all([read(from), read(to)]);
  return compareVersions(flowId, before, after);
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
  workspace: FlowWorkspace,
  flowId: string,
  selector: VersionSelector,
  defaultAt: Date = new Date(),
): Promise<FlowJourneys> {
  const store = await WorkspaceStore.open(workspace.files);
  const version = await loadVersion(store, flowId, selector);
  const plain = readVersionText(version.text);
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
