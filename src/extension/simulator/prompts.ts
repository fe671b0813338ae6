/**
 * The quick input that asks for a simulated call's inputs, one step at a time, each checked as
 * you type. Defaults come from the last run of the same flow.
 */
import * as vscode from 'vscode';
import {
  busyQueues,
  callerNumberProblem,
  callTimeProblem,
  flowUsesVariable,
  formatDigitsInput,
  hasTransferStep,
  parseDigitsInput,
  queuesOfFlow,
  type FlowDefinition,
  type TransferResult,
} from '../../core';
import { ExpectedError } from '../expectedErrors';
import type { FlowFiles } from '../editor/flowFiles';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';
import type { TargetSpec } from './target';

/** The inputs of one simulated call, as remembered per flow. */
export interface CallInputs {
  at: string;
  digits: string[];
  /** Queues whose agents are busy (every other queue has one available). */
  busy?: string[];
  transfer: TransferResult;
  from?: string;
}

const TITLE = 'Simulate Call';

/** Step 1: a phone number or a flow version of the folder. */
export async function pickTarget(
  files: FlowFiles,
  folder: FlowWorkspaceFolder,
  title = TITLE,
): Promise<TargetSpec | undefined> {
  const flows = [...(await files.flows(folder)).values()].sort((a, b) => a.id.localeCompare(b.id));
  type Item = vscode.QuickPickItem & { spec?: TargetSpec };
  const items: Item[] = [];
  const numbers = flows.flatMap((flow) => flow.numbers.map((number) => ({ number, flow })));
  if (numbers.length > 0) items.push({ label: 'Phone numbers', kind: vscode.QuickPickItemKind.Separator });
  for (const { number, flow } of numbers) {
    items.push({
      label: `$(device-mobile) ${number}`,
      description: `→ ${flow.id}${flow.published !== undefined ? ` v${flow.published} (published)` : ' (no published version)'}`,
      spec: { number },
    });
  }
  if (flows.length > 0) items.push({ label: 'Flow versions', kind: vscode.QuickPickItemKind.Separator });
  for (const flow of flows) {
    for (const entry of [...flow.versions].reverse()) {
      if (entry.status === 'discarded') continue;
      const icon = entry.status === 'draft' ? '$(edit)' : entry.status === 'published' ? '$(lock)' : '$(archive)';
      items.push({
        label: `${icon} ${flow.id} v${entry.version}`,
        description: entry.status,
        detail: flow.name !== flow.id ? flow.name : undefined,
        spec: { flowId: flow.id, version: entry.version },
      });
    }
  }
  if (items.length === 0) {
    throw new ExpectedError(
      'no-flows',
      `${folder.name} has no flows to simulate yet.`,
      'Create one with "Call Flow: Create Flow…".',
    );
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: `${title}: number or flow version`,
    placeHolder: 'Which number is called, or which flow version runs?',
    matchOnDescription: true,
    ignoreFocusOut: true,
  });
  return picked?.spec;
}

/**
 * The call's inputs after the target: call time, the caller's number (only when the flow reads
 * caller.number), digits, queue availability (only when it queues calls) and the transfer
 * outcome (only when it transfers). Steps are numbered out of those that apply.
 */
export async function askCallInputs(
  definition: FlowDefinition,
  last: CallInputs | undefined,
  label: string,
): Promise<CallInputs | undefined> {
  const queues = queuesOfFlow(definition);
  const asksCaller = flowUsesVariable(definition, 'caller.number');
  const asksTransfer = hasTransferStep(definition);
  const total = 3 + (asksCaller ? 1 : 0) + (queues.length > 0 ? 1 : 0) + (asksTransfer ? 1 : 0);
  let step = 1;
  const title = (what: string): string => `${TITLE} · ${label} (${++step}/${total}): ${what}`;

  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const at = await vscode.window.showInputBox({
    title: title('call time'),
    prompt: 'When the call is made: ISO 8601 with a zone (default: now)',
    value: last?.at ?? now,
    ignoreFocusOut: true,
    validateInput: (text) => callTimeProblem(text),
  });
  if (at === undefined) return undefined;

  let from = last?.from;
  if (asksCaller) {
    const typed = await vscode.window.showInputBox({
      title: title('caller number'),
      prompt: "The caller's number (caller.number), E.164. Empty: a withheld number.",
      value: from ?? '',
      placeHolder: '+14155550123',
      ignoreFocusOut: true,
      validateInput: (text) => callerNumberProblem(text),
    });
    if (typed === undefined) return undefined;
    from = typed.trim() || undefined;
  }

  const digitsText = await vscode.window.showInputBox({
    title: title('digits'),
    prompt: 'What the caller presses, one entry per prompt, separated by commas (e.g. 1, 1234#). Empty: nothing.',
    value: last ? formatDigitsInput(last.digits) : '',
    ignoreFocusOut: true,
    validateInput: (text) => {
      const parsed = parseDigitsInput(text);
      return 'error' in parsed ? parsed.error : undefined;
    },
  });
  if (digitsText === undefined) return undefined;
  const parsed = parseDigitsInput(digitsText);
  const digits = 'digits' in parsed ? parsed.digits : [];

  let busy: string[] | undefined;
  if (queues.length > 0) {
    const previouslyBusy = new Set(last?.busy ?? []);
    const picked = await vscode.window.showQuickPick(
      queues.map((queue) => ({ label: queue, picked: !previouslyBusy.has(queue) })),
      {
        title: title('queue availability'),
        placeHolder: 'Checked queues have an agent available; the others are busy',
        canPickMany: true,
        ignoreFocusOut: true,
      },
    );
    if (picked === undefined) return undefined;
    busy = busyQueues(
      queues,
      picked.map((item) => item.label),
    );
  }

  let transfer: TransferResult = last?.transfer ?? 'ok';
  if (asksTransfer) {
    const picked = await vscode.window.showQuickPick(
      [
        { label: 'Transfers connect', value: 'ok' as const, picked: transfer === 'ok' },
        {
          label: 'Transfers fail',
          description: 'the transfer step takes its failed exit',
          value: 'failed' as const,
          picked: transfer === 'failed',
        },
      ].sort((a) => (a.value === transfer ? -1 : 1)),
      { title: title('transfer outcome'), ignoreFocusOut: true },
    );
    if (picked === undefined) return undefined;
    transfer = picked.value;
  }
  return { at: at.trim(), digits, ...(busy ? { busy } : {}), transfer, ...(from ? { from } : {}) };
}
