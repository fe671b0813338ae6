import { HistoryMissingError, UnknownFlowError, UnknownVersionError } from '../errors';
import { closestMatch, type FlowId } from '../ids';
import type { FlowManifest } from '../model';
import type { VersionControl } from '../ports';
import { parseTrailers, TRAILER_ACTION, TRAILER_FLOW, TRAILER_VERSION } from './commitMessage';
import { draftOf, publishedOf } from '../workspace/manifest';
import { requireVersion } from './rules';
import { sha256, type WorkspaceStore } from '../workspace/store';
import type { FlowDetails, FlowSummary, HistoryEntry, VersionDetails } from './types';
import { unifiedDiff } from './unifiedDiff';
import { MANIFEST_FILE } from '../workspace/workspaceLayout';

function summary(id: FlowId, manifest: FlowManifest, numbers: string[]): FlowSummary {
  const versions = [...manifest.versions].sort((a, b) => a.version - b.version);
  const result: FlowSummary = { id, name: manifest.name, versions, numbers };
  if (manifest.description !== undefined) result.description = manifest.description;
  const draft = draftOf(manifest);
  const published = publishedOf(manifest);
  if (draft) result.draft = draft.version;
  if (published) result.published = published.version;
  return result;
}

export async function listFlows(store: WorkspaceStore): Promise<FlowSummary[]> {
  const [{ manifests, broken }, numbers, ids] = await Promise.all([
    store.allManifests(),
    store.numbers(),
    store.flowIds(),
  ]);
  const byFlow = new Map<string, string[]>();
  for (const a of numbers.assignments()) {
    const list = byFlow.get(a.flow) ?? [];
    list.push(a.number);
    byFlow.set(a.flow, list);
  }
  const flows = [...manifests].map(([id, manifest]) => summary(id, manifest, byFlow.get(id) ?? []));
  for (const [id, problems] of broken) {
    flows.push({
      id,
      name: id,
      versions: [],
      numbers: byFlow.get(id) ?? [],
      problem: `${store.layout.manifestPath(id)} cannot be read: ${problems.join('; ')}`,
    });
  }
  // A flow folder whose flow.yaml was deleted by hand is still shown, with what is wrong with it.
  for (const id of ids.filter((i) => !manifests.has(i) && !broken.has(i))) {
    flows.push({
      id,
      name: id,
      versions: [],
      numbers: byFlow.get(id) ?? [],
      problem: `${store.layout.flowDir(id)} has no ${MANIFEST_FILE}: restore it from git (\`git checkout -- ${store.layout.manifestPath(id)}\`), or move the folder out of ${store.layout.flowsDir} if it is no flow`,
    });
  }
  return flows.sort((a, b) => a.id.localeCompare(b.id));
}

export async function describeFlow(store: WorkspaceStore, flowId: FlowId): Promise<FlowDetails> {
  const [manifest, numbers] = await Promise.all([store.manifest(flowId), store.numbers()]);
  const assignments = numbers.assignments().filter((a) => a.flow === flowId);
  const base = summary(
    flowId,
    manifest,
    assignments.map((a) => a.number),
  );
  const versions = await Promise.all(
    base.versions.map(async (entry): Promise<VersionDetails> => {
      const details: VersionDetails = { ...entry };
      if (entry.status === 'discarded') return details;
      details.file = store.layout.versionPath(flowId, entry.version);
      if (entry.status !== 'draft') details.tag = store.layout.tagName(flowId, entry.version);
      const text = await store.files.readText(details.file);
      if (text === undefined) details.missing = true;
      else if (entry.status === 'draft')
        details.changedSinceSave = entry.sha256 === undefined || sha256(text) !== entry.sha256;
      return details;
    }),
  );
  return { ...base, versions, manifestFile: store.layout.manifestPath(flowId), assignments };
}

export async function flowHistory(store: WorkspaceStore, vcs: VersionControl, flowId: FlowId): Promise<HistoryEntry[]> {
  const commits = await vcs.commitsWithTrailer(TRAILER_FLOW, flowId);
  if (commits.length === 0 && !(await store.flowExists(flowId))) {
    throw new UnknownFlowError(flowId, closestMatch(flowId, await store.flowIds()));
  }
  return commits.map((c) => {
    const trailers = parseTrailers(c.message);
    const entry: HistoryEntry = { commit: c.commit, author: c.author, date: c.date, subject: c.subject };
    const action = trailers.get(TRAILER_ACTION);
    const version = Number(trailers.get(TRAILER_VERSION));
    if (action) entry.action = action;
    if (Number.isSafeInteger(version) && version > 0) entry.version = version;
    return entry;
  });
}

/** The text of any version: from the working tree, or for a discarded one from the commit before its discard. */
export async function versionText(
  store: WorkspaceStore,
  vcs: VersionControl,
  flowId: FlowId,
  manifest: FlowManifest,
  version: number,
): Promise<string> {
  const entry = requireVersion(flowId, manifest, version);
  const path = store.layout.versionPath(flowId, version);
  if (entry.status !== 'discarded') {
    const text = await store.files.readText(path);
    if (text !== undefined) return text;
  } else {
    const history = await flowHistory(store, vcs, flowId);
    const discard = history.find((h) => h.action === 'discard' && h.version === version);
    if (discard) {
      const [text] = await vcs.readAtRevisions([{ rev: `${discard.commit}^`, path }]);
      if (text !== undefined) return text;
    }
  }
  if (entry.status === 'discarded' && (await vcs.isShallow?.())) throw new HistoryMissingError(flowId, version);
  throw new UnknownVersionError(flowId, `${version} (its file is missing)`);
}

export async function diffVersions(
  store: WorkspaceStore,
  vcs: VersionControl,
  flowId: FlowId,
  from: number,
  to: number,
): Promise<string> {
  const manifest = await store.manifest(flowId);
  const [a, b] = await Promise.all([
    versionText(store, vcs, flowId, manifest, from),
    versionText(store, vcs, flowId, manifest, to),
  ]);
  return unifiedDiff(a, b, `a/${store.layout.versionPath(flowId, from)}`, `b/${store.layout.versionPath(flowId, to)}`);
}
