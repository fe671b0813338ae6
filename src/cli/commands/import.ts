import { createHash } from 'node:crypto';
import * as path from 'node:path';
import {
  countImportResults,
  DIALECT_NAMES,
  IMPORT_DIALECTS,
  importFlowSource,
  InvalidInputError,
  isImportDialect,
  plural,
  type ImportDialect,
  type ImportReportEntry,
} from '../../core';
import { readUserFile } from '../../platform/nodeWorkspaceFiles';
import { formatProblem, summarizeProblems } from '../format';
import { printJson } from '../io';
import type { VerbRegistrar } from '../program';
import type { VerbContext } from '../verbContext';

export function registerImportVerb(verb: VerbRegistrar): void {
  verb(
    'import <file>',
    (c) =>
      c
        .description(
          'create a new flow whose v1 draft is a flow exported from Twilio Studio, Amazon Connect or Genesys Architect, with a report of what was approximated or dropped',
        )
        .option('--name <name>', "the flow's name (default: the name in the file, else the file's name)")
        .option('--id <flow-id>', 'the flow id (default: derived from the name)')
        .option('--from <dialect>', `the dialect, when detection should not decide: ${IMPORT_DIALECTS.join(', ')}`)
        .option('--set <key=value>', 'a value for a {{placeholder}} of an Archy file (repeat for each)', collect, [])
        .option('--json', 'print the result and the report as JSON'),
    async (ctx, file: string) => {
      const o = ctx.options as { name?: string; id?: string; from?: string; set: string[] };
      const from = dialectOption(o.from);
      const set = setOptions(o.set);
      const absolute = path.resolve(ctx.cwd, file);
      const text = await readUserFile(absolute, file, 'import-source');
      if (text === undefined)
        throw new InvalidInputError(
          'missing-file',
          `${file} does not exist.`,
          'Give the path of the exported flow file.',
        );
      const workspace = await ctx.workspace();
      const fileName = path.basename(file);
      const { settings } = await workspace.layout();
      const imported = importFlowSource(text, {
        fileName,
        ...(from ? { from } : {}),
        ...(set.size > 0 ? { set } : {}),
        ...(settings.timezone ? { timezone: settings.timezone } : {}),
      });
      const name = o.name ?? imported.name ?? fileName.replace(/\.(json|ya?ml)$/i, '');
      const result = await workspace.importFlow(
        name,
        imported.text,
        { dialect: imported.dialect, file: fileName, sha256: createHash('sha256').update(text, 'utf8').digest('hex') },
        o.id ? { id: o.id } : {},
      );
      if (ctx.json) {
        printJson(ctx.io, {
          flow: result.flowId,
          version: result.version,
          file: result.file,
          dialect: imported.dialect,
          commit: result.commit,
          report: imported.report,
          validation: result.validation,
        });
        return;
      }
      ctx.out(
        `Imported "${name}" from ${DIALECT_NAMES[imported.dialect]} as ${result.flowId}: v${result.version} draft at ${result.file} [${result.commit?.slice(0, 7) ?? ''}].`,
      );
      printReport(ctx, imported.report);
      const problems = result.validation?.problems ?? [];
      if (problems.length > 0) {
        ctx.out('To fill in or check before publishing:');
        for (const problem of problems) ctx.out('  ' + formatProblem(problem, ctx.colour));
        ctx.out('  ' + summarizeProblems(problems));
      }
      ctx.note(
        `Next: read the "# imported:" notes in ${result.file}, fill in what validation reports, \`callflow journeys ${result.flowId}@draft\` to compare the ways a call can go with the source, then \`callflow save ${result.flowId}\`.`,
      );
    },
  );
}

function printReport(ctx: VerbContext, report: ImportReportEntry[]): void {
  const counts = countImportResults(report);
  ctx.out(
    `${plural(report.length, 'source node')}: ${counts.mapped} mapped, ${counts.approximated} approximated, ${counts.dropped} dropped.`,
  );
  for (const entry of report) {
    if (entry.result === 'mapped' && entry.note === '') continue;
    const steps = entry.steps.length > 0 ? ` -> ${entry.steps.join(', ')}` : '';
    ctx.out(`  ${entry.result.padEnd(12)} ${entry.source} (${entry.sourceType})${steps}: ${entry.note}`);
  }
}

function dialectOption(value: string | undefined): ImportDialect | undefined {
  if (value === undefined) return undefined;
  if (isImportDialect(value)) return value;
  throw new InvalidInputError(
    'unknown-dialect',
    `--from ${value} is not a dialect callflow imports.`,
    `Use one of: ${IMPORT_DIALECTS.join(', ')}.`,
  );
}

function setOptions(values: string[]): Map<string, string> {
  const set = new Map<string, string>();
  for (const value of values) {
    const at = value.indexOf('=');
    if (at <= 0)
      throw new InvalidInputError(
        'invalid-set',
        `--set ${value} is not KEY=VALUE.`,
        'Write --set flowName="Main IVR" (one --set per placeholder).',
      );
    set.set(value.slice(0, at).trim(), value.slice(at + 1));
  }
  return set;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
