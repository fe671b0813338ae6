/**
 * The version file of an imported flow: the definition, with `# imported:` comments over the
 * steps they concern. Written directly rather than through the yaml package's Document: a flow
 * has a handful of shapes (maps of scalars, branch lists, scalar lists), and writing them as
 * text keeps an import within a few times the cost of parsing its source (`npm run bench`,
 * suite import). A test reads every written flow back and compares it with the definition.
 */
import type { FlowDefinition } from '../model';
import { scalarText } from '../yamlText';

export function writeImportedFlow(
  definition: FlowDefinition,
  comments: ReadonlyMap<string, readonly string[]>,
  header: string,
): string {
  const out: string[] = [
    comment('', header),
    '',
    'callflow: 1',
    'trigger: incoming-call',
    `start: ${scalar(definition.start)}`,
    'steps:',
  ];
  const ids = Object.keys(definition.steps);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const notes = comments.get(id);
    if (notes !== undefined) for (let n = 0; n < notes.length; n++) out.push(comment('  ', `imported: ${notes[n]}`));
    // Step ids are written once each: not remembered as keys are.
    out.push(`  ${scalar(id)}:`);
    writeMap(out, definition.steps[id] as unknown as Record<string, unknown>, '    ');
  }
  return out.join('\n') + '\n';
}

function writeMap(out: string[], map: Record<string, unknown>, indent: string): void {
  const keys = Object.keys(map);
  for (let i = 0; i < keys.length; i++) {
    const value = map[keys[i]!];
    if (value !== undefined) writeEntry(out, `${indent}${key(keys[i]!)}:`, value, indent);
  }
}

function allScalars(list: readonly unknown[]): boolean {
  for (let i = 0; i < list.length; i++) if (typeof list[i] === 'object' && list[i] !== null) return false;
  return true;
}

/** `prefix` is the key and its colon (or a list item's dash); the value follows on the line or below it. */
function writeEntry(out: string[], prefix: string, value: unknown, indent: string): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(`${prefix} []`);
    else if (allScalars(value)) out.push(`${prefix} [${value.map(scalar).join(', ')}]`);
    else {
      out.push(prefix);
      for (const item of value) writeListItem(out, item, `${indent}  `);
    }
  } else if (typeof value === 'object' && value !== null) {
    if (Object.keys(value).length === 0) out.push(`${prefix} {}`);
    else {
      out.push(prefix);
      writeMap(out, value as Record<string, unknown>, `${indent}  `);
    }
  } else {
    out.push(`${prefix} ${scalar(value)}`);
  }
}

function writeListItem(out: string[], item: unknown, indent: string): void {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    writeEntry(out, `${indent}-`, item, indent);
    return;
  }
  const record = item as Record<string, unknown>;
  const keys = Object.keys(record);
  let written = 0;
  for (let i = 0; i < keys.length; i++) {
    const value = record[keys[i]!];
    if (value === undefined) continue;
    const lead = written === 0 ? `${indent}- ` : `${indent}  `;
    writeEntry(out, `${lead}${key(keys[i]!)}:`, value, `${indent}  `);
    written++;
  }
  if (written === 0) out.push(`${indent}- {}`);
}

/** Words YAML reads as something other than text when plain (the fast path's only exceptions). */
const NOT_TEXT_WORDS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE', 'null', 'Null', 'NULL']);

function scalar(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const text = String(value);
  // Most values are step ids, types and words: plain at a glance.
  if (/^[A-Za-z][A-Za-z0-9_-]*$/.test(text) && !NOT_TEXT_WORDS.has(text)) return text;
  // Plain where YAML reads it back as the same text; otherwise JSON's double quotes, which YAML reads the same.
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/.test(text) && scalarText(text) === text
    ? text
    : JSON.stringify(text);
}

const KEYS = new Map<string, string>();

/** Keys repeat (type, next, say, options…): each is written once and remembered. */
function key(name: string): string {
  let written = KEYS.get(name);
  if (written === undefined) {
    written = scalar(name);
    if (KEYS.size < 1000) KEYS.set(name, written);
  }
  return written;
}

function comment(indent: string, text: string): string {
  return `${indent}# ${text.replace(/[\r\n\u2028\u2029]+/g, ' ')}`;
}
