/**
 * Completion, chosen by the file's role and where the cursor is: step types (inserting their
 * required fields), the fields a step still lacks, step ids for `start` and exits, flows,
 * time zones, queues, variables after `{{`, and the keys of numbers.yaml and call scenarios.
 */
import { STEP_ID_PATTERN } from '../ids';
import { CALLER_ID_KEYWORDS, CONDITION_OPERATORS, STEP_TYPES, WEEKDAYS } from '../model';
import { EXPECT_KEYS, SCENARIO_KEYS } from '../scenarios/parse';
import { OUTCOME_KINDS } from '../simulator/types';
import { exitFieldsOf } from '../validation/flowSteps';
import type { TextEdit } from '../flowEdits/textEdits';
import { cursorContext, type CursorContext } from './cursor';
import type { FlowOutline } from './flowOutline';
import { describe, fieldsAt, schemaAt, stepTypeSchema, type SchemaNode } from './schemaDocs';
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

/** The fields of the mapping at `path` that are not written yet, required ones first. */
function fieldEntries(
  kind: 'flow' | 'settings',
  path: string[],
  cursor: CursorContext,
  stepType?: string,
): CompletionEntry[] {
  return fieldsAt(kind, path, stepType)
    .filter((field) => !cursor.siblings.has(field.name))
    .map((field, i) => ({
      label: field.name,
      kind: 'field' as const,
      detail: field.required ? 'required' : 'optional',
      documentation: field.description,
      insertText: fieldInsertText(field.name, field.schema, cursor.column),
      snippet: true,
      sortText: `${field.required ? 0 : 1}${String(i).padStart(2, '0')}`,
    }));
}

