/**
 * The journal of the operation in flight, and the recovery of one that was killed half-way.
 *
 * Before an operation writes a file, the journal records the file's previous content; once its
 * commit object exists, the journal names it. A killed operation is then either done (its commit
 * is on HEAD: only the index is finished) or not (its files are put back), whatever moment it died.
 */
import { UnreadableJournalError, WorkspaceBusyError } from '../errors';
import type { JournalFile, OperationJournal, PreparedCommit, VersionControl, WorkspaceFiles } from '../ports';
import { sha256 } from '../workspace/store';

export class OperationRecorder {
  private readonly journal: OperationJournal;
  private written = false;

  constructor(
    private readonly vcs: VersionControl,
    startedAt: string,
  ) {
    this.journal = { operation: 'a lifecycle operation (not yet committed)', startedAt, pid: 0, files: [] };
  }

  /** Records, durably, that `path` is about to get `content` (undefined: be deleted), and what it held before. */
  async file(path: string, before: string | undefined, content: string | undefined): Promise<void> {
    const existing = this.journal.files.find((f) => f.path === path);
    const entry: JournalFile = existing ?? { path, ...(before !== undefined ? { before } : {}) };
    if (content === undefined) delete entry.after;
    else entry.after = sha256(content);
    if (!existing) this.journal.files.push(entry);
    await this.save();
  }

  async prepared(prepared: PreparedCommit, operation: string): Promise<void> {
    this.journal.prepared = prepared;
    this.journal.operation = operation;
    await this.save();
  }

  async clear(): Promise<void> {
    if (this.written) await this.vcs.clearJournal();
    this.written = false;
  }

  private async save(): Promise<void> {
    await this.vcs.writeJournal(this.journal);
    this.written = true;
  }
}

export interface RecoveryReport {
  /**
   * `none`: nothing was interrupted; `completed`: its commit had landed and was finished; `undone`: its
   * files were put back; `unreadable`: its journal was empty or cut short, so nothing could be checked
   * and the journal was removed.
   */
  outcome: 'none' | 'completed' | 'undone' | 'unreadable';
  /** What the interrupted operation was. */
  operation?: string;
  startedAt?: string;
  /** The commit it made, when it landed. */
  commit?: string;
  /** Files put back as they were before it. */
  restored: string[];
  /** Files changed again after the interruption: left as they are. */
  kept: string[];
  /** Why the journal could not be read (outcome `unreadable`). */
  damaged?: string;
}

export interface RecoveryOptions {
  /**
   * `callflow recover` (the admin asked): a journal that cannot be read is removed and reported.
   * Before another operation it is refused instead, so nothing builds on files in an unknown state.
   */
  asked: boolean;
}

/** Completes or undoes an interrupted operation (call it holding the workspace lock). */
export async function recoverInterrupted(
  files: WorkspaceFiles,
  vcs: VersionControl,
  options: RecoveryOptions,
): Promise<RecoveryReport> {
  const found = await vcs.readJournal();
  if (!found) return { outcome: 'none', restored: [], kept: [] };
  const { journal, live } = found;
  if (live) throw new WorkspaceBusyError(`pid ${journal.pid}: ${journal.operation}`);
  if (journal.damaged) {
    if (!options.asked) throw new UnreadableJournalError(journal.damaged);
    await vcs.clearJournal();
    return { outcome: 'unreadable', damaged: journal.damaged, restored: [], kept: [] };
  }
  const about = { operation: journal.operation, startedAt: journal.startedAt };
  const prepared = journal.prepared;
  if (prepared && (await vcs.reachableFromHead(prepared.commit))) {
    await vcs.syncIndex(journal.files.map((f) => f.path));
    await vcs.clearJournal();
    return { outcome: 'completed', ...about, commit: prepared.commit, restored: [], kept: [] };
  }
  const restored: string[] = [];
  const kept: string[] = [];
  for (const file of [...journal.files].reverse()) {
    const current = await files.readText(file.path);
    if (current === file.before) continue;
    const asWritten =
      file.after === undefined ? current === undefined : current !== undefined && sha256(current) === file.after;
    if (!asWritten) {
      kept.push(file.path);
      continue;
    }
    if (file.before === undefined) await files.remove(file.path);
    else await files.writeText(file.path, file.before);
    restored.push(file.path);
  }
  await vcs.clearJournal();
  return { outcome: 'undone', ...about, restored: restored.reverse(), kept };
}

/**
 * A recovery in words, for every edge (the CLI's recover and the note before another operation,
 * the extension's log and message).
 */
export function describeRecovery(report: RecoveryReport): string {
  switch (report.outcome) {
    case 'none':
      return 'Nothing to recover: no operation was interrupted.';
    case 'completed':
      return `Completed the interrupted operation "${report.operation}": its commit ${report.commit?.slice(0, 7)} had landed; the index is up to date now.`;
    case 'unreadable':
      return (
        `The interrupted operation's journal was ${report.damaged}, so callflow could not tell which files it wrote; the journal is removed. ` +
        'Check `git status` for files it may have changed (`callflow verify` names any ledger that differs from HEAD).'
      );
    case 'undone':
      return (
        `Undid the interrupted operation "${report.operation}": ` +
        (report.restored.length > 0 ? `put back ${report.restored.join(', ')}.` : 'it had changed no file.')
      );
  }
}

/** A file the recovery left alone, because it was changed again after the interruption. */
export function describeKeptFile(file: string): string {
  return `warning: ${file} was changed again after the interruption, so it is left as it is (see \`git diff -- ${file}\`).`;
}
