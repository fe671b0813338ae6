/**
 * The lifecycle rules of section 2 as pure functions over a manifest's ledger.
 */
import type { FlowId } from '../ids';
import {
  DraftExistsError,
  NoDraftError,
  NoPublishedVersionError,
  NotTheDraftError,
  UnknownVersionError,
  WrongVersionStatusError,
} from '../errors';
import type { FlowManifest, VersionEntry } from '../model';
import { draftOf, publishedOf } from '../workspace/manifest';

/** Max over the whole ledger (discarded included) + 1: version numbers are never reused. */
export function nextVersionNumber(manifest: FlowManifest): number {
  return manifest.versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
}

export function requireNoDraft(flowId: FlowId, manifest: FlowManifest): void {
  const draft = draftOf(manifest);
  if (draft) throw new DraftExistsError(flowId, draft.version);
}

/**
 * The draft; with `expected`, only if that version is still the draft (an action bound to v3 never
 * acts on a v4 that replaced it).
 */
export function requireDraft(flowId: FlowId, manifest: FlowManifest, expected?: number): VersionEntry {
  const draft = draftOf(manifest);
  if (expected !== undefined && draft?.version !== expected) {
    requireVersion(flowId, manifest, expected);
    throw new NotTheDraftError(flowId, expected, draft?.version);
  }
  if (!draft) throw new NoDraftError(flowId);
  return draft;
}

export function requirePublished(flowId: FlowId, manifest: FlowManifest): VersionEntry {
  const published = publishedOf(manifest);
  if (!published) throw new NoPublishedVersionError(flowId);
  return published;
}

export function requireVersion(flowId: FlowId, manifest: FlowManifest, version: number): VersionEntry {
  const entry = manifest.versions.find((v) => v.version === version);
  if (!entry) throw new UnknownVersionError(flowId, version);
  return entry;
}

/** Restore copies an archived version into a new draft. */
export function requireRestorable(flowId: FlowId, manifest: FlowManifest, version: number): VersionEntry {
  const entry = requireVersion(flowId, manifest, version);
  // A discarded version can be restored too (its text comes from git): undoing a discard loses nothing.
  if (entry.status !== 'archived' && entry.status !== 'discarded') {
    const hint =
      entry.status === 'published'
        ? `v${version} is live; run \`callflow edit ${flowId}\` to start a draft from it.`
        : `v${version} is the draft already; edit its file and run \`callflow save ${flowId}\`.`;
    throw new WrongVersionStatusError(flowId, version, entry.status, 'restore', hint);
  }
  requireNoDraft(flowId, manifest);
  return entry;
}

/** Duplicate copies a published or archived version into a new flow. */
export function requireDuplicable(flowId: FlowId, manifest: FlowManifest, version: number): VersionEntry {
  const entry = requireVersion(flowId, manifest, version);
  if (entry.status !== 'archived' && entry.status !== 'published') {
    throw new WrongVersionStatusError(
      flowId,
      version,
      entry.status,
      'duplicate',
      'Only published or archived versions can be duplicated. Publish the draft first, or pick a version from `callflow show ' +
        flowId +
        '`.',
    );
  }
  return entry;
}

/**
 * Rollback publishes a copy of an archived version; without one named, the version published
 * before the current one (publish only ever publishes the newest version, so that is the newest
 * archived one).
 */
export function requireRollbackTarget(
  flowId: FlowId,
  manifest: FlowManifest,
  version: number | undefined,
): { target: VersionEntry; published: VersionEntry } {
  const published = requirePublished(flowId, manifest);
  if (version === undefined) {
    const archived = manifest.versions.filter((v) => v.status === 'archived').sort((a, b) => b.version - a.version);
    const previous = archived[0];
    if (!previous) {
      throw new WrongVersionStatusError(
        flowId,
        published.version,
        'published',
        'roll back from',
        `No version was published before v${published.version}: there is nothing to roll back to. Run \`callflow edit ${flowId}\` to change it.`,
      );
    }
    return { target: previous, published };
  }
  const target = requireVersion(flowId, manifest, version);
  if (target.status !== 'archived') {
    const hint =
      target.status === 'published'
        ? `v${version} is live already; \`callflow rollback ${flowId}\` rolls back to the version before it.`
        : target.status === 'draft'
          ? `Publish the draft instead: \`callflow publish ${flowId}\`.`
          : `A discarded version was never live; run \`callflow restore ${flowId} ${version}\` to make it a draft.`;
    throw new WrongVersionStatusError(flowId, version, target.status, 'roll back to', hint);
  }
  return { target, published };
}
