/**
 * Simulate Call and Re-run Last Simulation: gesture → target and inputs → the core simulator →
 * the trace beside the flow and the path marked in its YAML.
 */
import * as vscode from 'vscode';
import {
  agentsFromBusy,
  busyQueues,
  parseCallTarget,
  parseDigitsInput,
  queuesOfFlow,
  simulateCall,
  type EnvironmentWorkspace,
  type PendingNumber,
  type SimulationResult,
} from '../../core';
import { presentError } from '../commands/errors';
import { callWorkspaceOf } from '../environments';
import type { FlowFiles } from '../editor/flowFiles';
import { NoWorkspaceError, SimulationError } from '../expectedErrors';
import type { ExtensionServices } from '../services';
import type { FlowWorkspaceFolder } from '../workspaces/flowWorkspaceRegistry';
import type { SimulationPath } from './pathDecorations';
import { askCallInputs, pickTarget, type CallInputs } from './prompts';
import {
  loadSimulatedFlow,
  parseTargetText,
  publishedResolver,
  resolveTarget,
  targetFromArgument,
  targetText,
  type TargetSpec,
} from './target';
import { traceMarkdown, type SimulationTraces } from './traceDocument';

/**
 * Everything a simulation needs, so tests and re-runs skip the prompts: with `at` given, nothing
 * is asked (digits default to none, every queue available, transfers connect).
 */
export interface SimulateCallArgs {
  /** "support-line@draft", "support-line@3", "+14155550100". Or flowId/version, or number. */
  target?: string;
  flowId?: string;
  version?: number | 'draft' | 'published';
  number?: string;
  /** The flow workspace folder (multi-root). */
  root?: vscode.Uri | string;
  at?: string;
  /** ["1", "1234#"] or "1, 1234#". */
  digits?: string[] | string;
  /** Queues with an agent available; the flow's others are busy. */
  available?: string[];
  /** Or availability per queue (unlisted: available). */
  agents?: Record<string, 'available' | 'busy'>;
  transfer?: 'ok' | 'failed';
  from?: string;
}

export interface SimulationRun {
  flowId: string;
  version: number;
  inputs: CallInputs;
  result: SimulationResult;
  markdown: string;
  uri: vscode.Uri;
  /** numbers.yaml's uncommitted changes the simulation followed (callers get the committed file). */
  pendingNumbers: PendingNumber[];
  /** The environment the call ran against (setting `callflow.environment`); none: the working tree. */
  environment?: string;
}

interface Remembered {
  target: string;
  inputs: CallInputs;
}

const LAST_KEY = 'callflow.simulation.last';

export class CallSimulator {
  private readonly completed = new vscode.EventEmitter<SimulationRun>();
  /** Fires after each simulation: the flow graph overlays the path (wired in activate()). */
  readonly onDidSimulate = this.completed.event;

  constructor(
    private readonly services: ExtensionServices,
    private readonly files: FlowFiles,
    private readonly traces: SimulationTraces,
    private readonly path: SimulationPath,
  ) {}

  dispose(): void {
    this.completed.dispose();
  }

  /** `callflow.simulateCall`: asks for what the argument does not give. */
  async simulateCall(arg?: unknown): Promise<SimulationRun | undefined> {
    try {
      const given = (arg && typeof arg === 'object' && !(arg instanceof vscode.Uri) ? arg : {}) as SimulateCallArgs;
      const { spec: argSpec, root, uri } = targetFromArgument(arg);
      const folder = await this.folderFor(root ?? uri);
      if (!folder) return undefined;
      let spec = argSpec;
      if (!spec && uri) {
        const info = await this.files.describe(uri);
        if (info?.role.kind === 'version') spec = { flowId: info.role.flowId, version: info.role.version };
      }
      spec ??= await pickTarget(this.files, folder);
      if (!spec) return undefined;
      const interactive = given.at === undefined;
      const target = await resolveTarget(this.files, folder, spec);
      const flow = await loadSimulatedFlow(target);
      const label = `${target.flowId} v${target.version}${target.status ? ` (${target.status})` : ''}${target.dialed ? ` via ${target.dialed}` : ''}`;
      const remembered = this.remembered(folder, target.flowId);
      const inputs = interactive
        ? await askCallInputs(flow.definition, remembered?.inputs, label)
        : inputsFromArgs(given, queuesOfFlow(flow.definition));
      if (!inputs) return undefined;
      return await this.run(folder, spec, label, inputs);
    } catch (err) {
      this.report(err);
      return undefined;
    }
  }

