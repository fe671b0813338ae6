/**
 * "Call scenarios" in the Test Explorer: every `flows/<id>/calls.yaml` and `*.calls.yaml`, one
 * test per scenario at its line, run by the core's scenario runner against the flow's draft
 * (else its published version).
 */
import * as vscode from 'vscode';
import {
  defaultVersionOf,
  parseCallScenarios,
  runScenarioFile,
  type ParsedScenarioFile,
  type PublishedFlowResolver,
  type SimulatedFlow,
} from '../../core';
import { callWorkspaceOf } from '../environments';
import { errorText, readCurrentText, type FlowFileInfo, type FlowFiles } from '../editor/flowFiles';
import { ExpectedError } from '../expectedErrors';
import type { ExtensionServices } from '../services';
import { loadSimulatedFlow, publishedResolver, resolveTarget } from './target';

const SCENARIO_GLOB = '**/{calls.yaml,*.calls.yaml}';

export class CallScenarioTests implements vscode.Disposable {
  readonly controller = vscode.tests.createTestController('callflow.scenarios', 'Call scenarios');
  /** The outcome of each test item in the last run (for the internal state command the tests read). */
  readonly lastRun = new Map<string, { state: 'passed' | 'failed' | 'errored'; messages: string[] }>();
  private readonly disposables: vscode.Disposable[] = [this.controller];

