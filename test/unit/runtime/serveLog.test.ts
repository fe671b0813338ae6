import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { TempRepo } from '../../helpers/tempRepo';
import { CarrierEmulator, generateCarrierKeys, serverEnvironment } from '../../support/carrier';
import { ExecutionLog } from '../../../src/runtime';
import { callflow } from '../cli/cliHarness';
import { acmeFlow } from './acmeFlow';
import { loopbackService, type LoopbackService } from './loopbackServices';
import { NUMBER, serve, servedWorkspace, STATE_SECRET } from './serveHarness';

const OPEN = new Date('2026-11-24T15:00:00Z');

describe('callflow calls and callflow replay: the execution log read back', () => {
  let repo: TempRepo;
  let crm: LoopbackService;
  let logFile: string;
  let logs = 0;

  before(async () => {
    crm = await loopbackService(() => ({ status: 200, json: { customer: { tier: 'gold' } } }));
    repo = await servedWorkspace(acmeFlow(crm.url));
  });
  after(async () => {
    await Promise.all([crm.close(), repo.cleanup()]);
  });

  /** Serves two calls into a log file: one to a queue, one through collect. */
  const logCalls = async (keepDigits: boolean): Promise<void> => {
    logFile = path.join(repo.repo, `serve-${++logs}.log`);
    const keys = generateCarrierKeys();
    const log = ExecutionLog.toFile(logFile, keepDigits);
    const { runtime } = await serve(repo, {
      at: OPEN,
      log,
      publicUrl: 'https://voice.example.com',
      env: { CALLFLOW_STATE_SECRET: STATE_SECRET, ...serverEnvironment(keys) },
    });
    try {
      const emulator = new CarrierEmulator({
        carrier: 'twilio',
        keys,
        publicUrl: runtime.publicUrl,
        servers: runtime.url,
      });
      const queued = await emulator.placeCall({ to: NUMBER, from: '+14155550123', callSid: 'CA-queue' });
      await queued.press('1');
      await queued.agentAnswers();
      const collected = await emulator.placeCall({ to: NUMBER, from: '+14155550123', callSid: 'CA-collect' });
      await collected.press('3');
      await collected.press('1234#');
    } finally {
      await runtime.stop();
      await log.close();
    }
  };

  it('calls lists each call with its number, flow version and outcome; replay says it ends the same', async () => {
    await logCalls(true);
    const listed = await callflow(repo.root, 'calls', '--log', logFile, '--json');
    assert.strictEqual(listed.code, 0, listed.stderr);
    const calls = listed.json<Array<Record<string, unknown>>>();
    assert.deepStrictEqual(
      calls.map((c) => [c['call'], c['number'], c['flow'], c['version'], (c['outcome'] as { kind: string }).kind]),
      [
        ['CA-queue', NUMBER, 'acme', 1, 'connected'],
        ['CA-collect', NUMBER, 'acme', 1, 'hangup'],
      ],
    );
    const human = await callflow(repo.root, 'calls', '--log', logFile);
    assert.match(human.stdout, /CA-queue .*acme v1 {2}connected \(sales\)/);
    for (const call of ['CA-queue', 'CA-collect']) {
      const replay = await callflow(repo.root, 'replay', call, '--log', logFile);
      assert.strictEqual(replay.code, 0, replay.stdout + replay.stderr);
      assert.match(replay.stdout, /It ends the same as the logged call\./);
    }
  });

  it('replay exits 1 and names the difference when the log says the call ended otherwise', async () => {
    await logCalls(true);
    const text = await fs.readFile(logFile, 'utf8');
    assert.ok(text.includes('"queue":"sales","flow":"acme","step":"sales"}'));
    await fs.writeFile(
      logFile,
      text.replace('"queue":"sales","flow":"acme","step":"sales"}', '"queue":"billing","flow":"acme","step":"sales"}'),
    );
    const replay = await callflow(repo.root, 'replay', 'CA-queue', '--log', logFile);
    assert.strictEqual(replay.code, 1);
    assert.match(replay.stdout, /It ends differently[\s\S]*outcome queue: logged "billing", replayed "sales"/);
  });

  it('a call whose digits the log masks cannot be replayed, and says to log digits', async () => {
    await logCalls(false);
    const text = await fs.readFile(logFile, 'utf8');
    assert.ok(!text.includes('1234'), 'the collected digits are not in the log');
    const replay = await callflow(repo.root, 'replay', 'CA-collect', '--log', logFile);
    assert.strictEqual(replay.code, 2);
    assert.match(replay.stderr, /--log-digits/);
    const unknown = await callflow(repo.root, 'replay', 'CA-nope', '--log', logFile);
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /no call CA-nope/);
  });
});
