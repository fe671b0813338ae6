import * as assert from 'assert';
import fc from 'fast-check';
import { simulateCall } from '../../../src/core/simulator';
import { acme } from './helpers';

const dtmfEntry = fc.stringMatching(/^[0-9*#]{0,6}$/);
const instant = fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }).map((ms) => new Date(ms));

describe('simulator: properties over any caller behaviour', () => {
  it('always ends the acme flow with an outcome, each step leading to the next one taken', () => {
    fc.assert(
      fc.property(
        fc.array(dtmfEntry, { maxLength: 6 }),
        instant,
        fc.boolean(),
        fc.constantFrom('ok', 'failed'),
        (digits, at, salesBusy, transfer) => {
          const result = simulateCall({
            flow: { id: 'acme', version: 1, definition: acme },
            at,
            digits,
            transfer: transfer,
            agents: { sales: salesBusy ? 'busy' : 'available' },
          });
          assert.notStrictEqual(result.outcome.kind, 'error');
          assert.strictEqual(result.steps[0]!.step, 'welcome');
          for (let i = 0; i + 1 < result.steps.length; i++)
            assert.strictEqual(result.steps[i]!.next, result.steps[i + 1]!.step);
          const used = result.steps.reduce((n, s) => n + (s.attempts?.filter((a) => a.digits !== null).length ?? 0), 0);
          assert.strictEqual(used + result.unusedDigits.length, digits.length);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives the same result for the same request', () => {
    fc.assert(
      fc.property(fc.array(dtmfEntry, { maxLength: 4 }), instant, (digits, at) => {
        const request = { flow: { id: 'acme', version: 1, definition: acme }, at, digits };
        assert.deepStrictEqual(simulateCall(request), simulateCall(request));
      }),
      { numRuns: 100 },
    );
  });
});
