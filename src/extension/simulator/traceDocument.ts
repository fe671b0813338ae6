/**
 * The trace of a simulated call as a read-only markdown document beside the flow: inputs, each
 * step with the exit taken and what was said, warnings, and the outcome, in the core's words.
 */
import * as vscode from 'vscode';
import { MarkdownDocuments } from '../markdownDocuments';
import {
  describeOutcome,
  describePendingNumber,
  describeStep,
  type PendingNumber,
  type SimulationResult,
} from '../../core';
import { besideColumn } from '../editorGroups';
import type { CallInputs } from './prompts';

export const TRACE_SCHEME = 'callflow-simulation';

export class SimulationTraces extends MarkdownDocuments {
  constructor() {
    super(TRACE_SCHEME, '# Call simulation\n\nThis simulation is no longer available: run Simulate Call again.\n');
  }

  /**
   * Shows (or refreshes) the flow's trace beside the editor, rendered: VS Code's Markdown preview
   * of the trace, not its Markdown source. An open preview follows the new text where it is; a new
   * one opens in the group beside the flow (the canvas's, or another trace's), never in a new group.
   */
  async show(flowId: string, markdown: string): Promise<vscode.Uri> {
    const uri = traceUri(flowId);
    // The preview reads the document: loaded (and marked Markdown) before it opens.
    await this.write(uri, markdown);
    const open = traceTab(flowId);
    // VS Code's Markdown preview as an editor of the trace: unlike the preview commands, it opens
    // in the column it is given.
    await vscode.commands.executeCommand('vscode.openWith', uri, MARKDOWN_PREVIEW_EDITOR, {
      viewColumn: open?.group.viewColumn ?? besideColumn(),
      preserveFocus: true,
      preview: false,
    });
    return uri;
  }
}

/** The Markdown extension's preview as an editor (a custom editor any Markdown document opens with). */
const MARKDOWN_PREVIEW_EDITOR = 'vscode.markdown.preview.editor';

export function traceUri(flowId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: TRACE_SCHEME, path: `/${flowId} call.md` });
}

/** The tab of the flow's rendered trace, when one is open. */
export function traceTab(flowId: string): vscode.Tab | undefined {
  const uri = traceUri(flowId).toString();
  return vscode.window.tabGroups.all
    .flatMap((group) => group.tabs)
    .find(
      (tab) =>
        tab.input instanceof vscode.TabInputCustom &&
        tab.input.viewType === MARKDOWN_PREVIEW_EDITOR &&
        tab.input.uri.toString() === uri,
    );
}

export function traceMarkdown(
  result: SimulationResult,
  inputs: CallInputs,
  label: string,
  queues: readonly string[],
  pendingNumbers: readonly PendingNumber[] = [],
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
  if (pendingNumbers.length > 0) {
    lines.push('## Numbers: the working tree’s', '');
    lines.push(
      'This call follows numbers.yaml as it is on disk, which differs from the last commit. Callers get the committed numbers until the change is committed:',
      '',
    );
    for (const pending of pendingNumbers) lines.push(`- ${describePendingNumber(pending)}`);
    lines.push('');
  }
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
