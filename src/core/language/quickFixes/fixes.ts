/**
 * One fixer per problem code with a mechanical fix (docs/flow-format.md, section 6). Each reads
 * the problem's data (where it is, the suggested value, the field it is about) and the
 * document, and returns the fixes that apply; none when the text no longer fits.
 */
import { STEP_ID_PATTERN } from '../../ids';
import { HANG_UP_EXITS, type ProblemData } from '../../validation';
import { audioToSay, hoursFromWorkspace } from './importFixes';
import type { QuickFix, QuickFixContext, TextEdit } from './types';
import { scalarText, type YamlText } from './yamlEdits';

type Fixer = (doc: YamlText, data: ProblemData, context: QuickFixContext) => QuickFix[];

/** Fields that always name a step, so a missing one is a missing exit. */
const EXIT_FIELDS = new Set(['next', 'else', 'open', 'closed', 'success', 'failure']);
/** Where callers may sensibly go when an exit would hang up on them, most caring first. */
const LANDING_TYPES = ['voicemail', 'callback', 'hangup'];
const MAX_TARGETS = 3;

export const FIXERS: Record<string, Fixer> = {
  'unknown-step': (doc, data) => [...replaceWithSuggestion(doc, data, true), ...createMissingStep(doc, data)],
  'unknown-field': (doc, data) => replaceWithSuggestion(doc, data),
  'unknown-step-type': (doc, data) => replaceWithSuggestion(doc, data),
  'invalid-timezone': (doc, data) => replaceWithSuggestion(doc, data),
  'invalid-day': (doc, data) => replaceWithSuggestion(doc, data),
  'unknown-flow': (doc, data) => replaceWithSuggestion(doc, data),
  'undefined-variable': (doc, data) => replaceWithSuggestion(doc, data),
  schema: (doc, data) => [...replaceWithSuggestion(doc, data), ...quoteAsWritten(doc, data)],
  'invalid-phone-number': (doc, data) => quoteAsWritten(doc, data),
  'unreachable-step': (doc, data) => removeStep(doc, data),
  'min-greater-than-max': (doc, data) => swapDigits(doc, data),
  'missing-field': (doc, data) => addMissingExit(doc, data),
  'exit-hangs-up': (doc, data) => connectExit(doc, data),
  'no-opening-hours': (doc, data, context) => hoursFromWorkspace(doc, data, context),
  'unplayable-audio': (doc, data) => audioToSay(doc, data),
};

function fix(title: string, edits: Array<TextEdit | undefined>, preferred = false): QuickFix[] {
  if (edits.length === 0 || edits.some((edit) => edit === undefined)) return [];
  const result: QuickFix = { title, edits: edits as TextEdit[] };
  if (preferred) result.preferred = true;
  return [result];
}

/** "Did you mean …": the key or value (or the `{{variable}}` inside it) becomes the suggestion. */
function replaceWithSuggestion(doc: YamlText, data: ProblemData, preferred = true): QuickFix[] {
  const suggestion = data.suggestion;
  if (suggestion === undefined) return [];
  const title = `Change to "${suggestion}"`;
  if (data.target === 'key') return fix(title, [doc.replaceScalar(doc.pairAt(data.path)?.key, suggestion)], preferred);
  const node = doc.node(data.path);
  if (data.within === undefined) return fix(title, [doc.replaceScalar(node, suggestion)], preferred);
  // Inside a longer text: only when the characters are there as written (not behind an escape).
  const written = node && doc.source(node);
  const index = written?.indexOf(data.within) ?? -1;
  if (!node?.range || index < 0) return [];
  const start = node.range[0] + index;
  return fix(title, [{ start, end: start + data.within.length, newText: suggestion }], preferred);
}

function quoteAsWritten(doc: YamlText, data: ProblemData): QuickFix[] {
  if (!data.quote) return [];
  const node = data.target === 'key' ? doc.pairAt(data.path)?.key : doc.node(data.path);
  const written = node && doc.source(node);
  return fix(`Put ${written ?? 'it'} in quotes`, [doc.quote(node)], true);
}

