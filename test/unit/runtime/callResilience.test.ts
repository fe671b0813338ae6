/**
 * What a call survives: a carrier's retry (the same answer, no side effect twice), a publish in
 * the middle of the call (it finishes on its version; new calls get the new one), requests
 * spread over two server processes, and a replica killed mid-call.
 */
import * as assert from 'assert';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CarrierEmulator, generateCarrierKeys, serverEnvironment } from '../../support/carrier';
import { startServeProcess, type ServeProcess } from '../../support/serveProcess';
import { PUBLIC_URL, publishFlow, publishedWorkspace, serveFor, traceOf, type Workspace } from './carrierHarness';

const NUMBER = '+14155550100';

const flow = (greeting: string, side: string): string => `callflow: 1
trigger: incoming-call
start: menu
steps:
  menu:
    type: menu
    say: "${greeting} Press 1 for your account."
    options: { "1": account }
    no-input: bye
    invalid: bye
  account:
    type: collect
    say: "Enter your account number, then pound."
    variable: account
    min-digits: 3
    next: lookup
    no-input: bye
  lookup:
    type: http
    method: POST
    url: "${side}/lookup?account={{account}}"
    success: later
    failure: later
  later:
    type: callback
    say: "${greeting} We will call you back about account {{account}}."
    queue: sales
    next: bye
  bye:
    type: hangup
    say: "Goodbye."
`;

