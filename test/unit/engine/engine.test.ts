import * as assert from 'assert';
import fc from 'fast-check';
import {
  resumeCall,
  startCall,
  type CallEvent,
  type CallSnapshot,
  type EngineContext,
  type Turn,
} from '../../../src/core';
import { InvalidInputError } from '../../../src/core/errors';
import type { FlowDefinition } from '../../../src/core/model';
import { simulateCall, type SimulateCallRequest, type SimulationResult } from '../../../src/core/simulator';
import { checkInputs } from '../../../src/core/simulator/inputs';
import { InputAnswers, simulationContext } from '../../../src/core/simulator/simulateCall';
import { acme, flowOf, WEEKDAY_OPEN } from '../simulator/helpers';
import { simulateRequest } from './arbitraryCalls';

/** The simulator's answers, but every turn resumed from its snapshot after a trip through JSON. */
function callThroughSnapshots(request: SimulateCallRequest): SimulationResult {
  const inputs = checkInputs(request);
  const context = simulationContext(request, inputs);
  const answers = new InputAnswers(inputs);
  const result: SimulationResult = {
    flow: request.flow.id,
    version: request.flow.version,
    outcome: undefined!,
    steps: [],
    warnings: [],
    variables: {},
    unusedDigits: [],
  };
  let stepCount = 0;
  let turn = startCall(
    {
      flow: { id: request.flow.id, version: request.flow.version },
      startedAt: inputs.at,
      ...(request.from !== undefined ? { from: request.from } : {}),
    },
    context,
  );
  for (;;) {
    result.steps.push(...turn.steps);
    result.warnings.push(...turn.warnings);
    result.variables = turn.variables;
    stepCount += turn.steps.length;
    if (turn.outcome) {
      result.outcome = turn.outcome;
      break;
    }
    assert.ok(turn.wait && turn.snapshot, 'a turn without an outcome waits, with a snapshot');
    const event = answers.answer(turn.wait);
    if (answers.missingFixture) {
      result.warnings.push({ ...answers.missingFixture, index: stepCount });
      answers.missingFixture = undefined;
    }
    const snapshot = JSON.parse(JSON.stringify(turn.snapshot)) as CallSnapshot;
    turn = resumeCall(snapshot, JSON.parse(JSON.stringify(event)) as CallEvent, context);
  }
  result.unusedDigits = answers.unusedDigits();
  if (result.unusedDigits.length > 0) {
    // The simulator's own closing warning; checked by the simulator's tests.
    result.warnings.push(simulateCall(request).warnings.at(-1)!);
  }
  return result;
}

function contextFor(definition: FlowDefinition, now = new Date(WEEKDAY_OPEN)): EngineContext {
  return {
    definitionOf: (ref) => (ref.id === 'f' && ref.version === 1 ? definition : undefined),
    resolvePublished: () => undefined,
    now,
  };
}

const start = (definition: FlowDefinition, context = contextFor(definition), from?: string): Turn =>
  startCall({ flow: { id: 'f', version: 1 }, startedAt: context.now, ...(from ? { from } : {}) }, context);

function invalidInput(code: string, message: RegExp): (err: unknown) => boolean {
  return (err) => err instanceof InvalidInputError && err.code === code && message.test(err.message);
}

