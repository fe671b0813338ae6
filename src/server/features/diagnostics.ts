/**
 * Live problems: the one source of diagnostics for flow files. Every open file of a flow
 * workspace is validated by its role when it opens and as it is typed (debounced), against the
 * workspace's index; all open files again when the index changes (a publish, numbers.yaml).
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { liveProblems, plural } from '../../core';
import type { ServerContext } from '../context';

export const DIAGNOSTIC_SOURCE = 'callflow';

export class LiveDiagnostics {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Set<string>();

  constructor(
    private readonly ctx: ServerContext,
    private debounceMs: number,
  ) {}

  setDebounce(ms: number): void {
    this.debounceMs = ms;
  }

  schedule(uri: string, delay = this.debounceMs): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.validate(uri);
      }, delay),
    );
  }

  revalidateAll(): void {
    for (const document of this.ctx.documents.all()) this.schedule(document.uri, 0);
  }

  /** Validates the document's current text; a result for a text changed meanwhile is dropped. */
  async validate(uri: string): Promise<void> {
    const document = this.ctx.documents.get(uri);
    if (!document) return;
    const version = document.version;
    const file = await this.ctx.file(uri);
    if (!file) return;
    const started = performance.now();
    const { problems } = liveProblems(file.role, file.text, file.relativePath, file.index?.context());
    if (this.ctx.documents.get(uri)?.version !== version) return;
    const diagnostics = problems.map((problem): Diagnostic => {
      const diagnostic: Diagnostic = {
        range: {
          start: { line: problem.range.startLine, character: problem.range.startCharacter },
          end: { line: problem.range.endLine, character: problem.range.endCharacter },
        },
        severity: problem.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
        code: problem.code,
        source: DIAGNOSTIC_SOURCE,
        message: problem.message,
      };
      // What the quick fixes need; the editor sends it back with the code action request.
      if (problem.data) diagnostic.data = problem.data;
      return diagnostic;
    });
    this.published.add(uri);
    await this.ctx.connection.sendDiagnostics({ uri, version, diagnostics });
    this.ctx.connection.console.log(
      `validated ${file.relativePath} (version ${version}): ${plural(problems.length, 'problem')} in ${(performance.now() - started).toFixed(1)} ms`,
    );
  }

  /** A closed file's problems go with it. */
  clear(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.ctx.outlines.delete(uri);
    if (this.published.delete(uri)) void this.ctx.connection.sendDiagnostics({ uri, diagnostics: [] });
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
