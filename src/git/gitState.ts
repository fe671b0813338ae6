/**
 * States of a repository in which a lifecycle commit must not be made, and git failures turned
 * into the core's typed errors.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { diskErrorOf, GitOperationInProgressError, VersionControlError } from '../core/errors';

export const NOTHING_CHANGED = 'Nothing was changed: files, index, HEAD and tags are as they were.';

/** A git command that exited non-zero. */
export class GitCommandError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(`git ${args[0] ?? ''} failed: ${cleanGitMessage(stderr) || `exit ${exitCode}`}`);
  }
}

/**
 * Refuses while git is in the middle of something a commit would mix into: a merge (its commit
 * would get two parents and drop the merged files), a cherry-pick or revert (its author), a rebase
 * or `git am`, or conflicts in the index. Says what to finish first.
 */
export function inProgressOperation(gitDir: string): GitOperationInProgressError | undefined {
  const has = (name: string) => existsSync(path.join(gitDir, name));
  if (has('MERGE_HEAD'))
    return new GitOperationInProgressError(
      'merge',
      'A git merge is in progress in this repository.',
      'Finish it first: resolve the conflicts and run `git merge --continue`, or `git merge --abort`; then run the command again.',
    );
  if (has('CHERRY_PICK_HEAD'))
    return new GitOperationInProgressError(
      'cherry-pick',
      'A git cherry-pick is in progress in this repository.',
      'Finish it first: `git cherry-pick --continue`, or `git cherry-pick --abort`; then run the command again.',
    );
  if (has('REVERT_HEAD'))
    return new GitOperationInProgressError(
      'revert',
      'A git revert is in progress in this repository.',
      'Finish it first: `git revert --continue`, or `git revert --abort`; then run the command again.',
    );
  if (has('rebase-merge') || (has('rebase-apply') && !has('rebase-apply/applying')))
    return new GitOperationInProgressError(
      'rebase',
      'A git rebase is in progress in this repository.',
      'Finish it first: `git rebase --continue`, or `git rebase --abort`; then run the command again.',
    );
  if (has('rebase-apply'))
    return new GitOperationInProgressError(
      'rebase',
      'A `git am` is in progress in this repository.',
      'Finish it first: `git am --continue`, or `git am --abort`; then run the command again.',
    );
  return undefined;
}

export function unmergedError(files: string[]): GitOperationInProgressError {
  const shown = files.slice(0, 3).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
  return new GitOperationInProgressError(
    'conflicts',
    `The git index has unresolved conflicts (${shown}).`,
    'Resolve them and `git add` the files (see `git status`), or `git reset --merge`; then run the command again.',
  );
}

/** A VersionControlError (or DiskError) for a git step that failed before anything was changed. */
export function stepFailure(what: string, err: unknown): Error {
  const text = err instanceof Error ? err.message : String(err);
  const disk = diskErrorOf(err, what, NOTHING_CHANGED);
  if (disk) return disk;
  if (/index\.lock/.test(text)) {
    return new VersionControlError(
      `Could not ${what}: another git process is using this repository (index.lock exists). ${NOTHING_CHANGED}`,
      'Wait for it to finish and try again. If no git process is running, delete .git/index.lock.',
      err,
    );
  }
  if (/tell me who you are|user\.email|user\.name|empty ident/i.test(text)) {
    return new VersionControlError(
      `Could not ${what}: git does not know who you are. ${NOTHING_CHANGED}`,
      'Set your name and email: `git config user.name "Your Name"` and `git config user.email you@example.com`.',
      err,
    );
  }
  return new VersionControlError(`Could not ${what}: ${cleanGitMessage(text)}. ${NOTHING_CHANGED}`, undefined, err);
}

/**
 * Like `stepFailure`, for a git command that wrote into `gitDir`: git often reports a full disk only
 * as "couldn't write …", so such a failure on a disk with (almost) no space left is said as a full disk.
 */
export async function gitStepFailure(what: string, err: unknown, gitDir: string): Promise<Error> {
  const text = err instanceof Error ? err.message : String(err);
  if (
    /couldn't write|could not write|unable to write|write error|unable to create|failed to write|short write/i.test(
      text,
    )
  ) {
    const stats = await fs.statfs(gitDir).catch(() => undefined);
    if (stats && stats.bavail * stats.bsize < 256 * 1024) {
      return diskErrorOf(Object.assign(new Error(text), { code: 'ENOSPC' }), what, NOTHING_CHANGED)!;
    }
  }
  return stepFailure(what, err);
}

export function hookFailure(hook: string, output: string): VersionControlError {
  return new VersionControlError(
    `git commit was rejected by the ${hook} hook: ${cleanGitMessage(output) || 'no output'}. ${NOTHING_CHANGED}`,
    'Fix what the hook reports (or run the hook by hand to see why it fails), then run the operation again.',
  );
}

export function cleanGitMessage(text: string): string {
  return text
    .trim()
    .replace(/\s*\n\s*/g, ' | ')
    .slice(0, 2000);
}
