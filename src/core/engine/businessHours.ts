/**
 * The business-hours decision: open, closed or holiday for an instant, in the step's zone.
 * A step's schedule is compiled once (per step object) into minute ranges per weekday.
 */
import type { BusinessHoursStep } from '../model';
import { parseDayKey, parseTimeRange, type MinuteRange } from '../schedule';
import { localTimeIn, type LocalTime } from './zonedTime';

export interface CompiledSchedule {
  /** Index 0 = Monday. Ranges are [start, end) in minutes since local midnight. */
  readonly days: readonly (readonly MinuteRange[])[];
  readonly holidays: ReadonlySet<string>;
  /** Day keys and ranges that could not be read (validation reports them as errors). */
  readonly problems: readonly string[];
}

export type BusinessHoursDecision =
  | { exit: 'open' | 'closed' | 'holiday'; local: LocalTime; localText: string; problems: readonly string[] }
  | { exit: 'unknown-timezone' };

const DAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const schedules = new WeakMap<object, CompiledSchedule>();

export function compileSchedule(step: BusinessHoursStep): CompiledSchedule {
  let schedule = schedules.get(step);
  if (schedule) return schedule;
  const days: MinuteRange[][] = [[], [], [], [], [], [], []];
  const problems: string[] = [];
  const hours = typeof step.hours === 'object' && step.hours !== null ? step.hours : {};
  for (const [key, value] of Object.entries(hours)) {
    const dayList = parseDayKey(key);
    if (!dayList) {
      problems.push(`"${key}" is not a day or day range (mon ... sun, e.g. mon-fri); its hours are ignored`);
      continue;
    }
    const ranges = Array.isArray(value) ? value : [value];
    for (const text of ranges) {
      const range = parseTimeRange(text);
      if (!range) {
        problems.push(
          `"${String(text)}" (${key}) is not a time range HH:MM-HH:MM with the start before the end; it is ignored`,
        );
        continue;
      }
      for (const day of dayList) days[day]!.push(range);
    }
  }
  const holidays = new Set<string>(Array.isArray(step.holidays) ? step.holidays.map(holidayText) : []);
  schedule = { days, holidays, problems };
  schedules.set(step, schedule);
  return schedule;
}

/** A YAML 1.1 parser may hand a date over as a Date; the schedule wants `YYYY-MM-DD`. */
function holidayText(date: unknown): string {
  return date instanceof Date ? date.toISOString().slice(0, 10) : String(date).trim();
}

export function formatLocalTime(local: LocalTime): string {
  const hour = Math.floor(local.minutes / 60);
  const minute = local.minutes % 60;
  return `${DAY_LABELS[local.weekday]} ${local.date} ${hour < 10 ? '0' : ''}${hour}:${minute < 10 ? '0' : ''}${minute}`;
}

/** Holidays win over hours; a holiday is a local date in the step's zone. */
export function decideBusinessHours(step: BusinessHoursStep, instant: Date): BusinessHoursDecision {
  const local = localTimeIn(step.timezone, instant);
  if (!local) return { exit: 'unknown-timezone' };
  const schedule = compileSchedule(step);
  const localText = formatLocalTime(local);
  if (schedule.holidays.has(local.date)) return { exit: 'holiday', local, localText, problems: schedule.problems };
  for (const [start, end] of schedule.days[local.weekday]!) {
    if (local.minutes >= start && local.minutes < end)
      return { exit: 'open', local, localText, problems: schedule.problems };
  }
  return { exit: 'closed', local, localText, problems: schedule.problems };
}
