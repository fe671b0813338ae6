/**
 * git and the repository: a git failure, a folder that is no working tree or no repository,
 * missing history, a moved HEAD, a merge in progress, signing, and content git would change.
 */
import { CallflowError, InvalidInputError } from './base';

/** git (or the disk) failed; the operation was rolled back. */
export class VersionControlError extends CallflowError {
  constructor(message: string, hint?: string, cause?: unknown) {
    super('git-failed', message, 'failed', hint, { cause });
  }
}

/** `init` in a bare repository or inside a .git folder: there is no working tree to hold the flows. */
export class NotAWorkTreeError extends InvalidInputError {
  constructor(readonly dir: string) {
    super(
      'not-a-work-tree',
      `${dir} is inside a git directory (a bare repository or a .git folder), not a working tree; nothing was written.`,
      'Run `callflow init` in a clone with a working tree (`git clone <repository>`), not in the repository itself.',
    );
  }
}

/** A workspace (callflow.yaml) in a folder that is in no git repository, e.g. copied without its .git. */
export class NotARepositoryError extends InvalidInputError {
  constructor(readonly dir: string) {
    super(
      'not-a-repository',
      `${dir} has a callflow.yaml but is not inside a git repository, so nothing can be committed; nothing was changed.`,
      "Run `git init` there (or work in a clone of the workspace's repository), then run the command again.",
    );
  }
}

/** A version's text is in history that this clone does not have (`git clone --depth`). */
export class HistoryMissingError extends InvalidInputError {
  constructor(flowId: string, version: number) {
    super(
      'history-missing',
      `v${version} of "${flowId}" is only in git history, and this clone is shallow: that history is missing here.`,
      'Fetch the full history (`git fetch --unshallow`), then run the command again.',
    );
  }
}

/** Another commit moved HEAD between the start of the operation and its commit: nothing was changed. */
export class HeadMovedError extends CallflowError {
  constructor(
    readonly branch: string,
    readonly expected: string | undefined,
    readonly actual: string | undefined,
  ) {
    super(
      'head-moved',
      `Another commit landed on ${branch} while publishing; nothing was changed.`,
      'refused',
      'Run the command again.',
    );
  }
}

/** git is in the middle of a merge, cherry-pick, revert or rebase: a lifecycle commit now would mix into it. */
export class GitOperationInProgressError extends CallflowError {
  constructor(
    readonly operation: 'merge' | 'cherry-pick' | 'revert' | 'rebase' | 'conflicts',
    detail: string,
    hint: string,
  ) {
    super('git-operation-in-progress', `${detail} Nothing was changed.`, 'refused', hint);
  }
}

/**
 * The user's git asks for signed commits or tags (`commit.gpgsign`, `tag.gpgsign`), and git could not
 * sign: no key, gpg or ssh-keygen missing, a locked card. Nothing was changed.
 */
export class SigningFailedError extends CallflowError {
  constructor(
    readonly object: 'commit' | 'tag',
    readonly setting: string,
    gitSays: string,
  ) {
    super(
      'signing-failed',
      `git could not sign the ${object} (${setting} is on): ${gitSays}. Nothing was changed: files, index, HEAD and tags are as they were.`,
      'failed',
      `Set up your signing key (user.signingkey, gpg.format, gpg.program: see \`git config --show-origin --get-regexp '^(user\\.signingkey|gpg\\.)'\`) or turn signing off for this repository with \`git config ${setting} false\`, then run the command again.`,
    );
  }
}

/** What git stored differs from what callflow validated (a clean filter, a hook that edits files). */
export class StoredContentMismatchError extends CallflowError {
  constructor(readonly paths: readonly string[]) {
    super(
      'stored-content-changed',
      `git would store other bytes than callflow validated for ${paths.join(', ')} (a clean filter in .gitattributes, or a pre-commit hook that changes files); nothing was changed.`,
      'failed',
      'Remove the filter or the file-changing hook for flow files (`git check-attr -a -- <file>` shows filters), then run the command again.',
    );
  }
}
