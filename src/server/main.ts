/**
 * The language server as its own process (dist/server/main.js, which dist/server.js loads). The
 * transport comes from the command line as vscode-languageclient passes it (--node-ipc, --stdio,
 * --socket=N).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

/** Starts the server on this process's transport; `onIndexed` as in ServerOptions. */
export function run(onIndexed?: () => void): void {
  startServer(createConnection(ProposedFeatures.all), onIndexed ? { onIndexed } : {});
}
