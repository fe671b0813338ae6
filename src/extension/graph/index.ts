/**
 * The flow graph feature: the "Open Flow Graph" command (editor title, palette), the path of
 * each simulated call overlaid on the open graph of its file (it listens to the simulator's event),
 * and "Show Changes in Graph": the version the last comparison reads to (the draft, what publishing
 * would give callers) marked against the one it reads from (it listens to the review's event).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandRows } from '../commands/entry';
import type { Notifications } from '../notifications';
import { besideColumn } from '../editorGroups';
import { versionOfFileName, versionWithStatus, type LedgerStatus, type PathStep } from '../../core';
import { graphTitle, type ChangesOverlay, type SimulationPathOverlay } from './documentGraph';
import { FlowGraphPanel, GRAPH_VIEW_TYPE, type FlowGraphDeps } from './flowGraphPanel';
import { graphEditCommands } from './graphCommands';
import { GraphEditor, type GraphEditDeps } from './graphEdits';
import { StepPositions } from './positions';
import { parseSavedGraphState } from './protocol';

export { GRAPH_EDIT_COMMANDS, type GraphCommandArgs } from './graphCommands';
export { FlowGraphPanel, GRAPH_VIEW_TYPE, type FlowGraphDeps } from './flowGraphPanel';

export const OPEN_GRAPH_COMMAND = 'callflow.openGraph';
export const SHOW_CHANGES_IN_GRAPH_COMMAND = 'callflow.showChangesInGraph';

/** What the integration tests read and do through the extension's test API. */
export interface GraphProbe {
  /** What the open panels show. */
  panels(): ReturnType<FlowGraphPanel['state']>[];
  /** Overlays a path on the graph of `uri` (opening it when there is a path and no panel). */
  showSimulationPath(uri: vscode.Uri, steps: readonly PathStep[], flow?: string): Promise<void>;
  /**
   * Restores a graph panel from a page's saved state through the same function VS Code's panel
   * serializer calls after a reload, on a new webview panel; the restored panel's state, or undefined.
   */
  restore(savedState: unknown): Promise<ReturnType<FlowGraphPanel['state']> | undefined>;
  /** Hands the panel of `uri` a message as its page posts it (a click, a key); resolves once it was handled. */
  fromPage(uri: vscode.Uri, message: unknown): Promise<void>;
}

/** A simulated call, as the graph needs it. */
export interface SimulatedPath {
  uri: vscode.Uri;
  result: { steps: readonly PathStep[]; flow: string };
}

/** A test call as it goes: the path so far and the step it is in now (none once it ended). */
export interface TestCallPath {
  uri: vscode.Uri;
  flow: string;
  steps: readonly PathStep[];
  current?: string;
}

/** Two versions compared, as the graph needs them: the diff editor's sides, read `from` → `to` (what publishing does). */
export interface ComparedPair {
  from: { uri: vscode.Uri; version: number; status: LedgerStatus };
  to: { uri: vscode.Uri; version: number; status: LedgerStatus };
}

/**
 * Registers the graph panel; returns its rows for the command table and its test probe. `deps`: the
 * extension's services and a validation context; `onDidSimulate`: the simulator's event;
 * `onDidChangeComparison`: the review's event (Compare Versions).
 */
