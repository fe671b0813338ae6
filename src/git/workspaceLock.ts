/**
 * The lock that serializes lifecycle operations on one repository, across processes: a file in
 * the git dir created with O_EXCL, holding the owner's pid and host. A lock whose owner process is
 * gone (same host, pid not alive) is stale and is taken over.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import { WorkspaceBusyError } from '../core/errors';

export interface LockOptions {
  /** How long to wait for another operation to finish before giving up. */
  timeoutMs?: number;
  pollMs?: number;
}

interface LockOwner {
  pid: number;
  host: string;
  since: string;
}

export const DEFAULT_LOCK_TIMEOUT_MS = 15_000;

export async function acquireLock(file: string, options: LockOptions = {}): Promise<() => Promise<void>> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_LOCK_TIMEOUT_MS;
  const pollMs = options.pollMs ?? 25;
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), since: new Date().toISOString() };
  const content = JSON.stringify(owner);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const handle = await fs.open(file, 'wx');
      try {
        await handle.writeFile(content);
      } finally {
        await handle.close();
      }
      return async () => {
        // Only remove the lock if it is still ours (a stale-lock takeover may have replaced it).
        const now = await fs.readFile(file, 'utf8').catch(() => undefined);
        if (now === content) await fs.unlink(file).catch(() => undefined);
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = await readOwner(file);
    if (holder !== 'gone' && (await isStale(file, holder))) {
      await takeOver(file, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who =
        holder === 'gone' || holder === undefined
          ? 'lock file ' + file
          : `process ${holder.pid} on ${holder.host} since ${holder.since}`;
      throw new WorkspaceBusyError(`${who}; waited ${Math.round(timeoutMs / 1000)} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs + Math.floor(Math.random() * pollMs)));
  }
}

async function readOwner(file: string): Promise<LockOwner | undefined | 'gone'> {
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

async function isStale(file: string, owner: LockOwner | undefined): Promise<boolean> {
  if (owner === undefined) {
    // Unreadable content: either being written right now, or left by a crash mid-write.
    const stat = await fs.stat(file).catch(() => undefined);
    return stat !== undefined && Date.now() - stat.mtimeMs > 10_000;
  }
  if (owner.host !== os.hostname()) return false;
  if (owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/** Moves the stale lock aside first so that two processes taking it over cannot delete a fresh lock. */
async function takeOver(file: string, owner: LockOwner | undefined): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${Date.now()}`;
  try {
    await fs.rename(file, aside);
  } catch {
    return;
  }
  const moved = await readOwner(aside);
  const same = moved !== 'gone' && JSON.stringify(moved) === JSON.stringify(owner);
  if (!same) {
    // Someone replaced the stale lock with a live one between our read and rename: put it back.
    await fs.link(aside, file).catch(() => undefined);
  }
  await fs.unlink(aside).catch(() => undefined);
}