describe('engine: one call, turn by turn', () => {
  it('resuming from a JSON copy of the snapshot at every turn gives the one-shot simulation, for any flow and inputs', () => {
    fc.assert(
      fc.property(simulateRequest, (request) => {
        assert.deepStrictEqual(callThroughSnapshots(request), simulateCall(request));
      }),
      { numRuns: 300 },
    );
  });

  it('runs the acme flow turn by turn: the prompt heard, a menu wait with its attempts, the queue', () => {
    const context = contextFor(acme);
    let turn = start(acme, context, 'anonymous');
    assert.deepStrictEqual(
      turn.steps.map((s) => s.step),
      ['welcome', 'hours'],
    );
    assert.deepStrictEqual(turn.say, [{ kind: 'say', text: turn.steps[0]!.say, flow: 'f', step: 'welcome' }]);
    assert.strictEqual(turn.variables['caller.number'], 'anonymous');
    assert.strictEqual(turn.wait?.kind, 'digits');
    assert.ok(turn.wait.kind === 'digits');
    assert.deepStrictEqual(
      {
        mode: turn.wait.mode,
        attempt: turn.wait.attempt,
        attempts: turn.wait.attempts,
        maxDigits: turn.wait.maxDigits,
      },
      { mode: 'menu', attempt: 1, attempts: 3, maxDigits: 1 },
    );
    assert.strictEqual(turn.wait.prompt[0]?.kind, 'say');

    turn = resumeCall(turn.snapshot!, { kind: 'digits', digits: '7' }, context);
    assert.deepStrictEqual(turn.steps, [], 'the menu is still listening: its entry is reported when it ends');
    assert.ok(turn.wait?.kind === 'digits' && turn.wait.attempt === 2);

    turn = resumeCall(turn.snapshot!, { kind: 'digits', digits: '1' }, context);
    assert.strictEqual(turn.steps[0]!.step, 'menu');
    assert.deepStrictEqual(
      turn.steps[0]!.attempts!.map((a) => a.result),
      ['invalid', 'accepted'],
    );
    assert.deepStrictEqual(turn.wait, { kind: 'queue', flow: 'f', step: 'sales', queue: 'sales', timeout: 120 });
    const ended = resumeCall(turn.snapshot!, { kind: 'queue', result: 'bridged' }, context);
    assert.deepStrictEqual(ended.outcome, { kind: 'connected', queue: 'sales', flow: 'f', step: 'sales' });
    assert.strictEqual(ended.snapshot, undefined);
    assert.strictEqual(ended.wait, undefined);
  });

  it("decides business hours at the context's now, not at the call's start", () => {
    const flow = flowOf({
      hours: { type: 'business-hours', timezone: 'UTC', hours: { 'mon-sun': ['09:00-17:00'] }, open: 'o', closed: 'c' },
      o: { type: 'hangup', say: 'open' },
      c: { type: 'hangup', say: 'closed' },
    });
    const night = contextFor(flow, new Date('2026-11-24T23:00:00Z'));
    const turn = startCall({ flow: { id: 'f', version: 1 }, startedAt: new Date(WEEKDAY_OPEN) }, night);
    assert.strictEqual(turn.steps[0]!.exit, 'closed');
    assert.strictEqual(turn.variables['call.time'], new Date(WEEKDAY_OPEN).toISOString());
  });

  it('asks for a recording at a voicemail, books a callback as a side effect, and keeps the last outcome reached', () => {
    const flow = flowOf({
      vm: { type: 'voicemail', say: 'Leave a message.', mailbox: 'general', next: 'cb' },
      cb: { type: 'callback', queue: 'support', next: 'bye' },
      bye: { type: 'hangup', say: 'Bye.' },
    });
    const context = contextFor(flow);
    const first = start(flow, context, '+14155550123');
    assert.deepStrictEqual(first.wait, { kind: 'record', flow: 'f', step: 'vm', mailbox: 'general' });
    assert.deepStrictEqual(first.say, [{ kind: 'say', text: 'Leave a message.', flow: 'f', step: 'vm' }]);
    const last = resumeCall(first.snapshot!, { kind: 'recorded', url: 'https://rec.example/1', seconds: 12 }, context);
    assert.deepStrictEqual(last.effects, [
      { kind: 'callback', flow: 'f', step: 'cb', queue: 'support', caller: '+14155550123' },
    ]);
    assert.deepStrictEqual(
      last.say.map((u) => u.kind === 'say' && u.text),
      ['Bye.'],
    );
    // The last one reached is what the caller got; the hangup after it does not erase it.
    assert.deepStrictEqual(last.outcome, { kind: 'callback', queue: 'support', flow: 'f', step: 'cb' });
  });

  it('hands an http request to its driver with the body filled in, and reads the answer it is given', () => {
    const flow = flowOf({
      lookup: {
        type: 'http',
        method: 'post',
        url: 'https://crm.example.com/c/{{caller.number}}',
        body: '{"from":"{{caller.number}}"}',
        save: { tier: 'customer.tier' },
        success: 'bye',
        failure: 'bye',
      },
      bye: { type: 'hangup' },
    });
    const context = contextFor(flow);
    const turn = start(flow, context, '+1415');
    assert.deepStrictEqual(turn.wait, {
      kind: 'http',
      flow: 'f',
      step: 'lookup',
      method: 'POST',
      url: 'https://crm.example.com/c/+1415',
      body: '{"from":"+1415"}',
    });
    const answered = resumeCall(
      turn.snapshot!,
      { kind: 'http', status: 200, body: '{"customer":{"tier":"gold"}}' },
      context,
    );
    assert.strictEqual(answered.variables['tier'], 'gold');
    assert.strictEqual(answered.steps[0]!.exit, 'success');
    const unanswered = resumeCall(turn.snapshot!, { kind: 'http', status: 0 }, context);
    assert.strictEqual(unanswered.steps[0]!.exit, 'failure');
    assert.strictEqual(unanswered.steps[0]!.status, undefined, 'no answer, no status');
  });

  describe('refuses what it did not write', () => {
    const context = contextFor(acme);
    const waiting = start(acme, context);
    const snapshot = waiting.snapshot!;
    const tampered = (change: (s: Record<string, unknown>) => void): CallSnapshot => {
      const copy = JSON.parse(JSON.stringify(snapshot)) as Record<string, unknown>;
      change(copy);
      return copy as CallSnapshot;
    };

    it('an event the wait did not ask for', () => {
      assert.throws(
        () => resumeCall(snapshot, { kind: 'queue', result: 'bridged' }, context),
        invalidInput('unexpected-call-event', /waits for a digits event or a timeout event, not a queue event/),
      );
      assert.throws(
        () => resumeCall(snapshot, { kind: 'digits', digits: '1a' }, context),
        invalidInput('invalid-call-event', /0-9 \* and #/),
      );
      assert.throws(() => resumeCall(snapshot, null as unknown as CallEvent, context), InvalidInputError);
    });

    it('a snapshot that is not one, or was changed', () => {
      const cases: [CallSnapshot, RegExp][] = [
        [null as unknown as CallSnapshot, /not a call snapshot/],
        [{ format: 2 } as unknown as CallSnapshot, /not a call snapshot/],
        [tampered((s) => (s.step = 'transfer-billing')), /not the waiting step's open trace entry/],
        [
          tampered((s) => {
            s.step = 'sales';
            (s.entry as Record<string, unknown>).step = 'sales';
          }),
          /assign-dial step, which does not wait for digits/,
        ],
        [tampered((s) => (s.variables = { x: 1 })), /`variables` is not a map of names to text/],
        [tampered((s) => (s.stepCount = 5000)), /more steps than the call may run/],
        [tampered((s) => (s.flow = { id: 'other', version: 1 })), /`flowsEntered` does not end in its flow/],
        [
          tampered(
            (s) =>
              ((s.entry as { attempts: unknown[] }).attempts = [1, 2, 3].map(() => ({
                digits: null,
                result: 'no-input',
                waited: 5,
              }))),
          ),
          /no listening attempt left/,
        ],
        [tampered((s) => (s.reached = { kind: 'connected', flow: 'f', step: 'x' })), /`reached`/],
      ];
      for (const [bad, message] of cases) {
        assert.throws(
          () => resumeCall(bad, { kind: 'digits', digits: '1' }, context),
          (err: unknown) => err instanceof InvalidInputError && message.test(err.message),
          String(message),
        );
      }
    });

    it('a snapshot of a flow version the context does not have', () => {
      const other = contextFor(acme);
      other.definitionOf = () => undefined;
      assert.throws(
        () => resumeCall(snapshot, { kind: 'timeout' }, other),
        invalidInput('invalid-flow-definition', /cannot run a call/),
      );
    });
  });
});
