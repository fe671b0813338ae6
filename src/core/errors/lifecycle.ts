/**
 * What the lifecycle rules refuse: drafts, publishing, flow ids, version statuses, locked files,
 * and the numbers that ring flows. Each says why and what to do instead.
 */
import { plural } from '../words';
import { LifecycleRefusedError } from './base';

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
