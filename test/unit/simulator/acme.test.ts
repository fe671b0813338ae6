import * as assert from 'assert';
import { describeOutcome, describeSimulation } from '../../../src/core/simulator';
import { acme, call, path_, WEEKDAY_OPEN } from './helpers';

describe('simulator: the sample acme flow', () => {
  it('connects a weekday caller who presses 1 to the sales queue', () => {
    const result = call(acme, { digits: ['1'], from: '+14155550123' }, 'acme');
    assert.deepStrictEqual(result.outcome, { kind: 'connected', queue: 'sales', flow: 'acme', step: 'sales' });
    assert.deepStrictEqual(path_(result), ['welcome', 'hours', 'menu', 'sales']);
    assert.deepStrictEqual(
      result.steps.map((s) => s.exit),
      ['next', 'open', '1', null],
    );
    assert.strictEqual(result.steps[0]!.say, 'Thanks for calling Acme.');
    assert.strictEqual(result.flow, 'acme');
    assert.strictEqual(result.version, 1);
  });

  it('transfers a caller who presses 2 to support', () => {
    const result = call(acme, { digits: ['2'] });
    assert.deepStrictEqual(result.outcome, {
      kind: 'transferred',
      to: '+14155550199',
      flow: 'test-flow',
      step: 'support',
    });
  });

  it('sends Christmas callers to voicemail and keeps that outcome through the goodbye hangup', () => {
    const result = call(acme, { at: '2026-12-25T15:00:00Z', digits: ['1'] });
    assert.strictEqual(result.outcome.kind, 'voicemail');
    assert.deepStrictEqual(path_(result), ['welcome', 'hours', 'voicemail', 'goodbye']);
    assert.strictEqual(result.steps[1]!.exit, 'holiday');
    assert.strictEqual(result.steps[1]!.next, 'voicemail');
    assert.deepStrictEqual(result.unusedDigits, ['1']);
    assert.ok(result.warnings.some((w) => w.code === 'unused-digits' && /"1"/.test(w.message)));
  });

  it('sends a caller who presses nothing to voicemail after three silent attempts', () => {
    const result = call(acme);
    assert.strictEqual(result.outcome.kind, 'voicemail');
    const menu = result.steps[2]!;
    assert.strictEqual(menu.exit, 'no-input');
    assert.deepStrictEqual(menu.attempts, [
      { digits: null, result: 'no-input', waited: 5 },
      { digits: null, result: 'no-input', waited: 5 },
      { digits: null, result: 'no-input', waited: 5 },
    ]);
  });

  it('is deterministic: the same request gives the same result', () => {
    const request = { at: WEEKDAY_OPEN, digits: ['7', '1'], from: '+14155550123' };
    assert.deepStrictEqual(call(acme, request), call(acme, request));
  });

  it('produces plain JSON for simulate --json', () => {
    const result = call(acme, { digits: ['1'] });
    assert.deepStrictEqual(JSON.parse(JSON.stringify(result)), result);
    assert.ok(['flow', 'version', 'outcome', 'steps', 'warnings'].every((key) => key in result));
  });

  it('describes outcomes in the words of section 7', () => {
    assert.strictEqual(describeOutcome(call(acme, { digits: ['1'] }).outcome), 'connected to queue sales');
    assert.strictEqual(describeOutcome(call(acme, { digits: ['2'] }).outcome), 'transferred to +14155550199');
    assert.strictEqual(describeOutcome(call(acme).outcome), 'voicemail');
    const lines = describeSimulation(call(acme, { digits: ['1'] }));
    assert.match(lines[2]!, /menu \(menu\) \[keys 1\] -> 1 -> sales/);
    assert.strictEqual(lines[lines.length - 1], 'outcome: connected to queue sales');
  });
});