  constructor(
    private readonly services: ExtensionServices,
    private readonly files: FlowFiles,
  ) {
    this.controller.resolveHandler = async (item) => {
      if (!item) await this.discoverAll();
    };
    this.controller.refreshHandler = async () => this.discoverAll();
    this.controller.createRunProfile(
      'Run',
      vscode.TestRunProfileKind.Run,
      (request, token) => this.run(request, token),
      true,
    );
    const watcher = vscode.workspace.createFileSystemWatcher(SCENARIO_GLOB);
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => void this.discoverFile(uri)),
      watcher.onDidChange((uri) => void this.discoverFile(uri)),
      watcher.onDidDelete((uri) => this.controller.items.delete(uri.toString())),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.controller.items.get(e.document.uri.toString()))
          void this.discoverFile(e.document.uri);
      }),
      files.onDidChange(() => void this.discoverAll()),
    );
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /** Finds every scenario file of every flow workspace. */
  async discoverAll(): Promise<void> {
    const uris = await vscode.workspace.findFiles(SCENARIO_GLOB, '**/node_modules/**');
    const found = new Set<string>();
    for (const uri of uris) {
      if (await this.discoverFile(uri)) found.add(uri.toString());
    }
    this.controller.items.forEach((item) => {
      if (!found.has(item.id)) this.controller.items.delete(item.id);
    });
  }

  /** (Re)reads one scenario file into a file item with one child per scenario. */
  async discoverFile(uri: vscode.Uri): Promise<vscode.TestItem | undefined> {
    const info = await this.files.describe(uri);
    if (!info || info.role.kind !== 'scenarios') return undefined;
    const text = await readCurrentText(uri);
    if (text === undefined) {
      this.controller.items.delete(uri.toString());
      return undefined;
    }
    const parsed = parseCallScenarios(text, info.relativePath);
    const fileItem =
      this.controller.items.get(uri.toString()) ??
      this.controller.createTestItem(uri.toString(), info.relativePath.split('/').slice(-2).join('/'), uri);
    fileItem.description = info.folder.name;
    fileItem.range = new vscode.Range(0, 0, 0, 0);
    fileItem.error =
      parsed.problems.length > 0 ? parsed.problems.map((p) => `line ${p.line}: ${p.message}`).join('\n') : undefined;
    const children: vscode.TestItem[] = [];
    for (const scenario of scenarioEntries(parsed)) {
      const child = this.controller.createTestItem(`${uri.toString()}#${scenario.line}`, scenario.name, uri);
      child.range = new vscode.Range(scenario.line - 1, 0, scenario.line - 1, 0);
      children.push(child);
    }
    fileItem.children.replace(children);
    this.controller.items.add(fileItem);
    return fileItem;
  }

  private async run(request: vscode.TestRunRequest, token: vscode.CancellationToken): Promise<void> {
    const run = this.controller.createTestRun(request);
    this.lastRun.clear();
    try {
      // Which scenarios of which files: the files of the included items, or all of them.
      const byFile = new Map<string, Set<string> | 'all'>();
      const include = request.include ?? gather(this.controller.items);
      for (const item of include) {
        const fileId = item.id.split('#')[0]!;
        if (item.id === fileId) byFile.set(fileId, 'all');
        else if (byFile.get(fileId) !== 'all')
          byFile.set(fileId, ((byFile.get(fileId) as Set<string> | undefined) ?? new Set()).add(item.id));
      }
      const excluded = new Set((request.exclude ?? []).map((item) => item.id));
      for (const [fileId, selection] of byFile) {
        if (token.isCancellationRequested) break;
        const fileItem = this.controller.items.get(fileId) ?? (await this.discoverFile(vscode.Uri.parse(fileId)));
        if (!fileItem?.uri) continue;
        const tests: vscode.TestItem[] = [];
        fileItem.children.forEach((child) => {
          if (!excluded.has(child.id) && (selection === 'all' || selection.has(child.id))) tests.push(child);
        });
        await this.runFile(run, fileItem, tests);
      }
    } finally {
      run.end();
    }
  }

  private async runFile(run: vscode.TestRun, fileItem: vscode.TestItem, tests: vscode.TestItem[]): Promise<void> {
    const uri = fileItem.uri!;
    tests.forEach((t) => run.started(t));
    const info = await this.files.describe(uri);
    const fail = (message: string) =>
      tests.forEach((t) => {
        run.errored(t, locatedMessage(message, uri, t.range?.start.line ?? 0));
        this.lastRun.set(t.id, { state: 'errored', messages: [message] });
      });
    if (!info || info.role.kind !== 'scenarios')
      return fail(`${uri.fsPath} is not a scenario file of a flow workspace.`);
    try {
      const { flow, resolvePublished, against } = await this.flowOf(info);
      const text = (await readCurrentText(uri)) ?? '';
      const started = Date.now();
      const parsed = parseCallScenarios(text, info.relativePath);
      const outcome = runScenarioFile(parsed, flow, { resolvePublished });
      const duration = Date.now() - started;
      run.appendOutput(`${info.relativePath}: against ${against}\r\n`);
      for (const problem of outcome.problems) run.appendOutput(`  line ${problem.line}: ${problem.message}\r\n`);
      const byLine = new Map(outcome.results.map((r) => [r.line, r]));
      for (const test of tests) {
        const line = (test.range?.start.line ?? 0) + 1;
        const result = byLine.get(line);
        if (!result) {
          run.errored(
            test,
            locatedMessage('The scenario was not found when the file was run: refresh the tests.', uri, line - 1),
          );
          this.lastRun.set(test.id, { state: 'errored', messages: ['not found'] });
        } else if (result.passed) {
          run.passed(test, duration / Math.max(1, tests.length));
          this.lastRun.set(test.id, { state: 'passed', messages: [] });
          run.appendOutput(`  ✔ ${result.name}\r\n`);
        } else {
          run.failed(
            test,
            result.failures.map((f) => locatedMessage(f, uri, line - 1)),
            duration / Math.max(1, tests.length),
          );
          this.lastRun.set(test.id, { state: 'failed', messages: result.failures });
          run.appendOutput(`  ✖ ${result.name}: ${result.failures.join('; ')}\r\n`);
        }
      }
    } catch (err) {
      fail(errorText(err));
    }
  }

  /**
   * The flow the scenarios run against: with an environment chosen (callflow.environment), the
   * version it serves with its values, as `callflow test --env` runs; else the working tree's.
   */
  private async flowOf(
    info: FlowFileInfo,
  ): Promise<{ flow: SimulatedFlow; resolvePublished: PublishedFlowResolver; against: string }> {
    if (info.role.kind !== 'scenarios') throw new Error('not a scenario file');
    const environment = await callWorkspaceOf(this.services, info.folder);
    if (environment) {
      const prepared = await environment.prepareCall({ kind: 'flow', flowId: info.role.flowId, selector: 'default' });
      return {
        flow: prepared.flow,
        resolvePublished: prepared.resolvePublished,
        against: `${prepared.version.flowId} v${prepared.version.version} in ${environment.environment}`,
      };
    }
    const target = await this.targetOf(info);
    const flow = await loadSimulatedFlow(target);
    return {
      flow,
      resolvePublished: await publishedResolver(this.files, info.folder, flow, this.services),
      against: `${target.flowId} v${target.version} (${target.status ?? 'unknown status'})`,
    };
  }

  /** The draft of the scenario file's flow, else its published version. */
  private async targetOf(info: FlowFileInfo) {
    if (info.role.kind !== 'scenarios') throw new Error('not a scenario file');
    const { flowId } = info.role;
    const summary = await this.files.flow(info.folder, flowId);
    const chosen = summary && defaultVersionOf(summary);
    if (!chosen)
      throw new ExpectedError(
        'no-version',
        `${flowId} has neither a draft nor a published version to run the scenarios against.`,
        'Create a draft (Edit or Restore), then run the scenarios again.',
      );
    return resolveTarget(this.files, info.folder, { flowId, version: chosen.version });
  }
}

function scenarioEntries(parsed: ParsedScenarioFile): Array<{ name: string; line: number }> {
  return [
    ...parsed.scenarios.map((s) => ({ name: s.name, line: s.line })),
    ...parsed.unreadable.map((u) => ({ name: u.name, line: u.line })),
  ].sort((a, b) => a.line - b.line);
}

function gather(collection: vscode.TestItemCollection): vscode.TestItem[] {
  const items: vscode.TestItem[] = [];
  collection.forEach((item) => items.push(item));
  return items;
}

function locatedMessage(text: string, uri: vscode.Uri, line: number): vscode.TestMessage {
  const message = new vscode.TestMessage(text);
  message.location = new vscode.Location(uri, new vscode.Position(line, 0));
  return message;
}

/** The discovered items as plain data: file → scenarios with their lines (for the state command). */
export function describeItems(
  collection: vscode.TestItemCollection,
): Array<{ id: string; label: string; line?: number; children: Array<{ id: string; label: string; line?: number }> }> {
  return gather(collection).map((file) => ({
    id: file.id,
    label: file.label,
    children: gather(file.children).map((child) => ({
      id: child.id,
      label: child.label,
      line: child.range ? child.range.start.line + 1 : undefined,
    })),
  }));
}
