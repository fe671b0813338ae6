/**
 * Typed errors of the core. Each carries what an edge (CLI, extension) needs to turn it
 * into its own kind of message: a stable code, a category that maps to the CLI exit
 * status, and a hint saying what to do next.
 */
import { plural } from './words';

/** `usage`: bad input (exit 2). `refused`: a lifecycle rule said no (exit 3). `failed`: an environment failure (git, disk). */
export type ErrorCategory = 'usage' | 'refused' | 'failed';

export class CallflowError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly category: ErrorCategory,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input: an unknown flow, a malformed phone number, a name that cannot be a flow. */
export class InvalidInputError extends CallflowError {
  constructor(code: string, message: string, hint?: string) {
    super(code, message, 'usage', hint);
  }
}

export class NotAWorkspaceError extends CallflowError {
  /** `exists`: false when `dir` itself is missing (a mistyped --cwd), which is then said first. */
  constructor(
    readonly dir: string,
    exists = true,
  ) {
    super(
      'not-a-workspace',
      exists
        ? `${dir} is not a flow workspace (no callflow.yaml found here or above).`
        : `${dir} does not exist, so it is not a flow workspace.`,
      'usage',
      exists
        ? 'Run `callflow init` to make it one, or pass --cwd with a flow workspace.'
        : 'Check the folder (--cwd), or run `callflow init` there to make a new flow workspace.',
    );
  }
}

export class UnknownFlowError extends CallflowError {
  constructor(
    readonly flowId: string,
    suggestion?: string,
  ) {
    super(
      'unknown-flow',
      `There is no flow "${flowId}" in this workspace.`,
      'usage',
      suggestion
        ? `Did you mean "${suggestion}"? Run \`callflow list\` to see all flows.`
        : 'Run `callflow list` to see all flows.',
    );
  }
}

export class UnknownVersionError extends CallflowError {
  constructor(
    readonly flowId: string,
    readonly version: number | string,
  ) {
    super(
      'unknown-version',
      `Flow "${flowId}" has no version ${version}.`,
      'usage',
      `Run \`callflow show ${flowId}\` to see its versions.`,
    );
  }
}

/** A lifecycle rule refused the operation. */
export class LifecycleRefusedError extends CallflowError {
  constructor(code: string, message: string, hint?: string) {
    super(code, message, 'refused', hint);
  }
}

export class DraftExistsError extends LifecycleRefusedError {
  constructor(
    readonly flowId: string,
    readonly draftVersion: number,
  ) {
    super(
      'draft-exists',
      `v${draftVersion} of "${flowId}" is a draft already.`,
      `Edit v${draftVersion}, or run \`callflow discard ${flowId}\` first.`,
    );
  }
}

export class NoDraftError extends LifecycleRefusedError {
  constructor(readonly flowId: string) {
    super(
      'no-draft',
      `Flow "${flowId}" has no draft.`,
      `Run \`callflow edit ${flowId}\` to start one from the published version.`,
    );
  }
}

export class NoPublishedVersionError extends LifecycleRefusedError {
  constructor(readonly flowId: string) {
    super(
      'no-published-version',
      `Flow "${flowId}" has no published version.`,
      `Publish its draft first: \`callflow publish ${flowId}\`.`,
    );
  }
}

/** Why a draft cannot be published: never saved, changed since its save, validation errors, or failing call scenarios. */
export type UnpublishableReason = 'unsaved' | 'changed' | 'invalid' | 'scenarios';

export class InvalidDraftError extends LifecycleRefusedError {
  constructor(
    readonly flowId: string,
    readonly draftVersion: number,
    reason: string,
    hint: string,
    readonly why: UnpublishableReason = 'invalid',
  ) {
    super('draft-not-publishable', `v${draftVersion} of "${flowId}" cannot be published: ${reason}`, hint);
  }
}

/** The file of a published or archived version changed, or a manifest broke an invariant. */
export class WorkspaceCorruptError extends CallflowError {
  constructor(code: string, message: string, hint?: string) {
    // Bad input from the repository (exit 2), not a failure of git or the disk (exit 4): nothing was attempted.
    super(code, message, 'usage', hint);
  }
}