describe('serve: retries, publishes, replicas', function () {
  this.timeout(120_000);
  let repo: Workspace;
  let side: Server;
  let sideUrl: string;
  const hits: string[] = [];

  beforeEach(async () => {
    hits.length = 0;
    side = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        hits.push(new URL(req.url ?? '/', 'http://x').pathname);
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => side.listen(0, '127.0.0.1', resolve));
    sideUrl = `http://127.0.0.1:${(side.address() as AddressInfo).port}`;
    repo = await publishedWorkspace(
      { main: flow('Version one.', sideUrl) },
      { [NUMBER]: 'main' },
      `runtime:\n  callbackWebhook: ${sideUrl}/callbacks\n`,
    );
  });
  afterEach(async () => {
    side?.closeAllConnections();
    await new Promise((resolve) => side?.close(resolve));
    await repo?.cleanup();
  });

  const count = (path: string) => hits.filter((h) => h === path).length;

  it('a retried request gets the same answer and repeats no side effect (no second http request, no second callback)', async () => {
    const s = await serveFor(repo, 'twilio');
    try {
      const call = await s.emulator.placeCall({ to: NUMBER });
      assert.ok((await call.retryLast()).same, 'the first request, retried');
      await call.press('1');
      await call.press('4321#');
      assert.ok(call.said.includes('Version one. We will call you back about account 4321.'), call.said.join(' | '));
      await until(() => count('/callbacks') === 1);
      const retry = await call.retryLast();
      assert.strictEqual(retry.second, retry.first);
      assert.ok(retry.same);
      await new Promise((resolve) => setTimeout(resolve, 300));
      assert.strictEqual(count('/lookup'), 1, 'one http request');
      assert.strictEqual(count('/callbacks'), 1, 'one callback webhook');
      const trace = traceOf(s.logged.lines, call.parties.callSid);
      assert.strictEqual(trace.steps.filter((t) => t.step === 'lookup').length, 1, 'the step is logged once');
      assert.strictEqual(trace.ends, 1);
    } finally {
      await s.stop();
    }
  });

  it('a publish in the middle of a call: the call finishes on its version, new calls get the new one', async () => {
    const s = await serveFor(repo, 'signalwire');
    try {
      const during = await s.emulator.placeCall({ to: NUMBER });
      assert.ok(during.said[0]?.startsWith('Version one.'));
      await publishFlow(repo, 'main', flow('Version two.', sideUrl));
      await until(async () => {
        const health = (await (await fetch(`${s.runtime.url}/healthz`)).json()) as { flows?: Record<string, unknown> };
        return String(health.flows?.['main']) === '2';
      });
      await during.press('1');
      await during.press('555#');
      assert.ok(during.said.includes('Version one. We will call you back about account 555.'), during.said.join(' | '));
      const after = await s.emulator.placeCall({ to: NUMBER });
      assert.ok(after.said[0]?.startsWith('Version two.'), after.said.join(' | '));
      await after.press('1');
      await after.press('777#');
      assert.ok(after.said.includes('Version two. We will call you back about account 777.'), after.said.join(' | '));
      assert.strictEqual(
        traceOf(s.logged.lines, during.parties.callSid).lines.find((l) => l['event'] === 'call-end')?.['version'],
        1,
      );
      assert.strictEqual(
        traceOf(s.logged.lines, after.parties.callSid).lines.find((l) => l['event'] === 'call-end')?.['version'],
        2,
      );
    } finally {
      await s.stop();
    }
  });

  describe('two server processes', () => {
    const replicas: ServeProcess[] = [];
    const keys = generateCarrierKeys();
    // Every replica shares the carrier's keys and the state secret, as a deployment gives them.
    const env = { ...serverEnvironment(keys), CALLFLOW_STATE_SECRET: randomBytes(32).toString('hex') };

    beforeEach(async () => {
      for (let i = 0; i < 2; i++)
        replicas.push(await startServeProcess({ cwd: repo.root, publicUrl: PUBLIC_URL, carrier: 'telnyx', env }));
    });
    afterEach(async () => {
      await Promise.all(replicas.splice(0).map((r) => r.stop()));
    });

    const combinedTrace = (callSid: string) => {
      const lines = replicas
        .flatMap((r) => r.logLines())
        .filter((l) => l['call'] === callSid)
        .sort((a, b) => String(a['time']).localeCompare(String(b['time'])));
      return traceOf(lines, callSid);
    };

    it('one call, its requests alternating between the two, ends as on one server', async () => {
      const emulator = new CarrierEmulator({
        carrier: 'telnyx',
        keys,
        publicUrl: PUBLIC_URL,
        servers: replicas.map((r) => r.url),
      });
      const call = await emulator.placeCall({ to: NUMBER });
      await call.timeOut();
      await call.press('1');
      await call.press('987#');
      assert.deepStrictEqual(call.ended, { reason: 'hangup' });
      const servers = call.requests.map((r) => r.server);
      assert.deepStrictEqual(
        servers,
        servers.map((_, i) => replicas[i % 2]!.url),
        'the requests alternated',
      );
      await until(() => combinedTrace(call.parties.callSid).ends === 1);
      const { steps, outcome } = combinedTrace(call.parties.callSid);
      assert.deepStrictEqual(
        steps.map((t) => [t.step, t.exit]),
        [
          ['menu', '1'],
          ['account', 'next'],
          ['lookup', 'success'],
          ['later', 'next'],
          ['bye', null],
        ],
      );
      assert.strictEqual(outcome?.['kind'], 'callback');
      assert.strictEqual(count('/lookup'), 1);
    });

    it('a replica killed mid-call: the call is finished by the other', async () => {
      const emulator = new CarrierEmulator({
        carrier: 'telnyx',
        keys,
        publicUrl: PUBLIC_URL,
        servers: replicas.map((r) => r.url),
      });
      const call = await emulator.placeCall({ to: NUMBER });
      await call.press('1');
      await replicas[0]!.kill();
      await call.press('2468#');
      assert.ok(call.said.includes('Version one. We will call you back about account 2468.'), call.said.join(' | '));
      assert.deepStrictEqual(call.ended, { reason: 'hangup' });
      assert.strictEqual(call.requests.at(-1)!.server, replicas[1]!.url);
      await until(() => combinedTrace(call.parties.callSid).ends === 1);
      assert.strictEqual(combinedTrace(call.parties.callSid).outcome?.['kind'], 'callback');
    });
  });
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
