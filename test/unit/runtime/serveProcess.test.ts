import * as assert from 'assert';
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { TempRepo } from '../../helpers/tempRepo';
import { CarrierEmulator, generateCarrierKeys, serverEnvironment } from '../../support/carrier';
import { callflow } from '../cli/cliHarness';
import { acmeFlow } from './acmeFlow';
import { loopbackService, type LoopbackService } from './loopbackServices';
import { NUMBER, servedWorkspace, STATE_SECRET } from './serveHarness';

const CLI = path.resolve(__dirname, '../../../../bin/callflow.js');

describe('callflow serve as a process', () => {
  let repo: TempRepo;
  let crm: LoopbackService & { delayMs: number };
  let child: ChildProcess | undefined;

  before(async () => {
    crm = await loopbackService(() => ({ status: 200, json: { customer: { tier: 'gold' } } }), 0);
    repo = await servedWorkspace(acmeFlow(crm.url));
  });
  after(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await Promise.all([crm.close(), repo.cleanup()]);
  });

  it('SIGTERM finishes the requests in flight, then exits 0', async () => {
    crm.delayMs = 1_000;
    const keys = generateCarrierKeys();
    child = spawn(
      process.execPath,
      [CLI, 'serve', '--port', '0', '--public-url', 'https://voice.example.com', '--at', '2026-11-24T15:00:00Z'],
      {
        cwd: repo.root,
        env: { ...process.env, CALLFLOW_STATE_SECRET: STATE_SECRET, ...serverEnvironment(keys) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      child!.stderr!.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /on (http:\/\/127\.0\.0\.1:\d+)/.exec(stderr);
        if (match) resolve(match[1]!);
      });
      child!.once('exit', () => reject(new Error(`serve exited: ${stderr}`)));
    });
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const emulator = new CarrierEmulator({
      carrier: 'twilio',
      keys,
      publicUrl: 'https://voice.example.com',
      servers: url,
    });
    const inFlight = emulator.placeCall({ to: NUMBER, from: '+14155550123' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.strictEqual(crm.requests.length, 1, 'the call is waiting on its http step');
    child.kill('SIGTERM');
    const call = await inFlight;
    assert.strictEqual(call.waiting?.kind, 'gather', 'the request in flight was answered');
    assert.strictEqual(await exited, 0);
    assert.match(stderr, /SIGTERM received: finishing the requests in flight/);
    const events = stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { event: string }).event);
    assert.deepStrictEqual([events[0], events.at(-1)], ['started', 'stopped']);
  });

  it('refuses to start without a state secret (exit 2), saying how to make one', async () => {
    const saved = process.env['CALLFLOW_STATE_SECRET'];
    delete process.env['CALLFLOW_STATE_SECRET'];
    try {
      const run = await callflow(repo.root, 'serve', '--port', '0');
      assert.strictEqual(run.code, 2);
      assert.match(run.stderr, /needs a state secret[\s\S]*openssl rand -hex 32/);
    } finally {
      if (saved !== undefined) process.env['CALLFLOW_STATE_SECRET'] = saved;
    }
  });

  it('refuses a bad port or carrier with exit 2', async () => {
    assert.strictEqual((await callflow(repo.root, 'serve', '--port', 'eighty')).code, 2);
    const carrier = await callflow(repo.root, 'serve', '--carrier', 'vonage');
    assert.strictEqual(carrier.code, 2);
    assert.match(carrier.stderr, /twilio, signalwire, telnyx/);
  });
});
