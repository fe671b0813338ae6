/**
 * Core errors become messages at the edge, each with the action that helps most.
 * The core's hints name CLI commands; where the extension has a button for the same step,
 * the button replaces the hint.
 */
import * as vscode from 'vscode';
import {
  CallflowError,
  DraftExistsError,
  InvalidDraftError,
  LockedFileChangedError,
  NoDraftError,
  NoPublishedVersionError,
  NotTheDraftError,
  NumberRingsAnotherFlowError,
  UnsavedDraftChangesError,
  WrongVersionStatusError,
} from '../../core';
import type { Notification } from '../notifications';
import type { ExtensionServices } from '../services';
import { Cancelled, ExpectedError, NoWorkspaceError } from '../expectedErrors';

/**
 * The one way an error reaches the user: expected ones (the core's typed errors, the extension's
 * ExpectedError) as warnings with their next step; anything else as an error, its stack in the log.
 */
export function presentError(
  ctx: Pick<ExtensionServices, 'log' | 'notifications'>,
  err: unknown,
  commandId: string,
): void {
  if (err instanceof Cancelled) {
    ctx.log.debug(`${commandId}: cancelled`);
    return;
  }
  const actions = actionsFor(err);
  const hasSpecificAction = Object.keys(actions).some((a) => a !== 'Show Log');
  // The core's hints name CLI commands; where buttons do the step, the message names the buttons.
  const nextStep = nextStepInEditor(err);
  const message =
    err instanceof CallflowError
      ? nextStep
        ? `${err.message} ${nextStep}`
        : hasSpecificAction || !err.hint
          ? err.message
          : `${err.message} ${err.hint}`
      : err instanceof Error
        ? err.message
        : String(err);
  const notification: Notification = {
    level: err instanceof CallflowError && err.category !== 'failed' ? 'warning' : 'error',
    message,
    actions: Object.keys(actions),
    ...(err instanceof CallflowError ? { code: err.code } : {}),
  };
  if (err instanceof Error && !(err instanceof CallflowError) && err.stack) ctx.log.debug(err.stack);
  ctx.notifications.show(notification, (picked) => actions[picked]?.());
}

/** What to do next, in the editor's words, for refusals whose buttons alone would not say it. */
function nextStepInEditor(err: unknown): string | undefined {
  if (err instanceof DraftExistsError)
    return `Open Draft to keep working on it, or Discard Draft v${err.draftVersion} first.`;
  if (err instanceof NotTheDraftError)
    return err.draftVersion !== undefined
      ? `Open Draft v${err.draftVersion} to look at it, then act on it.`
      : 'The Call Flows view shows its versions now.';
  if (err instanceof UnsavedDraftChangesError)
    return 'Save & Validate records them in git (Restore Version brings them back after a discard); then discard.';
  if (err instanceof NumberRingsAnotherFlowError) return 'Move Number moves it, after asking.';
  if (err instanceof WrongVersionStatusError && err.status === 'draft')
    return `Open Draft to edit v${err.version}, then Save & Validate.`;
  if (err instanceof LockedFileChangedError) return 'Restore Locked Version puts back the published text from its tag.';
  return undefined;
}

function actionsFor(err: unknown): Record<string, () => unknown> {
  const run =
    (command: string, ...args: unknown[]) =>
    () =>
      vscode.commands.executeCommand(command, ...args);
  const showLog = { 'Show Log': run('callflow.showLog') };
  if (err instanceof DraftExistsError) {
    return {
      'Open Draft': run('callflow.openVersion', { flowId: err.flowId, version: err.draftVersion }),
      'Discard Draft': run('callflow.discard', { flowId: err.flowId, version: err.draftVersion }),
    };
  }
  if (err instanceof NotTheDraftError && err.draftVersion !== undefined) {
    return { 'Open Draft': run('callflow.openVersion', { flowId: err.flowId, version: err.draftVersion }), ...showLog };
  }
  if (err instanceof UnsavedDraftChangesError) {
    return { 'Save & Validate': run('callflow.save', { flowId: err.flowId, version: err.draftVersion }), ...showLog };
  }
  if (err instanceof NumberRingsAnotherFlowError) {
    return { 'Move Number': run('callflow.assignNumber', { flowId: err.requestedFlowId, number: err.number }) };
  }
  if (err instanceof WrongVersionStatusError && err.status === 'draft') {
    return { 'Open Draft': run('callflow.openVersion', { flowId: err.flowId, version: err.version }), ...showLog };
  }
  if (err instanceof LockedFileChangedError) {
    return {
      'Restore Locked Version': run('callflow.restoreLockedVersion', { flowId: err.flowId, version: err.version }),
      ...showLog,
    };
  }
  if (err instanceof InvalidDraftError && err.why === 'scenarios') {
    return {
      'Show Call Scenarios': run('workbench.view.testing.focus'),
      'Save & Validate': run('callflow.save', { flowId: err.flowId, version: err.draftVersion }),
    };
  }
  if (err instanceof InvalidDraftError && (err.why === 'unsaved' || err.why === 'changed')) {
    return { 'Save & Validate': run('callflow.save', { flowId: err.flowId, version: err.draftVersion }), ...showLog };
  }
  if (err instanceof InvalidDraftError) {
    return {
      'Show Problems': async () => {
        await vscode.commands.executeCommand('callflow.openVersion', { flowId: err.flowId, version: err.draftVersion });
        await vscode.commands.executeCommand('workbench.actions.view.problems');
      },
      'Save & Validate': run('callflow.save', { flowId: err.flowId, version: err.draftVersion }),
    };
  }
  if (err instanceof NoPublishedVersionError)
    return { 'Publish Draft': run('callflow.publish', { flowId: err.flowId }), ...showLog };
  if (err instanceof NoDraftError)
    return { 'Edit (New Draft)': run('callflow.edit', { flowId: err.flowId }), ...showLog };
  if (err instanceof NoWorkspaceError) return { 'Initialize Workspace': run('callflow.init') };
  if (err instanceof ExpectedError && err.location) {
    const { uri, line } = err.location;
    const at = Math.max(0, (line ?? 1) - 1);
    return {
      'Open File': () => vscode.window.showTextDocument(uri, { selection: new vscode.Range(at, 0, at, 0) }),
    };
  }
  if (err instanceof ExpectedError) return {};
  return showLog;
}
