/**
 * Import Flow…: an exported flow of Twilio Studio, Amazon Connect or Genesys Architect becomes a
 * new flow (the core's importFlowSource and FlowWorkspace.importFlow, as `callflow import`). Opens
 * the draft and, beside it, the report of what was mapped, approximated or dropped.
 */
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  importFlowSource,
  importReportMarkdown,
  missingPlaceholders,
  type ImportDialect,
  type ImportReportEntry,
  type OperationResult,
  plural,
} from '../../core';
import { readUserFile } from '../../platform/nodeWorkspaceFiles';
import { openFile, withProgress, type CommandContext } from '../commands/commandContext';
import { askText } from '../commands/inputs';
import { askNameAndDescription, type NewFlowArgs } from './lifecycleCommands';
import { Cancelled, ExpectedError } from '../expectedErrors';
import { besideColumn } from '../editorGroups';
import { parseArgs, resolveWorkspace } from '../commands/targets';

export interface ImportFlowArgs extends NewFlowArgs {
  /** Absolute path of the exported flow (asked for with an open dialog when missing). */
  file?: string;
  from?: ImportDialect;
  /** Values of an Archy file's {{placeholders}} (asked for when missing). */
  set?: Record<string, string>;
}

export type ImportFlowResult = OperationResult & { dialect: ImportDialect; report: ImportReportEntry[] };

export async function importFlow(ctx: CommandContext, arg?: unknown): Promise<ImportFlowResult> {
  const { args } = parseArgs<ImportFlowArgs>(arg);
  const workspace = await resolveWorkspace(ctx, arg);
  const file = args.file ?? (await pickExport());
  const fileName = path.basename(file);
  const text = await readUserFile(file, fileName, 'import-source');
  if (text === undefined)
    throw new ExpectedError('missing-file', `${file} does not exist.`, 'Pick the exported flow file again.');
  const set = new Map(Object.entries(args.set ?? {}));
  for (const name of missingPlaceholders(text, set, args.from))
    set.set(
      name,
      await askText({
        title: `Import Flow: {{${name}}}`,
        prompt: `${fileName} has the placeholder {{${name}}}: the value to put in its place`,
        check: (value) => ({
          problem: value === '' ? 'Give a value (it replaces the placeholder in the file).' : undefined,
          info: '',
        }),
      }),
    );
  const facade = await workspace.open();
  const { settings } = await facade.layout();
  const imported = importFlowSource(text, {
    fileName,
    ...(args.from ? { from: args.from } : {}),
    ...(set.size > 0 ? { set } : {}),
    ...(settings.timezone ? { timezone: settings.timezone } : {}),
  });
  const { name, ...options } = await askNameAndDescription(
    args,
    new Set((await facade.list()).map((f) => f.id)),
    'Import Flow',
    imported.name ?? fileName.replace(/\.(json|ya?ml)$/i, ''),
  );
  const source = {
    dialect: imported.dialect,
    file: fileName,
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
  };
  const result = await withProgress(`Importing ${fileName}…`, () =>
    facade.importFlow(name, imported.text, source, options),
  );
  ctx.log.info(
    `import ${result.flowId}: v${result.version} draft from ${imported.dialect} ${fileName} (commit ${result.commit?.slice(0, 7) ?? ''})`,
  );
  await openFile(workspace, result.file);
  const report = await vscode.workspace.openTextDocument({
    language: 'markdown',
    content: importReportMarkdown({
      name,
      flowId: result.flowId,
      file: result.file ?? '',
      sourceFile: fileName,
      dialect: imported.dialect,
      report: imported.report,
      problems: result.validation?.problems ?? [],
    }),
  });
  await vscode.window.showTextDocument(report, {
    viewColumn: besideColumn(),
    preview: true,
    preserveFocus: true,
  });
  const problems = result.validation?.problems.length ?? 0;
  ctx.notifications.info(
    `Imported "${name}" (${result.flowId}) as a v${result.version} draft${problems ? `: ${plural(problems, 'thing')} to fill in or check` : ''}.`,
  );
  return { ...result, dialect: imported.dialect, report: imported.report };
}

async function pickExport(): Promise<string> {
  const picked = await vscode.window.showOpenDialog({
    title: 'Import Flow: an exported Twilio Studio, Amazon Connect or Genesys Architect flow',
    openLabel: 'Import',
    canSelectMany: false,
    filters: { 'Exported flows': ['json', 'yaml', 'yml'], 'All files': ['*'] },
  });
  const uri = picked?.[0];
  if (!uri) throw new Cancelled();
  return uri.fsPath;
}
