/**
 * dist/server.js: the language server as its own process. The transport comes from the command
 * line as vscode-languageclient passes it (--node-ipc, --stdio, --socket=N).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

startServer(createConnection(ProposedFeatures.all));
