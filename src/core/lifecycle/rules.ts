/**
 * The lifecycle rules of section 2 as pure functions over a manifest's ledger.
 */
import {
  DraftExistsError,
  NoDraftError,
  NoPublishedVersionError,
  UnknownVersionError,
  WrongVersionStatusError,
} from '../errors';
import type { FlowManifest, VersionEntry } from '../model';
import { draftOf, publishedOf } from '../workspace/manifest';

/** Max over the whole ledger (discarded included) + 1: version numbers are never reused. */
export function nextVersionNumber(manifest: FlowManifest): number {
  return manifest.versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
}

export function requireNoDraft(flowId: string, manifest: FlowManifest): void {
  const draft = draftOf(manifest);
  if (draft) throw new DraftExistsError(flowId, draft.version);
}

export function requireDraft(flowId: string, manifest: FlowManifest): VersionEntry {
  const draft = draftOf(manifest);
  if (!draft) throw new NoDraftError(flowId);
  return draft;
}

export function requirePublished(flowId: string, manifest: FlowManifest): VersionEntry {
  const published = publishedOf(manifest);
  if (!published) throw new NoPublishedVersionError(flowId);
  return published;
}

export function requireVersion(flowId: string, manifest: FlowManifest, version: number): VersionEntry {
  const entry = manifest.versions.find((v) => v.version === version);
  if (!entry) throw new UnknownVersionError(flowId, version);
  return entry;
}

/** Restore copies an archived version into a new draft. */
export function requireRestorable(flowId: string, manifest: FlowManifest, version: number): VersionEntry {
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
export function requireDuplicable(flowId: string, manifest: FlowManifest, version: number): VersionEntry {
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
