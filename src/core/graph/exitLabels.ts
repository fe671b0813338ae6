/** The words an edge carries: the exit's field, the menu key, or the branch's test. */
import { asRecord } from '../validation/flowSteps';
import type { PathSegment } from '../validation/yamlLocator';
import { clip } from './summary';

const MAX_LABEL = 32;

const OPERATOR_WORDS: Record<string, string> = {
  equals: '=',
  'not-equals': '≠',
  'greater-than': '>',
  'less-than': '<',
  'starts-with': 'starts with',
  'ends-with': 'ends with',
  contains: 'contains',
  matches: 'matches',
  in: 'in',
};

/** `path` is the exit's path in the file: [steps, id, field] or [steps, id, options, key] or [steps, id, branches, i, next]. */
export function exitLabel(path: readonly PathSegment[], step: Record<string, unknown> | undefined): string {
  const field = path[2];
  if (field === 'options') return String(path[3]);
  if (field === 'branches') {
    const index = Number(path[3]);
    return conditionText(Array.isArray(step?.branches) ? step.branches[index] : undefined) ?? `branch ${index + 1}`;
  }
  return String(field);
}

/** `tier = gold`, `caller.number starts with +44`; undefined when the branch has no readable test. */
export function conditionText(branch: unknown, maxLength = MAX_LABEL): string | undefined {
  const when = asRecord(asRecord(branch)?.when);
  if (!when || typeof when.variable !== 'string') return undefined;
  for (const [op, words] of Object.entries(OPERATOR_WORDS)) {
    if (!(op in when)) continue;
    const value = when[op];
    const shown = Array.isArray(value) ? `[${value.map(String).join(', ')}]` : String(value);
    return clip(`${when.variable} ${words} ${shown}`, maxLength);
  }
  return undefined;
}

/** A simulator's name for an exit (`1`, `branch-2`, `no-input`) as an exit path key (`options.1`, `branches.1`, `no-input`). */
export function exitKeyOfSimulated(type: string | undefined, exit: string): string {
  const branch = /^branch-(\d+)$/.exec(exit);
  if (branch) return `branches.${Number(branch[1]) - 1}`;
  if (type === 'menu' && !['no-input', 'invalid'].includes(exit)) return `options.${exit}`;
  return exit;
}

/** The part of an edge id after `<from>:`: the exit's path below the step, dotted. */
export function exitKey(path: readonly PathSegment[]): string {
  const rest = path.slice(2);
  if (rest[0] === 'branches') return `branches.${rest[1]}`;
  return rest.map(String).join('.');
}
