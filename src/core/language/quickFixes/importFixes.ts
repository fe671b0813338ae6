/**
 * Fixes for what an import leaves to fill in: a business-hours step without hours takes a
 * schedule the workspace already has (another step's hours, zone and holidays), or weekday
 * hours to adjust; a prompt known only by its id in the source system becomes a `say` prompt,
 * the id kept in a comment above it so the recording can be found again.
 */
import type { ProblemData } from '../../validation';
import { scheduleInWords } from '../schedule';
import type { QuickFix, QuickFixContext, TextEdit, WorkspaceSchedule } from './types';
import { scalarText, type YamlText } from './yamlEdits';

/** At most this many of the workspace's schedules are offered (the menu stays short). */
const MAX_SCHEDULES = 3;
const WEEKDAY_HOURS: WorkspaceSchedule['hours'] = { 'mon-fri': ['09:00-17:00'] };

export function hoursFromWorkspace(doc: YamlText, data: ProblemData, context: QuickFixContext): QuickFix[] {
  const step = data.path.slice(0, -1);
  const hours = doc.node(data.path);
  const map = doc.map(step);
  if (data.path.at(-1) !== 'hours' || !hours?.range || !map) return [];
  const stepId = String(step[1]);
  const zone = doc.stringAt([...step, 'timezone']);
  const hasHolidays = doc.node([...step, 'holidays']) !== undefined;
  const seen = new Set<string>();
  const offered = (context.schedules ?? []).filter((schedule) => {
    const key = JSON.stringify([schedule.hours, schedule.timezone, schedule.holidays]);
    if (seen.has(key) || Object.keys(schedule.hours).length === 0) return false;
    seen.add(key);
    return true;
  });
  const fixes = offered.slice(0, MAX_SCHEDULES).map((schedule): QuickFix | undefined => {
    const edits: Array<TextEdit | undefined> = [replaceNode(hours.range!, hoursText(schedule.hours))];
    const timezone = doc.node([...step, 'timezone']);
    if (schedule.timezone && schedule.timezone !== zone)
      edits.push(
        timezone ? doc.replaceScalar(timezone, schedule.timezone) : doc.appendField(map, 'timezone', schedule.timezone),
      );
    if (schedule.holidays?.length && !hasHolidays)
      edits.push(doc.appendField(map, 'holidays', `[${schedule.holidays.map((d) => JSON.stringify(d)).join(', ')}]`));
    if (edits.some((edit) => edit === undefined)) return undefined;
    const where = schedule.step === stepId ? schedule.flow : `${schedule.flow} (${schedule.step})`;
    return {
      title: `Use the hours of ${where}: ${scheduleInWords({ hours: schedule.hours, timezone: schedule.timezone, holidays: schedule.holidays })}`,
      edits: (edits as TextEdit[]).sort((a, b) => a.start - b.start),
    };
  });
  const found = fixes.filter((f): f is QuickFix => f !== undefined);
  if (found.length === 1) found[0]!.preferred = true;
  found.push({
    title: 'Fill in weekday hours (Mon–Fri 09:00–17:00), to adjust',
    edits: [replaceNode(hours.range, hoursText(WEEKDAY_HOURS))],
  });
  return found;
}

export function audioToSay(doc: YamlText, data: ProblemData): QuickFix[] {
  const pair = doc.pairAt(data.path);
  const value = doc.node(data.path);
  const key = pair?.key as { range?: [number, number, number] } | null | undefined;
  const audio = doc.stringAt(data.path);
  if (!key?.range || !value?.range || audio === undefined || data.path.at(-1) !== 'audio') return [];
  const lineStart = doc.text.lastIndexOf('\n', key.range[0] - 1) + 1;
  const indent = doc.text.slice(lineStart, key.range[0]);
  // Only a field on a line of its own (block style) can become a comment and another field.
  if (indent.trim() !== '') return [];
  const lineEnd = doc.text.indexOf('\n', value.range[1]);
  const end = lineEnd === -1 ? doc.text.length : lineEnd;
  const step = data.path.slice(0, -1);
  const comment = `${indent}# was audio: ${audio.replace(/[\r\n]+/g, ' ')}`;
  const hasSay = doc.stringAt([...step, 'say']) !== undefined;
  const name = audio.split(/[:/]/).filter(Boolean).pop() ?? audio;
  const lines = hasSay
    ? [comment]
    : [comment, `${indent}say: ${scalarText(`The words of the prompt ${name}.`, 'QUOTE_DOUBLE')}`];
  return [
    {
      title: hasSay
        ? `Play the step's say text instead (keeping "${audio}" in a comment)`
        : `Replace with a say prompt (keeping "${audio}" in a comment)`,
      edits: [{ start: lineStart, end, newText: lines.join('\n') }],
      preferred: true,
    },
  ];
}

function replaceNode(range: readonly number[], newText: string): TextEdit {
  return { start: range[0]!, end: range[1]!, newText };
}

/** Hours as one flow-style mapping: `{ mon-fri: ["09:00-17:00"], sat: ["10:00-13:00"] }`. */
function hoursText(hours: WorkspaceSchedule['hours']): string {
  const entries = Object.entries(hours).map(
    ([days, ranges]) => `${days}: [${ranges.map((r) => JSON.stringify(r)).join(', ')}]`,
  );
  return `{ ${entries.join(', ')} }`;
}
