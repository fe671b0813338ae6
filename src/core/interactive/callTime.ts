/**
 * A test call's time as the flow's callers live it: a local time in the flow's time zone
 * ("Tue 10:00 in America/New_York"), which the panel shows and lets the user change, turned
 * back into the instant the engine decides business hours at.
 */
import { InvalidInputError } from '../errors';
import type { FlowDefinition } from '../model';
import { isKnownTimeZone, localTimeIn } from '../engine/zonedTime';

const WEEKDAY_LABELS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})$/;

/**
 * The zone the flow's hours are kept in: its first business-hours step's, else the workspace's
 * default (callflow.yaml), else UTC.
 */
export function callTimeZoneOf(definition: FlowDefinition, workspaceZone?: string): string {
  for (const step of Object.values(definition.steps ?? {})) {
    if (step?.type === 'business-hours' && isKnownTimeZone(step.timezone)) return step.timezone;
  }
  return workspaceZone && isKnownTimeZone(workspaceZone) ? workspaceZone : 'UTC';
}

/** "Tue 10:00 in America/New_York". */
export function describeCallTime(at: Date, zone: string): string {
  const local = localTimeIn(zone, at);
  if (!local) return at.toISOString();
  return `${WEEKDAY_LABELS[local.weekday]} ${clock(local.minutes)} in ${zone}`;
}

/** The instant as a local date and time in the zone, `YYYY-MM-DDTHH:MM` (an `<input type="datetime-local">` value). */
export function localInputOf(at: Date, zone: string): string {
  const local = localTimeIn(zone, at);
  return local ? `${local.date}T${clock(local.minutes)}` : at.toISOString().slice(0, 16);
}

/**
 * The instant a local `YYYY-MM-DDTHH:MM` names in the zone. In the hour a clock skips (spring
 * forward) it is the instant just after; in the hour it repeats, the first of the two.
 */
export function instantOfLocal(text: string, zone: string): Date {
  const match = LOCAL_INPUT.exec(text.trim());
  const [year, month, day, hour, minute] = (match ?? ['', '0', '0', '0', '0', '0']).slice(1).map(Number);
  const wall = match ? Date.UTC(year ?? 0, (month ?? 0) - 1, day ?? 0, hour ?? 0, minute ?? 0) : Number.NaN;
  const valid = match !== null && new Date(wall).getUTCDate() === day && (hour ?? 24) < 24 && (minute ?? 60) < 60;
  if (!valid) {
    throw new InvalidInputError(
      'invalid-call-time',
      `"${text}" is not a local date and time.`,
      `Write it as YYYY-MM-DDTHH:MM in ${zone}, e.g. 2026-11-24T10:00.`,
    );
  }
  if (!isKnownTimeZone(zone)) throw new InvalidInputError('unknown-time-zone', `"${zone}" is not a known time zone.`);
  let instant = wall;
  for (let i = 0; i < 3; i++) {
    const local = localTimeIn(zone, new Date(instant))!;
    const shown = Date.parse(`${local.date}T00:00:00Z`) + local.minutes * 60_000;
    if (shown === wall) break;
    instant += wall - shown;
  }
  return new Date(instant);
}

function clock(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}`;
}
