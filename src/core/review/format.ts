/**
 * A comparison in words for people: plain text for a terminal and Markdown for a pull request.
 * Both say the same things in the same order: start, steps, exits, journeys.
 */
import type { VersionComparison } from './compare';
import { isSameForCallers } from './compare';
import { comparisonRange } from './direction';
import { describeChangedJourney, describeJourneyChange } from './journeyDiff';
import type { FieldChange } from './semanticDiff';

export function versionLabel(version: number | string): string {
  return typeof version === 'number' || /^\d+$/.test(version) ? `v${version}` : String(version);
}

/** `v6 (published) → v5 (draft)` when the statuses are known, else `v6 → draft`. */
export function comparedRange(comparison: VersionComparison): string {
  if (comparison.sides) return comparisonRange(comparison.sides);
  return `${versionLabel(comparison.from)} → ${versionLabel(comparison.to)}`;
}

/** One line per fact, without markup. */
export function comparisonLines(comparison: VersionComparison, code: (text: string) => string = (t) => t): string[] {
  const lines: string[] = [];
  const { start, steps, exits, journeys } = comparison;
  if (start) lines.push(`start: ${code(start.from ?? '(none)')} → ${code(start.to ?? '(none)')}`);
  for (const id of steps.added) lines.push(`added step ${code(id)}`);
  for (const id of steps.removed) lines.push(`removed step ${code(id)}`);
  for (const rename of steps.renamed) lines.push(`renamed step ${code(rename.from)} → ${code(rename.to)}`);
  for (const change of steps.changed)
    for (const field of change.changes)
      lines.push(`changed ${code(change.step)}.${field.field}: ${fieldChange(field)}`);
  for (const exit of exits)
    lines.push(
      `rewired ${code(exit.step)} ${code(exit.exit)}: ${exit.from === null ? '(not set)' : code(exit.from)} → ${exit.to === null ? '(not set)' : code(exit.to)}`,
    );
  for (const journey of journeys) lines.push(`journey "${journey.journey}": ${describeJourneyChange(journey)}`);
  return lines;
}

function fieldChange(change: FieldChange): string {
  return `${shown(change.from)} → ${shown(change.to)}`;
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return '(not set)';
  return JSON.stringify(value);
}

export function comparisonText(comparison: VersionComparison): string {
  const title = `${comparison.flow}: ${comparedRange(comparison)}`;
  if (isSameForCallers(comparison)) return `${title}\nNo change for callers.\n`;
  return [
    title,
    ...sections(comparison, (t) => t).flatMap(([head, body]) => [`${head}:`, ...body.map((l) => `  ${l}`)]),
  ]
    .join('\n')
    .concat('\n');
}

/** The comparison as Markdown sections, for a pull-request comment. */
export function comparisonMarkdown(comparison: VersionComparison, heading = '###'): string {
  const title = `${heading} \`${comparison.flow}\`: ${comparedRange(comparison)}`;
  if (isSameForCallers(comparison)) return `${title}\n\nNo change for callers.\n`;
  const out = [title, ''];
  for (const [head, body] of sections(comparison, (t) => `\`${t.replace(/`/g, "'")}\``)) {
    // Prompts are free text: no `<` may open a tag (or close the report's <details>).
    out.push(`**${head}**`, '', ...body.map((l) => `- ${l.replace(/&/g, '&amp;').replace(/</g, '&lt;')}`), '');
  }
  return out.join('\n');
}

function sections(comparison: VersionComparison, code: (t: string) => string): Array<[string, string[]]> {
  const lines = comparisonLines({ ...comparison, journeys: [] }, code);
  const result: Array<[string, string[]]> = [];
  if (lines.length > 0) result.push(['Changes', lines]);
  if (comparison.journeys.length > 0)
    result.push(['Caller journeys that changed', comparison.journeys.map(describeChangedJourney)]);
  return result;
}
