// Simulate Call and the call scenarios in a real VS Code: a flow made with the lifecycle
// commands, simulated by version and by number without prompts (all inputs given), re-run,
// and its calls.yaml discovered and run through the Test Explorer.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, waitFor, workspaceRoot, testApi } from './helpers';
import { screenshot } from './screenshot';

const FLOW = 'simulator-line';
const NUMBER = '+14155550177';
const WEEKDAY_MORNING = '2026-11-24T15:00:00Z'; // Tuesday 10:00 in New York
const SATURDAY = '2026-11-28T19:00:00Z';

interface Run {
  flowId: string;
  version: number;
  result: { outcome: { kind: string; queue?: string }; steps: { step: string; exit: string | null }[] };
  markdown: string;
}

interface SimulatorState {
  scenarios: { id: string; label: string; children: { id: string; label: string; line?: number }[] }[];
  lastRun: Record<string, { state: string; messages: string[] }>;
  path?: Record<string, number[]>;
}

async function state(uri?: vscode.Uri): Promise<SimulatorState> {
  return (await testApi()).simulator.state(uri) as SimulatorState;
}

function versionUri(version: number): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, `v${version}.yaml`);
}

const SCENARIOS = `calls:
  - name: weekday caller reaches sales
    at: ${WEEKDAY_MORNING}
    digits: ["1"]
    expect: { outcome: connected, queue: sales }
  - name: saturday is expected to reach sales (it does not)
    at: ${SATURDAY}
    expect: { outcome: connected, queue: sales }
`;

/** The rendered traces (VS Code's Markdown preview of the trace document), one per flow simulated. */
function traceTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter(
      (t) =>
        t.input instanceof vscode.TabInputCustom &&
        t.input.viewType === 'vscode.markdown.preview.editor' &&
        t.input.uri.path === `/${FLOW} call.md`,
    );
}

