/**
 * What every feature of the server shares: the open documents, the served workspaces and the
 * turn of a request's URI into the core's LanguageFile (role by the core's classifier).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection, Range, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FlowOutline, LanguageFile, TextSpan } from '../core';
import type { ServedWorkspace, ServedWorkspaces, WorkspaceNeed } from './workspaces';

export interface RequestFile extends LanguageFile {
  uri: string;
  document: TextDocument;
  workspace: ServedWorkspace;
}

export class ServerContext {
  /** The last outline computed for each open document (refreshed after each completion): completion reads it. */
  readonly outlines = new Map<string, FlowOutline>();

  constructor(
    readonly connection: Connection,
    readonly documents: TextDocuments<TextDocument>,
    readonly workspaces: ServedWorkspaces,
  ) {}

  /**
   * The request's file, when it is a file of a flow workspace with a role; undefined otherwise.
   * `need: 'document'` answers before the workspace's index is whole (for what the file alone decides).
   */
  async file(uri: string, need: WorkspaceNeed = 'index'): Promise<RequestFile | undefined> {
    const document = this.documents.get(uri) ?? (await this.documentOnDisk(uri, need));
    const file = filePathOf(uri);
    if (!document || !file) return undefined;
    const found = await this.workspaces.forFile(file, need);
    if (!found) return undefined;
    const role = found.workspace.index.roleOf(found.relativePath);
    if (!role) return undefined;
    return {
      uri,
      document,
      workspace: found.workspace,
      role,
      relativePath: found.relativePath,
      text: document.getText(),
      index: found.workspace.index,
    };
  }

  /** A workspace file as a document: the open one, else its text as indexed or on disk. */
  async documentOf(workspace: ServedWorkspace, relativePath: string): Promise<TextDocument | undefined> {
    const uri = uriOf(workspace.root, relativePath);
    return this.documents.get(uri) ?? this.documentOnDisk(uri);
  }

  private async documentOnDisk(uri: string, need: WorkspaceNeed = 'index'): Promise<TextDocument | undefined> {
    const file = filePathOf(uri);
    const found = file && (await this.workspaces.forFile(file, need));
    if (!found) return undefined;
    const text = await found.workspace.files.readText(found.relativePath).catch(() => undefined);
    return text === undefined ? undefined : TextDocument.create(uri, 'yaml', 0, text);
  }
}

export function filePathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

export function uriOf(root: string, relativePath: string): string {
  return pathToFileURL(`${root}/${relativePath}`).toString();
}

export function rangeOf(document: TextDocument, span: TextSpan): Range {
  return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}