/** Another operation holds the workspace. */
export class WorkspaceBusyError extends CallflowError {
  constructor(detail: string) {
    super(
      'workspace-busy',
      `Another callflow operation is running in this workspace (${detail}).`,
      'refused',
      'Wait for it to finish and try again.',
    );
  }
}

/**
 * An interrupted operation left a journal that cannot be read (empty or cut short), so what it wrote
 * is unknown: no operation runs until the admin has looked and `callflow recover` removed it.
 */
export class UnreadableJournalError extends CallflowError {
  constructor(readonly damaged: string) {
    super(
      'unreadable-journal',
      `An earlier callflow operation was interrupted, and its journal (.git/callflow.journal) is ${damaged}, so callflow cannot tell which files it changed. Nothing was changed.`,
      'refused',
      'Run `callflow verify` (it names any ledger that differs from HEAD) and `git status` to see what that operation left, then `callflow recover` to remove the journal, and run the command again.',
    );
  }
}

/** git (or the disk) failed; the operation was rolled back. */
export class VersionControlError extends CallflowError {
  constructor(message: string, hint?: string, cause?: unknown) {
    super('git-failed', message, 'failed', hint, { cause });
  }
}

/** A flow with this id exists (or existed): flow ids are never reused. */
export class FlowExistsError extends LifecycleRefusedError {
  constructor(
    readonly flowId: string,
    /** Its folder is gone but git still holds it: the tags of its published versions, or its history. */
    readonly traces?: { tags: string[]; commits: number },
  ) {
    super(
      'flow-exists',
      traces
        ? `The flow id "${flowId}" was used before: its folder is gone, but ${describeTraces(traces)} still ${traces.tags.length + traces.commits === 1 ? 'belongs' : 'belong'} to it, so a new flow with that id would mix with them.`
        : `A flow with id "${flowId}" already exists in this workspace.`,
      traces
        ? `Choose a different name, or give another id with --id. To bring the old flow back instead, restore its folder from git (\`git log --grep "Callflow-Flow: ${flowId}"\` finds its last commit).`
        : 'Choose a different name, or give another id with --id (flow ids are derived from names and never reused).',
    );
  }
}

function describeTraces({ tags, commits }: { tags: string[]; commits: number }): string {
  const parts: string[] = [];
  if (tags.length > 0)
    parts.push(tags.length === 1 ? `tag ${tags[0]}` : `${tags.length} tags (${tags.slice(0, 2).join(', ')}, …)`);
  if (commits > 0) parts.push(plural(commits, 'commit'));
  return parts.join(' and ');
}

/** The version exists but its status does not allow the operation (e.g. restore of a draft). */
export class WrongVersionStatusError extends LifecycleRefusedError {
  constructor(
    readonly flowId: string,
    readonly version: number,
    readonly status: string,
    action: string,
    hint: string,
  ) {
    super(
      'wrong-version-status',
      `Cannot ${action} v${version} of "${flowId}": it is ${status === 'draft' ? 'the draft' : status}.`,
      hint,
    );
  }
}

