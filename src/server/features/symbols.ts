/** Document symbols (Outline, breadcrumbs, Go to Symbol in Editor) and workspace symbols. */
import {
  SymbolKind,
  type DocumentSymbol,
  type DocumentSymbolParams,
  type SymbolInformation,
  type WorkspaceSymbolParams,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { documentSymbols, workspaceSymbols } from '../../core';
import { rangeOf, uriOf, type ServerContext } from '../context';

export async function provideDocumentSymbols(
  ctx: ServerContext,
  params: DocumentSymbolParams,
): Promise<DocumentSymbol[] | null> {
  // The outline is the document's own: it does not wait for the workspace's index.
  const file = await ctx.file(params.textDocument.uri, 'document');
  if (!file) return null;
  return documentSymbols(file).map((symbol) => ({
    name: symbol.name,
    detail: symbol.detail,
    kind: SymbolKind.Function,
    range: rangeOf(file.document, symbol.span),
    selectionRange: rangeOf(file.document, symbol.selectionSpan),
  }));
}

export async function provideWorkspaceSymbols(
  ctx: ServerContext,
  params: WorkspaceSymbolParams,
): Promise<SymbolInformation[]> {
  const found: SymbolInformation[] = [];
  for (const workspace of await ctx.workspaces.all()) {
    const documents = new Map<string, TextDocument>();
    for (const symbol of workspaceSymbols(workspace.index, params.query)) {
      const uri = uriOf(workspace.root, symbol.file);
      let document = ctx.documents.get(uri) ?? documents.get(uri);
      if (!document) {
        const [flowId, name] = symbol.file.split('/').slice(-2);
        const version = /^v(\d+)\.yaml$/.exec(name ?? '')?.[1];
        const text = version && flowId ? workspace.index.versionText(flowId, Number(version)) : undefined;
        document = TextDocument.create(uri, 'yaml', 0, text ?? '');
        documents.set(uri, document);
      }
      const information: SymbolInformation = {
        name: symbol.name,
        kind: symbol.kind === 'flow' ? SymbolKind.Module : SymbolKind.Function,
        location: { uri, range: rangeOf(document, symbol.selectionSpan) },
      };
      if (symbol.container) information.containerName = symbol.container;
      found.push(information);
    }
  }
  return found;
}
