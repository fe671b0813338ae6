/**
 * The call simulator in the editor: Simulate Call (palette, tree, CodeLens), Re-run Last
 * Simulation, the trace document, the path marked in the YAML, and call scenarios in the Test
 * Explorer.
 */
import type * as vscode from 'vscode';
import type { CommandRows } from '../commands/entry';
import type { FlowFiles } from '../editor/flowFiles';
import type { ExtensionServices } from '../services';
import { SimulationPath } from './pathDecorations';
import { CallSimulator, type SimulationRun } from './simulateCommand';
import { CallScenarioTests, describeItems } from './testController';
import { SimulationTraces } from './traceDocument';

export type { SimulateCallArgs, SimulationRun } from './simulateCommand';

/** What the integration tests read through the extension's test API. */
export interface SimulatorProbe {
  /** The Test Explorer's items, the last run's results, and the path marked in `uri`. */
  state(uri?: vscode.Uri): {
    scenarios: ReturnType<typeof describeItems>;
    lastRun: Record<string, unknown>;
    path: Record<string, unknown> | undefined;
  };
  /** Finds the call scenario files again. */
  discoverScenarios(): Promise<void>;
}

/** Registers the simulator and the Test Explorer; returns their rows, the simulation event and the test probe. */
export function registerSimulator(
  services: ExtensionServices,
  files: FlowFiles,
): { rows: CommandRows; onDidSimulate: vscode.Event<SimulationRun>; probe: SimulatorProbe } {
  const traces = new SimulationTraces();
  const path = new SimulationPath();
  const simulator = new CallSimulator(services, files, traces, path);
  const tests = new CallScenarioTests(services, files);
  services.context.subscriptions.push(traces, path, simulator, tests);
  void tests.discoverAll().catch((err) => services.log.warn(`Call scenarios not discovered: ${String(err)}`));
  return {
    rows: {
      'callflow.simulateCall': { run: (_ctx, arg?: unknown) => simulator.simulateCall(arg) },
      'callflow.rerunSimulation': { run: (_ctx, arg?: unknown) => simulator.rerun(arg) },
    },
    onDidSimulate: simulator.onDidSimulate,
    probe: {
      state: (uri) => ({
        scenarios: describeItems(tests.controller.items),
        lastRun: Object.fromEntries(tests.lastRun),
        path: uri ? Object.fromEntries(path.pathOf(uri) ?? []) : undefined,
      }),
      discoverScenarios: () => tests.discoverAll(),
    },
  };
}
