/**
 * The single-replica call ledger: a position noted is the position read back (whatever the
 * carrier's fields hold), until it expires or the bound pushes it out; a call's end is claimed once.
 */
import * as assert from 'assert';
import {
  CALL_END_TTL_MS,
  CALL_LEDGER_TTL_MS,
  MemoryCallLedger,
  type CallPosition,
} from '../../../src/runtime/callLedger';

const position = (call: string, overrides: Partial<CallPosition> = {}): CallPosition => ({
  call,
  number: '+14155550100',
  from: '+14155550123',
  flow: 'main',
  version: 3,
  commit: 'a'.repeat(40),
  startedAt: '2026-12-07T10:00:00.000Z',
  step: { flow: 'main', id: 'menu' },
  ...overrides,
});

describe('MemoryCallLedger', () => {
  it('reads back each position as noted, shared parts and odd carrier text included', async () => {
    const ledger = new MemoryCallLedger();
    const noted = [
      position('CA1'),
      position('CA2', { from: 'sip:caller\u0000with-nul@example.com', step: { flow: 'other', id: 'queue' } }),
      position('CA3', { from: undefined, version: 'draft' }),
      position('CA\ud800lone-surrogate', { number: 'sip:+14155550100@carrier.example;transport=tls' }),
      position('CA5', { version: '3' }),
    ];
    for (const p of noted) {
      const { from, ...rest } = p;
      await ledger.note(from === undefined ? rest : p);
    }
    for (const p of noted) {
      const { from, ...rest } = p;
      assert.deepStrictEqual(await ledger.position(p.call), from === undefined ? rest : p);
    }
    // A position read back is a copy: changing it changes no other call's.
    (await ledger.position('CA1'))!.step.id = 'changed';
    assert.strictEqual((await ledger.position('CA1'))!.step.id, 'menu');
    assert.strictEqual(typeof (await ledger.position('CA5'))!.version, 'string');
    assert.strictEqual(await ledger.position('CA-never'), undefined);
  });

  it('keeps the last position of a call, until it expires', async () => {
    let now = 1_000_000;
    const ledger = new MemoryCallLedger(100, () => now);
    await ledger.note(position('CA1'));
    await ledger.note(position('CA1', { step: { flow: 'main', id: 'queue' } }));
    assert.strictEqual((await ledger.position('CA1'))!.step.id, 'queue');
    now += CALL_LEDGER_TTL_MS + 1;
    assert.strictEqual(await ledger.position('CA1'), undefined);
  });

  it('holds at most its bound, dropping the calls noted longest ago', async () => {
    const ledger = new MemoryCallLedger(10);
    for (let i = 0; i < 100; i++) await ledger.note(position(`CA${i}`));
    for (let i = 0; i < 90; i++) assert.strictEqual(await ledger.position(`CA${i}`), undefined, `CA${i}`);
    for (let i = 90; i < 100; i++) assert.strictEqual((await ledger.position(`CA${i}`))?.call, `CA${i}`);
  });

  it('claims a call end once, and forgets its position then', async () => {
    const ledger = new MemoryCallLedger();
    await ledger.note(position('CA1'));
    assert.strictEqual(await ledger.claimEnd('CA1'), true);
    assert.strictEqual(await ledger.claimEnd('CA1'), false);
    assert.strictEqual(await ledger.position('CA1'), undefined);
  });

  it('remembers an ended call for the retry window only, and at most its bound of them', async () => {
    let now = 1_000_000;
    const ledger = new MemoryCallLedger(100, () => now, 10);
    assert.strictEqual(await ledger.claimEnd('CA1'), true);
    now += CALL_END_TTL_MS - 1;
    assert.strictEqual(await ledger.claimEnd('CA1'), false, 'a retried status callback inside the window');
    now += 2;
    assert.strictEqual(await ledger.claimEnd('CA1'), true, 'long after the call ended, it is forgotten');
    for (let i = 0; i < 20; i++) assert.strictEqual(await ledger.claimEnd(`CA-${i}`), true);
    // The ten ended last are remembered; the ten before them were pushed out by the bound.
    for (let i = 10; i < 20; i++) assert.strictEqual(await ledger.claimEnd(`CA-${i}`), false, `CA-${i}`);
    assert.strictEqual(await ledger.claimEnd('CA-0'), true);
  });
});
