/**
 * The call simulator in the editor: Simulate Call (palette, tree, CodeLens), Re-run Last
 * Simulation, the trace document, the path marked in the YAML, and call scenarios in the Test
 * Explorer.
 */
import { flowFilesFor } from '../editor/shared';
import type { CommandRows } from '../commands/entry';
import type { ExtensionServices } from '../services';
import { SimulationPath } from './pathDecorations';
import { CallSimulator } from './simulateCommand';
import type * as vscode from 'vscode';
import { CallScenarioTests, describeItems } from './testController';
import { SimulationTraces } from './traceDocument';

export type { SimulateCallArgs, SimulationRun } from './simulateCommand';

// Keyed by the extension context, like flowFilesFor: command handlers get a copy of the services.
const simulators = new WeakMap<object, CallSimulator>();
const paths = new WeakMap<object, SimulationPath>();

function pathFor(services: ExtensionServices): SimulationPath | undefined {
  return paths.get(services.context);
}

function simulatorFor(services: ExtensionServices): CallSimulator {
  let simulator = simulators.get(services.context);
  if (!simulator) {
    const traces = new SimulationTraces();
    const path = new SimulationPath();
    simulator = new CallSimulator(services, flowFilesFor(services), traces, path);
    services.context.subscriptions.push(traces, path, simulator);
    simulators.set(services.context, simulator);
    paths.set(services.context, path);
  }
  return simulator;
}

/** Registers the simulator and the Test Explorer; returns their rows for the command table. */
export function registerSimulator(services: ExtensionServices): CommandRows {
  const simulator = simulatorFor(services);
  const tests = new CallScenarioTests(services, flowFilesFor(services));
  services.context.subscriptions.push(tests);
  void tests.discoverAll().catch((err) => services.log.warn(`Call scenarios not discovered: ${String(err)}`));
  return {
    'callflow.simulateCall': { run: (_ctx, arg?: unknown) => simulator.simulateCall(arg) },
    'callflow.rerunSimulation': { run: (_ctx, arg?: unknown) => simulator.rerun(arg) },
    // Internal (not in the palette): what the integration tests cannot read from the workbench.
    '_callflow.simulatorState': {
      run: async (_ctx, uri?: vscode.Uri) => ({
        scenarios: describeItems(tests.controller.items),
        lastRun: Object.fromEntries(tests.lastRun),
        path: uri ? Object.fromEntries(pathFor(services)?.pathOf(uri) ?? []) : undefined,
      }),
    },
    '_callflow.discoverScenarios': { run: () => tests.discoverAll() },
  };
}
