/**
 * Where the cursor is in a YAML file being typed, read from the lines around it rather than
 * from a parse: a half-typed line (`type: `, `- wh`) does not parse, and a file of 2,000
 * steps must answer a keystroke's completion in milliseconds. Block style as the format's
 * examples write it (docs/flow-format.md), plus the inline maps and lists they use.
 */
import type { TextSpan } from './types';

export interface CursorContext {
  /** Keys from the root to the mapping the cursor types in: `['steps', 'menu', 'options']`. */
  path: string[];
  /** `key`: a key of that mapping; `value`: the value of `key`; `item`: an item of the list under the last path key. */
  position: 'key' | 'value' | 'item';
  key?: string;
  /** The partial word the completion replaces. */
  word: TextSpan;
  wordText: string;
  /** The column keys of this mapping start at (where inserted fields go). */
  column: number;
  /** Keys already written in this mapping, with their values as written on their line. */
  siblings: Map<string, string>;
  /** Inside `{{ … }}` of a text: the variable being typed. */
  template?: boolean;
  /** Inside an inline `{ … }` or `[ … ]`. */
  inline?: boolean;
}

const KEY_LINE = /^(\s*)((?:-\s+)*)((?:"[^"\n]*"|'[^'\n]*'|[^\s#'"{}[\],:][^#:{}[\],\n]*?))\s*:(?:\s|$)/;
const WORD = /[A-Za-z0-9_.\-+/*#"']*$/;

interface LineInfo {
  /** Column of the key (after any `- `). */
  column: number;
  /** Column of the first `-`, when the line starts a list item. */
  dash?: number;
  key?: string;
  /** What follows `key:` on the line. */
  rest?: string;
}

function lineInfo(line: string): LineInfo | undefined {
  const trimmed = line.trimStart();
  if (trimmed === '' || trimmed.startsWith('#')) return undefined;
  const match = KEY_LINE.exec(line);
  const leading = line.length - trimmed.length;
  if (!match) {
    const dashes = /^((?:-\s+)*)/.exec(trimmed)![1]!;
    return dashes ? { column: leading + dashes.length, dash: leading } : { column: leading };
  }
  const info: LineInfo = {
    column: match[1]!.length + match[2]!.length,
    key: unquote(match[3]!),
    rest: line
      .slice(match[0].length)
      .replace(/\s+#.*$/, '')
      .trim(),
  };
  if (match[2]) info.dash = match[1]!.length;
  return info;
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key;
}

/** The lines before the one starting at `lineStart`, nearest first. */
function* linesBefore(text: string, lineStart: number): Generator<string> {
  let end = lineStart - 1;
  while (end >= 0) {
    const start = text.lastIndexOf('\n', end - 1) + 1;
    yield text.slice(start, end);
    end = start - 1;
  }
}

/** The lines after the one ending at `lineEnd`, nearest first. */
function* linesAfter(text: string, lineEnd: number): Generator<string> {
  let start = lineEnd + 1;
  while (start <= text.length) {
    const end = text.indexOf('\n', start);
    yield text.slice(start, end < 0 ? text.length : end);
    if (end < 0) return;
    start = end + 1;
  }
}

/** Leading spaces of a line, counted without a regex (most lines are skipped on this alone). */
function leadingSpaces(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 32) i++;
  return i;
}

export function cursorContext(text: string, offset: number): CursorContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const nextBreak = text.indexOf('\n', offset);
  const lineEnd = nextBreak < 0 ? text.length : nextBreak;
  const before = text.slice(lineStart, offset);
  if (/(^|\s)#/.test(before.replace(/"[^"]*"|'[^']*'/g, '""'))) return undefined; // in a comment

  const template = templateWord(before);
  const wordText = template ?? WORD.exec(before)![0].replace(/^["']/, '');
  const word = { start: offset - wordText.length, end: offset };
  const keyed = KEY_LINE.exec(before);
  const here = lineInfo(before) ?? { column: before.length };

  let position: CursorContext['position'];
  let key: string | undefined;
  let column = here.column;
  let inline: ReturnType<typeof inlineContext>;
  const path: string[] = [];
  if (keyed && here.key !== undefined) {
    inline = inlineContext(before.slice(keyed[0].length - 1));
    if (inline) {
      path.push(here.key);
      if (inline.kind === 'list') {
        position = 'item';
        if (inline.key !== undefined) path.push(inline.key);
      } else {
        position = inline.key !== undefined ? 'value' : 'key';
        if (inline.key !== undefined) key = inline.key;
      }
    } else {
      position = 'value';
      key = here.key;
    }
  } else if (here.dash !== undefined) {
    position = 'item';
    column = here.dash;
  } else {
    position = 'key';
  }

  // The mapping's ancestors: each line above whose key sits left of the current one.
  const startsItem = here.dash !== undefined;
  let target = startsItem ? here.dash! : column;
  let inItem = startsItem;
  const ancestors: string[] = [];
  for (const line of linesBefore(text, lineStart)) {
    if (target === 0 && !inItem) break;
    if (leadingSpaces(line) > target) continue;
    const info = lineInfo(line);
    if (!info) continue;
    if (!inItem && info.dash !== undefined && info.column === target) {
      // The first key of the same list item: the list's key is left of its dash.
      inItem = true;
      target = info.dash;
      continue;
    }
    if (info.key === undefined) continue;
    const isParent =
      info.column < target || (inItem && info.dash === undefined && info.column === target && !info.rest);
    if (!isParent) continue;
    ancestors.push(info.key);
    inItem = info.dash !== undefined;
    target = info.dash ?? info.column;
  }
  path.unshift(...ancestors.reverse());
  if (position === 'item' && path.length === 0) return undefined;

  const context: CursorContext = { path, position, word, wordText, column, siblings: new Map() };
  if (key !== undefined) context.key = key;
  if (template !== undefined) context.template = true;
  if (inline) {
    context.inline = true;
    if (inline.kind === 'map') context.siblings = inlineSiblings(before);
  } else if (position !== 'item') {
    context.siblings = siblingsOf(text, lineStart, lineEnd, column, here);
  }
  return context;
}

/** The variable typed after an unclosed `{{` on the line, if the cursor is inside one. */
function templateWord(before: string): string | undefined {
  const open = before.lastIndexOf('{{');
  if (open < 0 || before.indexOf('}}', open) >= 0) return undefined;
  const typed = before.slice(open + 2);
  return /^\s*[A-Za-z0-9_.-]*$/.test(typed) ? typed.trimStart() : undefined;
}

/** Inside an inline map or list opened after `key:` on this line and not closed before the cursor. */
function inlineContext(afterColon: string): { kind: 'map' | 'list'; key?: string } | undefined {
  const stripped = afterColon.replace(/"[^"]*"|'[^']*'/g, (m) => '_'.repeat(m.length));
  let depth = 0;
  for (let i = stripped.length - 1; i >= 0; i--) {
    const ch = stripped[i];
    if (ch === '}' || ch === ']') depth++;
    if (ch !== '{' && ch !== '[') continue;
    if (depth > 0) {
      depth--;
      continue;
    }
    if (ch === '[') {
      // `{ outcome: x, path: [a, b` : the list belongs to the inner key before it.
      const inner = /([A-Za-z0-9_-]+)["']?\s*:\s*$/.exec(afterColon.slice(0, i));
      return inner && afterColon.slice(0, i).includes('{') ? { kind: 'list', key: inner[1]! } : { kind: 'list' };
    }
    const segmentStart = Math.max(stripped.lastIndexOf(','), i) + 1;
    const segment = afterColon.slice(segmentStart);
    const colon = stripped.slice(segmentStart).indexOf(':');
    return colon < 0 ? { kind: 'map' } : { kind: 'map', key: unquote(segment.slice(0, colon).trim()) };
  }
  return undefined;
}

function inlineSiblings(before: string): Map<string, string> {
  const siblings = new Map<string, string>();
  for (const part of before.slice(before.lastIndexOf('{') + 1).split(',')) {
    const colon = part.indexOf(':');
    if (colon > 0) siblings.set(unquote(part.slice(0, colon).trim()), part.slice(colon + 1).trim());
  }
  return siblings;
}

/** Keys at `column` in the mapping around the cursor's line (its lines above and below, up to a shallower line or another item). */
function siblingsOf(
  text: string,
  lineStart: number,
  lineEnd: number,
  column: number,
  here: LineInfo,
): Map<string, string> {
  const siblings = new Map<string, string>();
  if (here.dash === undefined) {
    for (const line of linesBefore(text, lineStart)) {
      if (leadingSpaces(line) > column) continue;
      const info = lineInfo(line);
      if (!info) continue;
      if (info.column < column) break;
      if (info.column === column && info.key !== undefined) siblings.set(info.key, info.rest ?? '');
      if (info.dash !== undefined) break;
    }
  }
  for (const line of linesAfter(text, lineEnd)) {
    if (leadingSpaces(line) > column) continue;
    const info = lineInfo(line);
    if (!info) continue;
    if (info.column !== column || info.dash !== undefined) break;
    if (info.key !== undefined) siblings.set(info.key, info.rest ?? '');
  }
  return siblings;
}
