/**
 * Completion, chosen by the file's role and where the cursor is: step types (inserting their
 * required fields), the fields a step still lacks, step ids for `start` and exits, flows,
 * time zones, queues, variables after `{{`, and the keys of numbers.yaml and call scenarios.
 */
import { CALLER_ID_KEYWORDS } from '../model';
import { EXPECT_KEYS, SCENARIO_KEYS } from '../scenarios/parse';
import { OUTCOME_KINDS } from '../simulator/types';
import { exitFieldsOf } from '../validation/flowSteps';
import type { TextEdit } from '../flowEdits/textEdits';
import { fieldEntries, stepEntries, stepTypeEntries } from './completionSnippets';
import {
  dayEntries,
  environmentEntries,
  flowEntries,
  keyEntries,
  menuKeyEntries,
  operatorEntries,
  queueEntries,
  timeZoneEntries,
  valueEntries,
  variableEntries,
} from './completionValues';
import { cursorContext, type CursorContext } from './cursor';
import type { FlowOutline } from './flowOutline';
import { schemaAt, stepTypeSchema } from './schemaDocs';
import type { LanguageFile } from './languageFile';
import { flowOutlineOf, scenarioOutline } from './languageFile';
import type { TextSpan } from './types';

export type CompletionKind =
  'step-type' | 'field' | 'step' | 'new-step' | 'flow' | 'value' | 'variable' | 'key' | 'time-zone' | 'queue';

export interface CompletionEntry {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  /** Text to insert instead of the label; a snippet (`${1:…}`) when `snippet` is set. */
  insertText?: string;
  snippet?: boolean;
  sortText?: string;
  /** Edits elsewhere in the file made with the completion (the stub of a new step). */
  additionalEdits?: TextEdit[];
  /** A step to reveal once the completion is applied. */
  revealStep?: string;
}

export interface CompletionList {
  /** The characters the chosen entry replaces. */
  replace: TextSpan;
  items: CompletionEntry[];
}

export function completions(file: LanguageFile, offset: number): CompletionList | undefined {
  const cursor = cursorContext(file.text, offset);
  if (!cursor) return undefined;
  const items = entriesFor(file, cursor);
  return items.length > 0 ? { replace: cursor.word, items } : undefined;
}

function entriesFor(file: LanguageFile, cursor: CursorContext): CompletionEntry[] {
  switch (file.role.kind) {
    case 'version':
      return versionEntries(file, cursor);
    case 'numbers':
      return numbersEntries(file, cursor);
    case 'scenarios':
      return scenarioEntries(file, cursor);
    case 'settings':
      if (cursor.position === 'value' && cursor.key === 'timezone') return timeZoneEntries();
      if (cursor.position === 'key' && cursor.path.length === 0) return fieldEntries('settings', [], cursor);
      return [];
    case 'manifest':
      return [];
  }
}

// ---- Flow versions ----

function versionEntries(file: LanguageFile, cursor: CursorContext): CompletionEntry[] {
  const outline = flowOutlineOf(file);
  const { path, position } = cursor;
  if (cursor.template) return [...variableEntries(outline), ...environmentEntries(file)];
  if (path.length === 0) {
    if (position === 'key') return fieldEntries('flow', [], cursor);
    if (position === 'value' && cursor.key === 'start') return stepEntries(outline, file.text, false);
    return [];
  }
  if (path[0] !== 'steps' || path.length < 2) return [];
  const stepId = path[1]!;
  const inner = path.slice(2);
  const type = inner.length === 0 ? cursor.siblings.get('type') : outline.stepById.get(stepId)?.type;
  if (inner.length === 0) {
    if (position === 'key') return stepFieldEntries(type, cursor);
    if (position === 'value') return stepValueEntries(file, outline, type, cursor.key!, cursor);
    return [];
  }
  const [field] = inner;
  if (field === 'options' && type === 'menu') {
    if (position === 'key') return menuKeyEntries(cursor);
    if (position === 'value') return stepEntries(outline, file.text, true);
  }
  if (field === 'hours' && position === 'key') return dayEntries(cursor);
  if (field === 'branches') {
    if (inner.length === 1 && position === 'item') return keyEntries(['when', 'next'], cursor, 'condition branch');
    if (inner.length === 1 && position === 'key')
      return fieldEntries('flow', ['steps', stepId, 'branches'], cursor, 'condition');
    if (inner.length === 1 && position === 'value' && cursor.key === 'next')
      return stepEntries(outline, file.text, true);
    if (inner[1] === 'when' && position === 'key') return operatorEntries(stepId, cursor);
    if (inner[1] === 'when' && position === 'value' && cursor.key === 'variable') return variableEntries(outline);
  }
  return [];
}

