/**
 * The one place a canvas gesture becomes a change of the document: the core computes the text
 * edits, this applies them as one WorkspaceEdit (one undo step in the editor, Ctrl+Z from the
 * text or the canvas), after asking where a gesture would remove what it cannot put back by
 * itself. A published or archived version is never changed: the gesture is refused with Edit.
 */
import * as vscode from 'vscode';
import {
  buildFlowGraph,
  CallflowError,
  editForRequest,
  exitName,
  exitsInto,
  STEP_ID_PATTERN,
  type FlowEdit,
  type TextEdit,
} from '../../core';
import { lockedReason, type LockedVersion } from '../editor/lockedVersions';
import type { Notifications } from '../notifications';
import type { StepPositions } from './positions';
import type { GraphEditRequest } from './protocol';

export interface GraphEditDeps {
  readonly positions: StepPositions;
  /** The locked (published or archived) version a file is, if it is one. */
  readonly lockedVersion: (uri: vscode.Uri) => Promise<LockedVersion | undefined>;
  /** The workspace's default time zone, for a new business-hours step. */
  readonly timezone?: (uri: vscode.Uri) => Promise<string | undefined>;
  readonly log?: vscode.LogOutputChannel;
  /** The one path for messages to the user. */
  readonly notifications: Notifications;
}

export interface GraphEditOutcome {
  description: string;
  /** The step to select afterwards. */
  step?: string;
}

export interface GraphEditOptions {
  /** The admin already confirmed (a caller that asked, or a script): do not ask again. */
  confirmed?: boolean;
}

export class GraphEditor {
  constructor(private readonly deps: GraphEditDeps) {}

  /** Applies the gesture to the document; undefined when it was refused, cancelled or failed (the admin was told). */
  async apply(
    uri: vscode.Uri,
    request: GraphEditRequest,
    options: GraphEditOptions = {},
  ): Promise<GraphEditOutcome | undefined> {
    const locked = await this.deps.lockedVersion(uri);
    if (locked) {
      void this.offerDraft(locked);
      return undefined;
    }
    const document = await vscode.workspace.openTextDocument(uri);
    const text = document.getText();
    let edit: FlowEdit | undefined;
    try {
      edit = await this.compute(uri, text, request, options);
    } catch (err) {
      if (!(err instanceof CallflowError)) throw err;
      this.deps.notifications.warn(err.hint ? `${err.message} ${err.hint}` : err.message, {}, err.code);
      return undefined;
    }
    if (!edit) return undefined;
    // The text changed while the admin was asked: the edits were made for the old one.
    if (document.getText() !== text) {
      this.deps.notifications.warn('The file changed meanwhile; nothing was done. Try the gesture again.');
      return undefined;
    }
    if (!(await applyTextEdits(document, edit.edits))) {
      this.deps.notifications.show({
        level: 'error',
        message: `Could not change ${vscode.workspace.asRelativePath(uri)}: ${edit.description}.`,
        actions: [],
      });
      return undefined;
    }
    await this.afterEdit(uri, request, edit);
    this.deps.log?.info(`Canvas: ${edit.description} in ${vscode.workspace.asRelativePath(uri)}`);
    return { description: edit.description, ...(edit.step ? { step: edit.step } : {}) };
  }

  private async compute(
    uri: vscode.Uri,
    text: string,
    request: GraphEditRequest,
    options: GraphEditOptions,
  ): Promise<FlowEdit | undefined> {
    const timezone = request.kind === 'addStep' ? await this.deps.timezone?.(uri).catch(() => undefined) : undefined;
    if (request.kind === 'deleteStep' && !options.confirmed) {
      if (!(await confirmDelete(this.deps.notifications, request.step, exitsInto(text, request.step))))
        return undefined;
    }
    if (request.kind === 'renameStep' && request.to === undefined) {
      const to = await askNewId(text, request.step);
      if (to === undefined || to === request.step) return undefined;
      return editForRequest(text, { ...request, to });
    }
    return editForRequest(text, request, timezone ? { timezone } : {});
  }

  private async afterEdit(uri: vscode.Uri, request: GraphEditRequest, edit: FlowEdit): Promise<void> {
    if (request.kind === 'addStep' && request.at && edit.step)
      await this.deps.positions.move(uri, edit.step, request.at);
    if (request.kind === 'deleteStep') await this.deps.positions.forget(uri, request.step);
    if (request.kind === 'renameStep' && edit.step) await this.deps.positions.rename(uri, request.step, edit.step);
  }

  private async offerDraft(locked: LockedVersion): Promise<void> {
    const choice = await this.deps.notifications.ask({
      level: 'warning',
      message: lockedReason(locked),
      actions: ['Edit (New Draft)'],
    });
    if (choice) await vscode.commands.executeCommand('callflow.edit', { flowId: locked.flowId });
  }
}

async function confirmDelete(
  notifications: Notifications,
  step: string,
  cleared: ReturnType<typeof exitsInto>,
): Promise<boolean> {
  const exits = cleared.map((ref) => `${ref.step} → ${exitName(ref.exit)}`);
  const detail =
    (exits.length
      ? `These exits lead to it and will be cleared (calls there hang up until you connect them again): ${exits.join(', ')}.`
      : 'No exit leads to it.') + ' Undo (Ctrl+Z) brings it all back.';
  return notifications.confirm(`Delete step "${step}"?`, detail, 'Delete Step');
}

async function askNewId(text: string, step: string): Promise<string | undefined> {
  const taken = new Set(buildFlowGraph(text).nodes.map((n) => n.id));
  return vscode.window.showInputBox({
    title: `Rename step "${step}"`,
    prompt: 'Every exit that leads to it, and start, follow the new id.',
    value: step,
    validateInput: (value) =>
      !STEP_ID_PATTERN.test(value)
        ? 'Step ids are lowercase letters, digits, - and _, starting with a letter (at most 64 characters).'
        : value !== step && taken.has(value)
          ? `There is already a step "${value}".`
          : undefined,
  });
}

/** One WorkspaceEdit: one undo step. */
async function applyTextEdits(document: vscode.TextDocument, edits: readonly TextEdit[]): Promise<boolean> {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const edit of edits) {
    workspaceEdit.replace(
      document.uri,
      new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)),
      edit.newText,
    );
  }
  return vscode.workspace.applyEdit(workspaceEdit);
}