export class AlreadyAWorkspaceError extends LifecycleRefusedError {
  constructor(readonly dir: string) {
    super(
      'already-a-workspace',
      `${dir} is a flow workspace already (it has a callflow.yaml).`,
      'Run `callflow list` to see its flows.',
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

/** The disk refused a write or read: full, read-only, no permission, or a folder where a file belongs. */
export class DiskError extends CallflowError {
  constructor(
    code: string,
    message: string,
    hint: string,
    readonly errno: string,
    cause?: unknown,
  ) {
    super(code, message, 'failed', hint, { cause });
  }
}

/** The operation was stopped by a signal (Ctrl-C, `timeout`, CI cancellation) and rolled back. */
export class InterruptedError extends CallflowError {
  constructor(
    readonly signal: string,
    message = `Interrupted by ${signal}; the operation was rolled back: nothing was changed.`,
    hint = 'Run the command again when you are ready.',
  ) {
    super('interrupted', message, 'failed', hint);
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

const DISK_CODES: Record<string, { code: string; what: string; hint: string }> = {
  ENOSPC: {
    code: 'disk-full',
    what: 'the disk is full',
    hint: 'Free some space on the disk that holds the workspace, then run the command again.',
  },
  EDQUOT: {
    code: 'disk-full',
    what: 'the disk quota is used up',
    hint: 'Free some space within your quota, then run the command again.',
  },
  EROFS: {
    code: 'disk-read-only',
    what: 'the file system is read-only',
    hint: 'Run callflow where the workspace can be written (or remount it read-write).',
  },
  EACCES: {
    code: 'disk-permission',
    what: 'permission denied',
    hint: 'Check the owner and permissions of the workspace and its .git folder (`ls -l`), then run the command again.',
  },
  EPERM: {
    code: 'disk-permission',
    what: 'the operation is not permitted',
    hint: 'Check the owner and permissions of the workspace and its .git folder (`ls -l`), then run the command again.',
  },
  EISDIR: {
    code: 'disk-not-a-file',
    what: 'it is a folder where a file belongs',
    hint: 'Move that folder out of the way, then run the command again.',
  },
  ENOTDIR: {
    code: 'disk-not-a-folder',
    what: 'a part of its path is a file where a folder belongs',
    hint: 'Move that file out of the way, then run the command again.',
  },
};

/** The errno of a Node file-system error, or of a git failure message that reports one. */
function errnoOf(err: unknown): string | undefined {
  const { code, syscall } = (err ?? {}) as NodeJS.ErrnoException;
  if (typeof code === 'string' && code in DISK_CODES) return code;
  // mkdir of a folder whose name is taken by a file.
  if (code === 'EEXIST' && syscall === 'mkdir') return 'ENOTDIR';
  const text = err instanceof Error ? err.message : String(err);
  if (/No space left on device|Out of diskspace/i.test(text)) return 'ENOSPC';
  if (/Disk quota exceeded/i.test(text)) return 'EDQUOT';
  if (/Read-only file system/i.test(text)) return 'EROFS';
  if (/Permission denied/i.test(text)) return 'EACCES';
  return undefined;
}

/**
 * A DiskError saying what could not be done and why, when `err` is a disk failure; `state` says
 * what is left afterwards (e.g. "Nothing was changed.").
 */
export function diskErrorOf(err: unknown, action: string, state: string): DiskError | undefined {
  if (err instanceof DiskError) return err;
  const errno = errnoOf(err);
  if (!errno) return undefined;
  const known = DISK_CODES[errno]!;
  return new DiskError(
    known.code,
    `Could not ${action}: ${known.what} (${errno}).${state ? ' ' + state : ''}`,
    known.hint,
    errno,
    err,
  );
}

/** A file-system error that escaped every typed path (a read deep in a query), as a DiskError naming the file. */
export function unexpectedDiskError(err: unknown): DiskError | undefined {
  const { syscall, path } = (err ?? {}) as NodeJS.ErrnoException;
  const what = syscall === 'open' || syscall === 'read' ? 'read' : syscall === 'scandir' ? 'list' : 'write';
  return diskErrorOf(err, path ? `${what} ${path}` : `${what} a workspace file`, '');
}

/** Why a workspace file was not read: callflow reads only regular UTF-8 files inside the repository, within a size limit. */
export type UnreadableReason =
  'symlink' | 'linked-folder' | 'folder' | 'not-regular' | 'too-large' | 'not-utf8' | 'not-a-folder';

const UNREADABLE: Readonly<Record<UnreadableReason, { detail: string; hint: string }>> = {
  symlink: {
    detail: 'is a symbolic link; callflow reads only regular files (git would store the link, not a flow)',
    hint: 'Replace the link with the file itself, or remove it.',
  },
  'linked-folder': {
    detail: "is reached through a symbolic link; callflow reads and writes only the repository's own folders",
    hint: 'Replace the link with a real folder (or remove it), then run `callflow verify`.',
  },
  folder: { detail: 'is a folder, but a file is expected here', hint: 'Move or rename the folder.' },
  'not-a-folder': { detail: 'is a file, but a folder is expected here', hint: 'Move or rename the file.' },
  'not-regular': {
    detail: 'is not a regular file (a device, FIFO or socket)',
    hint: 'Remove it: callflow reads only regular files.',
  },
  'too-large': {
    detail: 'is too large',
    hint: 'Make it smaller (the limits are in docs/user-guide.md, "Limits, and what is refused").',
  },
  'not-utf8': {
    detail: 'is not UTF-8 text',
    hint: 'Save it as UTF-8, or restore it from git (`git checkout -- <file>`).',
  },
};

/**
 * A path that is not what callflow expects there: a symbolic link, a folder where a file should
 * be (or a file where a folder should be), a device or FIFO, a file over its size limit, text that
 * is not UTF-8. Bad input from the repository (exit 2); nothing was read or written.
 */
export class UnreadableFileError extends CallflowError {
  constructor(
    readonly file: string,
    readonly reason: UnreadableReason,
    /** More about the reason, e.g. "it is 3 MB; flow manifests are limited to 512 KB". */
    more?: string,
    hint?: string,
  ) {
    const { detail, hint: defaultHint } = UNREADABLE[reason];
    super(`file-${reason}`, `${file} ${detail}${more ? `: ${more}` : ''}.`, 'usage', hint ?? defaultHint);
  }
}

/** A published or archived file differs from what was published: copying or simulating it would spread the change. */
export class LockedFileChangedError extends LifecycleRefusedError {
  constructor(
    readonly file: string,
    readonly flowId: string,
    readonly version: number,
    readonly status: string,
    readonly tag: string,
  ) {
    super(
      'locked-file-changed',
      `${file} (v${version} of "${flowId}", ${status}) was changed after it was published; it is refused rather than copied or played.`,
      `Put back the published text with \`git checkout ${tag} -- ${file}\`, then run \`callflow verify\`.`,
    );
  }
}

/**
 * numbers.yaml holds edits no commit has: an assign or unassign would commit them under its own
 * message, changing what other numbers ring without a word (docs/flow-format.md section 2).
 */
export class UncommittedNumbersError extends LifecycleRefusedError {
  constructor(readonly file: string) {
    super(
      'numbers-uncommitted',
      `${file} has changes that are not committed; this operation would commit them with its own change, unseen.`,
      `Commit them first (\`git commit ${file}\`, after \`callflow validate ${file}\`), or put the file back (\`git checkout -- ${file}\`), then try again.`,
    );
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

/**
 * Discard of a draft whose file changed since its last save: those changes are in no commit, so
 * discarding them would lose them (docs/flow-format.md section 2, "nothing is lost").
 */
export class UnsavedDraftChangesError extends LifecycleRefusedError {
  constructor(
    readonly flowId: string,
    readonly draftVersion: number,
    readonly file: string,
  ) {
    super(
      'draft-changed-since-save',
      `v${draftVersion} of "${flowId}" has changes not yet saved as v${draftVersion} (${file} changed since its last save); discarding would lose them.`,
      `Run \`callflow save ${flowId}\` first, then discard (\`callflow restore ${flowId} ${draftVersion}\` brings it back), or \`callflow discard ${flowId} --force\` to lose the changes.`,
    );
  }
}

/** An action that was about one version (a notification, a CodeLens) arrived after that version stopped being the draft. */
export class NotTheDraftError extends LifecycleRefusedError {
  constructor(
    readonly flowId: string,
    readonly version: number,
    readonly draftVersion: number | undefined,
  ) {
    super(
      'not-the-draft',
      `v${version} of "${flowId}" is no longer the draft${draftVersion !== undefined ? ` (v${draftVersion} is)` : ''}; nothing was done.`,
      draftVersion !== undefined
        ? `Look at v${draftVersion} first (\`callflow show ${flowId}\`), then act on it.`
        : `Run \`callflow show ${flowId}\` to see its versions now.`,
    );
  }
}

/** Assign of a number that rings another flow now: moving it changes what its callers hear, so it is asked for. */
export class NumberRingsAnotherFlowError extends LifecycleRefusedError {
  constructor(
    readonly number: string,
    readonly currentFlowId: string,
    readonly requestedFlowId: string,
    readonly label?: string,
  ) {
    super(
      'number-assigned-elsewhere',
      `${number}${label ? ` (${label})` : ''} rings "${currentFlowId}" now; assigning it to "${requestedFlowId}" would move its callers.`,
      `Run \`callflow assign ${number} ${requestedFlowId} --move\` to move it (its label is kept unless --label is given), or pick another number.`,
    );
  }
}
