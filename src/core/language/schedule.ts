/** A business-hours step's schedule in words: "Open Mon–Fri 09:00–17:00, Sat 10:00–13:00 New York time; closed on 25 Dec 2026". */
import { isIsoDate, parseDayKey, parseTimeRange } from '../schedule';
import type { StepFields } from '../validation/flowSteps';

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function scheduleInWords(step: StepFields): string {
  const hours = step.hours !== null && typeof step.hours === 'object' ? (step.hours as Record<string, unknown>) : {};
  const parts: string[] = [];
  for (const [key, ranges] of Object.entries(hours)) {
    const days = parseDayKey(key);
    const list = (Array.isArray(ranges) ? ranges : []).filter(
      (r): r is string => parseTimeRange(r as string) !== undefined,
    );
    if (!days || list.length === 0) continue;
    const dayText =
      days.length === 1 ? DAY_NAMES[days[0]!]! : `${DAY_NAMES[days[0]!]}–${DAY_NAMES[days[days.length - 1]!]}`;
    parts.push(`${dayText} ${list.map((r) => r.replace('-', '–')).join(', ')}`);
  }
  const zone = typeof step.timezone === 'string' ? ` ${zoneName(step.timezone)} time` : '';
  let text = parts.length > 0 ? `Open ${parts.join(', ')}${zone}` : `Never open${zone}`;
  const holidays = (Array.isArray(step.holidays) ? step.holidays : []).filter(
    (d): d is string => typeof d === 'string' && isIsoDate(d),
  );
  if (holidays.length > 0) {
    const closedOr = typeof step.holiday === 'string' ? `holiday (to ${step.holiday})` : 'closed';
    text += `; ${closedOr} on ${holidays.map(dateInWords).join(', ')}`;
  }
  return `${text}.`;
}

/** `America/New_York` -> `New York`. */
function zoneName(zone: string): string {
  return (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
}

function dateInWords(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${day} ${MONTHS[month - 1]} ${year}`;
}
