/**
 * Condition `matches` patterns, run with RE2 (re2js): matching takes time linear in the text, so
 * no pattern (`^(1+)+2$` and its kin) can make simulate, test or publish hang. RE2 syntax is
 * JavaScript's without backreferences (`\1`) and lookarounds (`(?=…)`, `(?<=…)`); a pattern that
 * uses them is a validation error at save, and false (with a warning) in the simulator.
 */
import type * as Re2js from 're2js';
import type { RE2JS as RE2JSClass } from 're2js';

let re2js: typeof RE2JSClass | undefined;

/** RE2 itself, loaded on the first pattern: building its Unicode tables costs every process that runs no pattern. */
function RE2(): typeof RE2JSClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose (see above)
  re2js ??= (require('re2js') as typeof Re2js).RE2JS;
  return re2js;
}

export interface MatchPattern {
  test(text: string): boolean;
}

const MAX_CACHED_PATTERNS = 1_000;
const compiled = new Map<string, MatchPattern | string>();

/** What the validation message says about the syntax. */
export const PATTERN_SYNTAX_HINT =
  'Patterns use RE2 syntax: that of JavaScript without backreferences (\\1) and lookarounds ((?=…), (?<=…)).';

/** The compiled pattern, or why it cannot be run (one short sentence fragment). */
export function compilePattern(pattern: string): MatchPattern | string {
  let found = compiled.get(pattern);
  if (found !== undefined) return found;
  try {
    found = RE2().compile(pattern);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    found = message.replace(/^error parsing regexp: /, '') || 'it cannot be read';
  }
  if (compiled.size >= MAX_CACHED_PATTERNS) compiled.clear();
  compiled.set(pattern, found);
  return found;
}
