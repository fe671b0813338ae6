import * as assert from 'assert';
import type { ConditionOperator } from '../../../src/core/model';
import { renderTemplate, templateVariables, testCondition } from '../../../src/core/simulator';
import { call, flowOf } from './helpers';

const end = { type: 'hangup' };
const silent = { invalidRegex: () => undefined, noOperator: () => undefined };

function holds(actual: string, operator: ConditionOperator, expected: unknown): boolean {
  return testCondition({ variable: 'v', [operator]: expected }, actual, silent);
}

describe('simulator: variables and conditions', () => {
  describe('built-in variables', () => {
    it('sets caller.number, dialed.number and call.time', () => {
      const definition = flowOf({
        hi: { type: 'play', say: '{{caller.number}} called {{ dialed.number }} at {{call.time}}', next: 'bye' },
        bye: end,
      });
      const result = call(definition, {
        from: '+14155550123',
        dialed: '+14155550100',
        at: '2026-11-24T10:00:00-05:00',
      });
      assert.strictEqual(result.steps[0]!.say, '+14155550123 called +14155550100 at 2026-11-24T15:00:00.000Z');
      assert.deepStrictEqual(result.warnings, []);
      assert.deepStrictEqual(result.variables, {
        'caller.number': '+14155550123',
        'dialed.number': '+14155550100',
        'call.time': '2026-11-24T15:00:00.000Z',
      });
    });

    it('leaves caller.number without a value for a withheld caller id', () => {
      const result = call(flowOf({ hi: { type: 'play', say: 'Caller [{{caller.number}}]', next: 'bye' }, bye: end }));
      assert.strictEqual(result.steps[0]!.say, 'Caller []');
      assert.strictEqual(result.variables['caller.number'], undefined);
    });
  });

  describe('substitution', () => {
    it('renders an undefined variable empty and warns at the step that spoke it', () => {
      const definition = flowOf({
        hi: { type: 'play', say: 'Hello', next: 'ask' },
        ask: { type: 'play', say: 'Your balance is {{balance}} dollars.', next: 'bye' },
        bye: end,
      });
      const result = call(definition);
      assert.strictEqual(result.steps[1]!.say, 'Your balance is  dollars.');
      assert.deepStrictEqual(result.warnings, [
        {
          code: 'undefined-variable',
          message: '{{balance}} has no value; it was left empty.',
          flow: 'test-flow',
          step: 'ask',
          index: 1,
        },
      ]);
    });

    it('uses values collected earlier in the call', () => {
      const definition = flowOf({
        ask: { type: 'collect', variable: 'pin', next: 'echo' },
        echo: { type: 'play', say: 'You entered {{pin}}.', next: 'bye' },
        bye: end,
      });
      assert.strictEqual(call(definition, { digits: ['4321#'] }).steps[1]!.say, 'You entered 4321.');
    });

    it('renders templates without placeholders unchanged and lists the names of those with them', () => {
      const variables = new Map([['a', 'A']]);
      const missing: string[] = [];
      assert.strictEqual(
        renderTemplate('plain {text}', variables, (n) => missing.push(n)),
        'plain {text}',
      );
      assert.strictEqual(
        renderTemplate('{{a}}{{b}}{{ a }}', variables, (n) => missing.push(n)),
        'AA',
      );
      assert.deepStrictEqual(missing, ['b']);
      assert.deepStrictEqual(templateVariables('{{a}} and {{ b.c }}'), ['a', 'b.c']);
    });
  });

  describe('condition operators', () => {
    it('compares equals as text, and as numbers when both sides are numbers', () => {
      assert.ok(holds('gold', 'equals', 'gold'));
      assert.ok(!holds('Gold', 'equals', 'gold'));
      assert.ok(holds('7.0', 'equals', 7));
      assert.ok(holds('007', 'equals', '7'));
      assert.ok(holds('true', 'equals', true));
      assert.ok(!holds('7a', 'equals', 7));
      assert.ok(holds('gold', 'not-equals', 'silver'));
      assert.ok(!holds('10', 'not-equals', '10.0'));
    });

    it('tests text with starts-with, ends-with and contains', () => {
      assert.ok(holds('+14155550123', 'starts-with', '+1415'));
      assert.ok(!holds('+14155550123', 'starts-with', '+44'));
      assert.ok(holds('order-123', 'ends-with', '123'));
      assert.ok(holds('premium gold member', 'contains', 'gold'));
      assert.ok(!holds('premium', 'contains', 'gold'));
    });

    it('matches regular expressions and treats an invalid one as false with a warning', () => {
      assert.ok(holds('+14155550123', 'matches', '^\\+1(415|650)'));
      assert.ok(!holds('+442071234567', 'matches', '^\\+1(415|650)'));
      const invalid: string[] = [];
      assert.ok(
        !testCondition({ variable: 'v', matches: '([a-' }, 'abc', {
          invalidRegex: (p) => invalid.push(p),
          noOperator: () => undefined,
        }),
      );
      assert.deepStrictEqual(invalid, ['([a-']);
      const definition = flowOf({
        check: {
          type: 'condition',
          branches: [{ when: { variable: 'caller.number', matches: '(' }, next: 'yes' }],
          else: 'no',
        },
        yes: end,
        no: end,
      });
      const result = call(definition, { from: '+1' });
      assert.strictEqual(result.steps[0]!.exit, 'else');
      assert.strictEqual(result.warnings[0]!.code, 'invalid-regex');
    });

    it('compares greater-than and less-than as numbers, false for anything not a number', () => {
      assert.ok(holds('10', 'greater-than', 9));
      assert.ok(holds('10', 'greater-than', '9')); // not "10" < "9" as text
      assert.ok(!holds('9', 'greater-than', 9));
      assert.ok(holds('-1.5', 'less-than', 0));
      assert.ok(!holds('abc', 'greater-than', 1));
      assert.ok(!holds('abc', 'less-than', 1));
      assert.ok(!holds('', 'less-than', 1));
      assert.ok(!holds('5', 'less-than', 'ten'));
    });

    it('tests membership with in', () => {
      assert.ok(holds('silver', 'in', ['gold', 'silver']));
      assert.ok(holds('2', 'in', [1, 2, 3]));
      assert.ok(!holds('bronze', 'in', ['gold', 'silver']));
      assert.ok(holds('gold', 'in', 'gold'));
    });

    it('requires every operator of one test to hold', () => {
      assert.ok(testCondition({ variable: 'v', 'greater-than': 1, 'less-than': 5 }, '3', silent));
      assert.ok(!testCondition({ variable: 'v', 'greater-than': 1, 'less-than': 5 }, '7', silent));
    });

    it('never matches a test without an operator, and says so', () => {
      let warned = 0;
      assert.ok(!testCondition({ variable: 'v' }, 'x', { invalidRegex: () => undefined, noOperator: () => warned++ }));
      assert.strictEqual(warned, 1);
    });

    it('compares a variable without a value as empty, with one warning per variable', () => {
      const definition = flowOf({
        check: {
          type: 'condition',
          branches: [
            { when: { variable: 'tier', equals: 'gold' }, next: 'gold' },
            { when: { variable: 'tier', equals: '' }, next: 'unknown' },
          ],
          else: 'other',
        },
        gold: end,
        unknown: end,
        other: end,
      });
      const result = call(definition);
      assert.strictEqual(result.steps[0]!.next, 'unknown');
      assert.strictEqual(result.warnings.filter((w) => w.code === 'undefined-variable').length, 1);
      assert.match(result.warnings[0]!.message, /tier has no value/);
    });
  });
});
