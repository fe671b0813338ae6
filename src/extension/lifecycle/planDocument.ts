/**
 * A publish or rollback plan in full (every changed journey and warning) as a read-only Markdown
 * document: what the confirmation's "Show All" opens. Read-only, so closing it asks nothing.
 */
import * as vscode from 'vscode';

export const PLAN_SCHEME = 'callflow-plan';

export class PlanDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly contents = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(PLAN_SCHEME, this);

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.contents.get(uri.toString()) ?? '# Plan\n\nThis plan is no longer available: publish again to see it.\n'
    );
  }

  /** Shows the plan of a flow beside the editor, without taking the focus from the question. */
  async show(flowId: string, markdown: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${flowId} plan.md` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'markdown')
      doc = await Promise.resolve(vscode.languages.setTextDocumentLanguage(doc, 'markdown')).catch(() => doc);
    await vscode.window.showTextDocument(doc, { preview: true, preserveFocus: true });
    return doc;
  }
}

/** The extension's one plan document provider (created on first use, disposed with the extension). */
let documents: PlanDocuments | undefined;

export function planDocuments(subscriptions: vscode.Disposable[]): PlanDocuments {
  if (!documents) {
    const created = new PlanDocuments();
    documents = created;
    subscriptions.push(created, { dispose: () => (documents = documents === created ? undefined : documents) });
  }
  return documents;
}
