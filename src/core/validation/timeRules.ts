/** Checks of business-hours steps and of time zones anywhere: the things that decide when a line is open. */
import { closestMatch } from '../ids';
import { isIsoDate, parseDayKey, readTimeRange } from '../schedule';
import type { FlowSteps } from './flowSteps';
import type { ProblemReporter } from './problems';
import type { PathSegment } from './yamlLocator';

const FULL_DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const zoneValidity = new Map<string, boolean>();
let canonical: Set<string> | undefined;

function canonicalZones(): Set<string> {
  canonical ??= new Set(
    (Intl as unknown as { supportedValuesOf?(key: string): string[] }).supportedValuesOf?.('timeZone') ?? [],
  );
  return canonical;
}

/** IANA zone names as this Node knows them (Intl throws RangeError for unknown ones). */
export function isTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
    // The canonical names answer without building a formatter, which loads ICU's calendar data (~15 ms);
    // an alias (US/Eastern, Asia/Calcutta) still asks Intl, which decides what the runtime accepts.
    if (canonicalZones().has(zone)) {
      zoneValidity.set(zone, true);
      return true;
    }
    try {
      new Intl.DateTimeFormat('en', { timeZone: zone });
      valid = zone.length > 0;
    } catch {
      valid = false;
    }
    zoneValidity.set(zone, valid);
  }
  return valid;
}

export function checkTimeZone(zone: unknown, path: PathSegment[], reporter: ProblemReporter): void {
  if (typeof zone !== 'string' || isTimeZone(zone)) return;
  const suggestion = closestMatch(zone, [...canonicalZones()]);
  reporter.report(
    path,
    'value',
    'error',
    'invalid-timezone',
    `"${zone}" is not a time zone.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Use an IANA name such as America/New_York or Europe/London.`,
    { suggestion },
  );
}

export function checkBusinessHours(steps: FlowSteps, reporter: ProblemReporter): void {
  for (const [id, step] of steps.ofType('business-hours')) {
    const base: PathSegment[] = ['steps', id];
    checkTimeZone(step.timezone, [...base, 'timezone'], reporter);
    const hours = step.hours;
    if (hours !== null && typeof hours === 'object' && !Array.isArray(hours)) {
      for (const [days, ranges] of Object.entries(hours)) {
        checkDayKey(days, [...base, 'hours', days], reporter);
        if (!Array.isArray(ranges)) continue;
        ranges.forEach((range, i) => checkTimeRange(range, [...base, 'hours', days, i], reporter));
      }
    }
    if (Array.isArray(step.holidays)) {
      step.holidays.forEach((date, i) => checkDate(date, [...base, 'holidays', i], reporter));
    }
  }
}

function checkDayKey(key: string, path: PathSegment[], reporter: ProblemReporter): void {
  if (parseDayKey(key)) return;
  const spelled = key
    .toLowerCase()
    .split('-')
    .map((part) => (FULL_DAY_NAMES.includes(part) ? part.slice(0, 3) : part))
    .join('-');
  const suggestion = parseDayKey(spelled) ? spelled : undefined;
  reporter.report(
    path,
    'key',
    'error',
    'invalid-day',
    `"${key}" is not a day or a day range.${suggestion ? ` Did you mean "${suggestion}"?` : ''} ` +
      'Use mon, tue, wed, thu, fri, sat or sun, or a range such as mon-fri.',
    { suggestion },
  );
}

function checkTimeRange(range: unknown, path: PathSegment[], reporter: ProblemReporter): void {
  if (typeof range !== 'string') return;
  const result = readTimeRange(range);
  if (!('error' in result)) return;
  if (result.error === 'malformed') {
    reporter.report(
      path,
      'value',
      'error',
      'invalid-time-range',
      `"${range}" is not a time range. Write HH:MM-HH:MM with two-digit hours, e.g. 09:00-17:00 (24:00 is allowed as an end).`,
    );
  } else {
    reporter.report(
      path,
      'value',
      'error',
      'inverted-time-range',
      `"${range}" ends before it starts. A range cannot pass midnight: split it into one range ending at 24:00 and one on the next day starting at 00:00.`,
    );
  }
}

function checkDate(date: unknown, path: PathSegment[], reporter: ProblemReporter): void {
  if (typeof date !== 'string' || isIsoDate(date)) return;
  reporter.report(
    path,
    'value',
    'error',
    'invalid-date',
    `"${date}" is not a date. Write holidays as YYYY-MM-DD, e.g. 2026-12-25.`,
  );
}
