import * as assert from 'assert';
import type { TempRepo } from '../../helpers/tempRepo';
import {
  CarrierEmulator,
  CARRIER_NAMES,
  generateCarrierKeys,
  serverEnvironment,
  type CarrierKeys,
  type CarrierName,
} from '../../support/carrier';
import type { RunningRuntime } from '../../../src/runtime';
import { acmeFlow } from './acmeFlow';
import { loopbackService, type LoopbackService } from './loopbackServices';
import {
  cli,
  memoryLog,
  NUMBER,
  publishText,
  serve,
  servedWorkspace,
  STATE_SECRET,
  until,
  type LoggedLines,
} from './serveHarness';

/** A Tuesday, 10:00 in New York: open hours. */
const OPEN = new Date('2026-11-24T15:00:00Z');
const SATURDAY_NIGHT = new Date('2026-11-29T03:00:00Z');

describe('callflow serve: calls follow the published flow, over real HTTP', () => {
  let repo: TempRepo;
  let crm: LoopbackService & { delayMs: number };
  let webhook: LoopbackService;
  let keys: CarrierKeys;
  let runtime: RunningRuntime | undefined;
  let logged: LoggedLines;

  before(async () => {
    crm = await loopbackService((r) =>
      r.url.includes('%2B14155550123') ? { status: 200, json: { customer: { tier: 'gold' } } } : { status: 404 },
    );
    webhook = await loopbackService(() => ({ status: 204 }));
    repo = await servedWorkspace(acmeFlow(crm.url));
    await repo.write(
      'callflow.yaml',
      `${await repo.read('callflow.yaml')}runtime:\n  callbackWebhook: ${webhook.url}/callbacks\n  voice: Polly.Joanna\n`,
    );
    repo.git('commit', '-qam', 'runtime settings');
    keys = generateCarrierKeys();
  });
  after(async () => {
    await Promise.all([crm.close(), webhook.close(), repo.cleanup()]);
  });
  beforeEach(() => {
    crm.requests.length = 0;
    webhook.requests.length = 0;
    crm.delayMs = 0;
  });
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
  });

  const carrierFor = async (carrier: CarrierName, at = OPEN, options = {}): Promise<CarrierEmulator> => {
    ({ runtime, logged } = await serve(repo, {
      carrier,
      at,
      publicUrl: 'https://voice.example.com/acme',
      env: { CALLFLOW_STATE_SECRET: STATE_SECRET, ...serverEnvironment(keys) },
      ...options,
    }));
    return new CarrierEmulator({ carrier, keys, publicUrl: runtime.publicUrl, servers: runtime.url });
  };

  for (const carrier of CARRIER_NAMES) {
    it(`${carrier}: menu to a queue an agent answers; the CRM is asked with the caller id percent-encoded`, async () => {
      const emulator = await carrierFor(carrier);
      const call = await emulator.placeCall({ to: NUMBER, from: '+14155550123', callSid: `CA-${carrier}-1` });
      assert.deepStrictEqual(call.said.slice(0, 2), [
        'Welcome to <Acme> & co.',
        'For sales press 1, support 2, your account 3, a callback 4.',
      ]);
      assert.strictEqual(call.transcript[0]!.kind === 'say' && call.transcript[0]!.voice, 'Polly.Joanna');
      assert.deepStrictEqual(
        crm.requests.map((r) => r.url),
        ['/customers?phone=%2B14155550123'],
      );
      assert.strictEqual(call.waiting?.kind, 'gather');
      await call.press('1');
      assert.strictEqual(call.waiting?.kind, 'enqueue');
      const waiting = call.waiting as { queue: string; workflowSid?: string };
      assert.strictEqual(waiting.queue, 'sales');
      await call.agentAnswers({ queueSeconds: 12 });
      assert.deepStrictEqual(call.ended, { reason: 'hangup' });
      const steps = logged.of('step').map((l) => [l['step'], l['exit']]);
      assert.deepStrictEqual(steps, [
        ['welcome', 'next'],
        ['lookup', 'success'],
        ['hours', 'open'],
        ['menu', '1'],
        ['sales', null],
      ]);
      const end = logged.of('call-end')[0]!;
      assert.deepStrictEqual(end['outcome'], { kind: 'connected', queue: 'sales', flow: 'acme', step: 'sales' });
      assert.strictEqual(end['version'], 1);
      assert.strictEqual(end['number'], NUMBER);
      for (const line of logged.of('step')) assert.strictEqual(line['call'], `CA-${carrier}-1`);
    });
  }

  it('nobody answers the queue: the hold document leaves after the step timeout, then voicemail with the recording in the log', async () => {
    const emulator = await carrierFor('twilio');
    const call = await emulator.placeCall({ to: NUMBER, from: '+14155550123' });
    await call.press('1');
    const rounds = await call.holdUntilLeave();
    assert.ok(rounds >= 3 && rounds <= 5, `left after ${rounds} hold documents`);
    assert.ok(call.heardOnHold.some((h) => h.kind === 'say' && /Please stay on the line/.test(h.text)));
    assert.strictEqual(call.waiting?.kind, 'record');
    assert.deepStrictEqual(call.said.slice(-1), ['Please leave a message.']);
    const recording = await call.recordingDone({ seconds: 7 });
    assert.deepStrictEqual(call.said.slice(-1), ['Goodbye.']);
    const voicemail = logged.of('step').find((l) => l['step'] === 'voicemail')!;
    assert.strictEqual(voicemail['recording'], recording.url);
    const sales = logged.of('step').find((l) => l['step'] === 'sales')!;
    assert.strictEqual(sales['exit'], 'no-answer');
    assert.strictEqual((logged.of('call-end')[0]!['outcome'] as { kind: string }).kind, 'voicemail');
  });

  it('a menu that hears nothing asks again, then takes no-input; a wrong key takes invalid', async () => {
    const emulator = await carrierFor('telnyx');
    const silent = await emulator.placeCall({ to: NUMBER });
    await silent.timeOut();
    assert.strictEqual(silent.waiting?.kind, 'gather');
    await silent.timeOut();
    assert.strictEqual(silent.waiting?.kind, 'record');
    const menu = logged.of('step').find((l) => l['step'] === 'menu')!;
    assert.strictEqual(menu['exit'], 'no-input');
    assert.strictEqual((menu['attempts'] as unknown[]).length, 2);
    const wrong = await emulator.placeCall({ to: NUMBER });
    await wrong.press('9');
    await wrong.press('9');
    assert.strictEqual(wrong.waiting?.kind, 'record');
  });

  it('collect: digits are checked by the server and masked in the log by default', async () => {
    const emulator = await carrierFor('signalwire');
    const call = await emulator.placeCall({ to: NUMBER, from: '+14155550123' });
    await call.press('3');
    assert.strictEqual(call.waiting?.kind, 'gather');
    assert.strictEqual((call.waiting as { numDigits?: number }).numDigits, 8);
    await call.press('12#');
    assert.strictEqual(call.waiting?.kind, 'gather', 'two digits are fewer than min-digits: asked again');
    await call.press('55501234#');
    assert.deepStrictEqual(call.said.slice(-2), ['Account 55501234, tier gold.', 'Goodbye.']);
    const collect = logged.of('step').find((l) => l['step'] === 'account')!;
    assert.strictEqual(collect['value'], '••••••••');
    assert.ok(!JSON.stringify(logged.lines.filter((l) => l['event'] === 'step')).includes('55501234'));
  });

  it('collect digits are kept in the log with --log-digits', async () => {
    const { log, logged: kept } = memoryLog(true);
    const emulator = await carrierFor('twilio', OPEN, { log });
    const call = await emulator.placeCall({ to: NUMBER });
    await call.press('3');
    await call.press('4321#');
    assert.strictEqual(kept.of('step').find((l) => l['step'] === 'account')!['value'], '4321');
  });

  it('transfer: busy takes failed, answered ends the call transferred', async () => {
    const emulator = await carrierFor('twilio');
    const busy = await emulator.placeCall({ to: NUMBER });
    await busy.press('2');
    assert.strictEqual((busy.waiting as { number: string }).number, '+14155550199');
    await busy.dialResult('busy');
    assert.strictEqual(busy.waiting?.kind, 'record');
    const answered = await emulator.placeCall({ to: NUMBER });
    await answered.press('2');
    await answered.dialResult('completed', { seconds: 40 });
    assert.deepStrictEqual(answered.ended, { reason: 'hangup' });
    const outcomes = logged.of('call-end').map((l) => (l['outcome'] as { kind: string }).kind);
    assert.deepStrictEqual(outcomes, ['transferred']);
  });

  it('callback: logged and posted to the webhook once, also when the carrier retries the request', async () => {
    const emulator = await carrierFor('twilio');
    const call = await emulator.placeCall({ to: NUMBER, from: '+14155550123', callSid: 'CA-callback' });
    await call.press('4');
    assert.deepStrictEqual(call.said.slice(-2), ['We will call you back.', 'Goodbye.']);
    await until(() => webhook.requests.length === 1);
    const posted = JSON.parse(webhook.requests[0]!.body) as Record<string, unknown>;
    assert.strictEqual(posted['queue'], 'sales');
    assert.strictEqual(posted['caller'], '+14155550123');
    assert.strictEqual(posted['call'], 'CA-callback');
    const retry = await call.retryLast();
    assert.ok(retry.same, 'the retry got the same answer');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.strictEqual(webhook.requests.length, 1);
    assert.strictEqual(logged.of('callback').length, 1);
  });

  it('a retried first request makes no second http request', async () => {
    const emulator = await carrierFor('twilio');
    const call = await emulator.placeCall({ to: NUMBER, from: '+14155550123' });
    const retry = await call.retryLast();
    assert.ok(retry.same);
    assert.strictEqual(crm.requests.length, 1);
  });

  it('an http step that does not answer in time takes failure, and the call goes on', async () => {
    crm.delayMs = 2_000;
    const emulator = await carrierFor('twilio', OPEN, { httpTimeoutMs: 300 });
    const call = await emulator.placeCall({ to: NUMBER, from: '+14155550123' });
    assert.strictEqual(call.waiting?.kind, 'gather');
    assert.strictEqual(logged.of('step').find((l) => l['step'] === 'lookup')!['exit'], 'failure');
  });

  it('business hours are decided by the server in the flow zone (--at): closed goes to voicemail', async () => {
    const emulator = await carrierFor('twilio', SATURDAY_NIGHT);
    const call = await emulator.placeCall({ to: NUMBER });
    assert.strictEqual(call.waiting?.kind, 'record');
    assert.strictEqual(logged.of('step').find((l) => l['step'] === 'hours')!['exit'], 'closed');
  });

  it('a tampered call state, or one of another call, gets 403 and a log line, and runs nothing', async () => {
    const emulator = await carrierFor('twilio');
    const call = await emulator.placeCall({ to: NUMBER, callSid: 'CA-victim' });
    const action = (call.waiting as { action: string }).action;
    const token = new URL(action).searchParams.get('s')!;
    const tampered = action.replace(token, token.slice(0, 10) + (token[10] === 'A' ? 'B' : 'A') + token.slice(11));
    const base = { CallSid: 'CA-victim', From: '+1', To: NUMBER, Digits: '1' };
    assert.strictEqual((await emulator.request('POST', tampered, base)).answer.status, 403);
    assert.strictEqual((await emulator.request('POST', action, { ...base, CallSid: 'CA-other' })).answer.status, 403);
    assert.deepStrictEqual(
      logged.of('rejected').map((l) => l['reason']),
      ['tampered-state', 'tampered-state'],
    );
    assert.strictEqual(logged.of('step').filter((l) => l['step'] === 'menu').length, 0);
  });

  it('a publish in the middle of a call: the call finishes on its version, new calls get the new one', async () => {
    const emulator = await carrierFor('twilio');
    const before = await emulator.placeCall({ to: NUMBER });
    await cli(repo, 'edit', 'acme');
    await publishText(
      repo,
      'acme',
      2,
      acmeFlow(crm.url).replace('"1": sales', '"1": support').replace('For sales press 1', 'For support press 1'),
    );
    const commit = repo.git('rev-parse', 'HEAD').trim();
    await until(() => runtime!.deployments.current?.commit === commit);
    await before.press('1');
    assert.strictEqual(before.waiting?.kind, 'enqueue', 'the call in progress still runs v1');
    const after = await emulator.placeCall({ to: NUMBER });
    assert.match(after.said.join(' '), /For support press 1/);
    await after.press('1');
    assert.strictEqual(after.waiting?.kind, 'dial');
    // Put v1's text back as v3 so the other tests see the flow they expect.
    await cli(repo, 'rollback', 'acme', '1');
  });
});
