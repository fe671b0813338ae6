/**
 * The workspace and the operations on it: not a workspace (or one already), an unknown flow or
 * version, a corrupt or busy workspace, an interrupted operation and the journal it left.
 */
import { CallflowError, LifecycleRefusedError } from './base';

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

export class AlreadyAWorkspaceError extends LifecycleRefusedError {
  constructor(readonly dir: string) {
    super(
      'already-a-workspace',
      `${dir} is a flow workspace already (it has a callflow.yaml).`,
      'Run `callflow list` to see its flows.',
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
