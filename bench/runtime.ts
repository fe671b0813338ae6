/**
 * `callflow serve` under load, on loopback, against a bare node:http server answering a fixed
 * TwiML document in the same run (both in their own processes, driven by the same load
 * generator):
 * - a menu step (a call arriving at a flow that starts with a menu), signature checked: at least
 *   half the bare server's requests per second, and a p99 latency within twice its p99;
 * - memory flat over 100,000 calls (each arrives, hears the menu and hangs up, the carrier's status
 *   callback telling serve so): resident memory after them within 25% of what it was after the
 *   first 10,000 (the warm-up);
 * - 0 failed calls while a publish lands under load: whole calls through the carrier emulator,
 *   before, during and after a new version goes live, and new calls then hear the new version.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { CarrierEmulator, type EmulatedCall } from '../test/support/carrier';
import { generateCarrierKeys, serverEnvironment, signatureHeaders } from '../test/support/carrier/profiles';
import { makeWorkspace } from '../test/helpers/tempRepo';
import { processCpuMs, startServeProcess, type ServeProcess } from '../test/support/serveProcess';
import { runLoad, type LoadResult, type PreparedRequest } from './loadGenerator';
import { median, type BenchResult } from './result';
import { parseFlowId } from '../src/core';

const PUBLIC_URL = 'https://voice.bench.example';
const NUMBER = '+14155550100';
const CONCURRENCY = 32;
const ROUND_REQUESTS = 4_000;
const ROUNDS = 3;
const WARM_UP = 10_000;
const MEMORY_CALLS = 100_000;
const MEMORY_GROWTH_LIMIT = 1.25;
const MEMORY_PHASE_MS = 6 * 60_000;
const PUBLISH_CALLERS = 8;

const menuFlow = (greeting: string): string => `callflow: 1
trigger: incoming-call
start: menu
steps:
  menu:
    type: menu
    say: "${greeting} For sales press 1, for support press 2."
    options: { "1": sales, "2": support }
    timeout: 5
    attempts: 3
    no-input: goodbye
    invalid: goodbye
  sales:
    type: assign-dial
    queue: sales
    timeout: 60
    no-answer: goodbye
  support:
    type: transfer
    to: "+14155550199"
    failed: goodbye
  goodbye:
    type: hangup
`;

export async function benchRuntime(): Promise<BenchResult[]> {
  const keys = generateCarrierKeys();
  const repo = await makeWorkspace();
  const processes: ServeProcess[] = [];
  let bare: Awaited<ReturnType<typeof startBareServer>> | undefined;
  try {
    const ws = repo.workspace;
    await ws.create('Main Line', { id: 'main' });
    await repo.write('flows/main/v1.yaml', menuFlow('Version one.'));
    await ws.save(parseFlowId('main'));
    await ws.publish(parseFlowId('main'));
    await ws.assign(NUMBER, parseFlowId('main'));

    const serve = await startServeProcess({
      cwd: repo.root,
      publicUrl: PUBLIC_URL,
      carrier: 'twilio',
      env: { ...serverEnvironment(keys), CALLFLOW_STATE_SECRET: randomBytes(32).toString('hex') },
    });
    processes.push(serve);
    const signed = (path: string, params: Record<string, string>): PreparedRequest => {
      const body = Buffer.from(new URLSearchParams(params).toString());
      return { path, body, headers: signatureHeaders('twilio', keys, { url: `${PUBLIC_URL}${path}`, params, body }) };
    };
    // Calls that arrive (the menu step is their first request), and their status callbacks when the
    // callers hang up at the menu: what the carrier sends when a call ends, and what tells serve the call is over.
    const prepareCalls = (count: number): { menus: PreparedRequest[]; hangUps: PreparedRequest[] } => {
      const calls = Array.from({ length: count }, callParams);
      return {
        menus: calls.map((params) => signed('/voice', params)),
        hangUps: calls.map((params) => signed('/status', hangUpParams(params))),
      };
    };
    const prepare = (count: number): PreparedRequest[] => prepareCalls(count).menus;
    const isMenu = (status: number, body: string): boolean => status === 200 && body.includes('<Gather');
    const isStatusTaken = (status: number): boolean => status === 204;
    const hangUp = (requests: PreparedRequest[]): Promise<LoadResult> =>
      runLoad({ server: serve.url, requests, concurrency: CONCURRENCY, accept: isStatusTaken });

    // The bare server answers what serve answers to the menu step, byte for byte.
    const sample = await runLoad({ server: serve.url, requests: prepare(1), concurrency: 1 });
    if (sample.failures > 0) throw new Error(`serve did not answer the menu step: ${sample.firstFailure}`);
    const menuDocument = await firstAnswer(serve.url, prepare(1)[0]!);
    bare = await startBareServer(menuDocument);

    const warmUp = prepareCalls(WARM_UP);
    await runLoad({ server: serve.url, requests: warmUp.menus, concurrency: CONCURRENCY, accept: isMenu });
    await hangUp(warmUp.hangUps);
    await runLoad({ server: bare.url, requests: prepare(WARM_UP / 5), concurrency: CONCURRENCY, accept: isMenu });
    const memoryAfterWarmUp = serve.residentBytes();

    // Throughput and latency: the menu step alone (the calls' hang-ups follow each round, unmeasured).
    const serveRounds: LoadResult[] = [];
    const bareRounds: LoadResult[] = [];
    const serveCpuUs: number[] = [];
    const bareCpuUs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      let cpuBefore = processCpuMs(bare.pid);
      const bareRound = await runLoad({
        server: bare.url,
        requests: prepare(ROUND_REQUESTS),
        concurrency: CONCURRENCY,
        accept: isMenu,
      });
      bareRounds.push(bareRound);
      bareCpuUs.push(((processCpuMs(bare.pid) - cpuBefore) * 1000) / bareRound.requests);
      const calls = prepareCalls(ROUND_REQUESTS);
      cpuBefore = serve.cpuMs();
      const serveRound = await runLoad({
        server: serve.url,
        requests: calls.menus,
        concurrency: CONCURRENCY,
        accept: isMenu,
      });
      serveRounds.push(serveRound);
      serveCpuUs.push(((serve.cpuMs() - cpuBefore) * 1000) / serveRound.requests);
      await hangUp(calls.hangUps);
    }
    const failedMenus = serveRounds.reduce((n, r) => n + r.failures, 0);
    const serveRate = median(serveRounds.map((r) => r.perSecond));
    const bareRate = median(bareRounds.map((r) => r.perSecond));
    const serveP99 = median(serveRounds.map((r) => r.p99Ms));
    const bareP99 = median(bareRounds.map((r) => r.p99Ms));

    // Memory: the rest of 100,000 whole calls (arrive, hear the menu, hang up), in batches, within a
    // deadline (a slow machine reports fewer calls, and misses).
    let calls = WARM_UP + ROUNDS * ROUND_REQUESTS;
    let memoryFailures = 0;
    const memoryDeadline = Date.now() + MEMORY_PHASE_MS;
    while (calls < MEMORY_CALLS && Date.now() < memoryDeadline) {
      const batch = prepareCalls(Math.min(10_000, MEMORY_CALLS - calls));
      const result = await runLoad({
        server: serve.url,
        requests: batch.menus,
        concurrency: CONCURRENCY,
        accept: isMenu,
      });
      const ended = await hangUp(batch.hangUps);
      memoryFailures += result.failures + ended.failures;
      calls += result.requests;
    }
    const memoryAfterAll = serve.residentBytes();
    const growth = memoryAfterAll / memoryAfterWarmUp;

    const publish = await callsWhilePublishing(repo, keys, serve.url);

    return [
      {
        name: `menu step through serve, signature checked (${CONCURRENCY} connections)`,
        value: Math.round(serveRate),
        unit: 'req/s',
        target: `>= 0.5 x bare node:http (${Math.round(bareRate)} req/s)`,
        ok: serveRate >= 0.5 * bareRate && failedMenus === 0,
      },
      {
        name: 'menu step through serve: p99 latency',
        value: round(serveP99),
        unit: 'ms',
        target: `<= 2 x bare node:http p99 (${round(bareP99)} ms)`,
        ok: serveP99 <= 2 * bareP99,
      },
      // Under load from elsewhere each process gets a like share of the CPU, and the ratio of
      // throughputs tends to the ratio of CPU per request: what to cut when the targets are missed.
      {
        name: '  CPU per menu step: serve / bare node:http (median of rounds)',
        value: Math.round(median(serveCpuUs)),
        unit: `us / ${Math.round(median(bareCpuUs))} us`,
      },
      {
        name: `resident memory after ${calls.toLocaleString('en-US')} calls / after ${WARM_UP.toLocaleString('en-US')}`,
        value: round(growth),
        unit: `x (${mb(memoryAfterWarmUp)} -> ${mb(memoryAfterAll)} MB)`,
        target: `<= ${MEMORY_GROWTH_LIMIT} x`,
        ok: growth <= MEMORY_GROWTH_LIMIT && memoryFailures === 0 && calls >= MEMORY_CALLS,
      },
      {
        name: `failed calls while a publish lands (${publish.calls} whole calls, ${PUBLISH_CALLERS} at a time)`,
        value: publish.failed,
        unit: publish.failed > 0 ? `calls (first: ${publish.firstFailure})` : 'calls',
        target: '0, and new calls hear the new version',
        ok: publish.failed === 0 && publish.newVersionHeard,
      },
    ];
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await bare?.stop();
    await repo.cleanup();
  }
}

/** The status callback of a call whose caller hung up at the menu, five seconds in. */
function hangUpParams(call: Record<string, string>): Record<string, string> {
  return { ...call, CallStatus: 'completed', CallDuration: '5' };
}

