import * as assert from 'assert';
import { comparisonDirection, comparisonRange, type DirectedVersion } from '../../../src/core';

function reads(a: DirectedVersion, b: DirectedVersion): string {
  return comparisonRange(comparisonDirection(a, b));
}

describe('review: the direction a comparison of two versions reads in', () => {
  it('a draft reads from the published version, even when the published one has the higher number (after a rollback)', () => {
    const draft: DirectedVersion = { version: 5, status: 'draft' };
    const published: DirectedVersion = { version: 6, status: 'published', publishedAt: '2026-12-01T10:00:00Z' };
    assert.strictEqual(reads(draft, published), 'v6 (published) → v5 (draft)');
    assert.strictEqual(reads(published, draft), 'v6 (published) → v5 (draft)');
  });

  it('an archived version reads to the published one, and to a draft', () => {
    const archived: DirectedVersion = { version: 7, status: 'archived', publishedAt: '2026-12-02T10:00:00Z' };
    assert.strictEqual(reads({ version: 6, status: 'published' }, archived), 'v7 (archived) → v6 (published)');
    assert.strictEqual(reads({ version: 2, status: 'draft' }, archived), 'v7 (archived) → v2 (draft)');
  });

  it('two archived versions read in the order they went live, by number when the ledger has no date', () => {
    const first: DirectedVersion = { version: 4, status: 'archived', publishedAt: '2026-12-01T10:00:00Z' };
    const later: DirectedVersion = { version: 3, status: 'archived', publishedAt: '2026-12-03T10:00:00Z' };
    assert.strictEqual(reads(later, first), 'v4 (archived) → v3 (archived)');
    assert.strictEqual(
      reads({ version: 3, status: 'archived' }, { version: 1, status: 'archived' }),
      'v1 (archived) → v3 (archived)',
    );
  });

  it('a discarded version reads from the published one and to a draft', () => {
    const discarded: DirectedVersion = { version: 2, status: 'discarded' };
    assert.strictEqual(reads(discarded, { version: 1, status: 'published' }), 'v1 (published) → v2 (discarded)');
    assert.strictEqual(reads({ version: 3, status: 'draft' }, discarded), 'v2 (discarded) → v3 (draft)');
  });
});
