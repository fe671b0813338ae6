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
  for (const id of Object.keys(definition.steps)) {
    for (const note of comments.get(id) ?? []) out.push(comment('  ', `imported: ${note}`));
    out.push(`  ${key(id)}:`);
    writeMap(out, definition.steps[id] as unknown as Record<string, unknown>, '    ');
  }
  return out.join('\n') + '\n';
}

function writeMap(out: string[], map: Record<string, unknown>, indent: string): void {
  for (const k of Object.keys(map)) {
    const value = map[k];
    if (value === undefined) continue;
    writeEntry(out, `${indent}${key(k)}:`, value, indent);
  }
}

/** `prefix` is the key and its colon (or a list item's dash); the value follows on the line or below it. */
function writeEntry(out: string[], prefix: string, value: unknown, indent: string): void {
  if (Array.isArray(value)) {
    if (value.length === 0) out.push(`${prefix} []`);
    else if (value.every((item) => typeof item !== 'object' || item === null))
      out.push(`${prefix} [${value.map(scalar).join(', ')}]`);
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
  const entries = Object.entries(item as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) {
    out.push(`${indent}- {}`);
    return;
  }
  entries.forEach(([k, value], index) => {
    const lead = index === 0 ? `${indent}- ` : `${indent}  `;
    writeEntry(out, `${lead}${key(k)}:`, value, `${indent}  `);
  });
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