function stepFieldEntries(type: string | undefined, cursor: CursorContext): CompletionEntry[] {
  if (!type || !stepTypeSchema(type)) {
    if (cursor.siblings.has('type')) return [];
    return [
      {
        label: 'type',
        kind: 'field',
        detail: 'required',
        documentation: 'What the step does: one of the 13 step types.',
        insertText: 'type: ',
        sortText: '0type',
      },
    ];
  }
  return fieldEntries('flow', ['steps', 'step'], cursor, type);
}

function stepValueEntries(
  file: LanguageFile,
  outline: FlowOutline,
  type: string | undefined,
  key: string,
  cursor: CursorContext,
): CompletionEntry[] {
  if (key === 'type') return stepTypeEntries(cursor);
  if (type && exitFieldsOf(type).includes(key)) return stepEntries(outline, file.text, true);
  if (key === 'timezone') return timeZoneEntries();
  if (key === 'queue') return queueEntries(file, outline);
  if (key === 'flow' && type === 'goto-flow') return flowEntries(file);
  if (key === 'caller-id' && type === 'transfer')
    return CALLER_ID_KEYWORDS.map((word) => ({
      label: word,
      kind: 'value' as const,
      detail: word === 'caller' ? "the caller's own number" : 'the number the caller dialed',
    }));
  const schema = type ? schemaAt('flow', ['steps', 'step', key], type) : undefined;
  if (schema?.enum) return schema.enum.map((value) => ({ label: String(value), kind: 'value' as const }));
  return [];
}

// ---- numbers.yaml ----

function numbersEntries(file: LanguageFile, cursor: CursorContext): CompletionEntry[] {
  const { path, position } = cursor;
  if (path.length === 0 && position === 'key') return keyEntries(['numbers'], cursor, 'numbers.yaml');
  if (path[0] !== 'numbers') return [];
  if (path.length === 1 && position === 'value') return flowEntries(file);
  if (path.length === 2 && position === 'value' && cursor.key === 'flow') return flowEntries(file);
  if (path.length === 2 && position === 'key') return keyEntries(['flow', 'label'], cursor, 'number assignment');
  return [];
}

// ---- Call scenarios ----

const SCENARIO_VALUES: Record<string, readonly string[]> = {
  outcome: OUTCOME_KINDS,
  transfer: ['ok', 'failed'],
};

function scenarioEntries(file: LanguageFile, cursor: CursorContext): CompletionEntry[] {
  const { path, position } = cursor;
  if (path.length === 0 && position === 'key') return keyEntries(['calls'], cursor, 'call scenarios');
  if (path[0] !== 'calls') return [];
  const inner = path.slice(1);
  if (inner.length === 0 && position === 'item') return keyEntries(SCENARIO_KEYS, cursor, 'call scenario');
  if (inner.length === 0 && position === 'key') return keyEntries(SCENARIO_KEYS, cursor, 'call scenario');
  if (inner.length === 0 && position === 'value' && cursor.key === 'transfer')
    return valueEntries(SCENARIO_VALUES.transfer!);
  if (inner[0] === 'agents') {
    if (position === 'key') return queueEntries(file).map((e) => ({ ...e, insertText: `${e.label}: ` }));
    if (position === 'value') return valueEntries(['available', 'busy']);
  }
  if (inner[0] !== 'expect') return [];
  if (inner.length === 1 && position === 'key') return keyEntries(EXPECT_KEYS, cursor, 'expectation');
  if (inner.length === 1 && position === 'value') {
    if (cursor.key === 'outcome') return valueEntries(OUTCOME_KINDS);
    if (cursor.key === 'queue') return queueEntries(file);
  }
  const inPath =
    (inner.length === 2 && inner[1] === 'path' && position === 'item') ||
    (inner.length === 1 && position === 'value' && cursor.key === 'path');
  if (inPath) {
    const outline = scenarioOutline(file);
    return outline ? stepEntries(outline, '', false) : [];
  }
  return [];
}
