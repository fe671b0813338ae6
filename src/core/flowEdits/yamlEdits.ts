/**
 * Text edits of a YAML file that touch only the characters a hand edit would: a value is
 * replaced in place (in its own quoting style), a key is inserted as one new line beside its
 * siblings (or one new item in a `{ … }` mapping), a key is removed with its lines. Comments,
 * key order, quoting and blank lines elsewhere stay as they are: the git diff of a canvas
 * gesture is the diff of the same change typed by hand.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { InvalidInputError } from '../errors';
import { byteLength, MAX_YAML_BYTES, parseYamlForReading } from '../yamlText';
import type { TextEdit } from './textEdits';

export type { TextEdit } from './textEdits';

export type YamlPath = readonly (string | number)[];

/** Applies edits that do not overlap (in any order) to the text they were made for. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let result = text;
  let limit = Infinity;
  for (const edit of sorted) {
    if (edit.end > limit) throw new Error('applyTextEdits: overlapping edits');
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    limit = edit.start;
  }
  return result;
}

type AnyPair = Pair<unknown, unknown>;
type AnyMap = YAMLMap<unknown, unknown>;

/** A version file parsed for editing: finds nodes by path and makes edits that keep the file's own layout. */
export class YamlEditSource {
  readonly document: Document.Parsed;

  constructor(readonly text: string) {
    if (byteLength(text) > MAX_YAML_BYTES)
      throw new InvalidInputError('flow-too-large', 'The file is too large to edit on the canvas.');
    // Edits only read the document (they are text edits from its nodes' ranges): the parse that
    // validated and drew this very text is reused.
    const parsed = parseYamlForReading(text);
    this.document = parsed.document;
    // A duplicate step id is a validation problem, not a reason to refuse a gesture.
    if (parsed.errors.some((error) => error.code !== 'DUPLICATE_KEY')) {
      throw new InvalidInputError(
        'flow-yaml-broken',
        'The YAML of this file has a syntax error, so the canvas cannot change it.',
        'Fix the error shown in the Problems panel, then try again.',
      );
    }
  }

  /** The node at `path` (maps by key, sequences by index), or undefined. */
  node(path: YamlPath): Node | undefined {
    let node = this.document.contents as Node | null;
    for (const segment of path) {
      if (isMap(node)) node = (this.pair(node, String(segment))?.value as Node | null) ?? null;
      else if (isSeq(node)) node = (node.items[Number(segment)] as Node | null) ?? null;
      else return undefined;
    }
    return node ?? undefined;
  }

  map(path: YamlPath): AnyMap | undefined {
    const node = this.node(path);
    return isMap(node) ? node : undefined;
  }

  pair(map: AnyMap, key: string): AnyPair | undefined {
    return map.items.find((p) => keyText(p) === key);
  }

  /** Sets `key` of the mapping at `mapPath` to a value written as `valueText` (already YAML). */
  setValue(mapPath: YamlPath, key: string, valueText: string, keyStyle?: KeyStyle): TextEdit {
    const map = this.map(mapPath);
    if (!map) throw new Error(`setValue: no mapping at ${mapPath.join('.')}`);
    const pair = this.pair(map, key);
    const value = pair?.value as Node | null | undefined;
    if (pair && value && value.range) {
      return { start: value.range[0], end: value.range[1], newText: valueText };
    }
    if (pair && isScalar(pair.key) && pair.key.range) {
      // `next:` with nothing after it.
      const end = pair.key.range[1];
      const colon = this.text.indexOf(':', end);
      return { start: colon + 1, end: colon + 1, newText: ` ${valueText}` };
    }
    return this.insertPair(map, key, valueText, keyStyle);
  }

  /** A new `key: value` as the mapping's last entry: one line in a block mapping, one item in a flow mapping. */
  insertPair(map: AnyMap, key: string, valueText: string, keyStyle?: KeyStyle): TextEdit {
    const keyOut = formatKey(key, keyStyle ?? siblingKeyStyle(map));
    const range = map.range;
    if (!range) throw new Error('insertPair: a mapping without a position');
    if (map.flow) {
      const close = this.text.lastIndexOf('}', range[1]);
      const last = map.items[map.items.length - 1];
      if (!last) {
        const open = this.text.indexOf('{', range[0]);
        return { start: open + 1, end: close, newText: ` ${keyOut}: ${valueText} ` };
      }
      return { start: pairEnd(last), end: pairEnd(last), newText: `, ${keyOut}: ${valueText}` };
    }
    const first = map.items[0];
    const indent = first && isScalar(first.key) && first.key.range ? this.columnOf(first.key.range[0]) : 0;
    const end = contentEnd(this.text, range[1]);
    const needsNewline = end > 0 && this.text[end - 1] !== '\n';
    return {
      start: end,
      end,
      newText: `${needsNewline ? '\n' : ''}${' '.repeat(indent)}${keyOut}: ${valueText}\n`,
    };
  }

  /** Removes the given keys of the mapping at `mapPath` (those it has). */
  removeKeys(mapPath: YamlPath, keys: readonly string[]): TextEdit[] {
    const map = this.map(mapPath);
    if (!map) return [];
    const removed = new Set(keys);
    const gone = map.items.filter((p) => removed.has(keyText(p) ?? ''));
    if (gone.length === 0) return [];
    if (map.flow) {
      // The remaining items keep their own text; only the separators between them are rewritten.
      const items = map.items;
      const first = items[0]!;
      const last = items[items.length - 1]!;
      const start = pairStart(first);
      const end = pairEnd(last);
      const kept = items.filter((p) => !removed.has(keyText(p) ?? ''));
      const text = kept.map((p) => this.text.slice(pairStart(p), pairEnd(p))).join(', ');
      if (kept.length === 0) {
        const open = this.text.lastIndexOf('{', start);
        const close = this.text.indexOf('}', end);
        return [{ start: open + 1, end: close, newText: '' }];
      }
      return [{ start, end, newText: text }];
    }
    return gone.map((pair) => this.removeBlockPair(map, pair));
  }