describe('simulator: Simulate Call and call scenarios', function () {
  before(async () => {
    await extensionApi();
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Simulator Line' });
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    await vscode.commands.executeCommand('callflow.assignNumber', {
      flowId: FLOW,
      number: NUMBER,
      label: 'Simulator hotline',
    });
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW });
    fs.writeFileSync(path.join(workspaceRoot(), 'flows', FLOW, 'calls.yaml'), SCENARIOS);
    await closeAllEditors();
  });

  after(closeAllEditors);

  it('simulates the draft with every input given: the outcome, the trace beside it, the path numbered in the YAML', async () => {
    const run = await vscode.commands.executeCommand<Run>('callflow.simulateCall', {
      target: `${FLOW}@draft`,
      at: WEEKDAY_MORNING,
      digits: '1',
      available: ['sales', 'support'],
    });
    assert.ok(run, 'the command returns the run');
    assert.strictEqual(run.version, 2);
    assert.deepStrictEqual(run.result.outcome.kind, 'connected');
    assert.strictEqual(run.result.outcome.queue, 'sales');
    assert.deepStrictEqual(
      run.result.steps.map((s) => s.step),
      ['welcome', 'hours', 'menu', 'sales'],
    );

    await waitFor('the trace, rendered', async () => traceTabs()[0]);
    assert.ok(
      !vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'callflow-simulation'),
      'the trace is rendered, not shown as its Markdown source',
    );
    const trace = await vscode.workspace.openTextDocument(
      vscode.Uri.from({ scheme: 'callflow-simulation', path: `/${FLOW} call.md` }),
    );
    assert.strictEqual(trace.getText(), run.markdown, 'the preview shows the trace of this run');
    assert.match(run.markdown, /Outcome: connected to queue sales/);
    assert.match(run.markdown, /says: “Thanks for calling Simulator Line\.”/);
    const yaml = vscode.window.visibleTextEditors.find((e) => e.document.uri.fsPath === versionUri(2).fsPath);
    assert.ok(yaml, 'the draft is shown beside the trace');
    assert.deepStrictEqual((await state(versionUri(2))).path, { welcome: [1], hours: [2], menu: [3], sales: [4] });
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('simulation');
  });

  it('a queue marked busy sends the call on to voicemail', async () => {
    const run = await vscode.commands.executeCommand<Run>('callflow.simulateCall', {
      flowId: FLOW,
      version: 'draft',
      at: WEEKDAY_MORNING,
      digits: ['1'],
      available: [],
    });
    assert.strictEqual(run?.result.outcome.kind, 'voicemail');
    assert.ok(run.result.steps.some((s) => s.step === 'sales' && s.exit === 'no-answer'));
  });

  it('by number, the call follows the flow published for it', async () => {
    const run = await vscode.commands.executeCommand<Run>('callflow.simulateCall', { number: NUMBER, at: SATURDAY });
    assert.strictEqual(run?.flowId, FLOW);
    assert.strictEqual(run.version, 1, 'the published version');
    assert.strictEqual(run.result.outcome.kind, 'voicemail', 'closed on Saturday');
    assert.match(run.markdown, new RegExp(`via \\${NUMBER}`));
  });

  it("Re-run Last Simulation repeats the flow's last inputs without asking", async () => {
    const run = await vscode.commands.executeCommand<Run>('callflow.rerunSimulation', { flowId: FLOW });
    assert.strictEqual(run?.version, 1);
    assert.strictEqual(run.result.outcome.kind, 'voicemail');
    assert.match(run.markdown, /Call time: 2026-11-28T19:00:00Z/);
  });

  it('Re-run from the trace itself reuses its tab instead of opening another column', async () => {
    const [trace] = traceTabs();
    assert.ok(trace, 'the trace is open');
    const group = ['First', 'Second', 'Third'][trace.group.viewColumn - 1];
    if (group) await vscode.commands.executeCommand(`workbench.action.focus${group}EditorGroup`); // focus the trace
    const run = await vscode.commands.executeCommand<Run>('callflow.rerunSimulation', { flowId: FLOW });
    const tabs = traceTabs();
    assert.strictEqual(tabs.length, 1, 'one trace tab');
    assert.strictEqual(tabs[0]!.group.viewColumn, trace.group.viewColumn);
    const shown = await vscode.workspace.openTextDocument(
      vscode.Uri.from({ scheme: 'callflow-simulation', path: `/${FLOW} call.md` }),
    );
    assert.strictEqual(shown.getText(), run?.markdown, 'the open trace shows the new run');
  });

  it('with the flow graph open, the path is overlaid on it too', async () => {
    await vscode.window.showTextDocument(versionUri(2));
    await vscode.commands.executeCommand('callflow.openGraph', versionUri(2));
    await waitFor('the graph', async () =>
      (await testApi()).graph.panels().find((p) => p.uri === versionUri(2).toString() && p.ready),
    );
    await vscode.commands.executeCommand('callflow.simulateCall', {
      target: `${FLOW}@draft`,
      at: WEEKDAY_MORNING,
      digits: '1',
    });
    const panels = (await testApi()).graph.panels();
    assert.ok(panels.find((p) => p.uri === versionUri(2).toString())?.path, 'the graph shows the path');
  });

  it('a malformed call time is refused with nothing simulated', async () => {
    const run = await vscode.commands.executeCommand<Run | undefined>('callflow.simulateCall', {
      target: `${FLOW}@draft`,
      at: 'tomorrow at nine',
    });
    assert.strictEqual(run, undefined);
  });

  it('the Test Explorer lists calls.yaml scenarios at their lines and runs them against the draft', async () => {
    await (await testApi()).simulator.discoverScenarios();
    const file = await waitFor('calls.yaml to be discovered', async () =>
      (await state()).scenarios.find((f) => f.id.endsWith(`/flows/${FLOW}/calls.yaml`)),
    );
    assert.deepStrictEqual(
      file.children.map((c) => [c.label, c.line]),
      [
        ['weekday caller reaches sales', 2],
        ['saturday is expected to reach sales (it does not)', 6],
      ],
    );
    await vscode.commands.executeCommand('testing.runAll');
    const results = await waitFor(
      'the run results',
      async () => {
        const { lastRun } = await state();
        const mine = file.children.map((c) => lastRun[c.id]);
        return mine.every(Boolean) ? mine : undefined;
      },
      20_000,
    );
    assert.strictEqual(results[0]!.state, 'passed');
    assert.strictEqual(results[1]!.state, 'failed');
    assert.match(results[1]!.messages.join('\n'), /voicemail/);
    await vscode.commands.executeCommand('workbench.view.testing.focus');
    await screenshot('call-scenarios');
  });
});
