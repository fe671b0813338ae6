/**
 * The lock that serializes lifecycle operations on one repository, across processes: a file in
 * the git dir created with O_EXCL, holding the owner's pid, host and process start time. A lock is
 * stale, and taken over, when its owner is on this host and is gone: its pid is not running, or
 * the pid now belongs to another process (started at another time, or before a reboot). A lock
 * held from another host is never taken over; the message names that host.
 */
import { readFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { diskErrorOf, WorkspaceBusyError } from '../core/errors';

export interface LockOptions {
  /** How long to wait for another operation to finish before giving up. */
  timeoutMs?: number;
  pollMs?: number;
}

export interface LockOwner {
  pid: number;
  host: string;
  since: string;
  /** The owner's start time as the kernel records it (boot id + start ticks), where the system tells it. */
  started?: string;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 15_000;

/** When a process started, as `<boot id>:<start ticks>` (Linux /proc); undefined elsewhere or when it is gone. */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = fields[19]; // field 22, starttime
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    return ticks ? `${boot}:${ticks}` : undefined;
  } catch {
    return undefined;
  }
}

export function currentOwner(): LockOwner {
  const started = processStartTime(process.pid);
  return {
    pid: process.pid,
    host: os.hostname(),
    since: new Date().toISOString(),
    ...(started ? { started } : {}),
  };
}

export async function acquireLock(file: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const pollMs = options.pollMs ?? 25;
  const content = JSON.stringify(currentOwner());
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await tryCreate(file, content)) {
      return async () => {
        // Only remove the lock if it is still ours (a stale-lock takeover may have replaced it).
        const now = await fs.readFile(file, 'utf8').catch(() => undefined);
        if (now === content) await fs.unlink(file).catch(() => undefined);
      };
    }
    const holder = await readLockOwner(file);
    if (holder !== 'gone' && (await isStale(file, holder))) {
      await takeOver(file, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      throw new WorkspaceBusyError(`${describeHolder(file, holder)}; waited ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs + Math.floor(Math.random() * pollMs)));
  }
}

/** Creates the lock file with our content; false when it exists. A failed write leaves no (empty) lock behind. */
async function tryCreate(file: string, content: string): Promise<boolean> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'wx');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw diskErrorOf(err, `create the operation lock ${file}`, 'Nothing was changed.') ?? err;
  }
  try {
    await handle.writeFile(content);
    await handle.close();
    return true;
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.unlink(file).catch(() => undefined);
    throw diskErrorOf(err, `write the operation lock ${file}`, 'Nothing was changed.') ?? err;
  }
}

function describeHolder(file: string, holder: LockOwner | undefined | 'gone'): string {
  if (holder === 'gone' || holder === undefined) return 'lock file ' + file;
  if (holder.host !== os.hostname()) {
    return `process ${holder.pid} on another host, ${holder.host}, since ${holder.since}; if no callflow runs there any more, delete ${file}`;
  }
  return `process ${holder.pid} on ${holder.host} since ${holder.since}`;
}

export async function readLockOwner(file: string): Promise<LockOwner | undefined | 'gone'> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch {
    return 'gone';
  }
  try {
    const parsed = JSON.parse(text) as LockOwner;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process that wrote `owner` is still running (on this host; another host's owner counts as alive). */
export function ownerAlive(owner: LockOwner): boolean {
  if (owner.host !== os.hostname()) return true;
  if (owner.pid === process.pid) return owner.started === undefined || owner.started === processStartTime(owner.pid);
  try {
    process.kill(owner.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return false;
  }
  // The pid runs, but it may be another process that got the same pid (after the owner died, or a reboot).
  if (owner.started === undefined) return true;
  const now = processStartTime(owner.pid);
  return now === undefined || now === owner.started;
}

async function isStale(file: string, owner: LockOwner | undefined): Promise<boolean> {
  if (owner === undefined) {
    // Unreadable content: either being written right now, or left by a crash mid-write.
    const stat = await fs.stat(file).catch(() => undefined);
    return stat !== undefined && Date.now() - stat.mtimeMs > 10_000;
  }
  return !ownerAlive(owner);
}

/** Moves the stale lock aside first so that two processes taking it over cannot delete a fresh lock. */
async function takeOver(file: string, owner: LockOwner | undefined): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    await fs.rename(file, aside);
  } catch {
    return;
  }
  const moved = await readLockOwner(aside);
  const same = moved !== 'gone' && JSON.stringify(moved) === JSON.stringify(owner);
  if (!same) {
    // Someone replaced the stale lock with a live one between our read and rename: put it back.
    await fs.link(aside, file).catch(() => undefined);
  }
  await fs.unlink(aside).catch(() => undefined);
}
