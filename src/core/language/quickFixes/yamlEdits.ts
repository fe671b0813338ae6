/**
 * Edits of a YAML text computed from the parsed Document's source ranges, so that everything
 * around the changed characters (comments, quoting, blank lines, key order) stays as written.
 * Nothing here re-stringifies a document.
 */
import { isMap, isScalar, isSeq, parse, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import type { PathSegment } from '../../validation';
import type { TextEdit } from './types';

const DEFAULT_INDENT = 2;

export class YamlText {
  readonly document: Document.Parsed;

  constructor(readonly text: string) {
    this.document = parseDocument(text, { uniqueKeys: false, prettyErrors: false });
  }

  /** The node at `path`, when every segment exists. */
  node(path: readonly PathSegment[]): Node | undefined {
    let node = this.document.contents as Node | null;
    for (const segment of path) {
      if (isMap(node)) node = this.pair(node, segment)?.value ?? null;
      else if (isSeq(node)) node = (node.items[Number(segment)] as Node | undefined) ?? null;
      else return undefined;
      if (!node) return undefined;
    }
    return node ?? undefined;
  }

  /** The map at `path`, when there is one. */
  map(path: readonly PathSegment[]): YAMLMap | undefined {
    const node = this.node(path);
    return isMap(node) ? node : undefined;
  }

  /** The pair of the last segment of `path` in the map its other segments name. */
  pairAt(path: readonly PathSegment[]): Pair<Node | null, Node | null> | undefined {
    if (path.length === 0) return undefined;
    const map = this.map(path.slice(0, -1));
    return map ? this.pair(map, path[path.length - 1]!) : undefined;
  }

  /** The scalar value at `path`, as text. */
  stringAt(path: readonly PathSegment[]): string | undefined {
    const node = this.node(path);
    const value = isScalar(node) ? node.value : undefined;
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : undefined;
  }

  /** Keys of the map at `path`, in file order. */
  keysAt(path: readonly PathSegment[]): string[] {
    return (this.map(path)?.items ?? []).flatMap((pair) => (isScalar(pair.key) ? [String(pair.key.value)] : []));
  }

  /** The characters of a node as written. */
  source(node: Node): string | undefined {
    return node.range ? this.text.slice(node.range[0], node.range[1]) : undefined;
  }

  /** Writes `value` over a scalar (a key or a value) in the scalar's own quoting style. */
  replaceScalar(node: Node | null | undefined, value: string): TextEdit | undefined {
    if (!isScalar(node) || !node.range) return undefined;
    return { start: node.range[0], end: node.range[1], newText: scalarText(value, node.type) };
  }

  /** Puts a scalar written without quotes into double quotes, exactly as written. */
  quote(node: Node | null | undefined): TextEdit | undefined {
    if (!isScalar(node) || !node.range || node.type !== 'PLAIN') return undefined;
    const written = this.text.slice(node.range[0], node.range[1]);
    return { start: node.range[0], end: node.range[1], newText: JSON.stringify(written) };
  }

  /** Adds `key: value` (value already YAML text) as the last entry of a map, in its style and indentation. */
  appendField(map: YAMLMap, key: string, valueText: string): TextEdit | undefined {
    if (!map.range) return undefined;
    const last = map.items[map.items.length - 1];
    if (map.flow) {
      const end = last ? endOfPair(last) : undefined;
      if (end !== undefined) return { start: end, end, newText: `, ${key}: ${valueText}` };
      const open = this.text.indexOf('{', map.range[0]);
      return open < 0 ? undefined : { start: open + 1, end: open + 1, newText: ` ${key}: ${valueText} ` };
    }
    const at = last && endOfPair(last);
    if (at === undefined) return undefined;
    return this.insertLines(at, [`${this.indentOf(map)}${key}: ${valueText}`]);
  }

  /**
   * Adds a block of lines (already indented relative to the map's keys) after the entry
   * `afterKey` of a block map, or at its end.
   */
  insertEntry(map: YAMLMap, lines: string[], afterKey?: string): TextEdit | undefined {
    if (map.flow || map.items.length === 0) return undefined;
    const after = (afterKey !== undefined && this.pair(map, afterKey)) || map.items[map.items.length - 1]!;
    const at = endOfPair(after);
    if (at === undefined) return undefined;
    const indent = this.indentOf(map);
    return this.insertLines(
      at,
      lines.map((line) => indent + line),
    );
  }

  /** Deletes an entry of a block map, from the start of its key's line to the end of its last line. */
  removeEntry(map: YAMLMap, key: string): TextEdit | undefined {
    const pair = this.pair(map, key);
    if (map.flow || !pair || !isScalar(pair.key) || !pair.key.range) return undefined;
    const end = endOfPair(pair);
    if (end === undefined) return undefined;
    const start = this.text.lastIndexOf('\n', pair.key.range[0] - 1) + 1;
    return { start, end: this.lineEndAfter(end), newText: '' };
  }

  /** The indentation of a block map's keys, as written. */
  indentOf(map: YAMLMap): string {
    const first = map.items[0]?.key as Node | null | undefined;
    const offset = first?.range?.[0] ?? map.range?.[0] ?? 0;
    return ' '.repeat(offset - (this.text.lastIndexOf('\n', offset - 1) + 1));
  }

  /** How far the fields of the block map's entries are indented from its keys (2 when nothing says). */
  childIndentOf(map: YAMLMap): string {
    for (const pair of map.items) {
      if (isMap(pair.value) && !pair.value.flow && pair.value.items.length > 0) {
        const step = this.indentOf(pair.value).length - this.indentOf(map).length;
        if (step > 0) return ' '.repeat(step);
      }
    }
    return ' '.repeat(DEFAULT_INDENT);
  }

  private insertLines(at: number, lines: string[]): TextEdit {
    const lineEnd = this.lineEndAfter(at);
    const block = lines.join('\n');
    if (lineEnd === this.text.length && !this.text.endsWith('\n'))
      return { start: lineEnd, end: lineEnd, newText: `\n${block}` };
    return { start: lineEnd, end: lineEnd, newText: `${block}\n` };
  }

  /** The offset just past the end of the line `at` is on (or `at` itself when it starts a line). */
  private lineEndAfter(at: number): number {
    if (at > 0 && this.text[at - 1] === '\n') return at;
    const newline = this.text.indexOf('\n', at);
    return newline < 0 ? this.text.length : newline + 1;
  }

  private pair(map: YAMLMap, segment: PathSegment): Pair<Node | null, Node | null> | undefined {
    const key = String(segment);
    return map.items.find((pair) => isScalar(pair.key) && String(pair.key.value) === key) as
      Pair<Node | null, Node | null> | undefined;
  }
}

function endOfPair(pair: Pair): number | undefined {
  const value = pair.value as Node | null;
  return value?.range?.[1] ?? (pair.key as Node | null)?.range?.[1];
}

/** A value as YAML text: in the style it replaces when given, else plain when plain reads back the same. */
export function scalarText(value: string, style?: string): string {
  if (style === 'QUOTE_DOUBLE') return JSON.stringify(value);
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return /^[A-Za-z_][A-Za-z0-9_./+-]*$/.test(value) && parse(value) === value ? value : JSON.stringify(value);
}

/** Applies edits to a text (for tests and for previews); inserts at one offset keep their array order. */
export function applyTextEdits(text: string, edits: readonly TextEdit[]): string {
  const ordered = edits.map((edit, index) => ({ edit, index }));
  ordered.sort((a, b) => b.edit.start - a.edit.start || b.index - a.index);
  let result = text;
  for (const { edit } of ordered) result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  return result;
}
