/**
 * Code actions: the core's quick fixes (src/core/language/quickFixes) for the diagnostics the
 * editor sends back; each a CodeAction of kind quickfix with `diagnostics` set. The fixes read
 * the problem's structured data, which the server put on the diagnostic.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { quickFixesFor, type FixableProblem, type QuickFixContext } from '../../core';
import { rangeOf, type ServerContext } from '../context';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export async function provideCodeActions(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[] | null> {
  const file = await ctx.file(params.textDocument.uri);
  if (!file) return null;
  const actions: CodeAction[] = [];
  // The workspace's schedules only matter to a step without hours: read them once, and only then.
  let context: QuickFixContext | undefined;
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code === undefined) continue;
    const problem: FixableProblem = { code: String(diagnostic.code) };
    if (diagnostic.data !== undefined) problem.data = diagnostic.data as FixableProblem['data'];
    if (problem.code === 'no-opening-hours') context ??= { schedules: file.index?.schedules() ?? [] };
    for (const fix of quickFixesFor(file.text, problem, context ?? {})) {
      const action: CodeAction = {
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        edit: {
          changes: {
            [file.uri]: fix.edits.map((edit) => ({ range: rangeOf(file.document, edit), newText: edit.newText })),
          },
        },
      };
      if (fix.preferred) action.isPreferred = true;
      actions.push(action);
    }
  }
  return actions;
}
