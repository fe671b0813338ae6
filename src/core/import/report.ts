/** The import report as people read it: counts, then each node not mapped exactly, then what to fill in. */
import type { Problem } from '../validation';
import { DIALECT_NAMES, type ImportDialect, type ImportOutcome, type ImportReportEntry } from './types';

export function countImportResults(report: readonly ImportReportEntry[]): Record<ImportOutcome, number> {
  const counts = { mapped: 0, approximated: 0, dropped: 0 };
  for (const entry of report) counts[entry.result]++;
  return counts;
}

export interface ImportReportDocument {
  name: string;
  flowId: string;
  file: string;
  sourceFile: string;
  dialect: ImportDialect;
  report: readonly ImportReportEntry[];
  problems: readonly Problem[];
}

/** Markdown for an editor tab: the report of one import. */
export function importReportMarkdown(doc: ImportReportDocument): string {
  const counts = countImportResults(doc.report);
  const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/[\r\n]+/g, ' ');
  const lines = [
    `# Import of ${doc.sourceFile}`,
    '',
    `${DIALECT_NAMES[doc.dialect]} → **${cell(doc.name)}** (\`${doc.flowId}\`), v1 draft at \`${doc.file}\`.`,
    '',
    `${doc.report.length} source nodes: ${counts.mapped} mapped, ${counts.approximated} approximated, ${counts.dropped} dropped.`,
    '',
    '| source | type | result | steps | note |',
    '|---|---|---|---|---|',
    ...doc.report.map(
      (e) =>
        `| ${cell(e.source)} | ${cell(e.sourceType)} | ${e.result} | ${e.steps.map((s) => `\`${s}\``).join(', ')} | ${cell(e.note)} |`,
    ),
  ];
  if (doc.problems.length > 0) {
    lines.push('', '## To fill in or check before publishing', '');
    for (const p of doc.problems) lines.push(`- line ${p.line}: ${p.severity} \`${p.code}\`: ${p.message}`);
  }
  lines.push(
    '',
    '## Next',
    '',
    `Read the \`# imported:\` notes in the draft, fill in what validation reports, compare the journeys (\`callflow journeys ${doc.flowId}@draft\`) with the source system, then save.`,
    '',
  );
  return lines.join('\n');
}
