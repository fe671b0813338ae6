/**
 * The syntax of business hours, in one place: validation reports what these reject, and the
 * simulator decides open/closed with what they accept, so the two can never disagree.
 */
import { WEEKDAYS } from './model';

/** [start, end) in minutes since local midnight. */
export type MinuteRange = readonly [start: number, end: number];

const DAY = `(${WEEKDAYS.join('|')})`;
const DAY_KEY = new RegExp(`^${DAY}(?:-${DAY})?$`);
const TIME_RANGE = /^([0-9]{2}):([0-9]{2})-([0-9]{2}):([0-9]{2})$/;
const ISO_DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/**
 * `mon` -> [0]; `mon-fri` -> [0..4]; a range may wrap past the week's end: `sun-thu` -> [6, 0, 1, 2, 3].
 * Index 0 is Monday. Undefined for anything else.
 */
export function parseDayKey(key: string): number[] | undefined {
  const match = DAY_KEY.exec(key);
  if (!match) return undefined;
  const first = (WEEKDAYS as readonly string[]).indexOf(match[1]!);
  const last = match[2] === undefined ? first : (WEEKDAYS as readonly string[]).indexOf(match[2]);
  const days: number[] = [];
  for (let day = first; ; day = (day + 1) % 7) {
    days.push(day);
    if (day === last) return days;
  }
}

export type TimeRangeResult = { range: MinuteRange } | { error: 'malformed' | 'inverted' };

/** `HH:MM-HH:MM`, two-digit hours, the end exclusive and allowed to be 24:00; a range cannot pass midnight. */
export function readTimeRange(text: string): TimeRangeResult {
  const match = TIME_RANGE.exec(text);
  if (!match) return { error: 'malformed' };
  const [startHour, startMinute, endHour, endMinute] = match.slice(1).map(Number) as [number, number, number, number];
  const wellFormed =
    startHour <= 23 && startMinute <= 59 && ((endHour <= 23 && endMinute <= 59) || (endHour === 24 && endMinute === 0));
  if (!wellFormed) return { error: 'malformed' };
  const start = startHour * 60 + startMinute;
  const end = endHour * 60 + endMinute;
  return start < end ? { range: [start, end] } : { error: 'inverted' };
}

/** The range of a valid `HH:MM-HH:MM`, else undefined. */
export function parseTimeRange(text: string): MinuteRange | undefined {
  if (typeof text !== 'string') return undefined;
  const result = readTimeRange(text);
  return 'range' in result ? result.range : undefined;
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function isIsoDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const parsed = new Date(Date.UTC(year, month - 1, day));
  return parsed.getUTCFullYear() === year && parsed.getUTCMonth() === month - 1 && parsed.getUTCDate() === day;
}
