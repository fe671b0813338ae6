/**
 * The operation journal on disk: `callflow.journal` in the git dir, next to the operation lock.
 * Written atomically and durably before each step it describes (temporary file, fsync, rename,
 * fsync of the folder), so that after a crash or a power cut it is either the previous journal or
 * the new one, whole — never empty, never cut short, never missing while the files it describes
 * may already have changed.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { diskErrorOf } from '../core/errors';
import type { OperationJournal } from '../core/ports';
import { replaceFileDurably } from '../platform/durableFile';

export const JOURNAL_FILE = 'callflow.journal';

/** Temporary files a commit makes in the git dir; any left when no operation runs belong to a killed one. */
const LEFTOVER = /^callflow-(index|msg|tag)-|^callflow\.journal\..*\.tmp$/;

export async function readJournalFile(gitDir: string): Promise<OperationJournal | undefined> {
  let text: string;
  try {
    text = await fs.readFile(path.join(gitDir, JOURNAL_FILE), 'utf8');
  } catch {
    return undefined;
  }
  if (text.trim() === '') return damagedJournal('empty');
  try {
    const parsed = JSON.parse(text) as OperationJournal;
    if (typeof parsed.operation === 'string' && Array.isArray(parsed.files)) return parsed;
    return damagedJournal('not a callflow journal');
  } catch {
    // Only a journal written by a callflow that did not sync it, or a damaged disk, can be cut short.
    return damagedJournal('cut short');
  }
}

function damagedJournal(damaged: NonNullable<OperationJournal['damaged']>): OperationJournal {
  return { operation: 'an operation whose journal cannot be read', startedAt: '', pid: 0, files: [], damaged };
}

export async function writeJournalFile(gitDir: string, journal: OperationJournal): Promise<void> {
  const target = path.join(gitDir, JOURNAL_FILE);
  try {
    await replaceFileDurably(target, `${target}.${process.pid}.tmp`, JSON.stringify({ ...journal, pid: process.pid }));
  } catch (err) {
    throw diskErrorOf(err, `write the operation journal ${target}`, 'Nothing was changed.') ?? err;
  }
}

/** Deletes the journal and every temporary file of an operation that is not running any more. */
export async function removeLeftovers(gitDir: string): Promise<void> {
  const names = await fs.readdir(gitDir).catch(() => [] as string[]);
  await Promise.all(
    names
      .filter((n) => LEFTOVER.test(n))
      .map((n) => fs.rm(path.join(gitDir, n), { force: true, recursive: true }).catch(() => undefined)),
  );
  await fs.rm(path.join(gitDir, JOURNAL_FILE), { force: true });
}
