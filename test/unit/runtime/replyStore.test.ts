/**
 * The single-replica reply store: bounded (memory stays flat under any load), the most recent
 * answers kept for retries, the oldest dropped first, claims and answers expiring.
 */
import * as assert from 'assert';
import { CLAIM_TTL_MS, MemoryReplyStore, REPLY_TTL_MS } from '../../../src/runtime/replyStore';

describe('MemoryReplyStore', () => {
  it('holds at most its bound, keeping the most recent answers and dropping the oldest first', async () => {
    const store = new MemoryReplyStore({ entries: 100 });
    for (let i = 0; i < 1_000; i++) {
      assert.deepStrictEqual(await store.claim(`k${i}`), { kind: 'claimed' });
      await store.save(`k${i}`, `<Response>${i}</Response>`);
      assert.ok(store.size <= 100, `${store.size} entries after ${i + 1} requests`);
    }
    assert.strictEqual(store.size, 100);
    for (let i = 900; i < 1_000; i++)
      assert.deepStrictEqual(await store.claim(`k${i}`), { kind: 'answered', reply: `<Response>${i}</Response>` });
    // The oldest were dropped: a retry of one runs again.
    assert.deepStrictEqual(await store.claim('k0'), { kind: 'claimed' });
    assert.deepStrictEqual(await store.claim('k899'), { kind: 'claimed' });
  });

  it('a key released and claimed again is not dropped when its first place comes round', async () => {
    const store = new MemoryReplyStore({ entries: 3 });
    await store.claim('a');
    await store.release('a');
    await store.claim('b');
    await store.claim('a'); // its second place
    await store.save('a', 'A');
    await store.claim('c'); // takes a's first place: a stays
    await store.claim('d'); // takes b's place: b goes
    assert.deepStrictEqual(await store.claim('a'), { kind: 'answered', reply: 'A' });
    assert.deepStrictEqual(await store.claim('b'), { kind: 'claimed' });
    assert.ok(store.size <= 3);
  });

  it('a claim expires (its request died), and so does an answer', async () => {
    let now = 1_000_000;
    const store = new MemoryReplyStore({ entries: 10 }, () => now);
    await store.claim('pending');
    await store.claim('answered');
    await store.save('answered', 'X');
    now += CLAIM_TTL_MS + 1;
    assert.deepStrictEqual(await store.claim('pending'), { kind: 'claimed' });
    assert.deepStrictEqual(await store.claim('answered'), { kind: 'answered', reply: 'X' });
    now += REPLY_TTL_MS + 1;
    assert.deepStrictEqual(await store.claim('answered'), { kind: 'claimed' });
  });

  it('holds answers in a fixed set of slabs: the oldest slab is written over, and its answers are forgotten', async () => {
    const store = new MemoryReplyStore({ entries: 1_000, slabs: 3, slabBytes: 100 });
    const reply = (i: number): string => `<R>${String(i).padStart(4, '0')}é</R>`; // 13 bytes: 7 to a slab
    for (let i = 0; i < 30; i++) {
      await store.claim(`k${i}`);
      await store.save(`k${i}`, reply(i));
    }
    // Slabs of 7 answers: 28 and 29 are in the slab being written, 14-27 in the two before it.
    for (let i = 14; i < 30; i++)
      assert.deepStrictEqual(await store.claim(`k${i}`), { kind: 'answered', reply: reply(i) }, `k${i}`);
    for (const i of [0, 7, 13]) assert.deepStrictEqual(await store.claim(`k${i}`), { kind: 'claimed' }, `k${i}`);
    // An answer larger than a slab is held as it is.
    const large = 'x'.repeat(500);
    await store.claim('large');
    await store.save('large', large);
    assert.deepStrictEqual(await store.claim('large'), { kind: 'answered', reply: large });
  });
});