export function registerFlowGraph(
  deps: FlowGraphDeps & {
    notifications: Notifications;
  } & Pick<GraphEditDeps, 'timezone' | 'scenarioFiles'>,
  onDidSimulate: vscode.Event<SimulatedPath>,
  onDidChangeComparison: vscode.Event<ComparedPair | undefined>,
  onDidTestCall?: vscode.Event<TestCallPath>,
): { rows: CommandRows; probe: GraphProbe } {
  const panels = new Map<string, FlowGraphPanel>();
  const overlays = new Map<string, SimulationPathOverlay>();
  /** The last comparison made: what Show Changes in Graph draws. */
  let lastCompared: ComparedPair | undefined;
  const positions = new StepPositions(deps.context.workspaceState);
  const editor = new GraphEditor({
    positions,
    notifications: deps.notifications,
    lockedVersion: (uri) => deps.lockedVersion?.(uri) ?? Promise.resolve(undefined),
    ...(deps.timezone ? { timezone: deps.timezone } : {}),
    ...(deps.scenarioFiles ? { scenarioFiles: deps.scenarioFiles } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  });

  const open = async (uri: vscode.Uri, options: { preserveFocus?: boolean } = {}): Promise<FlowGraphPanel> => {
    const key = uri.toString();
    const existing = panels.get(key);
    if (existing) {
      existing.panel.reveal(undefined, options.preserveFocus ?? false);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(
      GRAPH_VIEW_TYPE,
      `Graph: ${graphTitle(uri)}`,
      { viewColumn: besideColumn(), preserveFocus: options.preserveFocus ?? false },
      { enableScripts: true, retainContextWhenHidden: false },
    );
    return adopt(uri, panel);
  };

  /** Makes a webview panel (new, or restored by VS Code after a reload) the graph of `uri`. */
  const adopt = (uri: vscode.Uri, panel: vscode.WebviewPanel, changes?: ChangesOverlay): FlowGraphPanel => {
    const key = uri.toString();
    const graphPanel = new FlowGraphPanel(uri, panel, deps, overlays.get(key), { editor, positions }, changes);
    panels.set(key, graphPanel);
    graphPanel.onDidDispose(() => {
      if (panels.get(key) === graphPanel) panels.delete(key);
    });
    return graphPanel;
  };

  /**
   * A panel VS Code restored, on the file and against the version its page kept in its state (an older
   * version whose file is gone is not marked; the panel says why in the log). Disposed when there is
   * no file to show or the file's graph is open already.
   */
  const restore = (panel: vscode.WebviewPanel, state: unknown): FlowGraphPanel | undefined => {
    const saved = parseSavedGraphState(state);
    if (!saved || panels.has(saved.documentUri)) {
      panel.dispose();
      return undefined;
    }
    const uri = vscode.Uri.parse(saved.documentUri);
    panel.title = `Graph: ${graphTitle(uri)}`;
    const review = saved.review;
    return adopt(uri, panel, review && { older: vscode.Uri.parse(review.older), against: review.against });
  };

  const restoreForTest = async (savedState: unknown): Promise<ReturnType<FlowGraphPanel['state']> | undefined> => {
    const panel = vscode.window.createWebviewPanel(GRAPH_VIEW_TYPE, 'Graph', vscode.ViewColumn.Beside, {
      enableScripts: true,
      retainContextWhenHidden: false,
    });
    const restored = restore(panel, savedState);
    await restored?.update();
    return restored?.state();
  };

  const showSimulationPath = async (
    uri: vscode.Uri,
    steps: readonly PathStep[],
    flow?: string,
    current?: string,
  ): Promise<void> => {
    const overlay =
      steps.length || current
        ? { steps: [...steps], ...(flow ? { flow } : {}), ...(current ? { current } : {}) }
        : undefined;
    if (overlay) overlays.set(uri.toString(), overlay);
    else overlays.delete(uri.toString());
    const panel = panels.get(uri.toString()) ?? (overlay ? await open(uri, { preserveFocus: true }) : undefined);
    await panel?.setSimulationPath(overlay);
  };

  const changesOf = (pair: ComparedPair): ChangesOverlay => ({
    older: pair.from.uri,
    against: versionWithStatus(pair.from),
  });

  const showChanges = async (pair: ComparedPair): Promise<FlowGraphPanel> => {
    const panel = await open(pair.to.uri);
    await panel.setChanges(changesOf(pair));
    return panel;
  };

  deps.context.subscriptions.push(
    // A graph open on the `to` version shows the changes of each new comparison at once, with the
    // labels the versions' statuses give them now; an ended comparison's marks go.
    onDidChangeComparison((pair) => {
      const ended = lastCompared;
      lastCompared = pair;
      if (pair) void panels.get(pair.to.uri.toString())?.setChanges(changesOf(pair));
      else if (ended) void panels.get(ended.to.uri.toString())?.setChanges(undefined);
    }),
    // After a reload VS Code hands back the graph panels that were open, with the page's state.
    vscode.window.registerWebviewPanelSerializer(GRAPH_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) => {
        restore(panel, state);
      },
    }),
    // The trace and the marked YAML already show the path: only a graph that is open shows it too.
    onDidSimulate((run) => {
      if (panels.has(run.uri.toString())) void showSimulationPath(run.uri, run.result.steps, run.result.flow);
    }),
    // A test call marks its path and the step it is in on the graph of its version, when that graph is open.
    ...(onDidTestCall
      ? [
          onDidTestCall((call) => {
            if (panels.has(call.uri.toString())) void showSimulationPath(call.uri, call.steps, call.flow, call.current);
          }),
        ]
      : []),
    {
      dispose: () => {
        for (const panel of [...panels.values()]) panel.dispose();
      },
    },
  );
  // A discard deletes the version file: its graph goes with it rather than showing a file that is gone.
  if (deps.onDidChangeFlows)
    deps.context.subscriptions.push(deps.onDidChangeFlows(() => void closeGraphsOfDeletedFiles(panels)));
  const rows: CommandRows = {
    ...graphEditCommands({
      editor,
      panelOf: (uri) => panels.get(uri.toString()),
      activePanel: () => [...panels.values()].find((p) => p.panel.active),
      notifications: deps.notifications,
    }),
    [SHOW_CHANGES_IN_GRAPH_COMMAND]: {
      run: async () => {
        if (!lastCompared) {
          deps.notifications.info(
            'Compare two versions first: the graph then shows what publishing changes, marked on the version compared.',
            {
              'Compare Versions': () => vscode.commands.executeCommand('callflow.compareVersions'),
            },
          );
          return undefined;
        }
        return (await showChanges(lastCompared)).state();
      },
    },
    [OPEN_GRAPH_COMMAND]: {
      run: async (_ctx, arg?: unknown) => {
        const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
        if (!uri || versionOfFileName(path.posix.basename(uri.path)) === undefined) {
          deps.notifications.info('Open a flow version file (flows/<flow>/v<N>.yaml) to see its graph.');
          return undefined;
        }
        await open(uri);
        return undefined;
      },
    },
  };
  return {
    rows,
    probe: {
      panels: () => [...panels.values()].map((p) => p.state()),
      showSimulationPath,
      restore: restoreForTest,
      fromPage: async (uri, message) => {
        const panel = panels.get(uri.toString());
        if (!panel) throw new Error(`No flow graph is open on ${uri.toString()}`);
        await panel.onMessage(message);
      },
    },
  };
}

async function closeGraphsOfDeletedFiles(panels: ReadonlyMap<string, FlowGraphPanel>): Promise<void> {
  for (const [key, panel] of [...panels]) {
    const exists = await Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.parse(key))).then(
      () => true,
      () => false,
    );
    if (!exists) panel.dispose();
  }
}