  /** `callflow.rerunSimulation`: the flow's (or the last) simulation again, no questions. */
  async rerun(arg?: unknown): Promise<SimulationRun | undefined> {
    try {
      const { spec, root, uri } = targetFromArgument(arg);
      let folder = root || uri ? this.services.workspaces.forUri((root ?? uri)!) : undefined;
      let flowId = spec && 'flowId' in spec ? spec.flowId : undefined;
      if (!flowId) {
        const active = vscode.window.activeTextEditor?.document.uri;
        const info = active && (await this.files.describe(active));
        if (info && 'flowId' in info.role && this.remembered(info.folder, info.role.flowId)) {
          folder = info.folder;
          flowId = info.role.flowId;
        }
      }
      if (!flowId) {
        const last = this.services.context.workspaceState.get<{ root: string; flowId: string }>(LAST_KEY);
        if (last) {
          folder = this.services.workspaces.all().find((f) => f.root.toString() === last.root);
          flowId = last.flowId;
        }
      }
      folder ??= await this.folderFor(undefined);
      const remembered = folder && flowId ? this.remembered(folder, flowId) : undefined;
      if (!folder || !remembered) return await this.simulateCall(arg);
      const targetSpec = parseTargetText(remembered.target);
      return await this.run(folder, targetSpec, undefined, remembered.inputs);
    } catch (err) {
      this.report(err);
      return undefined;
    }
  }