/** An exit to a step that does not exist: add that step, as a hangup to fill in, after the step that names it. */
function createMissingStep(doc: YamlText, data: ProblemData): QuickFix[] {
  const id = doc.stringAt(data.path);
  const steps = doc.map(['steps']);
  if (!id || !steps || !STEP_ID_PATTERN.test(id) || doc.keysAt(['steps']).includes(id)) return [];
  const after = data.path[0] === 'steps' ? String(data.path[1]) : undefined;
  return fix(`Create step "${id}" (a hangup step to fill in)`, [stubStep(doc, id, after)]);
}

function stubStep(doc: YamlText, id: string, after?: string, say?: string): TextEdit | undefined {
  const steps = doc.map(['steps']);
  if (!steps) return undefined;
  const child = doc.childIndentOf(steps);
  const lines = [`${id}:`, `${child}type: hangup`];
  if (say) lines.push(`${child}say: ${scalarText(say, 'QUOTE_DOUBLE')}`);
  return doc.insertEntry(steps, lines, after);
}

function removeStep(doc: YamlText, data: ProblemData): QuickFix[] {
  const id = String(data.path[1]);
  const steps = doc.map(['steps']);
  return steps ? fix(`Remove step "${id}" (no call reaches it)`, [doc.removeEntry(steps, id)]) : [];
}

function swapDigits(doc: YamlText, data: ProblemData): QuickFix[] {
  const step = data.path.slice(0, -1);
  const min = doc.node([...step, 'min-digits']);
  const max = doc.node([...step, 'max-digits']);
  if (!min?.range || !max?.range) return [];
  const minText = doc.source(min)!;
  const maxText = doc.source(max)!;
  return fix(
    `Swap "min-digits" and "max-digits" (${maxText} to ${minText} digits)`,
    [
      { start: min.range[0], end: min.range[1], newText: maxText },
      { start: max.range[0], end: max.range[1], newText: minText },
    ].sort((a, b) => a.start - b.start),
    true,
  );
}

/** A missing `next`, `else`, `open`… : go on to the step written after this one, or to a hangup step. */
function addMissingExit(doc: YamlText, data: ProblemData): QuickFix[] {
  const field = data.field;
  const map = doc.map(data.path);
  if (!field || !EXIT_FIELDS.has(field) || !map || data.path[0] !== 'steps' || data.path.length < 2) return [];
  const id = String(data.path[1]);
  const ids = doc.keysAt(['steps']);
  const following = ids[ids.indexOf(id) + 1];
  const hangup = ids.find((other) => other !== id && doc.stringAt(['steps', other, 'type']) === 'hangup');
  const targets = [...new Set([following, hangup].filter((t): t is string => t !== undefined && t !== id))];
  return targets.flatMap((target, i) =>
    fix(
      `Add "${field}: ${target}"`,
      [doc.appendField(map, field, scalarText(target))],
      i === 0 && targets.length === 1,
    ),
  );
}

/** An exit that hangs up when unset: connect it to a voicemail, callback or hangup step (or a new goodbye). */
function connectExit(doc: YamlText, data: ProblemData): QuickFix[] {
  const field = data.field;
  const map = doc.map(data.path);
  const id = String(data.path[1]);
  const callers = HANG_UP_EXITS[doc.stringAt([...data.path, 'type']) ?? '']?.[field ?? ''];
  if (!field || !map || !callers) return [];
  const who = callers.charAt(0).toUpperCase() + callers.slice(1);
  const ids = doc.keysAt(['steps']);
  const targets = LANDING_TYPES.flatMap((type) =>
    ids.filter((other) => other !== id && doc.stringAt(['steps', other, 'type']) === type),
  ).slice(0, MAX_TARGETS);
  if (targets.length > 0) {
    return targets.flatMap((target) =>
      fix(`Send ${callers} to "${target}"`, [doc.appendField(map, field, scalarText(target))], targets.length === 1),
    );
  }
  const goodbye = ['goodbye', ...Array.from({ length: 98 }, (_, i) => `goodbye-${i + 2}`)].find(
    (c) => !ids.includes(c),
  );
  if (!goodbye) return [];
  return fix(`${who}: say goodbye in a new step "${goodbye}"`, [
    doc.appendField(map, field, goodbye),
    stubStep(doc, goodbye, undefined, 'Sorry, we could not take your call. Goodbye.'),
  ]);
}
