/**
 * Finds the YAML node a data path names (`steps/menu/options/1`) and its position, so that
 * every problem points at the line and column an admin has to change.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type LineCounter, type Node, type Pair } from 'yaml';
import type { ParsedYaml } from '../yamlText';

export type PathSegment = string | number;
/** `key`: the key of the last path segment (`colour:`); `value`: what follows it. */
export type NodeTarget = 'key' | 'value';

export interface Span {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}

/** Maps with more keys than this get a key index on first lookup (the `steps` of a big flow). */
const INDEX_THRESHOLD = 16;

type MapNode = { items: Pair<unknown, unknown>[] };

export class YamlLocator {
  private readonly keyIndexes = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();

  constructor(
    private readonly text: string,
    private readonly lineCounter: LineCounter,
    private readonly root: unknown,
  ) {}

  static of(text: string, parsed: ParsedYaml): YamlLocator {
    return new YamlLocator(text, parsed.lineCounter, parsed.document.contents);
  }

  /** The node at `path` (or the deepest one that exists), and the key node of its pair when it is a map value. */
  resolve(path: readonly PathSegment[]): { node: Node | null; key: Node | null } {
    let node = this.root as Node | null;
    let key: Node | null = null;
    for (const segment of path) {
      if (!node || isAlias(node)) break;
      if (isMap(node)) {
        const pair = this.pairOf(node, String(segment));
        if (!pair) break;
        key = (pair.key as Node | null) ?? null;
        if (pair.value === null || pair.value === undefined) {
          // `next:` with nothing after it: point at the key, the only thing on the line.
          node = key;
          break;
        }
        node = pair.value as Node;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)];
        if (item === undefined || item === null) break;
        key = null;
        node = item as Node;
      } else {
        break;
      }
    }
    return { node, key };
  }

  span(path: readonly PathSegment[], target: NodeTarget): Span {
    const { node, key } = this.resolve(path);
    // `next:` with nothing after it holds an empty null scalar: point at the key instead.
    const empty = isScalar(node) && node.value === null && (!node.range || node.range[0] === node.range[1]);
    const chosen = (target === 'key' || empty) && key ? key : node;
    return this.spanOfNode(chosen);
  }

  /** The span of `needle` inside the node's source text, or of the whole node when it is not there verbatim. */
  spanWithin(path: readonly PathSegment[], needle: string): Span {
    const { node } = this.resolve(path);
    const range = node?.range;
    if (range) {
      const index = this.text.slice(range[0], range[1]).indexOf(needle);
      if (index >= 0) return this.spanOfOffsets(range[0] + index, range[0] + index + needle.length);
    }
    return this.spanOfNode(node);
  }

  /** The characters of a node as written (with quotes), for echoing them in a message. */
  sourceOf(path: readonly PathSegment[], target: NodeTarget): string | undefined {
    const { node, key } = this.resolve(path);
    const chosen = target === 'key' && key ? key : node;
    const range = chosen?.range;
    return range ? this.text.slice(range[0], range[1]) : undefined;
  }

  spanOfNode(node: Node | null | undefined): Span {
    const range = node?.range;
    if (!range) return { line: 1, column: 1 };
    return this.spanOfOffsets(range[0], range[1]);
  }

  spanOfOffsets(start: number, end: number): Span {
    const from = this.lineCounter.linePos(start);
    const to = this.lineCounter.linePos(Math.max(start, end));
    return { line: from.line, column: from.col, endLine: to.line, endColumn: to.col };
  }

  private pairOf(map: MapNode, key: string): Pair<unknown, unknown> | undefined {
    if (map.items.length <= INDEX_THRESHOLD) return map.items.find((pair) => keyText(pair) === key);
    let index = this.keyIndexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) {
        const text = keyText(pair);
        if (text !== undefined && !index.has(text)) index.set(text, pair);
      }
      this.keyIndexes.set(map, index);
    }
    return index.get(key);
  }
}

/** The key as the plain value would spell it: `1:` and `"1":` are both "1". */
export function keyText(pair: unknown): string | undefined {
  if (!isPair(pair)) return undefined;
  const key = pair.key;
  if (isScalar(key)) return String(key.value);
  if (key === null || key === undefined) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- objects are excluded just above
  return typeof key === 'object' ? undefined : String(key);
}
