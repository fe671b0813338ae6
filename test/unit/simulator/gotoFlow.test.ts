import * as assert from 'assert';
import type { FlowDefinition } from '../../../src/core/model';
import { simulateCall, type PublishedFlow } from '../../../src/core/simulator';
import { acme, flowOf, WEEKDAY_OPEN } from './helpers';

const end = { type: 'hangup' };

function resolverOf(flows: Record<string, PublishedFlow>) {
  const asked: string[] = [];
  const resolve = (flowId: string): PublishedFlow | undefined => {
    asked.push(flowId);
    return flows[flowId];
  };
  return { resolve, asked };
}

function run(
  definition: FlowDefinition,
  flows: Record<string, PublishedFlow>,
  extra: { digits?: string[]; maxSteps?: number } = {},
) {
  return simulateCall({
    flow: { id: 'main', version: 'draft', definition },
    resolvePublished: resolverOf(flows).resolve,
    at: WEEKDAY_OPEN,
    ...extra,
  });
}

describe('simulator: goto-flow and the step limit', () => {
  it('continues in the published version of the target flow, each step saying its flow', () => {
    const main = flowOf({
      hi: { type: 'set', values: { language: 'en' }, next: 'jump' },
      jump: { type: 'goto-flow', flow: 'acme' },
    });
    const result = run(main, { acme: { version: 4, definition: acme } }, { digits: ['1'] });
    assert.deepStrictEqual(
      result.steps.map((s) => `${s.flow}:${s.step}`),
      ['main:hi', 'main:jump', 'acme:welcome', 'acme:hours', 'acme:menu', 'acme:sales'],
    );
    assert.strictEqual(result.steps[1]!.exit, null);
    assert.deepStrictEqual(result.steps[1]!.target, { flow: 'acme', version: 4 });
    assert.deepStrictEqual(result.outcome, { kind: 'connected', queue: 'sales', flow: 'acme', step: 'sales' });
    assert.strictEqual(result.flow, 'main');
    assert.strictEqual(result.version, 'draft');
    assert.strictEqual(result.variables.language, 'en', 'variables carry over into the other flow');
  });

  it('ends with an error when the target flow is unknown or has no published version', () => {
    const main = flowOf({ jump: { type: 'goto-flow', flow: 'billing' } });
    const result = run(main, {});
    assert.deepStrictEqual(result.outcome, {
      kind: 'error',
      code: 'unknown-flow',
      flow: 'main',
      step: 'jump',
      message: 'Step "jump" goes to flow "billing", which does not exist or has no published version.',
    });
    const withoutResolver = simulateCall({ flow: { id: 'main', version: 1, definition: main }, at: WEEKDAY_OPEN });
    assert.strictEqual((withoutResolver.outcome as { code?: string }).code, 'unknown-flow');
  });

  it('stops a goto-flow cycle between flows with an error naming the cycle', () => {
    const a = flowOf({ hi: { type: 'play', say: 'A', next: 'go' }, go: { type: 'goto-flow', flow: 'b' } });
    const b = flowOf({ hi: { type: 'play', say: 'B', next: 'go' }, go: { type: 'goto-flow', flow: 'main' } });
    const result = run(a, { b: { version: 1, definition: b }, main: { version: 2, definition: a } });
    assert.strictEqual(result.outcome.kind, 'error');
    assert.strictEqual((result.outcome as { code: string }).code, 'goto-cycle');
    assert.match((result.outcome as { message: string }).message, /goto-flow cycle: main → b → main/);
    assert.strictEqual(result.steps.length, 4);
  });

  it('stops a flow that goes to itself', () => {
    const self = flowOf({ go: { type: 'goto-flow', flow: 'main' } });
    assert.strictEqual(
      (run(self, { main: { version: 1, definition: self } }).outcome as { code: string }).code,
      'goto-cycle',
    );
  });

  it('ends with an error when the target flow has no start step', () => {
    const main = flowOf({ go: { type: 'goto-flow', flow: 'broken' } });
    const result = run(main, { broken: { version: 1, definition: flowOf({ a: end }, 'nowhere') } });
    assert.match(
      (result.outcome as { message: string }).message,
      /start step "nowhere" is not a step of flow "broken"/,
    );
  });

  it('stops a call that runs 1,000 steps without ending', () => {
    const loop = flowOf({ a: { type: 'play', say: 'A', next: 'b' }, b: { type: 'play', say: 'B', next: 'a' } });
    const result = run(loop, {});
    assert.strictEqual(result.steps.length, 1000);
    assert.deepStrictEqual(result.outcome, {
      kind: 'error',
      code: 'step-limit',
      message: 'ran 1,000 steps without ending',
      flow: 'main',
      step: 'b',
    });
  });

  it('lets a call end on its 1,000th step', () => {
    const steps: Record<string, unknown> = {};
    for (let i = 0; i < 999; i++) steps[`s${i}`] = { type: 'play', next: i === 998 ? 'bye' : `s${i + 1}` };
    steps.bye = end;
    const result = run(flowOf(steps, 's0'), {});
    assert.strictEqual(result.steps.length, 1000);
    assert.strictEqual(result.outcome.kind, 'hangup');
  });

  it('counts the steps of every flow against one limit, and takes another limit when asked', () => {
    const loop = flowOf({ a: { type: 'menu', options: { '1': 'a' }, 'no-input': 'a' } });
    const result = run(loop, {}, { maxSteps: 5 });
    assert.strictEqual(result.steps.length, 5);
    assert.strictEqual((result.outcome as { message: string }).message, 'ran 5 steps without ending');
  });
});
