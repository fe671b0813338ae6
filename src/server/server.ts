/**
 * The flow language server: live problems, completion, hover, go to definition, references,
 * rename, symbols and quick fixes for the files of flow workspaces, over any LSP connection
 * (node IPC from the VS Code extension, stdio for `callflow lsp --stdio`). The language itself
 * is in src/core/language; this file wires requests and file events to it.
 */
import {
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { filePathOf, ServerContext } from './context';
import { provideCodeActions } from './features/codeActions';
import { executeCommand, SERVER_COMMANDS } from './features/commands';
import { provideCompletion } from './features/completion';
import { LiveDiagnostics } from './features/diagnostics';
import { provideHover } from './features/hover';
import { provideDefinition, providePrepareRename, provideReferences, provideRename } from './features/navigation';
import { provideDocumentSymbols, provideWorkspaceSymbols } from './features/symbols';
import { ServedWorkspaces } from './workspaces';
import { DEFAULT_EDITOR_SETTINGS, EDITOR_SETTINGS_SECTION, readEditorSettings } from '../core';

/** `validation.debounceMs` in { validation: { debounceMs } } (or a flat 'validation.debounceMs' key). */
function valueAtPath(section: object, key: string): unknown {
  const flat = (section as Record<string, unknown>)[key];
  if (flat !== undefined) return flat;
  let value: unknown = section;
  for (const part of key.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export interface ServerOptions {
  /** Milliseconds after a keystroke before a file is validated (initializationOptions.debounceMs wins). */
  debounceMs?: number;
  /** Called once, when the workspace's index has loaded and its files are validated (the server is warm). */
  onIndexed?: () => void;
}

export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const documents = new TextDocuments(TextDocument);
  const workspaces = new ServedWorkspaces((file) => {
    const uri = [...documents.keys()].find((key) => filePathOf(key) === file);
    return uri ? documents.get(uri)?.getText() : undefined;
  });
  const ctx = new ServerContext(connection, documents, workspaces);
  const diagnostics = new LiveDiagnostics(ctx, options.debounceMs ?? DEFAULT_EDITOR_SETTINGS.validationDebounceMs);
  let folders: string[] = [];
  let watchDynamically = false;

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const given = (params.initializationOptions as { debounceMs?: unknown } | undefined)?.debounceMs;
    if (typeof given === 'number') diagnostics.setDebounce(readEditorSettings(() => given).validationDebounceMs);
    folders = (params.workspaceFolders ?? []).map((f) => filePathOf(f.uri)).filter((f): f is string => !!f);
    if (folders.length === 0 && params.rootUri) folders = [filePathOf(params.rootUri)].filter((f): f is string => !!f);
    watchDynamically = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        completionProvider: { triggerCharacters: [':', '{', ' '] },
        hoverProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        renameProvider: { prepareProvider: true },
        documentSymbolProvider: true,
        workspaceSymbolProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
        executeCommandProvider: { commands: SERVER_COMMANDS },
      },
      serverInfo: { name: 'callflow', version: process.env['CALLFLOW_VERSION'] ?? '0.1.0' },
    };
  });

  // A client that synchronizes `callflow.*` (VS Code) sends it nested: { callflow: { validation: { debounceMs } } }.
  connection.onDidChangeConfiguration(({ settings }: { settings: unknown }) => {
    const section = (settings as Record<string, unknown> | null)?.[EDITOR_SETTINGS_SECTION];
    if (typeof section !== 'object' || section === null) return;
    diagnostics.setDebounce(readEditorSettings((key) => valueAtPath(section, key)).validationDebounceMs);
  });

  // The index is loaded once; requests wait for it rather than read the disk themselves.
  let ready: Promise<void> = Promise.resolve();
  connection.onInitialized(() => {
    ready = Promise.all(folders.map((folder) => workspaces.addFolder(folder))).then(() => diagnostics.revalidateAll());
    if (options.onIndexed) void ready.then(options.onIndexed, () => undefined);
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [{ globPattern: '**/*.yaml' }],
      });
    }
  });

  connection.onDidChangeWatchedFiles(async ({ changes }) => {
    await ready;
    let changed = false;
    for (const change of changes) {
      const file = filePathOf(change.uri);
      if (file && !documents.get(change.uri)) changed = (await workspaces.fileChanged(file)) || changed;
    }
    if (changed) diagnostics.revalidateAll();
  });

  documents.onDidOpen(({ document }) => {
    void ready.then(() => diagnostics.validate(document.uri));
  });
  documents.onDidChangeContent(({ document }) => {
    void ready.then(async () => {
      const file = filePathOf(document.uri);
      // The open text is what the rest of the workspace sees (goto-flow targets, queues, step ids).
      if (file) await workspaces.fileChanged(file);
      diagnostics.schedule(document.uri);
    });
  });
  documents.onDidClose(({ document }) => {
    diagnostics.clear(document.uri);
    const file = filePathOf(document.uri);
    // Back to the text on disk.
    if (file) void ready.then(() => workspaces.fileChanged(file));
  });

  const after =
    <P, R>(handler: (ctx: ServerContext, params: P) => Promise<R>) =>
    async (params: P): Promise<R> => {
      await ready;
      return handler(ctx, params);
    };
  connection.onCompletion(after(provideCompletion));
  connection.onHover(after(provideHover));
  connection.onDefinition(after(provideDefinition));
  connection.onReferences(after(provideReferences));
  connection.onPrepareRename(after(providePrepareRename));
  connection.onRenameRequest(after(provideRename));
  connection.onDocumentSymbol(after(provideDocumentSymbols));
  connection.onWorkspaceSymbol(after(provideWorkspaceSymbols));
  connection.onCodeAction(after(provideCodeActions));
  connection.onExecuteCommand(after(executeCommand));
  connection.onShutdown(() => diagnostics.dispose());

  documents.listen(connection);
  connection.listen();
}
