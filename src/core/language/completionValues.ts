/**
 * Completions listed from what is known: keypad keys, days, condition operators, the flow's
 * variables, and the environments, queues, flows and time zones of the workspace.
 */
import { CONDITION_OPERATORS, WEEKDAYS } from '../model';
import type { CompletionEntry } from './completion';
import type { CursorContext } from './cursor';
import type { FlowOutline } from './flowOutline';
import type { LanguageFile } from './languageFile';
import { fieldsAt } from './schemaDocs';

export function menuKeyEntries(cursor: CursorContext): CompletionEntry[] {
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

export function dayEntries(cursor: CursorContext): CompletionEntry[] {
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

export function operatorEntries(stepId: string, cursor: CursorContext): CompletionEntry[] {
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

export function variableEntries(outline: FlowOutline): CompletionEntry[] {
  return [...outline.variables.values()].map((variable) => ({
    label: variable.name,
    kind: 'variable' as const,
    detail: variable.step ? `set by ${variable.how} step "${variable.step}"` : 'built in',
  }));
}

/** `env.NAME` for every value callflow.yaml's environments give, with each environment's value. */
export function environmentEntries(file: LanguageFile): CompletionEntry[] {
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

export function queueEntries(file: LanguageFile, outline?: FlowOutline): CompletionEntry[] {
  const queues = new Set([...(file.index?.queues() ?? []), ...(outline?.queues ?? [])]);
  return [...queues]
    .sort()
    .map((queue) => ({ label: queue, kind: 'queue' as const, detail: 'queue used in this workspace' }));
}

export function flowEntries(file: LanguageFile): CompletionEntry[] {
  return (file.index?.flows() ?? []).map((flow) => ({
    label: flow.id,
    kind: 'flow' as const,
    detail: `${flow.name} · ${flow.published !== undefined ? `published v${flow.published}` : 'not published'}`,
  }));
}

let zones: string[] | undefined;
export function timeZoneEntries(): CompletionEntry[] {
  zones ??= Intl.supportedValuesOf('timeZone');
  return zones.map((zone) => ({ label: zone, kind: 'time-zone' as const }));
}

export function keyEntries(keys: readonly string[], cursor: CursorContext, what: string): CompletionEntry[] {
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

export function valueEntries(values: readonly string[]): CompletionEntry[] {
  return values.map((value) => ({ label: value, kind: 'value' as const }));
}
