/**
 * Live problems: every open flow workspace file is validated on open and as you type
 * (debounced by `callflow.validation.debounceMs`) into the Problems panel, with codes.
 */
import * as vscode from 'vscode';
import { liveProblems, type EditorProblem } from '../../core';
import type { ExtensionServices } from '../services';
import { errorText, type FlowFiles } from './flowFiles';

export const DIAGNOSTIC_SOURCE = 'callflow';
const DEFAULT_DEBOUNCE_MS = 250;

export class LiveProblems implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection('callflow');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly services: ExtensionServices,
    private readonly files: FlowFiles,
  ) {
    this.disposables.push(
      this.diagnostics,
      vscode.workspace.onDidOpenTextDocument((doc) => this.validateNow(doc)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0) this.schedule(e.document);
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      // Manifests, publishes and numbers change what goto-flow and numbers.yaml checks say.
      files.onDidChange(() => this.validateAllOpen()),
    );
    this.validateAllOpen();
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    vscode.Disposable.from(...this.disposables).dispose();
  }

  validateAllOpen(): void {
    for (const doc of vscode.workspace.textDocuments) void this.validateNow(doc);
  }

  private schedule(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    const delay = vscode.workspace
      .getConfiguration('callflow', doc.uri)
      .get<number>('validation.debounceMs', DEFAULT_DEBOUNCE_MS);
    this.timers.set(
      key,
      setTimeout(
        () => {
          this.timers.delete(key);
          void this.validateNow(doc);
        },
        Math.max(0, delay),
      ),
    );
  }

  /** Validates the document's current text; a result for an outdated text is dropped. */
  async validateNow(given: vscode.TextDocument): Promise<void> {
    // A document closed and opened again is a new object: validate whichever is open now.
    const doc = given.isClosed
      ? vscode.workspace.textDocuments.find((d) => d.uri.toString() === given.uri.toString() && !d.isClosed)
      : given;
    if (!doc) return;
    try {
      const info = await this.files.describe(doc.uri);
      if (!info) return;
      const context = await this.files.context(info.folder);
      const version = doc.version;
      if (doc.isClosed) return;
      const started = performance.now();
      const { problems } = liveProblems(info.role, doc.getText(), info.relativePath, context);
      if (doc.version !== version || doc.isClosed) return;
      this.diagnostics.set(doc.uri, problems.map(toDiagnostic));
      this.services.log.trace(
        `validated ${info.relativePath} (version ${version}): ${problems.length} problem(s) in ${(performance.now() - started).toFixed(1)} ms`,
      );
    } catch (err) {
      this.services.log.error(`Validating ${doc.uri.fsPath} failed: ${errorText(err)}`);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    // A document closed and opened again quickly: the open one keeps its problems.
    if (vscode.workspace.textDocuments.some((d) => d.uri.toString() === key && !d.isClosed)) return;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.diagnostics.delete(uri);
  }
}

export function toDiagnostic(problem: EditorProblem): vscode.Diagnostic {
  const { range } = problem;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(range.startLine, range.startCharacter, range.endLine, range.endCharacter),
    problem.message,
    problem.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning,
  );
  diagnostic.code = problem.code;
  diagnostic.source = DIAGNOSTIC_SOURCE;
  return diagnostic;
}
