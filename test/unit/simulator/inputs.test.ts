import * as assert from 'assert';
import { InvalidInputError } from '../../../src/core/errors';
import type { FlowDefinition } from '../../../src/core/model';
import { parseCallTime, simulateCall, type SimulateCallRequest } from '../../../src/core/simulator';
import { acme, WEEKDAY_OPEN } from './helpers';

function request(extra: Partial<SimulateCallRequest>): SimulateCallRequest {
  return { flow: { id: 'acme', version: 1, definition: acme }, at: WEEKDAY_OPEN, ...extra };
}

function refuses(extra: Partial<SimulateCallRequest>, code: string, message: RegExp): void {
  assert.throws(
    () => simulateCall(request(extra)),
    (err: unknown) => {
      assert.ok(err instanceof InvalidInputError, String(err));
      assert.strictEqual(err.code, code);
      assert.strictEqual(err.category, 'usage');
      assert.match(err.message, message);
      return true;
    },
  );
}

describe('simulator: bad inputs', () => {
  it('reads call times with Z or an offset, with or without seconds', () => {
    assert.strictEqual(parseCallTime('2026-11-24T15:00:00Z').toISOString(), '2026-11-24T15:00:00.000Z');
    assert.strictEqual(parseCallTime('2026-11-24T10:00-05:00').toISOString(), '2026-11-24T15:00:00.000Z');
    assert.strictEqual(parseCallTime('2026-11-24T15:00:00.250+0000').toISOString(), '2026-11-24T15:00:00.250Z');
    assert.strictEqual(parseCallTime(new Date(0)).getTime(), 0);
  });

  it('refuses a malformed call time with a message that shows the expected form', () => {
    for (const bad of [
      'tomorrow',
      '2026-11-24',
      '2026-11-24 15:00',
      '2026-11-24T15:00:00',
      '2026-02-30T10:00:00Z',
      '2026-11-24T25:00:00Z',
      '',
    ]) {
      assert.throws(
        () => parseCallTime(bad),
        (err: InvalidInputError) =>
          err.code === 'invalid-call-time' &&
          err.message === `"${bad}" is not a call time.` &&
          /2026-12-25T10:00-05:00, 2026-12-25T10:00:00-05:00 or 2026-12-25T15:00:00Z/.test(err.hint ?? ''),
        bad,
      );
    }
    refuses({ at: 'next tuesday' }, 'invalid-call-time', /"next tuesday" is not a call time/);
    refuses({ at: new Date(Number.NaN) }, 'invalid-call-time', /is not a call time/);
  });

  it('refuses DTMF entries with keys a phone does not have', () => {
    refuses({ digits: ['1', 'a'] }, 'invalid-digits', /"a" is not a DTMF entry/);
    refuses({ digits: [1 as unknown as string] }, 'invalid-digits', /"1" is not a DTMF entry/);
  });

  it('refuses agent availability other than available or busy', () => {
    refuses({ agents: { sales: 'maybe' as 'busy' } }, 'invalid-agents', /Queue "sales" has availability "maybe"/);
  });

  it('refuses a transfer outcome other than ok or failed', () => {
    refuses({ transfer: 'lost' as 'ok' }, 'invalid-transfer-result', /"lost" is not a transfer outcome/);
  });

  it('refuses a step limit below one', () => {
    refuses({ maxSteps: 0 }, 'invalid-max-steps', /at least 1/);
  });

  it('refuses a flow definition without steps', () => {
    refuses(
      { flow: { id: 'empty', version: 1, definition: {} as FlowDefinition } },
      'invalid-flow-definition',
      /"empty" cannot be simulated/,
    );
    refuses(
      { flow: { id: 'nothing', version: 1, definition: null as unknown as FlowDefinition } },
      'invalid-flow-definition',
      /"nothing"/,
    );
  });
});
