/**
 * A transfer step's ring time and caller id: the engine's dial instruction carries them (the
 * caller's or the dialed number resolved, a withheld caller leaving the carrier's default), and
 * the simulator shows them on the step's line.
 */
import * as assert from 'assert';
import { startCall, type EngineContext, type FlowDefinition, type Wait } from '../../../src/core';
import { describeStep } from '../../../src/core/simulator/describe';
import { call, flowOf, WEEKDAY_OPEN } from '../simulator/helpers';

const transferFlow = (fields: Record<string, unknown>): FlowDefinition =>
  flowOf({
    support: { type: 'transfer', to: '+14155550199', ...fields, failed: 'bye' },
    bye: { type: 'hangup' },
  });

function dialOf(definition: FlowDefinition, from?: string): Wait {
  const context: EngineContext = {
    definitionOf: () => definition,
    resolvePublished: () => undefined,
    now: new Date(WEEKDAY_OPEN),
  };
  const turn = startCall(
    {
      flow: { id: 'acme', version: 1 },
      ...(from !== undefined ? { from } : {}),
      dialed: '+14155550100',
      startedAt: new Date(WEEKDAY_OPEN),
    },
    context,
  );
  assert.ok(turn.wait?.kind === 'dial');
  return turn.wait;
}

describe('engine: a transfer rings for its ring-seconds and presents its caller-id', () => {
  it('without the fields: 30 s and no caller id (the carrier presents its default)', () => {
    assert.deepStrictEqual(dialOf(transferFlow({}), '+14155550123'), {
      kind: 'dial',
      flow: 'acme',
      step: 'support',
      to: '+14155550199',
      ringSeconds: 30,
    });
  });

  it('ring-seconds and a number of ours as caller-id', () => {
    const wait = dialOf(transferFlow({ 'ring-seconds': 15, 'caller-id': '+14155550111' }), '+14155550123');
    assert.strictEqual(wait.kind === 'dial' && wait.ringSeconds, 15);
    assert.strictEqual(wait.kind === 'dial' && wait.callerId, '+14155550111');
  });

  it('"caller" passes the caller\'s number on, "dialed" presents the number called', () => {
    const caller = dialOf(transferFlow({ 'caller-id': 'caller' }), '+14155550123');
    assert.strictEqual(caller.kind === 'dial' && caller.callerId, '+14155550123');
    const dialed = dialOf(transferFlow({ 'caller-id': 'dialed' }), '+14155550123');
    assert.strictEqual(dialed.kind === 'dial' && dialed.callerId, '+14155550100');
  });

  it('"caller" of a withheld or SIP caller has no number to pass on: the carrier\'s default', () => {
    for (const from of ['anonymous', 'sip:alice@example.com', undefined]) {
      const wait = dialOf(transferFlow({ 'caller-id': 'caller' }), from);
      assert.ok(wait.kind === 'dial' && !('callerId' in wait), String(from));
    }
  });

  it('the simulator shows the ring time and caller id on the transfer line', () => {
    const result = call(transferFlow({ 'ring-seconds': 15, 'caller-id': 'caller' }), { from: '+14155550123' });
    assert.strictEqual(
      describeStep(result.steps[0]!),
      'support (transfer) [to +14155550199; rings 15 s; caller id +14155550123]',
    );
    const plain = call(transferFlow({}), { from: '+14155550123' });
    assert.strictEqual(describeStep(plain.steps[0]!), 'support (transfer) [to +14155550199]');
  });
});
