/** Problems: what every check reports, and the one place that turns YAML paths into positions. */
import { plural } from '../words';
import type { YamlLocator, PathSegment, NodeTarget, Span } from './yamlLocator';

export type Severity = 'error' | 'warning';

/** One finding, as `validate --json` prints it. Lines and columns are 1-based. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  code: string;
  message: string;
  /** Where the problem is in the document's structure, and what a mechanical fix needs (quick fixes). */
  data?: ProblemData;
}

/**
 * Structured facts about a problem, so that a fix never has to parse the message. Only
 * `validate --json`'s listed fields are a contract; this is for the editor's quick fixes.
 */
export interface ProblemData {
  /** The YAML node the problem is placed on: its data path, and whether its key or its value. */
  path: PathSegment[];
  target: NodeTarget;
  /** The "did you mean" value that replaces that key or value. */
  suggestion?: string;
  /** The field the problem is about, when it is not at `path` (a missing field, an unset exit). */
  field?: string;
  /** The characters inside the value the problem is about (a `{{variable}}`); a suggestion replaces them. */
  within?: string;
  /** The key or value is meant as text but was written without quotes (a phone number). */
  quote?: boolean;
}

/** What a check adds to a problem's data beyond its place. */
export type ProblemFacts = Omit<ProblemData, 'path' | 'target'>;

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}

/** A file with thousands of broken lines gets the first ones and a note, not a wall of text. */
export const MAX_PROBLEMS_PER_FILE = 500;

/** Orders by position; equal positions keep the order the checks reported them in. */
export function sortProblems(problems: Problem[]): Problem[] {
  return problems.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** What places a problem: the YAML document's nodes, or a reader's own line positions (numbersLines.ts). */
export interface SpanLocator {
  span(path: readonly PathSegment[], target: NodeTarget): Span;
  spanWithin(path: readonly PathSegment[], needle: string): Span;
}

/** Collects the problems of one file, placing each at the node its path names. */
export class ProblemReporter<Locator extends SpanLocator = YamlLocator> {
  readonly problems: Problem[] = [];
  private readonly seen = new Set<string>();
  private omitted: (problem: Problem) => boolean = () => false;

  constructor(
    readonly file: string,
    readonly locator: Locator,
  ) {}

  report(
    path: readonly PathSegment[],
    target: NodeTarget,
    severity: Severity,
    code: string,
    message: string,
    facts?: ProblemFacts,
  ): void {
    const data = withFacts({ path: [...path], target }, facts);
    this.add({ file: this.file, ...this.locator.span(path, target), severity, code, message, data });
  }

  /**
   * Places the problem on the characters `needle` occupies inside the node, when they can be
   * found; a suggestion then replaces those characters.
   */
  reportWithin(
    path: readonly PathSegment[],
    needle: string,
    severity: Severity,
    code: string,
    message: string,
    facts?: ProblemFacts,
  ): void {
    const data = withFacts({ path: [...path], target: 'value', within: needle }, facts);
    this.add({ file: this.file, ...this.locator.spanWithin(path, needle), severity, code, message, data });
  }

  /** Leaves out the problems `test` picks (the echoes of a syntax error in a recovered document). */
  omit(test: (problem: Problem) => boolean): void {
    this.omitted = test;
  }

  add(problem: Problem): void {
    if (this.omitted(problem)) return;
    // One root cause can surface through several checks; an admin should read it once.
    const key = `${problem.line}:${problem.column}:${problem.code}:${problem.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.problems.push(problem);
  }

  /**
   * Sorted, and capped at MAX_PROBLEMS_PER_FILE with a closing note. The note is an error only
   * when the file has errors (shown or cut): a file with only warnings stays valid and publishable.
   */
  result(): Problem[] {
    const sorted = sortProblems(this.problems);
    if (sorted.length <= MAX_PROBLEMS_PER_FILE) return sorted;
    const kept = sorted.slice(0, MAX_PROBLEMS_PER_FILE);
    const cut = countBySeverity(sorted.slice(MAX_PROBLEMS_PER_FILE));
    const last = kept[kept.length - 1]!;
    kept.push({
      file: this.file,
      line: last.line,
      column: last.column,
      severity: sorted.some((p) => p.severity === 'error') ? 'error' : 'warning',
      code: 'too-many-problems',
      message: `${sorted.length - MAX_PROBLEMS_PER_FILE} more problems (${describeCount(cut)}) are not shown. Fix the ones above first.`,
    });
    return kept;
  }
}

function describeCount({ errors, warnings }: { errors: number; warnings: number }): string {
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
}

/** Facts left undefined (no suggestion found) are left out, so the data reads the same in JSON and in tests. */
function withFacts(data: ProblemData, facts: ProblemFacts | undefined): ProblemData {
  for (const [name, value] of Object.entries(facts ?? {})) {
    if (value !== undefined) (data as unknown as Record<string, unknown>)[name] = value;
  }
  return data;
}
