/**
 * The call simulator in the editor: Simulate Call (palette, tree, CodeLens), Re-run Last
 * Simulation, the trace document, the path marked in the YAML, and call scenarios in the Test
 * Explorer.
 */
import { flowFilesFor } from '../editor/shared';
import type { ExtensionServices } from '../services';
import { SimulationPath } from './pathDecorations';
import { CallSimulator } from './simulateCommand';
import * as vscode from 'vscode';
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

/** Rows for the command table (src/extension/commands/index.ts). */
export function simulatorCommandRows(): Record<string, { run: (ctx: ExtensionServices, ...args: any[]) => unknown }> {
  return {
    'callflow.simulateCall': { run: (ctx, arg?: unknown) => simulatorFor(ctx).simulateCall(arg) },
    'callflow.rerunSimulation': { run: (ctx, arg?: unknown) => simulatorFor(ctx).rerun(arg) },
  };
}

/** Registers the simulator and the Test Explorer (its commands are rows of the command table: simulatorCommandRows). */
export function registerSimulator(services: ExtensionServices): void {
  simulatorFor(services);
  const tests = new CallScenarioTests(services, flowFilesFor(services));
  services.context.subscriptions.push(
    tests,
    // Internal (not in the palette): what the integration tests cannot read from the workbench.
    vscode.commands.registerCommand('_callflow.simulatorState', async (uri?: vscode.Uri) => ({
      scenarios: describeItems(tests.controller.items),
      lastRun: Object.fromEntries(tests.lastRun),
      path: uri ? Object.fromEntries(pathFor(services)?.pathOf(uri) ?? []) : undefined,
    })),
    vscode.commands.registerCommand('_callflow.discoverScenarios', () => tests.discoverAll()),
  );
  void tests.discoverAll().catch((err) => services.log.warn(`Call scenarios not discovered: ${String(err)}`));
}
