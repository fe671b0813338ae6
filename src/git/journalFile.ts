/**
 * The operation journal on disk: `callflow.journal` in the git dir, next to the operation lock.
 * Written atomically (temp file, rename) before each step it describes.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { diskErrorOf } from '../core/errors';
import type { OperationJournal } from '../core/ports';

export const JOURNAL_FILE = 'callflow.journal';

/** Temporary files a commit makes in the git dir; any left when no operation runs belong to a killed one. */
const LEFTOVER = /^callflow-(index|msg)-|^callflow\.journal\..*\.tmp$/;

export async function readJournalFile(gitDir: string): Promise<OperationJournal | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(gitDir, JOURNAL_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const parsed = JSON.parse(text) as OperationJournal;
    if (typeof parsed.operation === 'string' && Array.isArray(parsed.files)) return parsed;
  } catch {
    // A journal cut short by a crash while it was first written: nothing was written after it.
  }
  return { operation: 'unknown (its journal was cut short)', startedAt: '', pid: 0, files: [] };
}

export async function writeJournalFile(gitDir: string, journal: OperationJournal): Promise<void> {
  const target = path.join(gitDir, JOURNAL_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    // No fsync: the journal is for a killed process (its writes are in the page cache, in order);
    // the workspace files it describes are not fsynced either.
    await fs.writeFile(temp, JSON.stringify({ ...journal, pid: process.pid }));
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw diskErrorOf(err, `write the operation journal ${target}`, 'Nothing was changed.') ?? err;
  }
}

/** Deletes the journal and every temporary file of an operation that is not running any more. */
export async function removeLeftovers(gitDir: string): Promise<void> {
  const names = await fs.readdir(gitDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => LEFTOVER.test(n))
      .map((n) => fs.rm(path.join(gitDir, n), { force: true }).catch(() => undefined)),
  );
  await fs.rm(path.join(gitDir, JOURNAL_FILE), { force: true });
}
