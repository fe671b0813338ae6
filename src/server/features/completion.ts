/** Completion requests: the core's entries as LSP items (snippets, the new step's stub and its reveal). */
import {
  CompletionItemKind,
  InsertTextFormat,
  type CompletionItem,
  type CompletionParams,
} from 'vscode-languageserver/node';
import { completions, type CompletionKind } from '../../core';
import { rangeOf, type ServerContext } from '../context';
import { REVEAL_STEP_COMMAND } from './commands';

const KINDS: Record<CompletionKind, CompletionItemKind> = {
  'step-type': CompletionItemKind.Class,
  field: CompletionItemKind.Property,
  step: CompletionItemKind.Reference,
  'new-step': CompletionItemKind.Snippet,
  flow: CompletionItemKind.Module,
  value: CompletionItemKind.EnumMember,
  variable: CompletionItemKind.Variable,
  key: CompletionItemKind.Keyword,
  'time-zone': CompletionItemKind.Value,
  queue: CompletionItemKind.Value,
};

export async function provideCompletion(
  ctx: ServerContext,
  params: CompletionParams,
): Promise<CompletionItem[] | null> {
  const file = await ctx.file(params.textDocument.uri);
  if (!file) return null;
  // While typing, the outline of an earlier keystroke is good enough (step ids and variables
  // barely move); it is refreshed after the answer, off the keystroke's path.
  const outline = ctx.outlines.get(file.uri);
  const list = completions(outline ? { ...file, outline } : file, file.document.offsetAt(params.position));
  if (file.role.kind === 'version')
    setImmediate(() => ctx.outlines.set(file.uri, file.index!.outlineOf(file.relativePath, file.text)));
  if (!list) return null;
  const range = rangeOf(file.document, list.replace);
  return list.items.map((entry): CompletionItem => {
    const item: CompletionItem = {
      label: entry.label,
      kind: KINDS[entry.kind],
      textEdit: { range, newText: entry.insertText ?? entry.label },
      insertTextFormat: entry.snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    };
    if (entry.detail) item.detail = entry.detail;
    if (entry.documentation) item.documentation = { kind: 'markdown', value: entry.documentation };
    if (entry.sortText) item.sortText = entry.sortText;
    if (entry.additionalEdits) {
      item.additionalTextEdits = entry.additionalEdits.map((edit) => ({
        range: rangeOf(file.document, edit),
        newText: edit.newText,
      }));
    }
    if (entry.revealStep) {
      item.command = {
        title: 'Show the new step',
        command: REVEAL_STEP_COMMAND,
        arguments: [file.uri, entry.revealStep],
      };
    }
    return item;
  });
}
