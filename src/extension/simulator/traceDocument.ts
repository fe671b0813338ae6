/**
 * The trace of a simulated call as a read-only markdown document beside the flow: inputs, each
 * step with the exit taken and what was said, warnings, and the outcome, in the core's words.
 */
import * as vscode from 'vscode';
import { describeOutcome, describeStep, type SimulationResult } from '../../core';
import type { CallInputs } from './prompts';

export const TRACE_SCHEME = 'callflow-simulation';

export class SimulationTraces implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly contents = new Map<string, string>();
  private readonly registration = vscode.workspace.registerTextDocumentContentProvider(TRACE_SCHEME, this);

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return (
      this.contents.get(uri.toString()) ??
      '# Call simulation\n\nThis simulation is no longer available: run Simulate Call again.\n'
    );
  }

  /** Shows (or refreshes) the flow's trace document beside the editor. */
  async show(flowId: string, markdown: string): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.from({ scheme: TRACE_SCHEME, path: `/${flowId} call.md` });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    let doc = await vscode.workspace.openTextDocument(uri);
    if (doc.languageId !== 'markdown')
      doc = await Promise.resolve(vscode.languages.setTextDocumentLanguage(doc, 'markdown')).catch(() => doc);
    // A trace already open keeps its tab (Re-run from the trace itself must not open another column).
    const open = vscode.window.tabGroups.all.find((group) =>
      group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString()),
    );
    await vscode.window.showTextDocument(doc, {
      viewColumn: open?.viewColumn ?? vscode.ViewColumn.Beside,
      preserveFocus: true,
      preview: true,
    });
    return doc;
  }
}

export function traceMarkdown(
  result: SimulationResult,
  inputs: CallInputs,
  label: string,
  queues: readonly string[],
): string {
  const lines: string[] = [];
  lines.push(`# Call simulation · ${label}`, '');
  lines.push(`**Outcome: ${describeOutcome(result.outcome)}**`, '');
  lines.push('## Inputs', '');
  lines.push(`- Call time: ${inputs.at}`);
  if (inputs.from) lines.push(`- Caller: ${inputs.from}`);
  lines.push(
    `- Digits: ${inputs.digits.length > 0 ? inputs.digits.map((d) => (d === '' ? '(nothing)' : d)).join(', ') : '(none)'}`,
  );
  if (queues.length > 0) {
    const busy = new Set(inputs.busy ?? []);
    lines.push(`- Queues: ${queues.map((q) => `${q} ${busy.has(q) ? 'busy' : 'available'}`).join(', ')}`);
  }
  lines.push(`- Transfers: ${inputs.transfer === 'ok' ? 'connect' : 'fail'}`, '');
  lines.push(`## Steps (${result.steps.length})`, '');
  result.steps.forEach((entry, i) => {
    lines.push(`${i + 1}. ${describeStep({ ...entry, say: undefined }, result.flow)}`);
    if (entry.say !== undefined) lines.push(`   - says: “${entry.say}”`);
    if (entry.audio !== undefined) lines.push(`   - plays: ${entry.audio}`);
  });
  if (result.warnings.length > 0) {
    lines.push('', '## Warnings', '');
    for (const warning of result.warnings) lines.push(`- ${warning.step ? `${warning.step}: ` : ''}${warning.message}`);
  }
  lines.push('', `Re-run with the same inputs: **Call Flow: Re-run Last Simulation**.`, '');
  return lines.join('\n');
}
