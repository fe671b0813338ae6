/**
 * The one place a canvas gesture becomes a change of the document: the core computes the text
 * edits, this applies them as one WorkspaceEdit (one undo step in the editor, Ctrl+Z from the
 * text or the canvas), after asking where a gesture would remove what it cannot put back by
 * itself. A published or archived version is never changed: the gesture is refused with Edit.
 */
import * as vscode from 'vscode';
import {
  applyTextEdits as applyEditsToText,
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
  /** The call scenario files of the flow a version file belongs to: a rename follows into their `path` entries. */
  readonly scenarioFiles?: (uri: vscode.Uri) => Promise<{ flowId: string; uris: vscode.Uri[] } | undefined>;
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
  /** Called with the document's text as the gesture leaves it, just before the edit is applied. */
  onEditReady?: (text: string) => void;
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
    const scenarios = request.kind === 'renameStep' ? await this.scenarioDocuments(uri) : undefined;
    const texts = new Map([document, ...(scenarios?.documents ?? [])].map((doc) => [doc, doc.getText()]));
    let edit: FlowEdit | undefined;
    try {
      edit = await this.compute(uri, text, request, options, scenarios && { ...scenarios, texts });
    } catch (err) {
      if (!(err instanceof CallflowError)) throw err;
      this.deps.notifications.warn(err.hint ? `${err.message} ${err.hint}` : err.message, {}, err.code);
      return undefined;
    }
    if (!edit) return undefined;
    // A text changed while the admin was asked: the edits were made for the old one.
    if ([...texts].some(([doc, was]) => doc.getText() !== was)) {
      this.deps.notifications.warn('The file changed meanwhile; nothing was done. Try the gesture again.');
      return undefined;
    }
    const others = (edit.otherFiles ?? []).map(({ file, edits }) => ({
      document: scenarios!.documents.find((doc) => doc.uri.toString() === file)!,
      edits,
    }));
    options.onEditReady?.(applyEditsToText(text, edit.edits));
    if (!(await applyWorkspaceEdit([{ document, edits: edit.edits }, ...others]))) {
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

  /** The flow's call scenario files, open as documents (their unsaved text is what the rename edits). */
  private async scenarioDocuments(uri: vscode.Uri): Promise<ScenarioDocuments | undefined> {
    const found = await this.deps.scenarioFiles?.(uri).catch((err: unknown) => {
      this.deps.log?.warn(`Call scenarios of ${uri.fsPath} unavailable: ${String(err)}`);
      return undefined;
    });
    if (!found) return undefined;
    const documents = await Promise.all(found.uris.map((u) => vscode.workspace.openTextDocument(u)));
    return { flowId: found.flowId, documents };
  }

  private async compute(
    uri: vscode.Uri,
    text: string,
    request: GraphEditRequest,
    options: GraphEditOptions,
    scenarios: (ScenarioDocuments & { texts: ReadonlyMap<vscode.TextDocument, string> }) | undefined,
  ): Promise<FlowEdit | undefined> {
    const timezone = request.kind === 'addStep' ? await this.deps.timezone?.(uri).catch(() => undefined) : undefined;
    if (request.kind === 'deleteStep' && !options.confirmed) {
      if (!(await confirmDelete(this.deps.notifications, request.step, exitsInto(text, request.step))))
        return undefined;
    }
    if (request.kind === 'renameStep') {
      const to = request.to ?? (await askNewId(text, request.step));
      if (to === undefined || (request.to === undefined && to === request.step)) return undefined;
      // The texts as they were before asking: a change meanwhile is caught before anything is applied.
      const context = scenarios
        ? {
            flowId: scenarios.flowId,
            scenarios: scenarios.documents.map((doc) => ({
              file: doc.uri.toString(),
              text: scenarios.texts.get(doc) ?? doc.getText(),
            })),
          }
        : {};
      return editForRequest(text, { ...request, to }, context);
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
    prompt: "Every exit that leads to it, start, and the flow's call scenarios follow the new id.",
    value: step,
    validateInput: (value) =>
      !STEP_ID_PATTERN.test(value)
        ? 'Step ids are lowercase letters, digits, - and _, starting with a letter (at most 64 characters).'
        : value !== step && taken.has(value)
          ? `There is already a step "${value}".`
          : undefined,
  });
}

interface ScenarioDocuments {
  flowId: string;
  documents: vscode.TextDocument[];
}

/** One WorkspaceEdit, whatever files it touches: one undo step. */
async function applyWorkspaceEdit(
  changes: ReadonlyArray<{ document: vscode.TextDocument; edits: readonly TextEdit[] }>,
): Promise<boolean> {
  const workspaceEdit = new vscode.WorkspaceEdit();
  for (const { document, edits } of changes) {
    for (const edit of edits) {
      workspaceEdit.replace(
        document.uri,
        new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)),
        edit.newText,
      );
    }
  }
  return vscode.workspace.applyEdit(workspaceEdit);
}
