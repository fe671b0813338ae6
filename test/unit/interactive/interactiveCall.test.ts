import * as assert from 'assert';
import fc from 'fast-check';
import {
  appendScenario,
  InteractiveCall,
  InvalidInputError,
  parseCallScenarios,
  runScenarioText,
  scenarioEntry,
  simulateCall,
  type CallProgress,
  type NamedFixture,
  type SimulateCallRequest,
} from '../../../src/core';
import { acme, WEEKDAY_OPEN } from '../simulator/helpers';
import { simulateRequest } from '../engine/arbitraryCalls';

/** Plays the request's inputs into a test call as a user would: keys, then one-key answers. */
function answerLikeTheInputs(request: SimulateCallRequest): InteractiveCall {
  const fixtures: NamedFixture[] = Object.entries(request.http ?? {}).map(([key, fixture]) => ({
    source: 'calls.yaml "given"',
    key,
    fixture: fixture,
  }));
  const call = new InteractiveCall({
    flow: request.flow,
    ...(request.resolvePublished ? { resolvePublished: request.resolvePublished } : {}),
    at: new Date(request.at),
    fixtures,
    ...(request.from !== undefined ? { from: request.from } : {}),
  });
  const digits = [...(request.digits ?? [])];
  let progress: CallProgress = call.start();
  while (progress.question) {
    const question = progress.question;
    if (question.kind === 'keys') {
      progress = call.press(digits.shift() ?? '');
      continue;
    }
    const wait = question.wait;
    let key: string;
    if (wait.kind === 'queue') key = request.agents?.[wait.queue] === 'busy' ? 'b' : 'a';
    else if (wait.kind === 'dial') key = request.transfer === 'failed' ? 'f' : 'a';
    else {
      // The first choice is a fixture written for this very request, when there is one.
      const first = question.choices[0]!;
      key = /^\d$/.test(first.key) && first.label.includes('given') ? first.key : 'e';
    }
    progress = call.choose(key);
  }
  return call;
}

describe('interactive call: a test call, turn by turn', () => {
  it('routes every call as simulate does with the inputs it recorded, for any flow and answers', () => {
    fc.assert(
      fc.property(simulateRequest, (request) => {
        if (request.maxSteps !== undefined) return; // a test call runs with the default step limit
        const call = answerLikeTheInputs(request);
        const inputs = call.inputs();
        const replay = simulateCall({
          flow: request.flow,
          ...(request.resolvePublished ? { resolvePublished: request.resolvePublished } : {}),
          at: inputs.at,
          ...(inputs.from !== undefined ? { from: inputs.from } : {}),
          digits: inputs.digits,
          agents: inputs.agents,
          ...(inputs.transfer ? { transfer: inputs.transfer } : {}),
          http: inputs.http,
        });
        assert.deepStrictEqual(call.result(), replay);
      }),
      { numRuns: 200 },
    );
  });

  it('plays prompts, asks for keys with the attempt, asks once per queue, and ends with the outcome', () => {
    const call = new InteractiveCall({
      flow: { id: 'acme', version: 1, definition: acme },
      at: new Date(WEEKDAY_OPEN),
    });
    let progress = call.start();
    const heard = progress.items.flatMap((i) =>
      i.kind === 'heard' && i.utterance.kind === 'say' ? [i.utterance.step] : [],
    );
    assert.deepStrictEqual(heard, ['welcome', 'menu']);
    assert.ok(progress.question?.kind === 'keys');
    assert.strictEqual(progress.question.wait.attempt, 1);
    progress = call.press('');
    assert.ok(progress.question?.kind === 'keys' && progress.question.wait.attempt === 2);
    progress = call.press('1');
    assert.ok(progress.question?.kind === 'choice');
    assert.deepStrictEqual(
      progress.question.choices.map((c) => c.key),
      ['a', 'b'],
    );
    assert.throws(() => call.press('1'), InvalidInputError, 'keys while a question waits');
    assert.throws(() => call.choose('z'), /"z" is not one of the answers \(a, b\)/);
    progress = call.choose('a');
    assert.deepStrictEqual(progress.outcome, { kind: 'connected', queue: 'sales', flow: 'acme', step: 'sales' });
    assert.deepStrictEqual(call.inputs(), {
      at: new Date(WEEKDAY_OPEN).toISOString(),
      digits: ['', '1'],
      agents: { sales: 'available' },
      http: {},
    });
  });

  it("saves the call as a scenario that keeps the file's comments and passes when run", () => {
    const call = new InteractiveCall({
      flow: { id: 'acme', version: 1, definition: acme },
      at: new Date(WEEKDAY_OPEN),
      from: 'anonymous',
    });
    call.start();
    call.press('2');
    call.choose('f'); // the transfer fails: voicemail
    const result = call.result();
    const existing = [
      '# Routing tests of acme; reviewed by the support team.',
      'calls:',
      '  # The main path.',
      '  - name: "test call: voicemail"',
      '    at: 2026-11-24T15:00:00Z',
      '    digits: ["2"]',
      '    transfer: failed',
      '    expect: { outcome: voicemail }',
      '',
    ].join('\n');
    const entry = scenarioEntry('test call: voicemail', call.inputs(), result);
    const saved = appendScenario(existing, 'flows/acme/calls.yaml', 'acme', entry);
    assert.strictEqual(saved.name, 'test call: voicemail (2)', 'a name already taken gets a number');
    assert.ok(saved.text.startsWith(existing.trimEnd()), saved.text);
    assert.match(saved.text, /# Routing tests of acme; reviewed by the support team\./);
    assert.match(saved.text, /# The main path\./);
    const parsed = parseCallScenarios(saved.text, 'flows/acme/calls.yaml');
    assert.deepStrictEqual(parsed.problems, []);
    const added = parsed.scenarios[1]!;
    assert.strictEqual(added.from, 'anonymous');
    assert.deepStrictEqual(added.digits, ['2']);
    assert.deepStrictEqual(
      added.expect.path,
      result.steps.map((s) => s.step),
    );
    const run = runScenarioText(saved.text, 'flows/acme/calls.yaml', { id: 'acme', version: 1, definition: acme });
    assert.strictEqual(run.passed, true, JSON.stringify(run.results));
  });

  it('starts a calls.yaml when the flow has none, and refuses to rewrite one that is not a scenario file', () => {
    const entry = { name: 'x', at: WEEKDAY_OPEN, expect: { outcome: 'hangup' } };
    const fresh = appendScenario(undefined, 'flows/acme/calls.yaml', 'acme', entry);
    assert.match(fresh.text, /^# Call scenarios of acme/);
    assert.strictEqual(parseCallScenarios(fresh.text, 'calls.yaml').scenarios.length, 1);
    assert.throws(
      () => appendScenario('calls: [\n', 'flows/acme/calls.yaml', 'acme', entry),
      /flows\/acme\/calls\.yaml is not valid YAML .*so the call was not added to it/,
    );
    assert.throws(
      () => appendScenario('- a\n- b\n', 'flows/acme/calls.yaml', 'acme', entry),
      /is not a scenario file \(a map with a `calls:` list\)/,
    );
  });
});
