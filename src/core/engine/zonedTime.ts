/**
 * The wall-clock time of an instant in an IANA zone, from the platform's time zone data
 * (Intl), so daylight saving time is whatever the zone's rules say.
 *
 * formatToParts costs microseconds, and the simulator asks for the same zones again and
 * again: the formatter is cached per zone, and the zone's UTC offset per UTC hour (an hour
 * in which the offset changes is not cached, so a transition is always exact).
 */

export interface LocalTime {
  /** `YYYY-MM-DD` in the zone. */
  date: string;
  /** 0 = Monday ... 6 = Sunday. */
  weekday: number;
  /** Minutes since local midnight, 0-1439. */
  minutes: number;
}

const HOUR_MS = 3_600_000;
const MAX_CACHED_HOURS = 50_000;
/** Marks an hour in which the offset changes: computed for every instant, never cached. */
const TRANSITION = Number.NaN;

interface ZoneData {
  format: Intl.DateTimeFormat;
  offsetByHour: Map<number, number>;
}

const zones = new Map<string, ZoneData | null>();

function zoneData(timeZone: string): ZoneData | null {
  let data = zones.get(timeZone);
  if (data !== undefined) return data;
  try {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    data = { format, offsetByHour: new Map() };
  } catch {
    data = null;
  }
  zones.set(timeZone, data);
  return data;
}

export function isKnownTimeZone(timeZone: string): boolean {
  return typeof timeZone === 'string' && timeZone.length > 0 && zoneData(timeZone) !== null;
}

/** Local wall clock minus UTC, in ms, at `ms` (whole seconds: zones' offsets are). */
function offsetAt(format: Intl.DateTimeFormat, ms: number): number {
  let year = 0,
    month = 0,
    day = 0,
    hour = 0,
    minute = 0,
    second = 0;
  for (const part of format.formatToParts(ms)) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value) % 24;
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  return wall - Math.floor(ms / 1000) * 1000;
}

function offsetOf(data: ZoneData, ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  const cached = data.offsetByHour.get(hour);
  if (cached !== undefined) return Number.isNaN(cached) ? offsetAt(data.format, ms) : cached;
  const atStart = offsetAt(data.format, hour * HOUR_MS);
  const atEnd = offsetAt(data.format, hour * HOUR_MS + HOUR_MS - 1000);
  if (data.offsetByHour.size >= MAX_CACHED_HOURS) data.offsetByHour.clear();
  data.offsetByHour.set(hour, atStart === atEnd ? atStart : TRANSITION);
  return atStart === atEnd ? atStart : offsetAt(data.format, ms);
}

/** The instant's local date, weekday and minute of day in `timeZone`; undefined for an unknown zone. */
export function localTimeIn(timeZone: string, instant: Date): LocalTime | undefined {
  const data = zoneData(timeZone);
  if (data === null) return undefined;
  const ms = instant.getTime();
  const wall = new Date(ms + offsetOf(data, ms));
  const year = wall.getUTCFullYear();
  const month = wall.getUTCMonth() + 1;
  const day = wall.getUTCDate();
  return {
    date: `${String(year).padStart(4, '0')}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`,
    weekday: (wall.getUTCDay() + 6) % 7,
    minutes: wall.getUTCHours() * 60 + wall.getUTCMinutes(),
  };
}
