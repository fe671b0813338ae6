/**
 * One lifecycle operation, start to end: under the workspace lock, finish whatever a killed
 * operation left, check, write (journaled), commit, and on any failure put the files back. The
 * VersionControl port moves HEAD and the tag only as its very last step, so a failure before it
 * changed nothing in git and a failure after it is no failure.
 */
import type { Clock, CommitResult, VersionControl, WorkspaceFiles } from '../ports';
import { formatCommitMessage, type LifecycleMessage } from './commitMessage';
import { escapeBidi } from '../ids';
import { OperationRecorder, recoverInterrupted, type RecoveryReport } from './journal';
import { WorkspaceStore } from '../workspace/store';
import { FileTransaction } from './transaction';
import type { CompletedOperation } from './types';

/** What an operation did, before it is committed. */
export interface Plan<T> {
  message: LifecycleMessage;
  /** Paths to commit besides those the transaction wrote (e.g. the saved draft file). */
  alsoCommit?: string[];
  tag?: { name: string; message: string };
  finish(commit: CommitResult): T;
}

export type OperationBuilder<T> = (tx: FileTransaction, store: WorkspaceStore) => Promise<Plan<T> | { unchanged: T }>;

export function runOperation<T>(
  files: WorkspaceFiles,
  vcs: VersionControl,
  clock: Clock,
  build: OperationBuilder<T>,
  /** Told when an interrupted operation was completed or undone first, so the user hears of it. */
  recovered?: (report: RecoveryReport) => void,
  /** Told once the operation's commit is made: what it did and touched. */
  completed?: (operation: CompletedOperation) => void,
): Promise<T> {
  return vcs.exclusive(async () => {
    const recovery = await recoverInterrupted(files, vcs, { asked: false });
    if (recovery.outcome !== 'none') recovered?.(recovery);
    const store = await WorkspaceStore.open(files, { forOperation: true });
    const journal = new OperationRecorder(vcs, clock.now().toISOString());
    const tx = new FileTransaction(files, journal);
    let plan: Plan<T> | { unchanged: T };
    let committed: CommitResult;
    try {
      plan = await build(tx, store);
      if ('unchanged' in plan) {
        await journal.clear();
        return plan.unchanged;
      }
      const also = (plan.alsoCommit ?? []).filter((p) => !tx.written.has(p));
      const paths = [...new Set([...tx.paths, ...also])];
      // What git must store: what was written, and the other files as they were read and validated.
      const expected = new Map(tx.written);
      const alsoTexts = await Promise.all(also.map((p) => files.readText(p)));
      also.forEach((p, i) => expected.set(p, alsoTexts[i]));
      const message = formatCommitMessage(plan.message);
      committed = await vcs.commit({
        message,
        paths,
        expected,
        // A tag's message names the flow: shown by `git tag -n`, it must not display in another order.
        ...(plan.tag ? { tag: { name: plan.tag.name, message: escapeBidi(plan.tag.message) } } : {}),
        prepared: (prepared) => journal.prepared(prepared, message.split('\n')[0]!),
      });
    } catch (err) {
      const unrestored = await tx.rollback();
      if (unrestored.length > 0 && err instanceof Error) err.message += ' ' + rollbackFailure(unrestored);
      throw err;
    }
    // The commit is on HEAD; an index not yet updated is finished by the next operation (or recover).
    if (!committed.indexPending) await journal.clear().catch(() => undefined);
    const { flowId, otherFlowIds = [], action } = plan.message;
    completed?.({
      kind: action,
      flowIds: [...(flowId ? [flowId] : []), ...otherFlowIds],
      files: [...new Set([...tx.paths, ...(plan.alsoCommit ?? [])])],
      commit: committed.commit,
    });
    return plan.finish(committed);
  });
}

/** Exactly what a failed rollback leaves, and how to repair it. */
function rollbackFailure(unrestored: { path: string; reason: string }[]): string {
  const paths = unrestored.map((u) => u.path);
  return (
    `Putting the files back also failed (${unrestored.map((u) => `${u.path}: ${u.reason}`).join('; ')}), ` +
    `so ${paths.join(', ')} ${paths.length === 1 ? 'holds' : 'hold'} what the operation wrote, uncommitted; HEAD, tags and the index are unchanged. ` +
    'Once the disk is writable again, run `callflow recover` to put them back.'
  );
}
