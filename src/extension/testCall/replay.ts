/**
 * Replay Logged Call: a call from `callflow serve`'s execution log opened in the Test Call panel: its
 * transcript (the call run again on the version it ran, as `callflow replay` runs it), its path on the
 * canvas of that version, and whether today's published version routes it the same way (the same
 * engine, compared as replay compares).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  callTimeZoneOf,
  compareReplay,
  parseFlowId,
  parseLogLine,
  replaySimulateInputs,
  simulateCall,
  summarizeCalls,
  type LogLine,
} from '../../core';
import { replayLoggedCall } from '../../platform/replayLoggedCall';
import type { FlowFiles } from '../editor/flowFiles';
import { ExpectedError } from '../expectedErrors';
import type { ExtensionServices } from '../services';
import { loadSimulatedFlow, publishedResolver, resolveTarget } from '../simulator/target';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';
import { replayView, type TodaysRoute } from './replayView';
import type { TestCallPanel } from './testCallPanel';

export const REPLAY_CALL_COMMAND = 'callflow.replayLoggedCall';

/** What tests (and a link from elsewhere) may give: the log file and the call id; the rest is asked. */
interface ReplayArgs {
  log?: string;
  call?: string;
}

export interface ReplayDeps {
  services: ExtensionServices;
  files: FlowFiles;
  folder: () => Promise<FlowWorkspaceFolder | undefined>;
  /** The Test Call panel for a key, made when there is none. */
  panel: (key: string, title: string, folder: FlowWorkspaceFolder, flowId: string) => TestCallPanel;
}

export async function openLoggedCall(deps: ReplayDeps, arg: unknown): Promise<TestCallPanel | undefined> {
  const given = (arg && typeof arg === 'object' ? arg : {}) as ReplayArgs;
  const folder = await deps.folder();
  if (!folder) return undefined;
  const logUri = await logFile(folder, given.log);
  if (!logUri) return undefined;
  const lines = await readLog(logUri);
  const callId = given.call ?? (await pickCall(lines, vscode.workspace.asRelativePath(logUri, false)));
  if (!callId) return undefined;

  const replayed = await replayLoggedCall(folder.root.fsPath, lines, callId);
  const { plan } = replayed;
  const today = await todaysRoute(deps, folder, plan);
  const zone = callTimeZoneOf(replayed.definition, (await deps.files.layout(folder)).settings.timezone);
  // The log names the flow: parsed here, where it enters.
  const flowId = parseFlowId(plan.flow);
  const versionUri = await deps.files.versionUri(folder, flowId, Number(String(plan.version).replace(/^v/, '')));
  // The canvas of the version it ran, to draw the path on.
  await vscode.commands.executeCommand('callflow.openGraph', versionUri);
  const panel = deps.panel(`${folder.root.toString()}|replay:${callId}`, `Replay: ${callId}`, folder, plan.flow);
  panel.showFixed(replayView(plan, replayed.result, today, zone), {
    uri: versionUri,
    flow: plan.flow,
    steps: replayed.result.steps,
  });
  deps.services.log.info(
    `Replayed logged call ${callId}: ${'problem' in today ? today.problem : today.comparison.same ? 'today routes it the same way' : 'today routes it differently'}`,
  );
  return panel;
}

/** Today's published version of the flow, as the workspace has it, run with the logged call's inputs. */
async function todaysRoute(
  deps: ReplayDeps,
  folder: FlowWorkspaceFolder,
  plan: Awaited<ReturnType<typeof replayLoggedCall>>['plan'],
): Promise<TodaysRoute> {
  try {
    const target = await resolveTarget(deps.files, folder, { flowId: plan.flow, version: 'published' });
    const flow = await loadSimulatedFlow(target);
    const result = simulateCall({
      ...replaySimulateInputs(plan),
      flow,
      resolvePublished: await publishedResolver(deps.files, folder, flow, deps.services),
    });
    return { version: `v${target.version} (published)`, result, comparison: compareReplay(plan, result) };
  } catch (err) {
    return { problem: `Today's version could not be asked: ${err instanceof Error ? err.message : String(err)}` };
  }
}

async function logFile(folder: FlowWorkspaceFolder, given: string | undefined): Promise<vscode.Uri | undefined> {
  if (given) return path.isAbsolute(given) ? vscode.Uri.file(given) : folder.uri(given);
  const picked = await vscode.window.showOpenDialog({
    title: "Replay Logged Call: callflow serve's execution log",
    defaultUri: folder.root,
    canSelectMany: false,
    openLabel: 'Open Log',
  });
  return picked?.[0];
}

async function readLog(uri: vscode.Uri): Promise<LogLine[]> {
  let bytes: Uint8Array;
  try {
    bytes = await vscode.workspace.fs.readFile(uri);
  } catch {
    throw new ExpectedError(
      'missing-file',
      `${vscode.workspace.asRelativePath(uri, false)} cannot be read.`,
      'Give the file `callflow serve --log` writes to.',
    );
  }
  const lines: LogLine[] = [];
  for (const text of new TextDecoder().decode(bytes).split('\n')) {
    const line = parseLogLine(text);
    if (line) lines.push(line);
  }
  return lines;
}

async function pickCall(lines: readonly LogLine[], file: string): Promise<string | undefined> {
  const calls = summarizeCalls(lines).reverse();
  if (calls.length === 0)
    throw new ExpectedError('no-calls', `${file} has no calls.`, 'Give the file `callflow serve --log` writes to.');
  const picked = await vscode.window.showQuickPick(
    calls.map((call) => ({
      label: call.call,
      description: `${call.flow ?? '?'} v${call.version ?? '?'} · ${call.number ?? '?'} · from ${call.from ?? 'withheld'}`,
      detail: `${call.startedAt ?? '?'} · ${call.outcome ? String(call.outcome['kind']) : 'no end logged'} · ${call.steps} steps`,
      call: call.call,
    })),
    { title: 'Replay Logged Call: which call?', matchOnDescription: true },
  );
  return picked?.call;
}
