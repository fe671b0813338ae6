/**
 * A real LSP client for the tests: spawns the built `callflow lsp --stdio` and speaks JSON-RPC
 * to it with vscode-jsonrpc, as an editor does.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from 'vscode-jsonrpc/node';

const CLI = path.resolve(__dirname, '../../../../bin/callflow.js');
const EDITOR_SERVER = path.resolve(__dirname, '../../../../dist/server.js');

export interface Diagnostic {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: number;
  code: string;
  source: string;
  message: string;
}

export class LspTestClient {
  private readonly diagnostics = new Map<string, Diagnostic[]>();
  private readonly listeners: Array<() => void> = [];
  readonly shownDocuments: unknown[] = [];
  readonly registrations: unknown[] = [];
  private versions = new Map<string, number>();

  private constructor(
    readonly process: ChildProcess,
    readonly connection: MessageConnection,
    readonly root: string,
  ) {
    connection.onNotification(
      'textDocument/publishDiagnostics',
      (params: { uri: string; diagnostics: Diagnostic[] }) => {
        this.diagnostics.set(params.uri, params.diagnostics);
        for (const listener of this.listeners.splice(0)) listener();
      },
    );
    connection.onNotification('window/logMessage', () => undefined);
    connection.onRequest('window/showDocument', (params: unknown) => {
      this.shownDocuments.push(params);
      return { success: true };
    });
    connection.onRequest('client/registerCapability', (params: unknown) => {
      this.registrations.push(params);
      return null;
    });
  }

  /**
   * Starts the server in `root` and completes the initialize handshake: `callflow lsp --stdio`, or
   * with `editorServer` the bundle the extension starts (dist/server.js), in `env`.
   */
  static async start(
    root: string,
    how: { editorServer?: boolean; env?: NodeJS.ProcessEnv } = {},
  ): Promise<LspTestClient> {
    const args = how.editorServer ? [EDITOR_SERVER, '--stdio'] : [CLI, 'lsp', '--stdio'];
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: ['pipe', 'pipe', 'pipe'],
      ...(how.env ? { env: how.env } : {}),
    });
    const connection = createMessageConnection(
      new StreamMessageReader(child.stdout),
      new StreamMessageWriter(child.stdin),
    );
    connection.listen();
    const client = new LspTestClient(child, connection, root);
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: pathToFileURL(root).toString(),
      workspaceFolders: [{ uri: pathToFileURL(root).toString(), name: 'flows' }],
      capabilities: {
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
        window: { showDocument: { support: true } },
      },
      initializationOptions: { debounceMs: 0 },
    });
    await connection.sendNotification('initialized', {});
    return client;
  }

  uri(relative: string): string {
    return pathToFileURL(path.join(this.root, relative)).toString();
  }

  async open(relative: string, text: string): Promise<string> {
    const uri = this.uri(relative);
    this.versions.set(uri, 1);
    await this.connection.sendNotification('textDocument/didOpen', {
      textDocument: { uri, languageId: 'yaml', version: 1, text },
    });
    return uri;
  }

  async change(relative: string, text: string): Promise<void> {
    const uri = this.uri(relative);
    const version = (this.versions.get(uri) ?? 1) + 1;
    this.versions.set(uri, version);
    await this.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ text }],
    });
  }

  async close(relative: string): Promise<void> {
    await this.connection.sendNotification('textDocument/didClose', { textDocument: { uri: this.uri(relative) } });
  }

  async filesChanged(...changes: Array<{ relative: string; type: 1 | 2 | 3 }>): Promise<void> {
    await this.connection.sendNotification('workspace/didChangeWatchedFiles', {
      changes: changes.map((c) => ({ uri: this.uri(c.relative), type: c.type })),
    });
  }

  request<R>(method: string, params: unknown): Promise<R> {
    return this.connection.sendRequest<R>(method, params);
  }

  /** Waits until the server's diagnostics for the file satisfy `accept`. */
  async diagnosticsOf(
    relative: string,
    accept: (d: Diagnostic[]) => boolean,
    timeoutMs = 10_000,
  ): Promise<Diagnostic[]> {
    const uri = this.uri(relative);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const current = this.diagnostics.get(uri);
      if (current && accept(current)) return current;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`timed out waiting for diagnostics of ${relative}: ${JSON.stringify(current)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.listeners.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.process.once('exit', (code) => resolve(code)));
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await exited;
    this.connection.dispose();
    return code;
  }
}