  private async run(
    folder: FlowWorkspaceFolder,
    spec: TargetSpec,
    label: string | undefined,
    inputs: CallInputs,
  ): Promise<SimulationRun> {
    const environment = await callWorkspaceOf(this.services, folder);
    if (environment) return this.runInEnvironment(environment, folder, spec, inputs);
    const target = await resolveTarget(this.files, folder, spec);
    const flow = await loadSimulatedFlow(target);
    label ??= `${target.flowId} v${target.version}${target.status ? ` (${target.status})` : ''}${target.dialed ? ` via ${target.dialed}` : ''}`;
    const resolvePublished = await publishedResolver(this.files, folder, flow, this.services);
    const queues = queuesOfFlow(flow.definition);
    const result = simulateCall({
      flow,
      resolvePublished,
      ...simulationInputs(inputs),
      ...(target.dialed ? { dialed: target.dialed } : {}),
    });
    await this.remember(folder, target.flowId, { target: targetText(spec), inputs });
    // The simulator follows numbers.yaml as it is on disk; callers get it as committed.
    const pendingNumbers = (await (await folder.open()).numbersAsCommitted().catch(() => undefined))?.pending ?? [];
    const markdown = traceMarkdown(result, inputs, label, queues, pendingNumbers);
    this.services.log.info(`Simulated a call through ${label}: ${result.outcome.kind}`);

    // The YAML first (so the path shows where it was taken), the trace beside it.
    const shown = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.uri.toString());
    if (!shown)
      await vscode.window.showTextDocument(target.uri, {
        preview: true,
        preserveFocus: false,
        viewColumn: vscode.ViewColumn.One,
      });
    this.path.show(target.uri, result);
    await this.traces.show(target.flowId, markdown);
    const run: SimulationRun = {
      flowId: target.flowId,
      version: target.version,
      inputs,
      result,
      markdown,
      uri: target.uri,
      pendingNumbers,
    };
    this.completed.fire(run);
    return run;
  }

  /**
   * The call through what an environment serves (setting `callflow.environment`): its deployed
   * commit's version, with its values. The trace says so; the working tree's file is not marked,
   * since it is not what ran.
   */
  private async runInEnvironment(
    environment: EnvironmentWorkspace,
    folder: FlowWorkspaceFolder,
    spec: TargetSpec,
    inputs: CallInputs,
  ): Promise<SimulationRun> {
    const prepared = await environment.prepareCall(parseCallTarget(targetText(spec)));
    const { flowId, version } = prepared.version;
    const label = `${flowId} v${version} in ${environment.environment}${prepared.dialed ? ` via ${prepared.dialed}` : ''}`;
    const result = simulateCall({
      flow: prepared.flow,
      resolvePublished: prepared.resolvePublished,
      ...simulationInputs(inputs),
      ...(prepared.dialed ? { dialed: prepared.dialed } : {}),
    });
    await this.remember(folder, flowId, { target: targetText(spec), inputs });
    const markdown = traceMarkdown(result, inputs, label, queuesOfFlow(prepared.flow.definition));
    this.services.log.info(`Simulated a call through ${label}: ${result.outcome.kind}`);
    await this.traces.show(flowId, markdown);
    const uri = await this.files.versionUri(folder, flowId, version);
    // What the environment serves is committed: no number of the working tree's is pending in it.
    const run: SimulationRun = {
      flowId,
      version,
      inputs,
      result,
      markdown,
      uri,
      pendingNumbers: [],
      environment: environment.environment,
    };
    this.completed.fire(run);
    return run;
  }

  private remembered(folder: FlowWorkspaceFolder, flowId: string): Remembered | undefined {
    return this.services.context.workspaceState.get<Remembered>(rememberKey(folder, flowId));
  }

  private async remember(folder: FlowWorkspaceFolder, flowId: string, value: Remembered): Promise<void> {
    await this.services.context.workspaceState.update(rememberKey(folder, flowId), value);
    await this.services.context.workspaceState.update(LAST_KEY, { root: folder.root.toString(), flowId });
  }

  private async folderFor(uri: vscode.Uri | undefined): Promise<FlowWorkspaceFolder | undefined> {
    const fromUri = uri && this.services.workspaces.forUri(uri);
    if (fromUri) return fromUri;
    const active = vscode.window.activeTextEditor?.document.uri;
    const fromEditor = active && this.services.workspaces.forUri(active);
    if (fromEditor) return fromEditor;
    const all = this.services.workspaces.all();
    if (all.length === 0) throw new NoWorkspaceError();
    if (all.length === 1) return all[0];
    const picked = await vscode.window.showQuickPick(
      all.map((folder) => ({ label: folder.name, folder })),
      { title: 'Simulate Call: which flow workspace?' },
    );
    return picked?.folder;
  }

  /** Shows the error without waiting for it to be dismissed (the command returns at once). */
  private report(err: unknown): void {
    presentError(this.services, err, 'callflow.simulateCall');
  }
}

function rememberKey(folder: FlowWorkspaceFolder, flowId: string): string {
  return `callflow.simulation.inputs/${folder.root.toString()}/${flowId}`;
}

/** The simulator's inputs from the answers asked (or given). */
function simulationInputs(inputs: CallInputs) {
  return {
    at: inputs.at,
    digits: inputs.digits,
    agents: agentsFromBusy(inputs.busy ?? []),
    transfer: inputs.transfer,
    ...(inputs.from ? { from: inputs.from } : {}),
  };
}

function inputsFromArgs(args: SimulateCallArgs, queues: readonly string[]): CallInputs {
  let digits: string[] = [];
  if (Array.isArray(args.digits)) digits = args.digits.map(String);
  else if (typeof args.digits === 'string') {
    const parsed = parseDigitsInput(args.digits);
    if ('error' in parsed) throw new SimulationError(parsed.error);
    digits = parsed.digits;
  }
  const inputs: CallInputs = { at: String(args.at), digits, transfer: args.transfer === 'failed' ? 'failed' : 'ok' };
  if (args.available) inputs.busy = busyQueues(queues, args.available);
  else if (args.agents)
    inputs.busy = Object.entries(args.agents)
      .filter(([, a]) => a === 'busy')
      .map(([q]) => q);
  if (args.from) inputs.from = args.from;
  return inputs;
}
