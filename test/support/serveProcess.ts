/**
 * `callflow serve` as its own process (the compiled CLI), for tests that need real replicas (two
 * processes, one killed mid-call) and for the benchmark: started on a free loopback port, ready
 * once /healthz answers 200, its execution log in a file the test reads.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The compiled CLI (out/src/cli/main.js), found from this file's place in out/test/support. */
const CLI = path.resolve(__dirname, '../../src/cli/main.js');
/** Runs the compiled CLI as bin/callflow.js runs the bundle (main.js exports it, and runs nothing itself). */
const RUN_CLI = `require(${JSON.stringify(CLI)}).runInTerminal(process.argv.slice(1)).then((code) => { process.exitCode = code; });`;

export interface ServeProcessOptions {
  /** The flow workspace served. */
  cwd: string;
  publicUrl: string;
  carrier: 'twilio' | 'signalwire' | 'telnyx';
  /** Secrets and anything else the server reads from its environment. */
  env: Record<string, string>;
  args?: readonly string[];
}

export interface ServeProcess {
  /** http://127.0.0.1:PORT */
  url: string;
  pid: number;
  /** The execution log so far, one object per line. */
  logLines(): Array<Record<string, unknown>>;
  /** What the process wrote to stderr. */
  stderr(): string;
  /** Resident memory of the process, in bytes (Linux). */
  residentBytes(): number;
  /** CPU milliseconds (user + system) the server has used so far (Linux /proc). */
  cpuMs(): number;
  /** SIGTERM, then wait for the exit. */
  stop(): Promise<void>;
  /** SIGKILL: a replica that dies mid-call. */
  kill(): Promise<void>;
}

export async function startServeProcess(options: ServeProcessOptions): Promise<ServeProcess> {
  const port = await freePort();
  const folder = mkdtempSync(path.join(tmpdir(), 'callflow-serve-'));
  const logFile = path.join(folder, 'calls.log');
  let stderr = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      RUN_CLI,
      'serve',
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--public-url',
      options.publicUrl,
      '--carrier',
      options.carrier,
      '--log',
      logFile,
      ...(options.args ?? []),
    ],
    {
      cwd: options.cwd,
      env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...options.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;
  const ready = await waitUntilHealthy(url, exited, 30_000);
  if (!ready) {
    child.kill('SIGKILL');
    await exited;
    rmSync(folder, { recursive: true, force: true });
    throw new Error(`callflow serve did not become healthy on ${url}:\n${stderr}`);
  }
  let ended = false;
  const end = async (signal: NodeJS.Signals): Promise<void> => {
    if (!ended) {
      ended = true;
      child.kill(signal);
      await exited;
    }
  };
  return {
    url,
    pid: child.pid!,
    logLines: () => {
      let text: string;
      try {
        text = readFileSync(logFile, 'utf8');
      } catch {
        return [];
      }
      return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    },
    stderr: () => stderr,
    cpuMs: () => processCpuMs(child.pid!),
    residentBytes: () => {
      const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
      const kb = /VmRSS:\s+(\d+)\s+kB/.exec(status);
      return kb ? Number(kb[1]) * 1024 : NaN;
    },
    stop: async () => {
      await end('SIGTERM');
      rmSync(folder, { recursive: true, force: true });
    },
    kill: () => end('SIGKILL'),
  };
}

async function waitUntilHealthy(url: string, exited: Promise<void>, timeoutMs: number): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !gone) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.status === 200) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** CPU milliseconds (user + system) a process has used so far, from /proc/PID/stat (Linux). */
export function processCpuMs(pid: number): number {
  // After "pid (comm) ", utime and stime (fields 14 and 15 of proc(5)) are at index 11 and 12, in clock ticks.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}
