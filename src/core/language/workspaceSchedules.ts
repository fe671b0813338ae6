/** The business-hours schedules written in a flow version's text (steps whose hours are given). */
import { parse } from 'yaml';
import type { WorkspaceSchedule } from './quickFixes/types';

export function schedulesIn(flow: string, version: number, text: string): WorkspaceSchedule[] {
  let definition: unknown;
  try {
    definition = parse(text, { maxAliasCount: 0 });
  } catch {
    return [];
  }
  const steps = (definition as { steps?: unknown } | null)?.steps;
  if (!steps || typeof steps !== 'object') return [];
  const schedules: WorkspaceSchedule[] = [];
  for (const [step, value] of Object.entries(steps as Record<string, unknown>)) {
    const fields = value as Record<string, unknown> | null;
    if (!fields || fields['type'] !== 'business-hours') continue;
    const hours = textLists(fields['hours']);
    if (!hours || Object.keys(hours).length === 0) continue;
    const holidays = Array.isArray(fields['holidays'])
      ? fields['holidays'].filter((d): d is string => typeof d === 'string')
      : [];
    schedules.push({
      flow,
      version,
      step,
      hours,
      ...(typeof fields['timezone'] === 'string' ? { timezone: fields['timezone'] } : {}),
      ...(holidays.length > 0 ? { holidays } : {}),
    });
  }
  return schedules;
}

/** `hours` as day keys to lists of ranges, when it is written that way. */
function textLists(value: unknown): Record<string, string[]> | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const hours: Record<string, string[]> = {};
  for (const [days, ranges] of Object.entries(value as Record<string, unknown>)) {
    if (!Array.isArray(ranges) || !ranges.every((r) => typeof r === 'string')) return undefined;
    hours[days] = ranges;
  }
  return hours;
}
