/**
 * The language server as an editor starts it: `node dist/server.js --stdio` on a workspace of
 * 1,000 flows, from spawning the process to the answer of its first request (the Outline of a
 * file, which does not wait for the workspace's index), and on to the first answer that needs
 * the whole index (a completion).
 */
import { spawn } from 'node:child_process';
import { promises as fs, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import { writeManyFlows } from '../test/helpers/manyFlows';
import { median, type BenchResult } from './result';
import { COMPILE_CACHE_ENV } from '../src/platform/compileCache';

// CALLFLOW_BENCH_SERVER measures another build's dist/server.js (a before/after comparison).
const SERVER = process.env['CALLFLOW_BENCH_SERVER'] ?? path.resolve(__dirname, '../../dist/server.js');
const FLOWS = 1000;
const TARGET_MS = 300;

async function firstAnswer(root: string, cache: string): Promise<{ first: number; indexed: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, [SERVER, '--stdio'], {
    stdio: ['pipe', 'pipe', 'ignore'],
    // The server's code cache (src/platform/compileCache.ts) for this run only: the first start has none.
    env: { ...process.env, [COMPILE_CACHE_ENV]: cache },
  });
  const connection = createMessageConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  connection.listen();
  const rootUri = pathToFileURL(root).toString();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri,
    workspaceFolders: [{ uri: rootUri, name: 'flows' }],
    capabilities: {},
  });
  await connection.sendNotification('initialized', {});
  const uri = pathToFileURL(path.join(root, 'flows/flow-0500/v3.yaml')).toString();
  await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  const first = performance.now() - started;
  await connection.sendRequest('textDocument/completion', {
    textDocument: { uri },
    position: { line: 0, character: 0 },
  });
  const indexed = performance.now() - started;
  await connection.sendRequest('shutdown');
  await connection.sendNotification('exit');
  connection.dispose();
  child.kill();
  return { first, indexed };
}

export async function benchLanguageServer(): Promise<BenchResult[]> {
  const root = await fs.realpath(mkdtempSync(path.join(os.tmpdir(), 'callflow-bench-lsp-')));
  const cache = mkdtempSync(path.join(os.tmpdir(), 'callflow-bench-lsp-cache-'));
  try {
    await writeManyFlows(root, FLOWS);
    // The first start compiles the server and, once warm, writes its code cache; later starts take it.
    const cold = await firstAnswer(root, cache);
    const runs: Array<{ first: number; indexed: number }> = [];
    for (let i = 0; i < 5; i++) runs.push(await firstAnswer(root, cache));
    const ms = Math.round(median(runs.map((r) => r.first)));
    const indexedMs = Math.round(median(runs.map((r) => r.indexed)));
    const flows = FLOWS.toLocaleString('en-US');
    return [
      {
        name: `server start to first answer (a file's Outline), ${flows}-flow workspace (median of 5)`,
        value: ms,
        unit: 'ms',
        target: `≤ ${TARGET_MS} ms`,
        ok: ms <= TARGET_MS,
      },
      {
        name: `server start to the first answer needing the whole index (a completion), ${flows} flows`,
        value: indexedMs,
        unit: 'ms',
      },
      {
        name: '  the first start (no code cache yet): first answer / whole index',
        value: Math.round(cold.first),
        unit: `ms / ${Math.round(cold.indexed)} ms`,
      },
    ];
  } finally {
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(cache, { recursive: true, force: true });
  }
}
