/**
 * Typed errors of the core. Each carries what an edge (CLI, extension) needs to turn it
 * into its own kind of message: a stable code, a category that maps to the CLI exit
 * status, and a hint saying what to do next.
 */

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
  constructor(readonly dir: string) {
    super(
      'not-a-workspace',
      `${dir} is not a flow workspace (no callflow.yaml found here or above).`,
      'usage',
      'Run `callflow init` to make it one, or pass --cwd with a flow workspace.',
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
    super(code, message, 'failed', hint);
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

/** git (or the disk) failed; the operation was rolled back. */
export class VersionControlError extends CallflowError {
  constructor(message: string, hint?: string, cause?: unknown) {
    super('git-failed', message, 'failed', hint, { cause });
  }
}

/** A flow with this id exists (or existed): flow ids are never reused. */
export class FlowExistsError extends LifecycleRefusedError {
  constructor(readonly flowId: string) {
    super(
      'flow-exists',
      `A flow with id "${flowId}" already exists in this workspace.`,
      'Choose a different name (flow ids are derived from names and never reused).',
    );
  }
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
