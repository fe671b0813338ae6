/**
 * The flow graph feature: the "Open Flow Graph" command (editor title, palette) and the internal
 * command the simulator UI calls to overlay a simulated call's path.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CommandRows } from '../commands/entry';
import { versionOfFileName, type PathStep } from '../../core';
import {
  FlowGraphPanel,
  GRAPH_VIEW_TYPE,
  graphTitle,
  type FlowGraphDeps,
  type SimulationPathOverlay,
} from './flowGraphPanel';
import { graphEditCommands } from './graphCommands';
import { GraphEditor } from './graphEdits';
import { StepPositions } from './positions';

export { GRAPH_EDIT_COMMANDS, type GraphCommandArgs } from './graphCommands';
export { FlowGraphPanel, GRAPH_VIEW_TYPE, type FlowGraphDeps } from './flowGraphPanel';

export const OPEN_GRAPH_COMMAND = 'callflow.openGraph';
/** Internal: what the open panels show (the integration tests read it). */
export const GRAPH_STATE_COMMAND = '_callflow.graphState';
/** Internal: `showSimulationPath(uri, steps, flow?)` for callers that hold no reference to the API (the simulator UI). */
export const SHOW_PATH_COMMAND = '_callflow.showSimulationPathInGraph';

/** Registers the graph panel; returns its rows for the command table. `deps`: the extension's services and a validation context. */
export function registerFlowGraph(
  deps: FlowGraphDeps & { timezone?: (uri: vscode.Uri) => Promise<string | undefined> },
): CommandRows {
  const panels = new Map<string, FlowGraphPanel>();
  const overlays = new Map<string, SimulationPathOverlay>();
  const positions = new StepPositions(deps.context.workspaceState);
  const editor = new GraphEditor({
    positions,
    lockedVersion: (uri) => deps.lockedVersion?.(uri) ?? Promise.resolve(undefined),
    ...(deps.timezone ? { timezone: deps.timezone } : {}),
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
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: options.preserveFocus ?? false },
      { enableScripts: true, retainContextWhenHidden: false },
    );
    const graphPanel = new FlowGraphPanel(uri, panel, deps, overlays.get(key), { editor, positions });
    panels.set(key, graphPanel);
    graphPanel.onDidDispose(() => {
      if (panels.get(key) === graphPanel) panels.delete(key);
    });
    return graphPanel;
  };

  const showSimulationPath = async (uri: vscode.Uri, steps: readonly PathStep[], flow?: string): Promise<void> => {
    const overlay = steps.length ? { steps: [...steps], ...(flow ? { flow } : {}) } : undefined;
    if (overlay) overlays.set(uri.toString(), overlay);
    else overlays.delete(uri.toString());
    const panel = panels.get(uri.toString()) ?? (overlay ? await open(uri, { preserveFocus: true }) : undefined);
    await panel?.setSimulationPath(overlay);
  };

  deps.context.subscriptions.push({
    dispose: () => {
      for (const panel of [...panels.values()]) panel.dispose();
    },
  });
  return {
    ...graphEditCommands({
      editor,
      panelOf: (uri) => panels.get(uri.toString()),
      activePanel: () => [...panels.values()].find((p) => p.panel.active),
    }),
    [OPEN_GRAPH_COMMAND]: {
      run: async (_ctx, arg?: unknown) => {
        const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
        if (!uri || versionOfFileName(path.posix.basename(uri.path)) === undefined) {
          void vscode.window.showInformationMessage(
            'Open a flow version file (flows/<flow>/v<N>.yaml) to see its graph.',
          );
          return undefined;
        }
        await open(uri);
        return undefined;
      },
    },
    [GRAPH_STATE_COMMAND]: { run: () => [...panels.values()].map((p) => p.state()) },
    [SHOW_PATH_COMMAND]: {
      run: (_ctx, uri: unknown, steps: unknown, flow?: unknown) => {
        if (!(uri instanceof vscode.Uri) || !Array.isArray(steps))
          throw new Error(`${SHOW_PATH_COMMAND}: expected (uri, steps[, flow])`);
        return showSimulationPath(uri, steps as PathStep[], typeof flow === 'string' ? flow : undefined);
      },
    },
  };
}