  private removeBlockPair(map: AnyMap, pair: AnyPair): TextEdit {
    const keyStart = pairStart(pair);
    const lineStart = this.lineStartOf(keyStart);
    const index = map.items.indexOf(pair);
    const next = map.items[index + 1];
    if (this.text.slice(lineStart, keyStart).trim() !== '') {
      // The first key of a sequence item (`- next: x`): keep the dash, take the key up to the next one.
      const end = next ? pairStart(next) : lineEndAfter(this.text, valueEnd(pair, keyStart));
      return { start: keyStart, end, newText: '' };
    }
    const start = this.withCommentsAbove(lineStart, this.columnOf(keyStart));
    const end = lineEndAfter(this.text, valueEnd(pair, keyStart));
    return { start, end, newText: '' };
  }

  /** Replaces a scalar value, keeping its quoting style when the new text allows it. */
  replaceScalar(node: Node, value: string): TextEdit {
    if (!isScalar(node) || !node.range) throw new Error('replaceScalar: not a scalar');
    return { start: node.range[0], end: node.range[1], newText: formatScalar(value, node.type) };
  }

  /** Lines of a whole entry of a block mapping (key, value, comment lines right above it), for deleting it. */
  blockEntryRange(pair: AnyPair): { start: number; end: number } {
    const keyStart = pairStart(pair);
    const start = this.withCommentsAbove(this.lineStartOf(keyStart), this.columnOf(keyStart));
    const value = pair.value as Node | null;
    // A step's range runs to the next step's key: its trailing comments and blank lines go with it.
    const end = value?.range ? Math.max(value.range[2], lineEndAfter(this.text, valueEnd(pair, keyStart))) : keyStart;
    return { start, end: Math.min(end, this.text.length) };
  }

  columnOf(offset: number): number {
    return offset - this.lineStartOf(offset);
  }

  lineStartOf(offset: number): number {
    return this.text.lastIndexOf('\n', offset - 1) + 1;
  }

  /** Comment lines directly above a key (same indentation) belong to it. */
  private withCommentsAbove(lineStart: number, column: number): number {
    let start = lineStart;
    while (start > 0) {
      const previous = this.text.lastIndexOf('\n', start - 2) + 1;
      const line = this.text.slice(previous, start - 1);
      if (!/^\s*#/.test(line) || line.length - line.trimStart().length !== column) break;
      start = previous;
    }
    return start;
  }
}

export type KeyStyle = 'plain' | 'double' | 'single';

export function keyText(pair: AnyPair): string | undefined {
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  return typeof key === 'string' ? key : undefined;
}

function siblingKeyStyle(map: AnyMap): KeyStyle {
  const key = map.items[0]?.key;
  if (!isScalar(key)) return 'plain';
  return key.type === 'QUOTE_DOUBLE' ? 'double' : key.type === 'QUOTE_SINGLE' ? 'single' : 'plain';
}

function formatKey(key: string, style: KeyStyle): string {
  if (style === 'double') return JSON.stringify(key);
  if (style === 'single') return `'${key.replace(/'/g, "''")}'`;
  return isPlainSafe(key) && !/^[0-9]/.test(key) ? key : JSON.stringify(key);
}

/** A string value as YAML: in the style of the value it replaces when that style can hold it. */
export function formatScalar(value: string, style?: string): string {
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (style === 'QUOTE_SINGLE' && !value.includes('\n')) return `'${value.replace(/'/g, "''")}'`;
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_./+-]*$/;
const RESERVED = new Set(['null', 'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);

/** Whether the string reads back as the same string when written without quotes. */
export function isPlainSafe(value: string): boolean {
  if (PLAIN_WORD.test(value) && !RESERVED.has(value.toLowerCase())) return true;
  if (value === '' || value !== value.trim() || /[\n#:{}[\],&*!|>'"%@`]/.test(value) || /^[-?]/.test(value))
    return false;
  try {
    const doc = parseDocument(`k: ${value}\n`);
    return doc.errors.length === 0 && doc.get('k') === value;
  } catch {
    return false;
  }
}

function pairStart(pair: AnyPair): number {
  const key = pair.key as Node | null;
  if (!key?.range) throw new Error('a key without a position');
  return key.range[0];
}

/** End of the pair's value as written (before a trailing comment). */
function pairEnd(pair: AnyPair): number {
  const value = pair.value as Node | null;
  if (value?.range) return value.range[1];
  const key = pair.key as Node;
  return key.range![1];
}

function valueEnd(pair: AnyPair, fallback: number): number {
  const value = pair.value as Node | null;
  return value?.range ? value.range[1] : ((pair.key as Node | null)?.range?.[1] ?? fallback);
}

/** The offset after the last line break at or before `offset` that ends a line with content. */
function contentEnd(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text.length : newline + 1;
}

/** The start of the line after the one `offset` is in (or the text's end), unless `offset` already starts a line. */
function lineEndAfter(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === '\n') return offset;
  const newline = text.indexOf('\n', offset);
  return newline === -1 ? text.length : newline + 1;
}
