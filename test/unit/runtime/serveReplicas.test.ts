import * as assert from 'assert';
import type { TempRepo } from '../../helpers/tempRepo';
import { CarrierEmulator, generateCarrierKeys, serverEnvironment, type CarrierKeys } from '../../support/carrier';
import type { RunningRuntime } from '../../../src/runtime';
import { MemoryReplyStore, RedisReplyStore } from '../../../src/runtime/replyStore';
import { loopbackService, startRedis, type LoopbackService, type RedisServer } from './loopbackServices';
import { acmeFlow } from './acmeFlow';
import { NUMBER, serve, servedWorkspace, STATE_SECRET, type LoggedLines } from './serveHarness';

const OPEN = new Date('2026-11-24T15:00:00Z');

describe('callflow serve: replicas share nothing but git, the state secret and Redis', () => {
  let repo: TempRepo;
  let crm: LoopbackService;
  let redis: RedisServer;
  let keys: CarrierKeys;
  let replicas: Array<{ runtime: RunningRuntime; logged: LoggedLines }> = [];

  before(async () => {
    redis = await startRedis();
    crm = await loopbackService(() => ({ status: 200, json: { customer: { tier: 'gold' } } }));
    repo = await servedWorkspace(acmeFlow(crm.url));
    keys = generateCarrierKeys();
  });
  after(async () => {
    await Promise.all([crm.close(), redis.stop(), repo.cleanup()]);
  });
  beforeEach(() => (crm.requests.length = 0));
  afterEach(async () => {
    await Promise.all(replicas.map((r) => r.runtime.stop()));
    replicas = [];
  });

  const startReplicas = async (store: string | undefined): Promise<CarrierEmulator> => {
    for (let i = 0; i < 2; i++)
      replicas.push(
        await serve(repo, {
          at: OPEN,
          publicUrl: 'https://voice.example.com',
          env: { CALLFLOW_STATE_SECRET: STATE_SECRET, ...serverEnvironment(keys) },
          ...(store ? { store } : {}),
        }),
      );
    return new CarrierEmulator({
      carrier: 'twilio',
      keys,
      publicUrl: 'https://voice.example.com',
      servers: replicas.map((r) => r.runtime.url),
    });
  };

  it('one call runs across two replicas, its requests alternating between them', async () => {
    const emulator = await startReplicas(redis.url);
    const call = await emulator.placeCall({ to: NUMBER, from: '+14155550123' });
    await call.press('3');
    await call.press('98765#');
    assert.deepStrictEqual(call.said.slice(-2), ['Account 98765, tier gold.', 'Goodbye.']);
    const servers = new Set(call.requests.map((r) => r.server));
    assert.strictEqual(servers.size, 2, 'both replicas answered requests of the call');
    const ends = replicas.flatMap((r) => r.logged.of('call-end'));
    assert.strictEqual(ends.length, 1);
  });

  it('a replica killed mid-call: the other finishes the call', async () => {
    const emulator = await startReplicas(redis.url);
    const call = await emulator.placeCall({ to: NUMBER, from: '+14155550123' });
    const first = call.requests[0]!.server;
    await replicas.find((r) => r.runtime.url === first)!.runtime.stop();
    await call.press('1');
    await call.agentAnswers();
    assert.deepStrictEqual(call.ended, { reason: 'hangup' });
    assert.ok(call.requests.slice(1).every((r) => r.server !== first));
    replicas = replicas.filter((r) => r.runtime.url !== first);
  });

  it('a retry that reaches the other replica gets the same answer and repeats no http request (Redis)', async () => {
    const emulator = await startReplicas(redis.url);
    const call = await emulator.placeCall({ to: NUMBER, from: '+14155550123' });
    const retry = await call.retryLast();
    assert.notStrictEqual(retry.retried.server, call.requests[0]!.server, 'the retry went to the other replica');
    assert.ok(retry.same, 'same answer');
    assert.strictEqual(crm.requests.length, 1);
  });

  it('without a shared store each replica answers a retry on its own (the documented single-replica fallback)', async () => {
    const emulator = await startReplicas(undefined);
    const call = await emulator.placeCall({ to: NUMBER, from: '+14155550123' });
    await call.retryLast();
    assert.strictEqual(crm.requests.length, 2);
  });

  it('the reply stores: a claim is held while the first attempt runs, and released on failure', async () => {
    for (const store of [new MemoryReplyStore(), await RedisReplyStore.connect(redis.url, () => {})]) {
      assert.deepStrictEqual(await store.claim('k1'), { kind: 'claimed' });
      assert.deepStrictEqual(await store.claim('k1'), { kind: 'pending' });
      await store.save('k1', '<Response/>');
      assert.deepStrictEqual(await store.claim('k1'), { kind: 'answered', reply: '<Response/>' });
      assert.deepStrictEqual(await store.claim('k2'), { kind: 'claimed' });
      await store.release('k2');
      assert.deepStrictEqual(await store.claim('k2'), { kind: 'claimed' });
      await store.release('k1');
      await store.release('k2');
      await store.close();
    }
  });
});
