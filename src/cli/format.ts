import { escapeBidi, plural, type Problem } from '../core';
import { paint } from './colour';

/** `flows/x/v1.yaml:12:5  error  unknown-step  Step "menu" ...` — the form editors and CI logs link. */
export function formatProblem(problem: Problem, colour?: boolean): string {
  const severity = problem.severity === 'error' ? paint(colour, 'red', 'error  ') : paint(colour, 'yellow', 'warning');
  return `${problem.file}:${problem.line}:${problem.column}  ${severity}  ${problem.code}  ${problem.message}`;
}

export function summarizeProblems(problems: readonly Problem[]): string {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  if (problems.length === 0) return 'No problems found.';
  return `${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`;
}

/** Fixed-width columns for list-like output; cells from files show their bidirectional controls escaped. */
export function table(given: readonly (readonly string[])[]): string {
  const rows = given.map((row) => row.map(escapeBidi));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return (
    rows
      .map((row) =>
        row
          .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}
