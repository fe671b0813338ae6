import * as assert from 'assert';
import {
  callTimeZoneOf,
  describeCallTime,
  entryComplete,
  instantOfLocal,
  InvalidInputError,
  localInputOf,
  type ListeningWait,
} from '../../../src/core';
import { acme, flowOf } from '../simulator/helpers';

describe("test call: the call's time in the flow's zone", () => {
  it("says the time as the flow's callers live it", () => {
    assert.strictEqual(
      describeCallTime(new Date('2026-11-24T15:00:00Z'), 'America/New_York'),
      'Tue 10:00 in America/New_York',
    );
    assert.strictEqual(describeCallTime(new Date('2026-07-05T23:30:00Z'), 'Europe/Paris'), 'Mon 01:30 in Europe/Paris');
  });

  it("takes the zone of the flow's business hours, else the workspace's, else UTC", () => {
    assert.strictEqual(callTimeZoneOf(acme, 'Europe/Paris'), 'America/New_York');
    const plain = flowOf({ bye: { type: 'hangup' } });
    assert.strictEqual(callTimeZoneOf(plain, 'Europe/Paris'), 'Europe/Paris');
    assert.strictEqual(callTimeZoneOf(plain, 'Not/AZone'), 'UTC');
    assert.strictEqual(callTimeZoneOf(plain), 'UTC');
  });

  it('turns a local time in the zone into its instant and back, across daylight saving time', () => {
    for (const [local, iso] of [
      ['2026-11-24T10:00', '2026-11-24T15:00:00.000Z'],
      ['2026-07-01T10:00', '2026-07-01T14:00:00.000Z'],
      // The hour the clock skips (02:30 on 8 March 2026 does not exist): the instant just after.
      ['2026-03-08T02:30', '2026-03-08T07:30:00.000Z'],
    ] as const) {
      const instant = instantOfLocal(local, 'America/New_York');
      assert.strictEqual(instant.toISOString(), iso, local);
    }
    assert.strictEqual(localInputOf(new Date('2026-11-24T15:00:00Z'), 'America/New_York'), '2026-11-24T10:00');
  });

  it('refuses a local time that is not one, saying how to write it', () => {
    for (const bad of ['tomorrow', '2026-02-30T10:00', '2026-11-24T25:00', '2026-11-24'])
      assert.throws(
        () => instantOfLocal(bad, 'America/New_York'),
        (err: unknown) =>
          err instanceof InvalidInputError && /YYYY-MM-DDTHH:MM in America\/New_York/.test(err.hint ?? ''),
        bad,
      );
  });
});

describe("test call: when the caller's keys end an entry", () => {
  const wait = (over: Partial<ListeningWait>): ListeningWait => ({
    kind: 'digits',
    flow: 'f',
    step: 's',
    mode: 'collect',
    prompt: [],
    timeout: 5,
    attempt: 1,
    attempts: 3,
    ...over,
  });

  it('a menu acts on the first key; a collect at its finish key or its max digits', () => {
    assert.strictEqual(entryComplete(wait({ mode: 'menu', maxDigits: 1 }), '1'), true);
    assert.strictEqual(entryComplete(wait({}), '12'), false);
    assert.strictEqual(entryComplete(wait({}), '12#'), true);
    assert.strictEqual(entryComplete(wait({ finishOnKey: '*' }), '12#'), false);
    assert.strictEqual(entryComplete(wait({ finishOnKey: '*' }), '12*'), true);
    assert.strictEqual(entryComplete(wait({ maxDigits: 3 }), '123'), true);
    assert.strictEqual(entryComplete(wait({}), ''), false);
  });
});
