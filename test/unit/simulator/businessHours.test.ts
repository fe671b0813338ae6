import * as assert from 'assert';
import { localTimeIn, parseDayKey, parseTimeRange } from '../../../src/core/simulator';
import { call, flowOf } from './helpers';

const end = { type: 'hangup' };

function hoursFlow(timezone: string, hours: Record<string, string[]>, holidays: string[] = [], holidayExit = true) {
  return flowOf({
    hours: {
      type: 'business-hours',
      timezone,
      hours,
      holidays,
      open: 'open',
      closed: 'closed',
      ...(holidayExit ? { holiday: 'holiday' } : {}),
    },
    open: end,
    closed: end,
    holiday: end,
  });
}

function decide(
  definition: ReturnType<typeof hoursFlow>,
  at: string,
): { exit: string | null; local: string | undefined } {
  const step = call(definition, { at }).steps[0]!;
  return { exit: step.exit, local: step.localTime };
}

describe('simulator: business hours', () => {
  describe('daylight saving time', () => {
    it('uses EDT on the New York spring-forward day (2026-03-08)', () => {
      const flow = hoursFlow('America/New_York', { sun: ['09:00-17:00'] });
      // 13:30Z is 09:30 EDT (UTC-4); a fixed EST offset would say 08:30 and closed.
      assert.deepStrictEqual(decide(flow, '2026-03-08T13:30:00Z'), { exit: 'open', local: 'Sun 2026-03-08 09:30' });
      assert.deepStrictEqual(decide(flow, '2026-03-08T12:59:00Z'), { exit: 'closed', local: 'Sun 2026-03-08 08:59' });
    });

    it('jumps from 01:59 EST to 03:00 EDT in the skipped hour', () => {
      const flow = hoursFlow('America/New_York', { sun: ['03:00-04:00'] });
      assert.deepStrictEqual(decide(flow, '2026-03-08T06:59:00Z'), { exit: 'closed', local: 'Sun 2026-03-08 01:59' });
      assert.deepStrictEqual(decide(flow, '2026-03-08T07:00:00Z'), { exit: 'open', local: 'Sun 2026-03-08 03:00' });
    });

    it('lives the repeated hour twice on the New York fall-back day (2026-11-01)', () => {
      const flow = hoursFlow('America/New_York', { sun: ['01:00-02:00', '09:00-17:00'] });
      assert.deepStrictEqual(decide(flow, '2026-11-01T05:30:00Z'), { exit: 'open', local: 'Sun 2026-11-01 01:30' }); // EDT
      assert.deepStrictEqual(decide(flow, '2026-11-01T06:30:00Z'), { exit: 'open', local: 'Sun 2026-11-01 01:30' }); // EST
      assert.deepStrictEqual(decide(flow, '2026-11-01T07:00:00Z'), { exit: 'closed', local: 'Sun 2026-11-01 02:00' });
      // After the change 13:30Z is 08:30 EST, before opening.
      assert.deepStrictEqual(decide(flow, '2026-11-01T13:30:00Z'), { exit: 'closed', local: 'Sun 2026-11-01 08:30' });
      assert.deepStrictEqual(decide(flow, '2026-11-01T14:00:00Z'), { exit: 'open', local: 'Sun 2026-11-01 09:00' });
    });

    it('follows British Summer Time in Europe/London', () => {
      const flow = hoursFlow('Europe/London', { 'mon-fri': ['09:00-17:00'] });
      assert.deepStrictEqual(decide(flow, '2026-03-27T08:30:00Z'), { exit: 'closed', local: 'Fri 2026-03-27 08:30' }); // GMT
      assert.deepStrictEqual(decide(flow, '2026-03-30T08:30:00Z'), { exit: 'open', local: 'Mon 2026-03-30 09:30' }); // BST
      assert.deepStrictEqual(decide(flow, '2026-10-23T08:30:00Z'), { exit: 'open', local: 'Fri 2026-10-23 09:30' }); // BST
      assert.deepStrictEqual(decide(flow, '2026-10-26T08:30:00Z'), { exit: 'closed', local: 'Mon 2026-10-26 08:30' }); // GMT
    });

    it('agrees with Intl minute by minute across both New York transitions', () => {
      const reference = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'America/New_York',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
      for (const day of ['2026-03-08T04:00:00Z', '2026-11-01T03:00:00Z']) {
        const start = Date.parse(day);
        for (let minute = 0; minute < 6 * 60; minute += 7) {
          const instant = new Date(start + minute * 60_000);
          const local = localTimeIn('America/New_York', instant)!;
          const parts = Object.fromEntries(reference.formatToParts(instant).map((p) => [p.type, p.value]));
          const expected = `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
          const hh = String(Math.floor(local.minutes / 60)).padStart(2, '0');
          const mm = String(local.minutes % 60).padStart(2, '0');
          assert.strictEqual(`${local.date} ${hh}:${mm}`, expected, instant.toISOString());
        }
      }
    });
  });

  describe('holidays', () => {
    it('is a holiday when the instant is already that date in the zone, though not yet in UTC', () => {
      const flow = hoursFlow('Pacific/Auckland', { 'mon-sun': ['00:00-24:00'] }, ['2026-12-25']);
      // 2026-12-24 12:00 UTC is 2026-12-25 01:00 in Auckland (NZDT, UTC+13).
      assert.deepStrictEqual(decide(flow, '2026-12-24T12:00:00Z'), { exit: 'holiday', local: 'Fri 2026-12-25 01:00' });
      assert.strictEqual(decide(flow, '2026-12-24T10:00:00Z').exit, 'open');
    });

    it('is still a holiday when UTC has moved on to the next day', () => {
      const flow = hoursFlow('America/Los_Angeles', { 'mon-sun': ['00:00-24:00'] }, ['2026-12-25']);
      assert.strictEqual(decide(flow, '2026-12-26T02:00:00Z').exit, 'holiday'); // Dec 25, 18:00 PST
      assert.strictEqual(decide(flow, '2026-12-25T03:00:00Z').exit, 'open'); // Dec 24, 19:00 PST
    });

    it('leaves through closed when the step sets no holiday exit', () => {
      const result = call(hoursFlow('America/New_York', { 'mon-fri': ['09:00-17:00'] }, ['2026-12-25'], false), {
        at: '2026-12-25T15:00:00Z',
      });
      assert.strictEqual(result.steps[0]!.exit, 'holiday');
      assert.strictEqual(result.steps[0]!.next, 'closed');
      assert.deepStrictEqual(
        result.steps.map((s) => s.step),
        ['hours', 'closed'],
      );
    });
  });

  describe('days and ranges', () => {
    it('reads day keys and wraps a range past Sunday', () => {
      assert.deepStrictEqual(parseDayKey('mon'), [0]);
      assert.deepStrictEqual(parseDayKey('mon-fri'), [0, 1, 2, 3, 4]);
      assert.deepStrictEqual(parseDayKey('sun-thu'), [6, 0, 1, 2, 3]);
      assert.deepStrictEqual(parseDayKey('fri-mon'), [4, 5, 6, 0]);
      assert.strictEqual(parseDayKey('monday'), undefined);
      assert.strictEqual(parseDayKey('mon-fri-sat'), undefined);
    });

    it('opens Sunday to Thursday with a wrapping day range', () => {
      const flow = hoursFlow('Asia/Jerusalem', { 'sun-thu': ['08:00-16:00'] });
      assert.strictEqual(decide(flow, '2026-11-22T08:00:00Z').exit, 'open'); // Sun 10:00
      assert.strictEqual(decide(flow, '2026-11-26T08:00:00Z').exit, 'open'); // Thu 10:00
      assert.strictEqual(decide(flow, '2026-11-27T08:00:00Z').exit, 'closed'); // Fri 10:00
      assert.strictEqual(decide(flow, '2026-11-28T08:00:00Z').exit, 'closed'); // Sat 10:00
    });

    it('reads several ranges a day with exclusive ends, 24:00 included', () => {
      const flow = hoursFlow('UTC', { tue: ['09:00-12:00', '13:00-17:00', '20:00-24:00'] });
      assert.strictEqual(decide(flow, '2026-11-24T11:59:00Z').exit, 'open');
      assert.strictEqual(decide(flow, '2026-11-24T12:00:00Z').exit, 'closed');
      assert.strictEqual(decide(flow, '2026-11-24T12:30:00Z').exit, 'closed');
      assert.strictEqual(decide(flow, '2026-11-24T13:00:00Z').exit, 'open');
      assert.strictEqual(decide(flow, '2026-11-24T23:59:00Z').exit, 'open');
      assert.strictEqual(decide(flow, '2026-11-25T00:00:00Z').exit, 'closed');
      assert.strictEqual(decide(flow, '2026-11-24T08:59:59Z').exit, 'closed');
    });

    it('merges the ranges of keys that name the same day', () => {
      const flow = hoursFlow('UTC', { 'mon-fri': ['09:00-17:00'], tue: ['18:00-20:00'] });
      assert.strictEqual(decide(flow, '2026-11-24T19:00:00Z').exit, 'open');
      assert.strictEqual(decide(flow, '2026-11-25T19:00:00Z').exit, 'closed');
    });

    it('parses HH:MM-HH:MM and refuses malformed and inverted ranges', () => {
      assert.deepStrictEqual(parseTimeRange('09:00-17:00'), [540, 1020]);
      assert.deepStrictEqual(parseTimeRange('00:00-24:00'), [0, 1440]);
      for (const bad of ['17:00-09:00', '09:00-09:00', '9-17', '24:00-24:30', '09:60-10:00', '08:00-24:01']) {
        assert.strictEqual(parseTimeRange(bad), undefined, bad);
      }
    });

    it('ignores unreadable days and ranges with a warning', () => {
      const result = call(hoursFlow('UTC', { tue: ['17:00-09:00'], funday: ['09:00-17:00'] }));
      assert.strictEqual(result.steps[0]!.exit, 'closed');
      const messages = result.warnings.filter((w) => w.code === 'invalid-hours').map((w) => w.message);
      assert.strictEqual(messages.length, 2);
      assert.ok(messages.some((m) => m.includes('"17:00-09:00"')));
      assert.ok(messages.some((m) => m.includes('"funday"')));
    });
  });
});
