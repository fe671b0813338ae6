/**
 * One engine: a call run by `simulate` and the same call run by `serve` over the wire (driven by
 * the carrier emulator) take the same steps, the same exits, and end the same. Every call
 * scenario of the sample workspace, then fast-check-generated flows and caller inputs on every
 * carrier profile.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { parse as parseYaml, stringify as stringifyYaml } from 'yaml';
import type { FlowDefinition } from '../../../src/core/model';
import { parseCallScenarios } from '../../../src/core/scenarios';
import { simulateCall, type HttpFixture, type SimulateCallRequest } from '../../../src/core/simulator';
import { makeTempRepo } from '../../helpers/tempRepo';
import { CARRIER_NAMES, type CarrierName } from '../../support/carrier';
import {
  playScript,
  publishedWorkspace,
  serveFor,
  traceOf,
  type CallerScript,
  type ServedCarrier,
  type Workspace,
} from './carrierHarness';

// The script that builds the sample workspace for `npm start`, run as it is (plain JavaScript).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sampleWorkspace = require('../../../../scripts/sample-workspace.js') as {
  prepareSampleWorkspace: (dir: string) => Promise<string>;
};

const REPO_ROOT = path.resolve(__dirname, '../../../..');

interface Runner {
  /** One server per call clock (serve --at) and carrier, started when first needed. */
  served(at: string, carrier: CarrierName): Promise<ServedCarrier>;
  stopAll(): Promise<void>;
}

function runnerFor(root: string): Runner {
  const servers = new Map<string, Promise<ServedCarrier>>();
  return {
    served: (at, carrier) => {
      const key = `${at} ${carrier}`;
      if (!servers.has(key)) servers.set(key, serveFor({ root }, carrier, { at: new Date(at) }));
      return servers.get(key)!;
    },
    stopAll: async () => {
      for (const served of servers.values()) await (await served).stop();
    },
  };
}

interface Differential {
  simulated: { steps: Array<{ flow: string; step: string; exit: string | null }>; outcome: unknown };
  served: { steps: Array<{ flow: string; step: string; exit: string | null }>; outcome: unknown };
}

/** Runs the call both ways; returns both traces. */
async function runBoth(
  runner: Runner,
  carrier: CarrierName,
  request: SimulateCallRequest & { at: string; dialed: string },
  script: CallerScript,
): Promise<Differential> {
  const simulated = simulateCall(request);
  const served = await runner.served(request.at, carrier);
  const call = await served.emulator.placeCall({
    to: request.dialed,
    ...(request.from !== undefined ? { from: request.from } : {}),
  });
  await playScript(call, script);
  const trace = traceOf(served.logged.lines, call.parties.callSid);
  assert.strictEqual(trace.ends, 1, `one call-end line for the call (${call.parties.callSid})`);
  return {
    simulated: {
      steps: simulated.steps.map((s) => ({ flow: s.flow, step: s.step, exit: s.exit })),
      outcome: simulated.outcome,
    },
    served: { steps: trace.steps, outcome: trace.outcome },
  };
}

