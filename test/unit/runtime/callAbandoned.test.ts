/**
 * A caller who hangs up before the flow ends: the carrier's call status callback (`POST /status`,
 * set on the number) ends the call in the log, `abandoned` in the step the caller was in, once,
 * whether the flow, a retried callback or another replica saw the end first. Over real HTTP
 * through the carrier emulator, on every carrier profile, and across two replicas sharing Redis.
 */
import * as assert from 'assert';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { CARRIER_NAMES, CarrierEmulator, generateCarrierKeys, type EmulatedCall } from '../../support/carrier';
import { callflow } from '../cli/cliHarness';
import { acmeFlow } from './acmeFlow';
import { NUMBER, PUBLIC_URL, publishedWorkspace, serveFor, traceOf, WEEKDAY_OPEN as OPEN } from './carrierHarness';
import type { ServedCarrier, Workspace } from './carrierHarness';
import { loopbackService, startRedis, type LoopbackService, type RedisServer } from './loopbackServices';

describe('serve: a call the caller abandons logs its end once, from the status callback', function () {
  this.timeout(120_000);
  let repo: Workspace;
  let crm: LoopbackService;

  before(async () => {
    crm = await loopbackService(() => ({ status: 200, json: { customer: { tier: 'gold' } } }));
    repo = await publishedWorkspace({ acme: acmeFlow(crm.url) }, { [NUMBER]: 'acme' });
  });
  after(async () => {
    await crm?.close();
    await repo?.cleanup();
  });

  for (const carrier of CARRIER_NAMES) {
    describe(carrier, () => {
      let served: ServedCarrier;
      before(async () => (served = await serveFor(repo, carrier, { at: OPEN })));
      after(async () => served?.stop());

      const place = () => served.emulator.placeCall({ to: NUMBER, from: '+14155550123' });
      const trace = (call: EmulatedCall) => traceOf(served.logged.lines, call.parties.callSid);

      it('hung up while the menu listens: abandoned in the menu, from the status callback (204)', async () => {
        const call = await place();
        assert.strictEqual(call.waiting?.kind, 'gather');
        await call.hangUp();
        assert.deepStrictEqual(
          call.statusCallbacks.map((r) => r.answer.status),
          [204],
        );
        const { outcome, ends, lines } = trace(call);
        assert.strictEqual(ends, 1);
        assert.deepStrictEqual(outcome, { kind: 'abandoned', flow: 'acme', step: 'menu' });
        const end = lines.find((l) => l['event'] === 'call-end')!;
        assert.strictEqual(end['number'], NUMBER);
        assert.strictEqual(end['from'], '+14155550123');
        assert.strictEqual(end['version'], 1);
        assert.match(String(end['commit']), /^[0-9a-f]{40}$/);
      });

      it('hung up while queued, or while the transfer rings: abandoned there, one end line though the action heard it too', async () => {
        const queued = await place();
        await queued.press('1');
        assert.strictEqual(queued.waiting?.kind, 'enqueue');
        await queued.hangUp();
        assert.strictEqual(trace(queued).ends, 1);
        assert.deepStrictEqual(trace(queued).outcome, { kind: 'abandoned', flow: 'acme', step: 'sales' });

        const ringing = await place();
        await ringing.press('2');
        assert.strictEqual(ringing.waiting?.kind, 'dial');
        await ringing.hangUp();
        assert.strictEqual(trace(ringing).ends, 1);
        assert.deepStrictEqual(trace(ringing).outcome, { kind: 'abandoned', flow: 'acme', step: 'support' });
      });

      it('a retried status callback, and the callback of a call the flow ended, log nothing twice', async () => {
        const abandoned = await place();
        await abandoned.press('3');
        await abandoned.hangUp();
        const retry = await abandoned.retryLast();
        assert.strictEqual(retry.retried.answer.status, 204);
        assert.strictEqual(trace(abandoned).ends, 1);
        assert.deepStrictEqual(trace(abandoned).outcome, { kind: 'abandoned', flow: 'acme', step: 'account' });

        const finished = await place();
        await finished.press('4');
        assert.deepStrictEqual(finished.ended, { reason: 'hangup' });
        assert.strictEqual(finished.statusCallbacks.length, 1, 'the carrier reported the end');
        await finished.retryLast();
        assert.strictEqual(trace(finished).ends, 1);
        assert.strictEqual(trace(finished).outcome?.['kind'], 'callback');
      });

      it('an unsigned or tampered status callback gets 403 and ends nothing', async () => {
        const call = await place();
        const params = {
          CallSid: call.parties.callSid,
          AccountSid: call.parties.accountSid,
          From: call.parties.from,
          To: NUMBER,
          CallStatus: 'completed',
          CallDuration: '12',
        };
        for (const tampering of ['missing', 'key', 'parameter'] as const) {
          const refused = await served.emulator.request('POST', `${PUBLIC_URL}/status`, params, tampering);
          assert.strictEqual(refused.answer.status, 403, tampering);
        }
        assert.strictEqual(trace(call).ends, 0);
        assert.ok(served.logged.of('rejected').some((l) => l['path'] === '/status'));
        // A status that is not an end (the call still rings or talks) ends nothing either.
        const talking = await served.emulator.request('POST', `${PUBLIC_URL}/status`, {
          ...params,
          CallStatus: 'in-progress',
        });
        assert.strictEqual(talking.answer.status, 204);
        assert.strictEqual(trace(call).ends, 0);
        await call.press('4');
        assert.strictEqual(trace(call).outcome?.['kind'], 'callback');
      });
    });
  }

  it('callflow calls lists an abandoned call with the step the caller hung up in', async () => {
    const served = await serveFor(repo, 'twilio', { at: OPEN });
    try {
      const call = await served.emulator.placeCall({ to: NUMBER });
      await call.press('1');
      await call.hangUp();
      const file = path.join(repo.root, 'calls.jsonl');
      writeFileSync(file, served.logged.lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
      const json = await callflow(repo.root, 'calls', '--log', file, '--json');
      const listed = json.json<Array<Record<string, unknown>>>().find((c) => c['call'] === call.parties.callSid);
      assert.deepStrictEqual(listed?.['outcome'], { kind: 'abandoned', flow: 'acme', step: 'sales' });
      const human = await callflow(repo.root, 'calls', '--log', file);
      assert.match(human.stdout, new RegExp(`${call.parties.callSid}.*abandoned \\(hung up in sales\\)`));
    } finally {
      await served.stop();
    }
  });

  describe('two replicas sharing Redis', () => {
    let redis: RedisServer;
    let replicas: ServedCarrier[] = [];
    before(async () => (redis = await startRedis()));
    after(async () => redis?.stop());
    afterEach(async () => {
      await Promise.all(replicas.map((r) => r.stop()));
      replicas = [];
    });

    it('the status callback reaching the other replica ends the call there, once across both logs and retries', async () => {
      const keys = generateCarrierKeys();
      for (let i = 0; i < 2; i++) replicas.push(await serveFor(repo, 'twilio', { at: OPEN, keys, store: redis.url }));
      const emulator = new CarrierEmulator({
        carrier: 'twilio',
        keys,
        publicUrl: PUBLIC_URL,
        servers: replicas.map((r) => r.runtime.url),
        statusCallback: `${PUBLIC_URL}/status`,
      });
      const call = await emulator.placeCall({ to: NUMBER });
      await call.hangUp();
      const [status] = call.statusCallbacks;
      assert.notStrictEqual(
        status!.server,
        call.requests[0]!.server,
        'the status reached the replica the call never saw',
      );
      await call.retryLast();
      const ends = replicas.flatMap((r) => r.logged.of('call-end')).filter((l) => l['call'] === call.parties.callSid);
      assert.strictEqual(ends.length, 1);
      assert.deepStrictEqual(ends[0]!['outcome'], { kind: 'abandoned', flow: 'acme', step: 'menu' });

      const finished = await emulator.placeCall({ to: NUMBER });
      await finished.press('4');
      await finished.retryLast();
      const finishedEnds = replicas
        .flatMap((r) => r.logged.of('call-end'))
        .filter((l) => l['call'] === finished.parties.callSid);
      assert.deepStrictEqual(
        finishedEnds.map((l) => (l['outcome'] as { kind: string }).kind),
        ['callback'],
      );
    });
  });
});
