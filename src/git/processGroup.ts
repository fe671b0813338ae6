/**
 * The one place that starts git without simple-git, for the commands that must run in a process
 * group of their own. simple-git's spawn options pass only `uid` and `gid` to Node's `spawn`
 * (`detached`, which puts the child in a new process group, is not among them), and it exposes
 * neither the child nor its pid: a process group can be neither made nor signalled through it.
 * Two kinds of command need one:
 *
 * - `stoppable`: a command that runs the user's programs and may wait on them for ever (a hook,
 *   a signing program waiting for a passphrase). An interruption stops the whole group: the hook
 *   and whatever it started, gpg under `git commit-tree -S` (git does not stop it when killed).
 * - `shielded`: the ref transaction that moves HEAD and creates the tag. A Ctrl-C in a terminal
 *   signals the terminal's foreground process group; in a group of its own, git finishes the
 *   transaction (all of it) and callflow decides what the interruption means.
 *
 * Everything else runs through simple-git (gitProcess.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { GitRun } from './gitProcess';

export interface GroupCommand {
  binary: string;
  args: readonly string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  input?: string | Buffer;
  /** An interruption stops it and what it started (`stopRunningHooks`); otherwise it is left to finish. */
  stoppable: boolean;
}

/** The stoppable commands running now (each the leader of its own process group). */
const running = new Set<ChildProcess>();

/** Stops every running hook or signing program and what it started. Shielded commands finish. */
export function stopRunningHooks(): void {
  for (const child of running) {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
    } catch {
      child.kill('SIGTERM');
    }
  }
}

/** Runs git as the leader of a new process group; resolves with what it printed and how it ended. */
export function runInOwnProcessGroup(command: GroupCommand): Promise<GitRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command.binary, command.args, {
      cwd: command.cwd,
      env: command.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    if (command.stoppable) running.add(child);
    const chunks: Buffer[] = [];
    const errors: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => errors.push(c));
    child.stdin.on('error', () => undefined); // git may exit before reading all input
    child.on('error', (err) => {
      running.delete(child);
      reject(err);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      resolve({ stdout: Buffer.concat(chunks), stderr: Buffer.concat(errors).toString('utf8'), code, signal });
    });
    child.stdin.end(command.input ?? '');
  });
}