describe('serve and simulate run the same calls the same way', function () {
  this.timeout(300_000);

  describe('every call scenario of the sample workspace', () => {
    let root: string;
    let cleanup: () => Promise<void>;
    let runner: Runner;

    before(async () => {
      const repo = await makeTempRepo({ gitInit: false });
      cleanup = repo.cleanup;
      root = await sampleWorkspace.prepareSampleWorkspace(path.join(repo.root, 'sample'));
      runner = runnerFor(root);
    });
    after(async () => {
      await runner?.stopAll();
      await cleanup?.();
    });

    const scenarioFiles = [
      { file: 'flows/acme-main-line/calls.yaml', inSample: true },
      { file: 'test/fixtures/simulator/acme.calls.yaml', inSample: false },
    ];
    for (const { file, inSample } of scenarioFiles) {
      it(`${file}: the same steps, exits and outcome through serve (twilio) as through simulate`, async () => {
        const text = readFileSync(path.join(inSample ? root : REPO_ROOT, file), 'utf8');
        const parsed = parseCallScenarios(text, file);
        assert.deepStrictEqual(parsed.problems, []);
        assert.ok(parsed.scenarios.length >= 5);
        // The number +14155550100 rings Acme Main Line's published version (v2).
        const definition = parseYaml(
          readFileSync(path.join(root, 'flows/acme-main-line/v2.yaml'), 'utf8'),
        ) as FlowDefinition;
        for (const scenario of parsed.scenarios) {
          const at = scenario.at!;
          const request = {
            flow: { id: 'acme-main-line', version: 2, definition },
            at,
            dialed: '+14155550100',
            ...(scenario.from !== undefined ? { from: scenario.from } : {}),
            digits: scenario.digits,
            agents: scenario.agents,
            ...(scenario.transfer !== undefined ? { transfer: scenario.transfer } : {}),
          };
          const both = await runBoth(runner, 'twilio', request, {
            digits: scenario.digits,
            agents: scenario.agents,
            ...(scenario.transfer !== undefined ? { transfer: scenario.transfer } : {}),
          });
          assert.deepStrictEqual(both.served, both.simulated, `scenario "${scenario.name}"`);
        }
      });
    }
  });

  describe('generated flows and caller inputs, on every carrier profile', () => {
    const FLOWS = 8;
    const seed = Number(process.env['CALLFLOW_FC_SEED'] ?? Date.now() % 100_000);
    let repo: Workspace;
    let runner: Runner;
    let crm: Server;
    let crmUrl: string;
    const flows: FlowDefinition[] = [];

    before(async () => {
      crm = createServer((req, res) => {
        req.resume();
        const answer = CRM_ANSWERS[new URL(req.url ?? '/', 'http://x').pathname] ?? { status: 404 };
        res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body ?? {}));
      });
      await new Promise<void>((resolve) => crm.listen(0, '127.0.0.1', resolve));
      crmUrl = `http://127.0.0.1:${(crm.address() as AddressInfo).port}`;
      flows.push(...fc.sample(generatedFlow(crmUrl), { numRuns: FLOWS, seed }));
      const texts = Object.fromEntries(flows.map((flow, i) => [`gen-${i}`, stringifyYaml(flow)]));
      const numbers = Object.fromEntries(flows.map((_, i) => [numberOf(i), `gen-${i}`]));
      repo = await publishedWorkspace(texts, numbers);
      runner = runnerFor(repo.root);
    });
    after(async () => {
      await runner?.stopAll();
      crm?.closeAllConnections();
      await new Promise((resolve) => crm?.close(resolve));
      await repo?.cleanup();
    });

    it(`the same steps, exits and outcome (seed ${seed}; set CALLFLOW_FC_SEED to replay)`, async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.integer({ min: 0, max: FLOWS - 1 }),
          callerInputs,
          fc.constantFrom(...CARRIER_NAMES),
          async (index, inputs, carrier) => {
            const http: Record<string, HttpFixture> = Object.fromEntries(
              Object.entries(CRM_ANSWERS).map(([route, answer]) => [`GET ${crmUrl}${route}`, answer]),
            );
            const request = {
              flow: { id: `gen-${index}`, version: 1, definition: flows[index]! },
              at: inputs.at,
              dialed: numberOf(index),
              ...(inputs.from !== undefined ? { from: inputs.from } : {}),
              digits: inputs.digits,
              agents: inputs.agents,
              transfer: inputs.transfer,
              http,
            };
            const both = await runBoth(runner, carrier, request, inputs);
            assert.deepStrictEqual(both.served, both.simulated);
          },
        ),
        { numRuns: 45, seed, endOnFailure: true },
      );
    });
  });
});

const numberOf = (index: number): string => `+1415555${String(1000 + index)}`;

const CRM_ANSWERS: Record<string, HttpFixture> = {
  '/gold': { status: 200, body: { customer: { tier: 'gold' } } },
  '/silver': { status: 200, body: { customer: { tier: 'silver' } } },
  '/missing': { status: 404, body: { error: 'no such customer' } },
};

const INSTANTS = ['2026-11-24T15:00:00Z', '2026-11-24T03:00:00Z', '2026-12-25T15:00:00Z'];

const callerInputs = fc.record({
  at: fc.constantFrom(...INSTANTS),
  from: fc.constantFrom('+14155550123', '+447700900123', 'anonymous', 'client:alice', 'sip:bob@example.com'),
  digits: fc.array(fc.constantFrom('1', '2', '9', '*', '', '12', '1234#', '#', '5678'), { maxLength: 6 }),
  agents: fc.record<Record<string, 'available' | 'busy'>>({
    sales: fc.constantFrom('available', 'busy'),
    vip: fc.constantFrom('available', 'busy'),
  }),
  transfer: fc.constantFrom<'ok' | 'failed'>('ok', 'failed'),
});