function fieldInsertText(name: string, schema: SchemaNode, column: number): string {
  const pad = ' '.repeat(column + 2);
  if (typeof schema.const === 'string' || typeof schema.const === 'number') return `${name}: ${schema.const}`;
  if (schema.type === 'object') return `${name}:\n${pad}$0`;
  if (schema.type === 'array') return `${name}:\n${pad}- $0`;
  return `${name}: $0`;
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

/** The 13 step types; choosing one also writes the type's required fields, as a snippet. */
function stepTypeEntries(cursor: CursorContext): CompletionEntry[] {
  return STEP_TYPES.map((type, i) => {
    const schema = stepTypeSchema(type);
    return {
      label: type,
      kind: 'step-type' as const,
      detail: schema?.title ?? '',
      documentation: describe(schema) ?? '',
      insertText: `${type}${requiredFieldsSnippet(type, cursor.column)}`,
      snippet: true,
      sortText: String(i).padStart(2, '0'),
    };
  });
}

/** Example values of a new step's fields, where an empty placeholder would not read as YAML. */
const FIELD_PLACEHOLDERS: Record<string, (n: number, pad: string) => string> = {
  say: (n) => `"\${${n}:Text the caller hears.}"`,
  to: (n) => `"\${${n}:+14155550199}"`,
  timezone: (n) => `\${${n}:America/New_York}`,
  method: (n) => `\${${n}|GET,POST,PUT,PATCH,DELETE|}`,
  url: (n) => `\${${n}:https://example.com/lookup?phone={{caller.number\\}}}`,
  options: (n, pad) => `\n${pad}"1": \${${n}:step}`,
  hours: (n, pad) => `\n${pad}mon-fri: ["\${${n}:09:00-17:00}"]`,
  values: (n, pad) => `\n${pad}\${${n}:name}: \${${n + 1}:value}`,
  branches: (n, pad) =>
    `\n${pad}- when: { variable: \${${n}:caller.number}, equals: "\${${n + 1}:value}" }\n${pad}  next: \${${n + 2}:step}`,
};

function requiredFieldsSnippet(type: string, column: number): string {
  const schema = stepTypeSchema(type);
  const required = [...(schema?.required ?? []), ...(schema?.anyOf?.[0]?.required ?? [])].filter((f) => f !== 'type');
  const pad = ' '.repeat(column);
  let n = 1;
  let text = '';
  for (const field of new Set(required)) {
    const placeholder = FIELD_PLACEHOLDERS[field];
    const value = placeholder ? placeholder(n, `${pad}  `) : `\${${n}}`;
    text += `\n${pad}${field}:${value.startsWith('\n') ? '' : ' '}${value}`;
    n += field === 'values' ? 2 : field === 'branches' ? 3 : 1;
  }
  return `${text}$0`;
}

/** This flow's step ids (detail: the target's type and summary), and "new step…" where an exit is typed. */
function stepEntries(outline: FlowOutline, text: string, offerNewStep: boolean): CompletionEntry[] {
  const entries: CompletionEntry[] = outline.steps.map((step) => ({
    label: step.id,
    kind: 'step' as const,
    detail: step.type ? [step.type, step.summary].filter(Boolean).join(' · ') : step.summary,
  }));
  const stub = offerNewStep ? newStepStub(text, outline) : undefined;
  if (stub) entries.push(stub);
  return entries;
}

/** "new step…": names an unused id here and appends a stub step (a hangup) at the end of `steps`. */
function newStepStub(text: string, outline: FlowOutline): CompletionEntry | undefined {
  const stepsLine = /^steps:[ \t]*(?:#.*)?$/m.exec(text);
  if (!stepsLine) return undefined;
  let id = 'new-step';
  for (let n = 2; outline.stepById.has(id) || new RegExp(`^\\s+${id}:`, 'm').test(text); n++) id = `new-step-${n}`;
  if (!STEP_ID_PATTERN.test(id)) return undefined;
  // The end of the steps block: the next line that starts at column 0 with a key, or the end of the file.
  const after = text.slice(stepsLine.index + stepsLine[0].length);
  const next = /\n(?=[^\s#])/.exec(after);
  const end = next ? stepsLine.index + stepsLine[0].length + next.index : text.replace(/\s+$/, '').length;
  const indent = /\n( +)\S/.exec(after)?.[1] ?? '  ';
  return {
    label: 'new step…',
    kind: 'new-step',
    detail: `adds a step "${id}" at the end of steps`,
    documentation: `Names a new step "${id}" here and writes its stub (a hangup) at the end of the steps, to fill in.`,
    insertText: id,
    sortText: 'zz',
    additionalEdits: [{ start: end, end, newText: `\n${indent}${id}:\n${indent}${indent}type: hangup` }],
    revealStep: id,
  };
}

function menuKeyEntries(cursor: CursorContext): CompletionEntry[] {
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0', '*', '#'];
  return keys
    .filter((key) => !cursor.siblings.has(key))
    .map((key, i) => ({
      label: key,
      kind: 'key' as const,
      detail: 'keypad key not used yet',
      insertText: `"${key}": `,
      sortText: String(i).padStart(2, '0'),
    }));
}

function dayEntries(cursor: CursorContext): CompletionEntry[] {
  const keys = ['mon-fri', ...WEEKDAYS, 'sat-sun'];
  return keys
    .filter((key) => !cursor.siblings.has(key))
    .map((key, i) => ({
      label: key,
      kind: 'key' as const,
      detail: key.includes('-') ? 'days' : 'day',
      insertText: `${key}: ["\${1:09:00-17:00}"]`,
      snippet: true,
      sortText: String(i).padStart(2, '0'),
    }));
}

function operatorEntries(stepId: string, cursor: CursorContext): CompletionEntry[] {
  const fields = fieldsAt('flow', ['steps', stepId, 'branches', 'when'], 'condition');
  const names = ['variable', ...CONDITION_OPERATORS];
  const hasOperator = CONDITION_OPERATORS.some((op) => cursor.siblings.has(op));
  return names
    .filter((name) => !cursor.siblings.has(name) && !(hasOperator && name !== 'variable'))
    .map((name, i) => ({
      label: name,
      kind: name === 'variable' ? ('field' as const) : ('key' as const),
      detail: name === 'variable' ? 'the variable to test' : 'condition operator',
      documentation: fields.find((f) => f.name === name)?.description ?? '',
      insertText: `${name}: `,
      sortText: String(i).padStart(2, '0'),
    }));
}

function variableEntries(outline: FlowOutline): CompletionEntry[] {
  return [...outline.variables.values()].map((variable) => ({
    label: variable.name,
    kind: 'variable' as const,
    detail: variable.step ? `set by ${variable.how} step "${variable.step}"` : 'built in',
  }));
}

/** `env.NAME` for every value callflow.yaml's environments give, with each environment's value. */
function environmentEntries(file: LanguageFile): CompletionEntry[] {
  const environments = file.index?.environments ?? [];
  const names = new Set(environments.flatMap((environment) => Object.keys(environment.values)));
  return [...names].sort().map((name) => ({
    label: `env.${name}`,
    kind: 'variable' as const,
    detail: environments
      .map((e) => `${e.name}: ${Object.hasOwn(e.values, name) ? e.values[name] : '(no value)'}`)
      .join(' · '),
  }));
}

function queueEntries(file: LanguageFile, outline?: FlowOutline): CompletionEntry[] {
  const queues = new Set([...(file.index?.queues() ?? []), ...(outline?.queues ?? [])]);
  return [...queues]
    .sort()
    .map((queue) => ({ label: queue, kind: 'queue' as const, detail: 'queue used in this workspace' }));
}

function flowEntries(file: LanguageFile): CompletionEntry[] {
  return (file.index?.flows() ?? []).map((flow) => ({
    label: flow.id,
    kind: 'flow' as const,
    detail: `${flow.name} · ${flow.published !== undefined ? `published v${flow.published}` : 'not published'}`,
  }));
}

let zones: string[] | undefined;
function timeZoneEntries(): CompletionEntry[] {
  zones ??= Intl.supportedValuesOf('timeZone');
  return zones.map((zone) => ({ label: zone, kind: 'time-zone' as const }));
}

function keyEntries(keys: readonly string[], cursor: CursorContext, what: string): CompletionEntry[] {
  return keys
    .filter((key) => !cursor.siblings.has(key))
    .map((key, i) => ({
      label: key,
      kind: 'key' as const,
      detail: what,
      insertText: `${key}: `,
      sortText: String(i).padStart(2, '0'),
    }));
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

function valueEntries(values: readonly string[]): CompletionEntry[] {
  return values.map((value) => ({ label: value, kind: 'value' as const }));
}
