/** Go to Definition, Find All References and Rename: the core's locations and edits as LSP answers. */
import {
  ResponseError,
  type DefinitionParams,
  type Location,
  type PrepareRenameParams,
  type Range,
  type ReferenceParams,
  type RenameParams,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { definition, prepareRename, references, rename, type FileLocation } from '../../core';
import { rangeOf, uriOf, type RequestFile, type ServerContext } from '../context';

/** LSP's code for a request that cannot be done as asked (the message is shown to the user). */
const REQUEST_FAILED = -32803;

async function toLocations(ctx: ServerContext, file: RequestFile, found: FileLocation[]): Promise<Location[]> {
  const locations: Location[] = [];
  for (const location of found) {
    const document =
      location.file === file.relativePath ? file.document : await ctx.documentOf(file.workspace, location.file);
    if (!document) continue;
    locations.push({ uri: document.uri, range: rangeOf(document, location.span) });
  }
  return locations;
}

export async function provideDefinition(ctx: ServerContext, params: DefinitionParams): Promise<Location[] | null> {
  const file = await ctx.file(params.textDocument.uri);
  if (!file) return null;
  const found = definition(file, file.document.offsetAt(params.position));
  return found.length > 0 ? toLocations(ctx, file, found) : null;
}

export async function provideReferences(ctx: ServerContext, params: ReferenceParams): Promise<Location[] | null> {
  const file = await ctx.file(params.textDocument.uri);
  if (!file) return null;
  const found = references(file, file.document.offsetAt(params.position), params.context.includeDeclaration);
  return found.length > 0 ? toLocations(ctx, file, found) : null;
}

export async function providePrepareRename(
  ctx: ServerContext,
  params: PrepareRenameParams,
): Promise<{ range: Range; placeholder: string } | null> {
  const file = await ctx.file(params.textDocument.uri);
  if (!file) return null;
  const result = prepareRename(file, file.document.offsetAt(params.position));
  if (!result) return null;
  if ('refusal' in result) throw new ResponseError(REQUEST_FAILED, result.refusal.message);
  return { range: rangeOf(file.document, result.span), placeholder: result.placeholder };
}

export async function provideRename(ctx: ServerContext, params: RenameParams): Promise<WorkspaceEdit | null> {
  const file = await ctx.file(params.textDocument.uri);
  if (!file) return null;
  const result = rename(file, file.document.offsetAt(params.position), params.newName);
  if (!result) return null;
  if ('refusal' in result) throw new ResponseError(REQUEST_FAILED, result.refusal.message);
  const changes: WorkspaceEdit['changes'] = {};
  for (const { file: relative, edits } of result.edits) {
    const document = relative === file.relativePath ? file.document : await ctx.documentOf(file.workspace, relative);
    if (!document) continue;
    changes[relative === file.relativePath ? file.uri : uriOf(file.workspace.root, relative)] = edits.map((edit) => ({
      range: rangeOf(document, edit),
      newText: edit.newText,
    }));
  }
  return { changes };
}