/**
 * A valid flow of 3 to 8 steps of every kind a carrier plays (no goto-flow), each exit leading to
 * a later step, so every call ends; the last step hangs up.
 */
function generatedFlow(crmUrl: string): fc.Arbitrary<FlowDefinition> {
  return fc.integer({ min: 3, max: 8 }).chain((count) => {
    const ids = Array.from({ length: count }, (_, i) => `s${i}`);
    const later = (i: number) => fc.integer({ min: i + 1, max: count - 1 }).map((j) => ids[j]!);
    const steps = ids.slice(0, -1).map((_, i) => stepAt(i, later, crmUrl));
    return fc.tuple(...steps).map((built) => {
      const map: Record<string, unknown> = {};
      built.forEach((step, i) => (map[ids[i]!] = step));
      map[ids[count - 1]!] = { type: 'hangup', say: 'Goodbye.' };
      return { callflow: 1, trigger: 'incoming-call', start: 's0', steps: map } as unknown as FlowDefinition;
    });
  });
}

function stepAt(
  i: number,
  later: (i: number) => fc.Arbitrary<string>,
  crmUrl: string,
): fc.Arbitrary<Record<string, unknown>> {
  const next = later(i);
  const say = fc.constantFrom('Hello {{caller.number}}.', 'Your tier is {{tier}}.', 'Account {{account}}.', 'Welcome.');
  return fc.oneof(
    fc.record({ type: fc.constant('play'), say, next }),
    fc.record({
      type: fc.constant('menu'),
      say,
      options: fc.record({ '1': next, '2': next }),
      timeout: fc.integer({ min: 1, max: 10 }),
      attempts: fc.integer({ min: 1, max: 3 }),
      'no-input': next,
      invalid: next,
    }),
    fc.record({
      type: fc.constant('collect'),
      say,
      variable: fc.constant('account'),
      'min-digits': fc.integer({ min: 1, max: 3 }),
      'max-digits': fc.integer({ min: 3, max: 6 }),
      'finish-on': fc.constantFrom('#', '*'),
      timeout: fc.integer({ min: 1, max: 10 }),
      attempts: fc.integer({ min: 1, max: 3 }),
      next,
      'no-input': next,
    }),
    fc.record({
      type: fc.constant('condition'),
      branches: fc.array(
        fc.record({
          when: fc.oneof(
            fc.record({ variable: fc.constant('tier'), equals: fc.constantFrom('gold', 'silver') }),
            fc.record({ variable: fc.constant('caller.number'), 'starts-with': fc.constant('+1415') }),
            fc.record({ variable: fc.constant('account'), matches: fc.constant('^1[0-9]*$') }),
          ),
          next,
        }),
        { minLength: 1, maxLength: 2 },
      ),
      else: next,
    }),
    fc.record({ type: fc.constant('set'), values: fc.record({ tier: fc.constantFrom('gold', 'bronze') }), next }),
    fc.record({
      type: fc.constant('business-hours'),
      timezone: fc.constantFrom('America/New_York', 'Europe/London'),
      hours: fc.constant({ 'mon-fri': ['09:00-17:00'] }),
      holidays: fc.constant(['2026-12-25']),
      open: next,
      closed: next,
    }),
    fc.record({
      type: fc.constant('http'),
      method: fc.constant('GET'),
      url: fc.constantFrom(...Object.keys(CRM_ANSWERS).map((route) => `${crmUrl}${route}`)),
      save: fc.constant({ tier: 'customer.tier' }),
      success: next,
      failure: next,
    }),
    fc.record({
      type: fc.constant('assign-dial'),
      queue: fc.constantFrom('sales', 'vip'),
      timeout: fc.integer({ min: 5, max: 40 }),
      'no-answer': next,
    }),
    fc.record({ type: fc.constant('transfer'), to: fc.constant('+14155550199'), failed: next }),
    fc.record({ type: fc.constant('voicemail'), say: fc.constant('Leave a message.'), next }),
    fc.record({
      type: fc.constant('callback'),
      say: fc.constant('We will call back.'),
      queue: fc.constant('sales'),
      next,
    }),
  );
}
