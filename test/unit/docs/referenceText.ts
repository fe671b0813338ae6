/** Reading docs/flow-format.md (the reference) and the source it documents, for the docs tests. */
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../../..');
export const doc = readFileSync(path.join(ROOT, 'docs/flow-format.md'), 'utf8');

/** The text of the section under a heading, up to the next heading of the same or a higher level. */
export function section(heading: RegExp): string | undefined {
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => heading.test(line));
  if (start < 0) return undefined;
  const level = /^#+/.exec(lines[start]!)![0].length;
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && /^#+/.exec(line)![0].length <= level);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The backticked names in the first column of a section's table. */
export function tableNames(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => /^\| `([^`]+)`/.exec(line)![1]!);
}

/** Every backticked name in the first column of a section's tables (a cell may list several). */
export function tableCodes(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...line.split('|')[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!));
}

/** The text of the given TypeScript files, and of the .ts files directly in the given folders (paths from the repository root). */
export function sourceText(...relativePaths: string[]): string {
  return relativePaths
    .flatMap((relative) => {
      const full = path.join(ROOT, relative);
      const files = relative.endsWith('.ts')
        ? [full]
        : readdirSync(full)
            .filter((name) => name.endsWith('.ts'))
            .map((name) => path.join(full, name));
      return files.map((file) => readFileSync(file, 'utf8'));
    })
    .join('\n');
}

/**
 * The problem codes a source text reports: `code: 'x'` (a ternary between two codes included),
 * a severity followed by a code or by a constant naming one (`'warning', EXIT_HANGS_UP`), and
 * `refuse(file, 'x', …)`.
 */
export function reportedCodes(source: string): Set<string> {
  const constants = new Map(
    [...source.matchAll(/export const ([A-Z_]+) = '([a-z][a-z0-9-]*)';/g)].map((m) => [m[1]!, m[2]!]),
  );
  const codes = new Set<string>();
  const code = String.raw`'([a-z][a-z0-9-]*)'`;
  for (const m of source.matchAll(/\bcode: ([^,\n]+)/g))
    for (const literal of m[1]!.matchAll(new RegExp(code, 'g')))
      if (literal[1] !== 'error' && literal[1] !== 'warning') codes.add(literal[1]!);
  for (const m of source.matchAll(new RegExp(String.raw`'(?:error|warning)',\s*` + code, 'g'))) codes.add(m[1]!);
  for (const m of source.matchAll(/'(?:error|warning)',\s*([A-Z_]+),/g)) {
    const value = constants.get(m[1]!);
    if (value) codes.add(value);
  }
  for (const m of source.matchAll(new RegExp(String.raw`refuse\(\s*file,\s*` + code, 'g'))) codes.add(m[1]!);
  return codes;
}
