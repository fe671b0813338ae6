/**
 * Test Call: a call placed in a panel and answered as it happens (palette, the draft's CodeLens,
 * the canvas toolbar, a flow, version or number in the Call Flows tree). Each call's progress is
 * a typed event the canvas listens to, to mark the step the call is in and the path so far.
 */
import * as vscode from 'vscode';
import { parseCallTime } from '../../core';
import type { CommandRows } from '../commands/entry';
import { presentError } from '../commands/errors';
import type { FlowFiles } from '../editor/flowFiles';
import { NoWorkspaceError } from '../expectedErrors';
import type { TestCallPath } from '../graph';
import { besideColumn, columnOf, isShownBeside } from '../editorGroups';
import type { ExtensionServices } from '../services';
import { pickTarget } from '../simulator/prompts';
import { targetFromArgument, targetText, type TargetSpec } from '../simulator/target';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';
import { openLoggedCall, REPLAY_CALL_COMMAND } from './replay';
import { TEST_CALL_VIEW_TYPE, TestCallPanel, type TestCallTarget } from './testCallPanel';

export const TEST_CALL_COMMAND = 'callflow.testCall';

/** What the integration tests read and do through the extension's test API. */
export interface TestCallProbe {
  /** What the open Test Call panels show, with each call's inputs and result. */
  panels(): ReturnType<TestCallPanel['state']>[];
  /** Hands the open panel a message as its page posts it (a key, a choice); resolves once it was handled. */
  fromPage(message: unknown): Promise<void>;
}

/** A Test Call's arguments beyond the target (tests and re-runs give them; the panel's fields change them). */
interface TestCallArgs {
  from?: string;
  /** An ISO instant with its zone; absent: now. */
  at?: string;
}

export function registerTestCall(
  services: ExtensionServices,
  files: FlowFiles,
): { rows: CommandRows; onDidTestCall: vscode.Event<TestCallPath>; probe: TestCallProbe } {
  const progressed = new vscode.EventEmitter<TestCallPath>();
  const panels = new Map<string, TestCallPanel>();
  const deps = { services, files, onProgress: (path: TestCallPath) => progressed.fire(path) };

  const open = (key: string, title: string, target: TestCallTarget): TestCallPanel => {
    const existing = panels.get(key);
    if (existing) {
      existing.panel.reveal(undefined, false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      TEST_CALL_VIEW_TYPE,
      title,
      { viewColumn: testCallColumn(), preserveFocus: false },
      { enableScripts: true, retainContextWhenHidden: true },
    );
    const testCall = new TestCallPanel(panel, deps, target);
    panels.set(key, testCall);
    testCall.onDidDispose(() => {
      if (panels.get(key) === testCall) panels.delete(key);
    });
    return testCall;
  };

  const testCall = async (arg?: unknown): Promise<ReturnType<TestCallPanel['state']> | undefined> => {
    try {
      const target = await targetOf(services, files, arg);
      if (!target) return undefined;
      const key = `${target.folder.root.toString()}|${targetText(target.spec)}`;
      const panel = open(key, `Test Call: ${targetText(target.spec)}`, target);
      await panel.call(target);
      return panel.state();
    } catch (err) {
      presentError(services, err, TEST_CALL_COMMAND);
      return undefined;
    }
  };

  const replay = async (arg?: unknown): Promise<ReturnType<TestCallPanel['state']> | undefined> => {
    try {
      const given = (arg && typeof arg === 'object' ? arg : {}) as { root?: unknown };
      const root = targetFromArgument({ root: given.root }).root;
      const panel = await openLoggedCall(
        {
          services,
          files,
          folder: async () => (root && services.workspaces.forUri(root)) || (await pickFolder(services)),
          panel: (key, title, folder, flowId) => open(key, title, { folder, spec: { flowId } }),
        },
        arg,
      );
      return panel?.state();
    } catch (err) {
      presentError(services, err, REPLAY_CALL_COMMAND);
      return undefined;
    }
  };

  services.context.subscriptions.push(progressed, {
    dispose: () => {
      for (const panel of [...panels.values()]) panel.dispose();
    },
  });
  return {
    rows: {
      [TEST_CALL_COMMAND]: { run: (_ctx, arg?: unknown) => testCall(arg) },
      // Reads the repository's history (the commit the call ran on): git, so a trusted workspace only.
      [REPLAY_CALL_COMMAND]: { run: (_ctx, arg?: unknown) => replay(arg), needsTrust: true },
    },
    onDidTestCall: progressed.event,
    probe: {
      panels: () => [...panels.values()].map((p) => p.state()),
      fromPage: async (message) => {
        const panel = [...panels.values()].find((p) => p.panel.active) ?? [...panels.values()].pop();
        if (!panel) throw new Error('No Test Call panel is open');
        await panel.onMessage(message);
      },
    },
  };
}

/** The target a gesture points at: its argument (a file, a tree node, plain args), the active version file, or a pick. */
async function targetOf(
  services: ExtensionServices,
  files: FlowFiles,
  arg: unknown,
): Promise<TestCallTarget | undefined> {
  const given = (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : {}) as TestCallArgs;
  const parsed = targetFromArgument(arg);
  const { root } = parsed;
  let { spec, uri } = parsed;
  if (!spec && !uri && !root) uri = vscode.window.activeTextEditor?.document.uri;
  let folder = (root ?? uri) && services.workspaces.forUri((root ?? uri)!);
  if (!spec && uri) {
    const info = await files.describe(uri);
    if (info?.role.kind === 'version') {
      spec = { flowId: info.role.flowId, version: info.role.version };
      folder = info.folder;
    }
  }
  folder ??= await pickFolder(services);
  if (!folder) return undefined;
  spec ??= await pickTarget(files, folder, 'Test Call');
  if (!spec) return undefined;
  return withCaller(folder, spec, given);
}

function withCaller(folder: FlowWorkspaceFolder, spec: TargetSpec, given: TestCallArgs): TestCallTarget {
  return {
    folder,
    spec,
    ...(typeof given.from === 'string' && given.from !== '' ? { from: given.from } : {}),
    ...(typeof given.at === 'string' ? { at: parseCallTime(given.at) } : {}),
  };
}

async function pickFolder(services: ExtensionServices): Promise<FlowWorkspaceFolder | undefined> {
  const all = services.workspaces.all();
  if (all.length === 0) throw new NoWorkspaceError();
  if (all.length === 1) return all[0];
  const picked = await vscode.window.showQuickPick(
    all.map((folder) => ({ label: folder.name, folder })),
    { title: 'Test Call: which flow workspace?' },
  );
  return picked?.folder;
}

/**
 * Where a new Test Call panel opens: with the other Test Call panels; else beside the canvas, so
 * the canvas stays in sight to mark the call's steps; else in the group beside the flow.
 */
function testCallColumn(): vscode.ViewColumn {
  const isTestCall = (tab: vscode.Tab): boolean =>
    tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(TEST_CALL_VIEW_TYPE);
  const withTheOthers = columnOf(isTestCall);
  if (withTheOthers !== undefined) return withTheOthers;
  const canvas = columnOf(isShownBeside);
  return canvas !== undefined ? canvas + 1 : besideColumn();
}
