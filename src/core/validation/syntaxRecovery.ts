/**
 * After a syntax error the yaml package still builds a document of what it could read. The
 * rest of the file is checked against it, so that one typo does not hide the other problems;
 * what the error may have garbled (the step or top-level entry it is in) is left out, as are
 * the checks over the whole call graph, which a garbled step can mislead.
 */
import { isMap, isScalar, isSeq, type Node, type YAMLError } from 'yaml';
import type { Problem } from './problems';
import { valueAt } from './schemaMessages';
import type { PathSegment, YamlLocator } from './yamlLocator';

/** Where a syntax error may have garbled the document: the entry it is in and its characters. */
export interface DamagedRegion {
  /** `steps/<id>`, or the top-level key; [] when the error is outside every entry. */
  path: PathSegment[];
  start: number;
  end: number;
}

/** Codes of the checks that read the whole flow: reachability, ways out, defined variables. */
const WHOLE_FLOW_CODES = new Set(['unreachable-step', 'no-way-out', 'undefined-variable']);
/** Problems of the syntax stage itself, always kept. */
const SYNTAX_CODES = new Set(['yaml-syntax', 'yaml-warning', 'duplicate-key']);
/** An entry of this depth (`steps/<id>`, `numbers/<number>`) is the unit a syntax error garbles. */
const ENTRY_DEPTH = 2;

export function damagedRegion(root: Node | null, error: YAMLError, start = error.pos[0]): DamagedRegion {
  const path: PathSegment[] = [];
  let node: unknown = root;
  let region = { start, end: Math.max(start, error.pos[1]) };
  while (path.length < ENTRY_DEPTH) {
    const entry = entryAt(node, start);
    if (!entry) break;
    path.push(entry.segment);
    region = { start: Math.min(start, entry.start), end: Math.max(error.pos[1], entry.end) };
    node = entry.value;
  }
  return { path, ...region };
}

/** The last entry of a map or list that starts at or before `offset`. */
function entryAt(
  node: unknown,
  offset: number,
): { segment: PathSegment; start: number; end: number; value: unknown } | undefined {
  let found: { segment: PathSegment; start: number; end: number; value: unknown } | undefined;
  if (isMap(node)) {
    for (const pair of node.items) {
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      const start = key?.range?.[0] ?? value?.range?.[0];
      if (start === undefined || start > offset || !isScalar(key)) continue;
      found = { segment: String(key.value), start, end: value?.range?.[2] ?? key.range![2], value };
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, index) => {
      const range = (item as Node | null)?.range;
      if (range && range[0] <= offset) found = { segment: index, start: range[0], end: range[2], value: item };
    });
  }
  return found;
}

/** Whether a problem found in the recovered document may be an echo of a syntax error. */
export function mayBeGarbled(
  problem: Problem,
  regions: readonly DamagedRegion[],
  text: string,
  locator: YamlLocator,
  root: unknown,
): boolean {
  if (regions.length === 0 || SYNTAX_CODES.has(problem.code)) return false;
  if (WHOLE_FLOW_CODES.has(problem.code)) return true;
  const path = problem.data?.path;
  return regions.some((region) => {
    if (path && region.path.length > 0 && region.path.every((segment, i) => String(path[i]) === String(segment)))
      return true;
    const from = locator.spanOfOffsets(region.start, region.start).line;
    const to = locator.spanOfOffsets(region.end, region.end).line;
    if (problem.line >= from && problem.line <= to) return true;
    // A step or field the error swallowed is missing only because of it.
    const written = text.slice(region.start, region.end);
    if (problem.code === 'unknown-step' && path) {
      const target = valueAt(root, path);
      return typeof target === 'string' && written.includes(`${target}:`);
    }
    return problem.code === 'missing-field' && !!problem.data?.field && written.includes(`${problem.data.field}:`);
  });
}
