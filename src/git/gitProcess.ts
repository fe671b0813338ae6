/**
 * Runs one git command: the adapter's only way to start git. Every command gets an environment
 * that points git at the workspace's own repository (see `gitEnvironment`), and every running
 * child is known, so an interrupted operation can stop its hooks.
 */
import { spawn, type ChildProcess } from 'node:child_process';

/**
 * What git's `local_repo_env` lists (environment.c): variables that make git use another
 * repository, index, object store or configuration than the one found from the working folder.
 * callflow started from another repository's hook inherits them; they are dropped before every
 * git call, and the adapter sets the ones it needs (GIT_INDEX_FILE for the temporary index) itself.
 */
export const REPOSITORY_ENV = [
  'GIT_ALTERNATE_OBJECT_DIRECTORIES',
  'GIT_CONFIG',
  'GIT_CONFIG_PARAMETERS',
  'GIT_CONFIG_COUNT',
  'GIT_OBJECT_DIRECTORY',
  'GIT_DIR',
  'GIT_WORK_TREE',
  'GIT_IMPLICIT_WORK_TREE',
  'GIT_GRAFT_FILE',
  'GIT_INDEX_FILE',
  'GIT_NO_REPLACE_OBJECTS',
  'GIT_REPLACE_REF_BASE',
  'GIT_PREFIX',
  'GIT_SHALLOW_FILE',
  'GIT_COMMON_DIR',
  // Not in local_repo_env, but they also change which repository or refs git sees.
  'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES',
  'GIT_DISCOVERY_ACROSS_FILESYSTEM',
  'GIT_QUARANTINE_PATH',
  'GIT_INTERNAL_SUPER_PREFIX',
] as const;

const DROPPED = new Set<string>(REPOSITORY_ENV);

/** The environment git runs in: the user's, minus every repository-redirecting variable, plus `extra`. */
export function gitEnvironment(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !DROPPED.has(key) && !/^GIT_CONFIG_(KEY|VALUE)_\d+$/.test(key)) env[key] = value;
  }
  return { ...env, GIT_TERMINAL_PROMPT: '0', ...extra };
}

export interface GitRun {
  /** Bytes git wrote to stdout. */
  stdout: Buffer;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface GitCommandOptions {
  cwd: string;
  binary?: string;
  env?: Record<string, string>;
  input?: string | Buffer;
  /** A hook: `stopRunningHooks` stops it and what it started. */
  hook?: boolean;
}

/** The hooks running now (each in its own process group), so an interruption can stop them. */
const runningHooks = new Set<ChildProcess>();

/** Stops every running hook and what it started. Plumbing commands are left to finish (they are short and atomic). */
export function stopRunningHooks(): void {
  for (const child of runningHooks) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
}

/** Runs git; resolves with what it printed and how it ended (a non-zero exit is not an error here). */
export function runGit(args: readonly string[], options: GitCommandOptions): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(options.binary ?? 'git', args, {
      cwd: options.cwd,
      env: gitEnvironment(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C in the terminal reaches callflow, which decides what to stop;
      // a ref transaction in flight is never cut short.
      detached: true,
    });
    if (options.hook) runningHooks.add(child);
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => errors.push(c));
    child.stdin.on('error', () => undefined); // git may exit before reading all input
    child.on('error', (err) => {
      runningHooks.delete(child);
      reject(err);
    });
    child.on('close', (code, signal) => {
      runningHooks.delete(child);
      resolve({ stdout: Buffer.concat(chunks), stderr: Buffer.concat(errors).toString('utf8'), code, signal });
    });
    child.stdin.end(options.input ?? '');
  });
}
