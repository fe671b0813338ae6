/**
 * A line-based unified diff as `git diff` prints it, without git: the `diff` package finds the
 * hunks; this file only prints them in git's shape (a count of 1 is left out, an empty side starts
 * at 0, and a missing final newline is marked "\ No newline at end of file").
 */
import { structuredPatch } from 'diff';

export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string, context = 3): string {
  if (before === after) return '';
  const { hunks } = structuredPatch(fromLabel, toLabel, before, after, undefined, undefined, { context });
  if (hunks.length === 0) return '';
  const out = [`--- ${fromLabel}`, `+++ ${toLabel}`];
  for (const hunk of hunks) {
    out.push(`@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`, ...hunk.lines);
  }
  return out.join('\n') + '\n';
}

function range(start: number, count: number): string {
  if (count === 0) return `${Math.max(0, start - 1)},0`;
  return count === 1 ? `${start}` : `${start},${count}`;
}
