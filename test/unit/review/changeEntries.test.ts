import * as assert from 'assert';
import { compareVersions } from '../../../src/core';
import { starterFlow } from '../../../src/core/starterFlow';
import { changeEntries, type ChangeEntry } from '../../../src/extension/review/changeEntries';

const v1 = starterFlow({ name: 'Acme' });

function entriesBetween(before: string, after: string): ChangeEntry[] {
  return changeEntries(compareVersions('acme', { version: 1, text: before }, { version: 2, text: after }));
}

function flat(entries: ChangeEntry[]): ChangeEntry[] {
  return entries.flatMap((e) => [e, ...flat(e.children ?? [])]);
}

describe('review: the Changes for Callers entries', () => {
  it('says there is no change for callers between equal versions', () => {
    assert.deepStrictEqual(
      entriesBetween(v1, v1).map((e) => [e.kind, e.label]),
      [['none', 'No change for callers']],
    );
  });

  it('a renamed step is one entry on the `to` side, its references moved with it', () => {
    const renamed = v1.replace('  support:\n', '  care:\n').replace('"2": support', '"2": care');
    const entries = flat(entriesBetween(v1, renamed));
    const rename = entries.find((e) => e.kind === 'renamed');
    assert.deepStrictEqual(rename && { label: rename.label, description: rename.description, reveal: rename.reveal }, {
      label: 'care',
      description: 'renamed from support',
      reveal: { step: 'care', side: 'to' },
    });
    assert.ok(!entries.some((e) => e.kind === 'added' || e.kind === 'removed'));
  });

  it('a changed step lists its fields as children, each revealing the step', () => {
    const changed = v1.replace('queue: sales', 'queue: sales-east');
    const step = flat(entriesBetween(v1, changed)).find((e) => e.kind === 'changed');
    assert.strictEqual(step?.description, 'changed: queue');
    assert.deepStrictEqual(
      step?.children?.map((c) => [c.label, c.description, c.reveal?.step]),
      [['queue', '"sales" → "sales-east"', 'sales']],
    );
  });

  it('a journey reveals where its path first goes elsewhere, or its last step when only the outcome changed', () => {
    const rewired = flat(entriesBetween(v1, v1.replace('"2": support', '"2": sales')));
    const pressing2 = rewired.find((e) => e.kind === 'journey' && e.label === 'pressing 2 during open hours');
    assert.deepStrictEqual(pressing2?.reveal, { step: 'menu', side: 'to' });
    const requeued = flat(entriesBetween(v1, v1.replace('queue: support', 'queue: care')));
    const viaSupport = requeued.find((e) => e.kind === 'journey' && e.label === 'pressing 2 during open hours');
    assert.deepStrictEqual(viaSupport?.reveal, { step: 'support', side: 'to' });
  });

  it('a removed step, and a journey no call can take any more, are revealed on the `from` side', () => {
    const without = v1
      .replace('options: { "1": sales, "2": support }', 'options: { "1": sales }')
      .replace(/ {2}support:\n(?: {4}.*\n)+/, '');
    const entries = flat(entriesBetween(v1, without));
    assert.deepStrictEqual(entries.find((e) => e.kind === 'removed')?.reveal, { step: 'support', side: 'from' });
    const gone = entries.find((e) => e.kind === 'journey' && e.description?.startsWith('gone'));
    assert.strictEqual(gone?.reveal?.side, 'from');
  });
});
