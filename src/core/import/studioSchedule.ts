/**
 * Twilio Studio has no opening-hours widget: flows ask a Function ("check-hours", "is-open",
 * "schedule") and split on its answer. Such a pair is a business-hours decision; this reads which
 * of the split's ways is "open" and which "closed", so the import writes one business-hours step
 * (its hours left to fill in, never invented).
 */
import type { SourceRecord } from './sourceText';
import { textOf } from './sourceText';

export interface StudioTransition {
  event: string;
  next?: string;
  conditions: SourceRecord[];
}

/** A Function's URL, SID or widget name that says it decides the hours. */
const SCHEDULE_WORDS = /(schedule|hours|is[-_]?open|open[-_]?now|holiday|office[-_]?time)/i;
const OPEN_ANSWERS = /^\s*(true|yes|open|opened|1)\s*$/i;
const CLOSED_ANSWERS = /^\s*(false|no|closed|0)\s*$/i;

export function isScheduleFunction(widgetName: string, properties: SourceRecord): boolean {
  return [widgetName, textOf(properties.url), textOf(properties.function_sid)].some(
    (text) => text !== undefined && SCHEDULE_WORDS.test(text),
  );
}

/** Whether a split reads the answer of the widget named `widget` (`{{widgets.check_hours.parsed.open}}`). */
export function splitsOnWidget(input: string, widget: string): boolean {
  return input.includes(`widgets.${widget}.`) || input.replace(/\s/g, '') === `{{widgets.${widget}}}`;
}

export interface ScheduleWays {
  open: string | undefined;
  closed: string | undefined;
  /** What the import had to decide or leave out, for the report. */
  notes: string[];
}

/** Which of the split's ways is open: the branch that tests for an open answer (or for a closed one, the other way). */
export function scheduleWays(transitions: readonly StudioTransition[]): ScheduleWays {
  const matches = transitions.filter((t) => t.event === 'match');
  const noMatch = transitions.find((t) => t.event === 'noMatch')?.next;
  const tests = (t: StudioTransition, answers: RegExp) =>
    t.conditions.some(
      (c) =>
        ['equal_to', 'matches_any_of'].includes(textOf(c.type) ?? '') &&
        (textOf(c.value) ?? '').split(',').some((v) => answers.test(v)),
    );
  const notes: string[] = [];
  let open = matches.find((t) => tests(t, OPEN_ANSWERS));
  const closed = open ? undefined : matches.find((t) => tests(t, CLOSED_ANSWERS));
  if (!open && !closed) {
    open = matches[0];
    notes.push('its answer is not a plain open/closed: its first branch is taken as "open"');
  }
  const others = matches.filter((t) => t !== open && t !== closed);
  if (others.length > 0)
    notes.push(`the split's other branches (to ${others.map((t) => t.next ?? 'the end').join(', ')}) are not kept`);
  return open ? { open: open.next, closed: noMatch, notes } : { open: noMatch, closed: closed!.next, notes };
}
