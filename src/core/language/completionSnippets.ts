/**
 * The completions that write YAML: a step type with its required fields, the fields a mapping
 * still lacks, and a step id (or a new step, stubbed at the end of `steps`) where a step is named.
 */
import { STEP_ID_PATTERN } from '../ids';
import { STEP_TYPES } from '../model';
import type { CompletionEntry } from './completion';
import type { CursorContext } from './cursor';
import type { FlowOutline } from './flowOutline';
import { describe, fieldsAt, stepTypeSchema, type SchemaNode } from './schemaDocs';

/** The fields of the mapping at `path` that are not written yet, required ones first. */
export function fieldEntries(
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

/** The 13 step types; choosing one also writes the type's required fields, as a snippet. */
export function stepTypeEntries(cursor: CursorContext): CompletionEntry[] {
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
export function stepEntries(outline: FlowOutline, text: string, offerNewStep: boolean): CompletionEntry[] {
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
