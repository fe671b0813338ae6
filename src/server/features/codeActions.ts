/**
 * Code actions: the core's quick fixes (src/core/language/codeActions.ts) for the diagnostics
 * the editor sends back, each a CodeAction with `diagnostics` set.
 */
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver/node';
import { quickFixes } from '../../core/language';
import { rangeOf, type ServerContext } from '../context';
import { DIAGNOSTIC_SOURCE } from './diagnostics';

export async function provideCodeActions(ctx: ServerContext, params: CodeActionParams): Promise<CodeAction[] | null> {
  const file = await ctx.file(params.textDocument.uri);
  if (!file) return null;
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || diagnostic.code === undefined) continue;
    const span = {
      start: file.document.offsetAt(diagnostic.range.start),
      end: file.document.offsetAt(diagnostic.range.end),
    };
    const message = typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
    for (const fix of quickFixes(file, { code: String(diagnostic.code), message, span })) {
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