function callParams(): Record<string, string> {
  return {
    CallSid: `CA${randomBytes(16).toString('hex')}`,
    AccountSid: 'AC00000000000000000000000000000001',
    From: '+14155550123',
    To: NUMBER,
    CallStatus: 'ringing',
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
  };
}

async function firstAnswer(server: string, request: PreparedRequest): Promise<string> {
  const response = await fetch(`${server}${request.path}`, {
    method: 'POST',
    headers: { ...request.headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: request.body,
  });
  return response.text();
}

/**
 * Whole calls (arrive, press 1 or 2, the queue or transfer ends the call) by several callers at
 * once, while version 2 is published: every call must end as its flow says, on one version.
 */
async function callsWhilePublishing(
  repo: Awaited<ReturnType<typeof makeWorkspace>>,
  keys: ReturnType<typeof generateCarrierKeys>,
  server: string,
): Promise<{ calls: number; failed: number; firstFailure?: string; newVersionHeard: boolean }> {
  const emulator = new CarrierEmulator({ carrier: 'twilio', keys, publicUrl: PUBLIC_URL, servers: server });
  let published = false;
  let publishedAt = Infinity;
  let calls = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  let newVersionHeard = false;
  const oneCall = async (): Promise<void> => {
    const startedAt = Date.now();
    let call: EmulatedCall | undefined;
    try {
      call = await emulator.placeCall({ to: NUMBER });
      const greeting = call.said[0] ?? '';
      const versionOk = greeting.startsWith('Version one.') || greeting.startsWith('Version two.');
      if (greeting.startsWith('Version two.') && startedAt > publishedAt) newVersionHeard = true;
      if (calls % 2 === 0) {
        await call.press('1');
        await call.agentAnswers({ queueSeconds: 3 });
      } else {
        await call.press('2');
        await call.dialResult('completed');
      }
      const ended = call.ended?.reason === 'hangup' || call.ended?.reason === 'document-ended';
      if (!versionOk || !ended) throw new Error(`greeting "${greeting}", ended ${JSON.stringify(call.ended)}`);
    } catch (error) {
      failed++;
      firstFailure ??= (error as Error).message.split('\n')[0];
    } finally {
      calls++;
    }
  };
  const deadline = Date.now() + 60_000;
  const callers = Array.from({ length: PUBLISH_CALLERS }, async () => {
    // Calls go on until the new version has been heard (or the deadline), so the publish lands mid-load.
    while (Date.now() < deadline && !(published && newVersionHeard && calls > 200)) await oneCall();
  });
  const publisher = (async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await repo.workspace.edit(parseFlowId('main'));
    await repo.write('flows/main/v2.yaml', menuFlow('Version two.'));
    await repo.workspace.save(parseFlowId('main'));
    await repo.workspace.publish(parseFlowId('main'));
    publishedAt = Date.now();
    published = true;
  })();
  await Promise.all([publisher, ...callers]);
  return { calls, failed, ...(firstFailure !== undefined ? { firstFailure } : {}), newVersionHeard };
}

/** The baseline: node:http reading the body and answering one fixed document, in its own process. */
async function startBareServer(document: string): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const script = `
    const http = require('node:http');
    const body = Buffer.from(process.env.FIXED_TWIML);
    const server = http.createServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-length': body.length });
        res.end(body);
      });
    });
    server.keepAliveTimeout = 5000;
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));
  `;
  const child = spawn(process.execPath, ['-e', script], {
    env: { FIXED_TWIML: document },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(0);
}
