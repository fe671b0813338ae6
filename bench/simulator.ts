/**
 * Simulator throughput: calls per second through the sample "acme" flow (varied inputs, so
 * every exit and both sides of business hours are exercised), and one call through a
 * generated 2,000-step flow.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { FlowDefinition, Step } from '../src/core/model';
import { simulateCall, type SimulateCallRequest } from '../src/core/simulator';
import type { BenchResult } from './result';

const CALLS_PER_SECOND_TARGET = 50_000;
const LONG_FLOW_STEPS = 2_000;
const LONG_FLOW_TARGET_MS = 5;

function acmeDefinition(): FlowDefinition {
  // Compiled to out*/bench/: the fixture is two folders up in the source tree.
  const candidates = [
    path.resolve(__dirname, '../../test/fixtures/flows/sample-v1.yaml'),
    path.resolve(process.cwd(), 'test/fixtures/flows/sample-v1.yaml'),
  ];
  for (const file of candidates) {
    try {
      return parse(readFileSync(file, 'utf8')) as FlowDefinition;
    } catch {
      // try the next location
    }
  }
  throw new Error('bench: test/fixtures/flows/sample-v1.yaml not found');
}

function acmeRequests(definition: FlowDefinition): SimulateCallRequest[] {
  const flow = { id: 'acme', version: 1, definition };
  const weekday = '2026-11-24T15:00:00Z';
  return [
    { flow, at: weekday, from: '+14155550123', digits: ['1'] },
    { flow, at: weekday, from: '+14155550123', digits: ['2'] },
    { flow, at: weekday, digits: ['1'], agents: { sales: 'busy' } },
    { flow, at: weekday, digits: ['9', '', '2'], transfer: 'failed' },
    { flow, at: weekday },
    { flow, at: '2026-11-28T16:30:00Z', digits: ['1'] },
    { flow, at: '2026-11-24T03:00:00Z' },
    { flow, at: '2026-12-25T15:00:00Z', digits: ['1'] },
  ];
}

/** A chain of mixed steps, every one visited, ending in a hangup. */
export function generateLongFlow(steps: number): FlowDefinition {
  const map: Record<string, Step> = {};
  const id = (i: number): string => `s${i}`;
  for (let i = 0; i < steps - 1; i++) {
    const next = id(i + 1);
    switch (i % 8) {
      case 0:
        map[id(i)] = { type: 'play', say: `Step ${i} for {{caller.number}}.`, next };
        break;
      case 1:
        map[id(i)] = { type: 'set', values: { counter: `${i}`, greeting: 'hello {{counter}}' }, next };
        break;
      case 2:
        map[id(i)] = {
          type: 'condition',
          branches: [
            { when: { variable: 'counter', 'greater-than': 1e9 }, next: 'end' },
            { when: { variable: 'caller.number', 'starts-with': '+44' }, next: 'end' },
          ],
          else: next,
        };
        break;
      case 3:
        map[id(i)] = {
          type: 'business-hours',
          timezone: 'America/New_York',
          hours: { 'mon-fri': ['00:00-24:00'] },
          holidays: ['2026-12-25'],
          open: next,
          closed: next,
        };
        break;
      case 4:
        map[id(i)] = { type: 'menu', say: 'Press 1.', options: { '1': next }, 'no-input': next, invalid: next };
        break;
      case 5:
        map[id(i)] = {
          type: 'http',
          method: 'GET',
          url: 'https://crm.example.com/customers/{{caller.number}}',
          save: { tier: '$.customer.tier' },
          success: next,
          failure: next,
        };
        break;
      case 6:
        map[id(i)] = { type: 'assign-dial', queue: 'busy-queue', 'no-answer': next };
        break;
      default:
        map[id(i)] = { type: 'collect', variable: 'account', 'max-digits': 6, next, 'no-input': next };
        break;
    }
  }
  map[id(steps - 1)] = { type: 'hangup', say: 'Goodbye.' };
  map['end'] = { type: 'hangup' };
  return { callflow: 1, trigger: 'incoming-call', start: id(0), steps: map };
}

function longFlowRequest(): SimulateCallRequest {
  return {
    flow: { id: 'long', version: 1, definition: generateLongFlow(LONG_FLOW_STEPS) },
    at: '2026-11-24T15:00:00Z',
    from: '+14155550123',
    digits: Array.from({ length: 600 }, (_, i) => (i % 2 ? '1' : '123456#')),
    agents: { 'busy-queue': 'busy' },
    http: {
      'GET https://crm.example.com/customers/+14155550123': { status: 200, body: { customer: { tier: 'gold' } } },
    },
    maxSteps: LONG_FLOW_STEPS + 10,
  };
}

function callsPerSecond(requests: SimulateCallRequest[]): number {
  for (let i = 0; i < 20_000; i++) simulateCall(requests[i % requests.length]!);
  let best = 0;
  for (let round = 0; round < 3; round++) {
    let calls = 0;
    const start = process.hrtime.bigint();
    const until = start + 400_000_000n;
    let now = start;
    while (now < until) {
      for (let i = 0; i < 1000; i++) simulateCall(requests[(calls + i) % requests.length]!);
      calls += 1000;
      now = process.hrtime.bigint();
    }
    best = Math.max(best, calls / (Number(now - start) / 1e9));
  }
  return best;
}

function longFlowMilliseconds(request: SimulateCallRequest): number {
  const result = simulateCall(request);
  if (result.steps.length !== LONG_FLOW_STEPS || result.outcome.kind !== 'hangup') {
    throw new Error(`bench: the long flow ended after ${result.steps.length} steps with ${result.outcome.kind}`);
  }
  for (let i = 0; i < 20; i++) simulateCall(request);
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = process.hrtime.bigint();
    simulateCall(request);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export async function benchSimulator(): Promise<BenchResult[]> {
  const perSecond = callsPerSecond(acmeRequests(acmeDefinition()));
  const longMs = longFlowMilliseconds(longFlowRequest());
  return [
    {
      name: 'simulator: calls through the acme flow',
      value: Math.round(perSecond),
      unit: 'calls/s',
      target: `>= ${CALLS_PER_SECOND_TARGET.toLocaleString('en-US')}`,
      ok: perSecond >= CALLS_PER_SECOND_TARGET,
    },
    {
      name: `simulator: one call through a ${LONG_FLOW_STEPS.toLocaleString('en-US')}-step flow (median)`,
      value: Math.round(longMs * 1000) / 1000,
      unit: 'ms',
      target: `< ${LONG_FLOW_TARGET_MS}`,
      ok: longMs < LONG_FLOW_TARGET_MS,
    },
  ];
}

if (require.main === module) {
  void benchSimulator().then((results) => {
    for (const r of results)
      console.log(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name}: ${r.value} ${r.unit} (target ${r.target})`);
  });
}
