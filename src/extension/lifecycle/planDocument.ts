/**
 * A publish or rollback plan in full (every changed journey and warning) as a read-only Markdown
 * document: what the confirmation's "Show All" opens. Read-only, so closing it asks nothing.
 */
import * as vscode from 'vscode';
import { MarkdownDocuments } from '../markdownDocuments';

export const PLAN_SCHEME = 'callflow-plan';

export class PlanDocuments extends MarkdownDocuments {
  constructor() {
    super(
      PLAN_SCHEME,
      '# Plan\n\nThis plan is no longer available: run Publish, Roll Back or Deploy again to see it.\n',
    );
  }

  /** Shows the plan of a flow beside the editor, without taking the focus from the question. */
  async show(flowId: string, markdown: string): Promise<vscode.TextDocument> {
    const doc = await this.write(vscode.Uri.from({ scheme: PLAN_SCHEME, path: `/${flowId} plan.md` }), markdown);
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
