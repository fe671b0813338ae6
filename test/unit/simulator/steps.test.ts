import * as assert from 'assert';
import { call, exits, flowOf, path_ } from './helpers';

const end = { type: 'hangup' };

describe('simulator: steps and their exits', () => {
  describe('play', () => {
    it('speaks its prompt and goes on through next', () => {
      const result = call(flowOf({ hello: { type: 'play', say: 'Hello.', next: 'bye' }, bye: end }));
      assert.deepStrictEqual(path_(result), ['hello', 'bye']);
      assert.strictEqual(result.steps[0]!.say, 'Hello.');
      assert.strictEqual(result.steps[0]!.next, 'bye');
    });

    it('records an audio prompt', () => {
      const result = call(flowOf({ hello: { type: 'play', audio: 'prompts/hello.wav', next: 'bye' }, bye: end }));
      assert.strictEqual(result.steps[0]!.audio, 'prompts/hello.wav');
      assert.strictEqual(result.steps[0]!.say, undefined);
    });
  });

  describe('menu', () => {
    const menuFlow = (extra: Record<string, unknown> = {}) =>
      flowOf({
        menu: {
          type: 'menu',
          say: 'Press 1 or 2.',
          options: { '1': 'one', '2': 'two' },
          'no-input': 'silent',
          invalid: 'wrong',
          ...extra,
        },
        one: end,
        two: end,
        silent: end,
        wrong: end,
      });

    it('takes the option of the key pressed', () => {
      assert.deepStrictEqual(path_(call(menuFlow(), { digits: ['2'] })), ['menu', 'two']);
      assert.strictEqual(call(menuFlow(), { digits: ['2'] }).steps[0]!.exit, '2');
    });

    it('acts on the first key of an entry with several keys', () => {
      const result = call(menuFlow(), { digits: ['1234#'] });
      assert.deepStrictEqual(path_(result), ['menu', 'one']);
      assert.deepStrictEqual(result.steps[0]!.attempts, [{ digits: '1234#', result: 'accepted' }]);
    });

    it('retries after a wrong key and accepts a right one on a later attempt', () => {
      const result = call(menuFlow(), { digits: ['9', '1'] });
      assert.deepStrictEqual(path_(result), ['menu', 'one']);
      assert.deepStrictEqual(
        result.steps[0]!.attempts!.map((a) => a.result),
        ['invalid', 'accepted'],
      );
    });

    it('takes invalid when the last of its attempts was a wrong key', () => {
      const result = call(menuFlow(), { digits: ['', '', '9'] });
      assert.deepStrictEqual(path_(result), ['menu', 'wrong']);
      assert.strictEqual(result.steps[0]!.exit, 'invalid');
    });

    it('takes no-input when the last of its attempts had no key, even after wrong keys', () => {
      const result = call(menuFlow(), { digits: ['9', '8'] });
      assert.deepStrictEqual(path_(result), ['menu', 'silent']);
      assert.deepStrictEqual(result.steps[0]!.attempts, [
        { digits: '9', result: 'invalid' },
        { digits: '8', result: 'invalid' },
        { digits: null, result: 'no-input', waited: 5 },
      ]);
    });

    it('waits its timeout on each silent attempt (5 s by default)', () => {
      const waited = (extra: Record<string, unknown>) =>
        call(menuFlow(extra), { digits: ['', '9'] }).steps[0]!.attempts!.map((a) => a.waited);
      assert.deepStrictEqual(waited({}), [5, undefined, 5]);
      assert.deepStrictEqual(waited({ timeout: 10 }), [10, undefined, 10]);
    });

    it('counts an empty entry as a prompt where the caller pressed nothing', () => {
      const result = call(menuFlow({ attempts: 2 }), { digits: ['', '2'] });
      assert.deepStrictEqual(path_(result), ['menu', 'two']);
      assert.deepStrictEqual(
        result.steps[0]!.attempts!.map((a) => a.result),
        ['no-input', 'accepted'],
      );
    });

    it('allows three attempts by default and as many as attempts says', () => {
      assert.strictEqual(call(menuFlow(), { digits: ['9', '9', '9', '1'] }).steps[0]!.exit, 'invalid');
      assert.strictEqual(call(menuFlow({ attempts: 4 }), { digits: ['9', '9', '9', '1'] }).steps[0]!.exit, '1');
      assert.strictEqual(call(menuFlow({ attempts: 1 }), { digits: ['9', '1'] }).steps[0]!.exit, 'invalid');
    });

    it('speaks its prompt once in the trace and leaves later entries for later prompts', () => {
      const definition = flowOf({
        first: { type: 'menu', say: 'First.', options: { '1': 'second' } },
        second: { type: 'menu', say: 'Second.', options: { '2': 'done' } },
        done: end,
      });
      const result = call(definition, { digits: ['1', '2'] });
      assert.deepStrictEqual(path_(result), ['first', 'second', 'done']);
      assert.strictEqual(result.steps[1]!.say, 'Second.');
    });

    it('ends the call with a hangup when the exit for what happened is not set', () => {
      const definition = flowOf({ menu: { type: 'menu', options: { '1': 'one' } }, one: end });
      const silent = call(definition);
      assert.deepStrictEqual(silent.outcome, {
        kind: 'hangup',
        reason: 'no-exit',
        flow: 'test-flow',
        step: 'menu',
        exit: 'no-input',
      });
      assert.strictEqual(silent.steps[0]!.exit, 'no-input');
      assert.strictEqual(silent.steps[0]!.next, undefined);
      assert.deepStrictEqual(call(definition, { digits: ['5', '5', '5'] }).outcome, {
        kind: 'hangup',
        reason: 'no-exit',
        flow: 'test-flow',
        step: 'menu',
        exit: 'invalid',
      });
    });
  });

  describe('collect', () => {
    const collectFlow = (extra: Record<string, unknown> = {}) =>
      flowOf({
        account: {
          type: 'collect',
          say: 'Your account number, then hash.',
          variable: 'account',
          next: 'thanks',
          'no-input': 'silent',
          ...extra,
        },
        thanks: { type: 'play', say: 'Account {{account}}.', next: 'bye' },
        silent: end,
        bye: end,
      });

    it('stores the digits before the finish-on key and goes on through next', () => {
      const result = call(collectFlow(), { digits: ['1234#'] });
      assert.deepStrictEqual(exits(result), ['next', 'next', null]);
      assert.strictEqual(result.variables.account, '1234');
      assert.strictEqual(result.steps[0]!.value, '1234');
      assert.strictEqual(result.steps[1]!.say, 'Account 1234.');
    });

    it('accepts an entry without the finish-on key', () => {
      assert.strictEqual(call(collectFlow(), { digits: ['42'] }).variables.account, '42');
    });

    it('stops at max-digits', () => {
      assert.strictEqual(call(collectFlow({ 'max-digits': 4 }), { digits: ['123456#'] }).variables.account, '1234');
    });

    it('honours another finish-on key', () => {
      assert.strictEqual(call(collectFlow({ 'finish-on': '*' }), { digits: ['12*34'] }).variables.account, '12');
      assert.strictEqual(call(collectFlow({ 'finish-on': '*' }), { digits: ['12#'] }).variables.account, '12#');
    });

    it('counts fewer than min-digits as a failed attempt and retries', () => {
      const result = call(collectFlow({ 'min-digits': 4 }), { digits: ['12#', '123456#'] });
      assert.deepStrictEqual(result.steps[0]!.attempts, [
        { digits: '12#', result: 'invalid' },
        { digits: '123456#', result: 'accepted' },
      ]);
      assert.strictEqual(result.variables.account, '123456');
    });

    it('takes no-input after its attempts fail, whatever the failures were', () => {
      const result = call(collectFlow({ 'min-digits': 4, attempts: 2 }), { digits: ['1#', '2#'] });
      assert.deepStrictEqual(path_(result), ['account', 'silent']);
      assert.strictEqual(result.steps[0]!.exit, 'no-input');
      assert.strictEqual(result.variables.account, undefined);
    });

    it('waits its timeout when the caller presses nothing', () => {
      const result = call(collectFlow({ timeout: 8, attempts: 2 }), { digits: [''] });
      assert.deepStrictEqual(result.steps[0]!.attempts, [
        { digits: '', result: 'no-input', waited: 8 },
        { digits: null, result: 'no-input', waited: 8 },
      ]);
    });

    it('treats the finish-on key alone as no input', () => {
      const result = call(collectFlow({ attempts: 1 }), { digits: ['#'] });
      assert.deepStrictEqual(result.steps[0]!.attempts, [{ digits: '#', result: 'no-input' }]);
    });

    it('ends the call when no-input is needed and not set', () => {
      const definition = flowOf({ ask: { type: 'collect', variable: 'pin', next: 'bye' }, bye: end });
      assert.deepStrictEqual(call(definition).outcome, {
        kind: 'hangup',
        reason: 'no-exit',
        flow: 'test-flow',
        step: 'ask',
        exit: 'no-input',
      });
    });
  });

  describe('condition', () => {
    const conditionFlow = flowOf({
      who: { type: 'set', values: { tier: 'gold' }, next: 'check' },
      check: {
        type: 'condition',
        branches: [
          { when: { variable: 'tier', equals: 'platinum' }, next: 'platinum' },
          { when: { variable: 'tier', in: ['gold', 'silver'] }, next: 'metal' },
          { when: { variable: 'tier', equals: 'gold' }, next: 'gold' },
        ],
        else: 'other',
      },
      platinum: end,
      metal: end,
      gold: end,
      other: end,
    });

    it('takes the first branch that matches', () => {
      const result = call(conditionFlow);
      assert.deepStrictEqual(path_(result), ['who', 'check', 'metal']);
      assert.strictEqual(result.steps[1]!.exit, 'branch-2');
      assert.strictEqual(result.steps[1]!.branch, 2);
    });

    it('takes else when no branch matches', () => {
      const definition = flowOf({
        check: {
          type: 'condition',
          branches: [{ when: { variable: 'caller.number', 'starts-with': '+44' }, next: 'uk' }],
          else: 'other',
        },
        uk: end,
        other: end,
      });
      const result = call(definition, { from: '+14155550123' });
      assert.deepStrictEqual(path_(result), ['check', 'other']);
      assert.strictEqual(result.steps[0]!.exit, 'else');
      assert.deepStrictEqual(path_(call(definition, { from: '+442071234567' })), ['check', 'uk']);
    });
  });

  describe('business-hours', () => {
    const hoursFlow = flowOf({
      hours: {
        type: 'business-hours',
        timezone: 'America/New_York',
        hours: { 'mon-fri': ['09:00-17:00'] },
        holidays: ['2026-12-25'],
        open: 'open',
        closed: 'closed',
        holiday: 'holiday',
      },
      open: end,
      closed: end,
      holiday: end,
    });

    it('takes open inside the hours, closed outside and holiday on a holiday', () => {
      assert.strictEqual(call(hoursFlow, { at: '2026-11-24T15:00:00Z' }).steps[0]!.exit, 'open');
      assert.strictEqual(call(hoursFlow, { at: '2026-11-24T23:00:00Z' }).steps[0]!.exit, 'closed');
      const holiday = call(hoursFlow, { at: '2026-12-25T15:00:00Z' });
      assert.deepStrictEqual(path_(holiday), ['hours', 'holiday']);
      assert.strictEqual(holiday.steps[0]!.localTime, 'Fri 2026-12-25 10:00');
    });

    it('ends the call with an error for an unknown time zone', () => {
      const definition = flowOf({
        hours: { type: 'business-hours', timezone: 'Mars/Olympus', hours: {}, open: 'x', closed: 'x' },
        x: end,
      });
      const result = call(definition);
      assert.strictEqual(result.outcome.kind, 'error');
      assert.match((result.outcome as { message: string }).message, /"Mars\/Olympus", which is not an IANA time zone/);
    });
  });

  describe('set', () => {
    it('assigns its values in order and goes on through next', () => {
      const definition = flowOf({
        set: { type: 'set', values: { first: 'Ada', greeting: 'Hello {{first}}', count: 3, vip: true }, next: 'say' },
        say: { type: 'play', say: '{{greeting}}, {{count}} {{vip}}', next: 'bye' },
        bye: end,
      });
      const result = call(definition);
      assert.deepStrictEqual(result.steps[0]!.assigned, {
        first: 'Ada',
        greeting: 'Hello Ada',
        count: '3',
        vip: 'true',
      });
      assert.strictEqual(result.steps[0]!.exit, 'next');
      assert.strictEqual(result.steps[1]!.say, 'Hello Ada, 3 true');
    });
  });

  describe('assign-dial', () => {
    const dialFlow = flowOf({
      dial: { type: 'assign-dial', queue: 'sales', timeout: 60, 'no-answer': 'sorry' },
      sorry: end,
    });

    it('connects to the queue when its agents are available, listed or not', () => {
      const availabilities: Array<Record<string, 'available' | 'busy' | boolean> | undefined> = [
        undefined,
        { sales: 'available' },
        { sales: true },
        { support: 'busy' },
      ];
      for (const agents of availabilities) {
        const result = call(dialFlow, agents ? { agents } : {});
        assert.deepStrictEqual(result.outcome, { kind: 'connected', queue: 'sales', flow: 'test-flow', step: 'dial' });
        assert.strictEqual(result.steps.length, 1);
        assert.strictEqual(result.steps[0]!.exit, null);
      }
    });

    it('takes no-answer when the queue is busy', () => {
      const result = call(dialFlow, { agents: { sales: 'busy' } });
      assert.deepStrictEqual(path_(result), ['dial', 'sorry']);
      assert.strictEqual(result.steps[0]!.exit, 'no-answer');
      assert.strictEqual(result.outcome.kind, 'hangup');
    });

    it('hangs up when the queue is busy and no-answer is not set', () => {
      const result = call(flowOf({ dial: { type: 'assign-dial', queue: 'sales' } }), { agents: { sales: false } });
      assert.deepStrictEqual(result.outcome, {
        kind: 'hangup',
        reason: 'no-exit',
        flow: 'test-flow',
        step: 'dial',
        exit: 'no-answer',
      });
    });
  });

  describe('transfer', () => {
    const transferFlow = flowOf({ out: { type: 'transfer', to: '+14155550199', failed: 'sorry' }, sorry: end });

    it('transfers when the transfer succeeds (the default)', () => {
      assert.deepStrictEqual(call(transferFlow).outcome, {
        kind: 'transferred',
        to: '+14155550199',
        flow: 'test-flow',
        step: 'out',
      });
      assert.strictEqual(call(transferFlow, { transfer: 'ok' }).outcome.kind, 'transferred');
    });

    it('takes failed when the transfer fails, and hangs up when failed is not set', () => {
      assert.deepStrictEqual(path_(call(transferFlow, { transfer: 'failed' })), ['out', 'sorry']);
      assert.strictEqual(call(transferFlow, { transfer: 'failed' }).steps[0]!.exit, 'failed');
      const bare = call(flowOf({ out: { type: 'transfer', to: '+14155550199' } }), { transfer: 'failed' });
      assert.deepStrictEqual(bare.outcome, {
        kind: 'hangup',
        reason: 'no-exit',
        flow: 'test-flow',
        step: 'out',
        exit: 'failed',
      });
    });
  });

  describe('voicemail and callback', () => {
    it('ends in voicemail when voicemail has no next', () => {
      const result = call(flowOf({ vm: { type: 'voicemail', say: 'After the tone.', mailbox: 'sales' } }));
      assert.deepStrictEqual(result.outcome, { kind: 'voicemail', mailbox: 'sales', flow: 'test-flow', step: 'vm' });
      assert.strictEqual(result.steps[0]!.exit, null);
      assert.strictEqual(result.steps[0]!.say, 'After the tone.');
    });

    it('goes on through next after a voicemail and still reports the voicemail', () => {
      const result = call(
        flowOf({
          vm: { type: 'voicemail', next: 'thanks' },
          thanks: { type: 'play', say: 'Thanks.', next: 'bye' },
          bye: end,
        }),
      );
      assert.deepStrictEqual(path_(result), ['vm', 'thanks', 'bye']);
      assert.deepStrictEqual(result.outcome, { kind: 'voicemail', flow: 'test-flow', step: 'vm' });
    });

    it('books a callback, with or without next', () => {
      assert.deepStrictEqual(call(flowOf({ cb: { type: 'callback', queue: 'support' } })).outcome, {
        kind: 'callback',
        queue: 'support',
        flow: 'test-flow',
        step: 'cb',
      });
      const onward = call(
        flowOf({ cb: { type: 'callback', queue: 'support', say: 'We will call you.', next: 'bye' }, bye: end }),
      );
      assert.strictEqual(onward.outcome.kind, 'callback');
      assert.deepStrictEqual(exits(onward), ['next', null]);
    });

    it('lets a later agent connection replace the voicemail outcome', () => {
      const result = call(
        flowOf({ vm: { type: 'voicemail', next: 'dial' }, dial: { type: 'assign-dial', queue: 'sales' } }),
      );
      assert.strictEqual(result.outcome.kind, 'connected');
    });
  });

  describe('hangup', () => {
    it('speaks its goodbye and ends the call', () => {
      const result = call(flowOf({ bye: { type: 'hangup', say: 'Goodbye {{caller.number}}.' } }), {
        from: '+14155550123',
      });
      assert.deepStrictEqual(result.outcome, { kind: 'hangup', reason: 'hangup-step', flow: 'test-flow', step: 'bye' });
      assert.strictEqual(result.steps[0]!.say, 'Goodbye +14155550123.');
      assert.strictEqual(result.steps[0]!.exit, null);
    });
  });

  describe('a flow that does not hold together', () => {
    it('ends with an error when the start step does not exist', () => {
      const result = call(flowOf({ a: end }, 'nope'));
      assert.strictEqual(result.outcome.kind, 'error');
      assert.match(
        (result.outcome as { message: string }).message,
        /start step "nope" is not a step of flow "test-flow"/,
      );
      assert.deepStrictEqual(result.steps, []);
    });

    it('ends with an error naming the exit that goes to a missing step', () => {
      const result = call(flowOf({ a: { type: 'play', say: 'x', next: 'missing' } }));
      assert.deepStrictEqual(result.outcome, {
        kind: 'error',
        code: 'missing-step',
        flow: 'test-flow',
        step: 'a',
        message: 'Step "a" goes to "missing" (its next exit), which is not a step of flow "test-flow".',
      });
    });

    it('ends with an error at a step of an unknown type', () => {
      const result = call(flowOf({ a: { type: 'teleport', next: 'b' }, b: end }));
      assert.strictEqual(result.outcome.kind, 'error');
      assert.match((result.outcome as { message: string }).message, /type "teleport"/);
    });

    it('does not treat inherited object properties as steps', () => {
      const result = call(flowOf({ a: { type: 'play', next: 'constructor' } }));
      assert.strictEqual((result.outcome as { code?: string }).code, 'missing-step');
    });
  });
});
