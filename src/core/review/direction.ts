/**
 * Which way a comparison of two versions of a flow reads: in the direction of publishing, from
 * what callers get (or got) to what they would get next, whatever the version numbers. After a
 * rollback the published version has the higher number (v6, a copy of v1) and the draft a lower
 * one (v5): the draft still reads v6 → v5 (docs/review.md, "Which way a comparison reads").
 */
import type { LedgerStatus } from '../model';

export interface DirectedVersion {
  version: number;
  status: LedgerStatus;
  /** When it went live (published and archived versions); orders two archived versions. */
  publishedAt?: string;
}

/**
 * A version's place in the publishing order: versions that were live (archived), then the one
 * callers get now (published), then one that could go live (a draft). A discarded version never
 * went live: it reads like a draft that was.
 */
const PUBLISHING_ORDER: Record<LedgerStatus, number> = { archived: 0, published: 1, discarded: 2, draft: 3 };

/**
 * The two versions as the comparison reads them, `from` (the diff's left side) → `to` (the right):
 * the draft last, the published version before it, archived versions before that in the order
 * they went live (by version number when the ledger has no date).
 */
export function comparisonDirection<T extends DirectedVersion>(a: T, b: T): { from: T; to: T } {
  const rank = PUBLISHING_ORDER[a.status] - PUBLISHING_ORDER[b.status];
  if (rank !== 0) return rank < 0 ? { from: a, to: b } : { from: b, to: a };
  const aLive = a.publishedAt ?? '';
  const bLive = b.publishedAt ?? '';
  if (aLive !== bLive && aLive !== '' && bLive !== '') return aLive < bLive ? { from: a, to: b } : { from: b, to: a };
  return a.version <= b.version ? { from: a, to: b } : { from: b, to: a };
}

/** `v6 (published)`: a version as a comparison's label names it, with its status now. */
export function versionWithStatus(version: Pick<DirectedVersion, 'version' | 'status'>): string {
  return `v${version.version} (${version.status})`;
}

/** `v6 (published) → v5 (draft)`. */
export function comparisonRange(direction: { from: DirectedVersion; to: DirectedVersion }): string {
  return `${versionWithStatus(direction.from)} → ${versionWithStatus(direction.to)}`;
}
