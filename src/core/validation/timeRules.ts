/** Checks of business-hours steps and of time zones anywhere: the things that decide when a line is open. */
import { closestMatch } from '../ids';
import { WEEKDAYS } from '../model';
import type { FlowSteps } from './flowSteps';
import type { ProblemReporter } from './problems';
import type { PathSegment } from './yamlLocator';

const DAY = `(${WEEKDAYS.join('|')})`;
const DAY_KEY = new RegExp(`^${DAY}(-${DAY})?$`);
const FULL_DAY_NAMES = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
const TIME_RANGE = /^([0-9]{2}):([0-9]{2})-([0-9]{2}):([0-9]{2})$/;
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

const zoneValidity = new Map<string, boolean>();
let knownZones: string[] | undefined;

/** IANA zone names as this Node knows them (Intl throws RangeError for unknown ones). */
export function isTimeZone(zone: string): boolean {
  let valid = zoneValidity.get(zone);
  if (valid === undefined) {
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
  knownZones ??= (Intl as unknown as { supportedValuesOf?(key: string): string[] }).supportedValuesOf?.('timeZone') ?? [];
  const suggestion = closestMatch(zone, knownZones);
  reporter.report(path, 'value', 'error', 'invalid-timezone',
    `"${zone}" is not a time zone.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Use an IANA name such as America/New_York or Europe/London.`);
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
  if (DAY_KEY.test(key)) return;
  const spelled = key.toLowerCase().split('-').map((part) => FULL_DAY_NAMES.includes(part) ? part.slice(0, 3) : part).join('-');
  const suggestion = DAY_KEY.test(spelled) ? spelled : undefined;
  reporter.report(path, 'key', 'error', 'invalid-day',
    `"${key}" is not a day or a day range.${suggestion ? ` Did you mean "${suggestion}"?` : ''} ` +
    'Use mon, tue, wed, thu, fri, sat or sun, or a range such as mon-fri.');
}

function checkTimeRange(range: unknown, path: PathSegment[], reporter: ProblemReporter): void {
  if (typeof range !== 'string') return;
  const match = TIME_RANGE.exec(range);
  const [startHour, startMinute, endHour, endMinute] = (match?.slice(1) ?? []).map(Number) as number[];
  const valid = match !== null
    && startHour! <= 23 && startMinute! <= 59
    && (endHour! <= 23 && endMinute! <= 59 || endHour === 24 && endMinute === 0);
  if (!valid) {
    reporter.report(path, 'value', 'error', 'invalid-time-range',
      `"${range}" is not a time range. Write HH:MM-HH:MM with two-digit hours, e.g. 09:00-17:00 (24:00 is allowed as an end).`);
    return;
  }
  if (startHour! * 60 + startMinute! >= endHour! * 60 + endMinute!) {
    reporter.report(path, 'value', 'error', 'inverted-time-range',
      `"${range}" ends before it starts. A range cannot pass midnight: split it into one range ending at 24:00 and one on the next day starting at 00:00.`);
  }
}

function checkDate(date: unknown, path: PathSegment[], reporter: ProblemReporter): void {
  if (typeof date !== 'string') return;
  const match = ISO_DATE.exec(date);
  if (match) {
    const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
    const parsed = new Date(Date.UTC(year, month - 1, day));
    if (parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day) return;
  }
  reporter.report(path, 'value', 'error', 'invalid-date', `"${date}" is not a date. Write holidays as YYYY-MM-DD, e.g. 2026-12-25.`);
}
