/**
 * Runs one git command: the adapter's only way to start git. Commands run through simple-git;
 * the few that need a process group of their own (hooks, signing, the ref transaction) run through
 * processGroup.ts, which says why. Every command gets an environment that points git at the
 * workspace's own repository (see `gitEnvironment`), and its result is data: the bytes git wrote,
 * what it said, and its exit status — a non-zero exit is for the caller to judge.
 */
import { simpleGit, type SimpleGitOptions } from 'simple-git';
import { runInOwnProcessGroup } from './processGroup';

export { stopRunningHooks } from './processGroup';

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
  /** Configuration keys this command writes (`git config <key> <value>`): simple-git lets only listed ones through. */
  configWrites?: readonly string[];
  /**
   * A process group of its own (processGroup.ts): `stoppable` for a hook or a command that may wait
   * on a signing program (an interruption stops it and what it started), `shielded` for the ref
   * transaction (a terminal's Ctrl-C does not reach it).
   */
  group?: 'stoppable' | 'shielded';
}

/** Runs git; resolves with what it printed and how it ended (a non-zero exit is not an error here). */
export function runGit(args: readonly string[], options: GitCommandOptions): Promise<GitRun> {
  const env = gitEnvironment(options.env);
  const binary = options.binary ?? 'git';
  if (options.group) {
    return runInOwnProcessGroup({
      binary,
      args,
      cwd: options.cwd,
      env,
      stoppable: options.group === 'stoppable',
      ...(options.input !== undefined ? { input: options.input } : {}),
    });
  }
  return runThroughSimpleGit(args, binary, env, options);
}

/** Thrown when git could not be started at all (not installed, the folder gone): no exit status to report. */
export class GitStartError extends Error {}

async function runThroughSimpleGit(
  args: readonly string[],
  binary: string,
  env: NodeJS.ProcessEnv,
  options: GitCommandOptions,
): Promise<GitRun> {
  let ended: { exitCode: number; stdOut: Buffer[]; stdErr: Buffer[] } | undefined;
  const settings: Partial<SimpleGitOptions> = {
    baseDir: options.cwd,
    // The binary is the user's own setting, not input from elsewhere: any path is allowed.
    binary,
    unsafe: { allowUnsafeCustomBinary: true },
    // The environment is the user's (minus what redirects git): every variable in it is meant.
    allowEnvironment: Object.keys(env),
    allowConfig: [...(options.configWrites ?? [])],
    // `close` once stdio is drained; `exit` (+50 ms) when something git started keeps a pipe open.
    completion: { onClose: true, onExit: 50 },
    // simple-git rejects only when git exits non-zero having written to stderr: every end is kept
    // here instead, so that the exit status, the bytes and the message are the caller's data.
    errors: (error, result) => {
      ended = result;
      return result.exitCode < 0 ? error : undefined; // a negative code: git never ran (spawn failed)
    },
    ...(options.input !== undefined && options.input.length > 0 ? { input: () => options.input } : {}),
  };
  let git;
  try {
    git = simpleGit(settings).env(env);
  } catch (err) {
    throw new GitStartError(messageOf(err)); // e.g. the working folder does not exist
  }
  git.outputHandler((_command, stdout) => {
    // simple-git waits 50 ms more for a command that printed nothing, in case its output is late;
    // after the end of stdout nothing can be late, so git's silent plumbing does not pay it.
    stdout.once('end', () => stdout.emit('data', Buffer.alloc(0)));
  });
  try {
    await git.raw([...args]);
  } catch (err) {
    if (!ended || ended.exitCode < 0) throw new GitStartError(firstLine(ended ? Buffer.concat(ended.stdErr) : err));
    throw err;
  }
  if (!ended) throw new GitStartError(`git ${args[0] ?? ''} did not run`);
  return {
    stdout: Buffer.concat(ended.stdOut),
    stderr: Buffer.concat(ended.stdErr).toString('utf8'),
    code: ended.exitCode,
    signal: null,
  };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function firstLine(what: unknown): string {
  const text = Buffer.isBuffer(what) ? what.toString('utf8') : messageOf(what);
  return text.split('\n')[0]!.replace(/^Error: /, '');
}
