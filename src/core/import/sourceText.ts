/**
 * Reading an exported flow safely: bounded in size and depth, every object without a prototype (a
 * key such as `__proto__` or `constructor` is an ordinary key), malformed text refused with the
 * line and column where it breaks.
 */
import { InvalidInputError } from '../errors';
import { FILE_SIZE_LIMITS } from '../fileLimits';
import { byteLength, parseYaml, positionOf, toPlainValue } from '../yamlText';

/** Exports of real flows are tens to hundreds of KB; a 1,000-node flow is about 1 MB. */
export const MAX_IMPORT_BYTES = FILE_SIZE_LIMITS['import-source'];
/** Real exports nest about a dozen levels (Connect's metadata, Archy's outputs inside outputs). */
export const MAX_IMPORT_DEPTH = 64;

/** A value read from a source file: plain JSON data whose objects have no prototype. */
export type SourceValue = string | number | boolean | null | SourceValue[] | SourceRecord;
export interface SourceRecord {
  [key: string]: SourceValue | undefined;
}

export function isRecord(value: unknown): value is SourceRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function assertImportSize(text: string, fileName: string): void {
  const bytes = byteLength(text);
  if (bytes > MAX_IMPORT_BYTES)
    throw new InvalidInputError(
      'import-too-large',
      `${fileName} is too large to import: it is ${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB; an exported flow is limited to ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`,
      'Export the one flow to import, not a whole account or instance.',
    );
}

/** Whether the text is JSON (an object or a list) rather than YAML. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text.replace(/^\uFEFF/, ''));
}

/** Parses JSON or YAML source text into safe plain data, or throws an InvalidInputError naming the position. */
export function parseSourceText(text: string, fileName: string): SourceValue {
  assertImportSize(text, fileName);
  const body = text.replace(/^\uFEFF/, '');
  return looksLikeJson(body) ? parseJsonText(body, fileName) : parseYamlText(body, fileName);
}

export function parseJsonText(text: string, what: string): SourceValue {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const offset = errorOffset(text, message);
    const where =
      offset !== undefined ? ` (${lineAndColumn(text, offset)})` : text.trim() === '' ? ' (the file is empty)' : '';
    throw new InvalidInputError(
      'import-malformed',
      `${what} is not valid JSON: ${describeJsonError(message)}${where}.`,
      'Export the flow again from its studio, or fix the file at that position.',
    );
  }
  return toSourceValue(raw, what);
}

function parseYamlText(text: string, what: string): SourceValue {
  if (text.trim() === '')
    throw new InvalidInputError('import-malformed', `${what} is empty.`, 'Give the exported flow file.');
  const parsed = parseYaml(text);
  const first = parsed.errors[0];
  if (first) {
    const { line, column } = positionOf(parsed.lineCounter, first.pos[0]);
    const message = first.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '');
    throw new InvalidInputError(
      'import-malformed',
      `${what} is not valid YAML: ${message} (line ${line}, column ${column}).`,
      'Export the flow again, or fix the file at that position.',
    );
  }
  const plain = toPlainValue(parsed.document);
  if ('error' in plain)
    throw new InvalidInputError(
      'import-malformed',
      `${what} cannot be read: ${plain.error}.`,
      'Write each entry out instead of using YAML aliases.',
    );
  return toSourceValue(plain.value, what);
}

/** Where JSON.parse stopped: V8 says so for most errors; for the rest, the YAML parser (JSON is YAML) finds the place. */
function errorOffset(text: string, message: string): number | undefined {
  const at = /at position (\d+)/.exec(message);
  if (at) return Number(at[1]);
  if (text.trim() === '') return undefined;
  return parseYaml(text).errors[0]?.pos[0];
}

function describeJsonError(message: string): string {
  return message
    .replace(/ in JSON at position \d+.*$/, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '')
    .replace(/, "[\s\S]*" is not valid JSON$/, '')
    .replace(/ is not valid JSON$/, '');
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return `line ${line}, column ${column}`;
}

/**
 * Checks the parsed data's depth, refusing nesting beyond MAX_IMPORT_DEPTH. The data is not
 * copied: both parsers make `__proto__` an own property (never the prototype), and the converters
 * read fields only through textOf/recordOf/listOf, which an inherited member (`constructor`) never
 * passes.
 */
function toSourceValue(raw: unknown, what: string): SourceValue {
  if (typeof raw === 'object' && raw !== null && !withinDepth(raw, 0)) {
    throw new InvalidInputError(
      'import-too-deep',
      `${what} is nested more than ${MAX_IMPORT_DEPTH} levels deep; no exported flow is.`,
      'Export the flow again from its studio; this file is not an export.',
    );
  }
  return raw as SourceValue;
}

/**
 * Whether no object or list inside `value` sits MAX_IMPORT_DEPTH levels below it. Recursive, yet
 * safe from overflowing the call stack: it never goes deeper than MAX_IMPORT_DEPTH calls. Only
 * objects are descended into; an object's own keys are read with for-in, which V8 serves from the
 * object's enumeration cache without building a list per object.
 */
function withinDepth(value: object, depth: number): boolean {
  if (depth >= MAX_IMPORT_DEPTH) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null && !withinDepth(item, depth + 1)) return false;
    }
    return true;
  }
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && !withinDepth(item, depth + 1)) return false;
  }
  return true;
}

/** A lookup table of the converters' own (a dialect's names for things): no inherited member answers for a source's key. */
export function table<T>(entries: Record<string, T>): Readonly<Record<string, T>> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

/** The text of a field that should be text (numbers and booleans written without quotes count). */
export function textOf(value: SourceValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

export function recordOf(value: SourceValue | undefined): SourceRecord | undefined {
  return isRecord(value) ? value : undefined;
}

export function listOf(value: SourceValue | undefined): SourceValue[] {
  return Array.isArray(value) ? value : [];
}

export function numberOf(value: SourceValue | undefined): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The strings inside a value that hold `marker` (walked iteratively: the value is bounded in depth, not in size). */
export function textsHolding(value: SourceValue | undefined, marker: string): string[] {
  const found: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (item.includes(marker)) found.push(item);
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push(element);
    } else if (typeof item === 'object' && item !== null) {
      for (const key of Object.keys(item)) pending.push((item as Record<string, unknown>)[key]);
    }
  }
  return found;
}
