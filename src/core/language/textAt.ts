/** The word under the cursor in a line of YAML: a value and the key it belongs to, or a `{{variable}}`. */
import { cursorContext } from './cursor';
import type { TextSpan } from './types';

export interface ValueAt {
  /** The key whose value this is (for a list item, the list's key). */
  key: string;
  /** Set when the value is an item of an inline or block list: the list's key. */
  inList?: string;
  text: string;
  span: TextSpan;
  path: string[];
}

const VALUE_CHAR = /[A-Za-z0-9_.:+@/-]/;

/** The scalar value (unquoted) under `offset`, with the key it is the value of. */
export function valueAt(text: string, offset: number): ValueAt | undefined {
  let start = offset;
  let end = offset;
  while (start > 0 && VALUE_CHAR.test(text[start - 1]!)) start--;
  while (end < text.length && VALUE_CHAR.test(text[end]!)) end++;
  if (start === end) return undefined;
  // `flow: billing` reads `billing`; a key under the cursor (`flow:`) is not a value.
  let word = text.slice(start, end);
  if (word.endsWith(':')) return undefined;
  const colon = word.lastIndexOf(':');
  if (colon >= 0 && offset - start <= colon && !/^[a-z0-9-]+:[a-z][a-z0-9_-]*$/.test(word)) return undefined;
  if (word.includes(': ')) word = word.slice(word.indexOf(': ') + 2);
  const context = cursorContext(text, end);
  if (!context) return undefined;
  const key = context.position === 'item' ? context.path[context.path.length - 1] : context.key;
  if (key === undefined || context.position === 'key') return undefined;
  const found: ValueAt = { key, text: word, span: { start, end }, path: context.path };
  if (context.position === 'item') found.inList = key;
  return found;
}

/** The variable under `offset`: inside `{{ … }}`, or the value of a condition's `variable:`. */
export function variableAt(text: string, offset: number): { name: string; span: TextSpan } | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const line = text.slice(lineStart, lineEnd < 0 ? text.length : lineEnd);
  for (const match of line.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)) {
    const start = lineStart + match.index;
    if (offset >= start && offset <= start + match[0].length) {
      const nameStart = start + match[0].indexOf(match[1]!);
      return { name: match[1]!, span: { start: nameStart, end: nameStart + match[1]!.length } };
    }
  }
  const value = valueAt(text, offset);
  if (value?.key === 'variable' && value.path.includes('when')) return { name: value.text, span: value.span };
  return undefined;
}
