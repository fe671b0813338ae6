/**
 * Read-only Markdown documents the extension writes (a simulated call's trace, a publish or deploy
 * plan): served from memory under a scheme of their own, so closing one asks nothing, and a
 * document whose text is gone says what to run to see it again.
 */
import * as vscode from 'vscode';

export class MarkdownDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly contents = new Map<string, string>();
  private readonly registration: vscode.Disposable;

  constructor(
    readonly scheme: string,
    /** What a document whose text is gone says, in Markdown (after a reload, say). */
    private readonly unavailable: string,
  ) {
    this.registration = vscode.workspace.registerTextDocumentContentProvider(scheme, this);
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? this.unavailable;
  }

  /** Sets a document's text and loads it as Markdown; an open editor of it follows the new text. */
  async write(uri: vscode.Uri, markdown: string): Promise<vscode.TextDocument> {
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId === 'markdown') return doc;
    return Promise.resolve(vscode.languages.setTextDocumentLanguage(doc, 'markdown')).catch(() => doc);
  }
}
