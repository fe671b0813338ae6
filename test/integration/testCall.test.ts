// Test Call in a real VS Code: the draft called as the editor has it (an unsaved prompt included),
// keys and outcomes given as the page gives them, the canvas marking the step the call is in, the
// call ending as Simulate Call says for the same inputs, saved as a call scenario that `callflow
// test` then passes, and Call Again with the menu left to time out.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import * as fs from 'fs';
import {
  callflow,
  closeAllEditors,
  extensionApi,
  git,
  notificationsDuring,
  readWorkspaceFile,
  testApi,
  waitFor,
  waitForPage,
  workspaceRoot,
} from './helpers';
import { screenshot } from './screenshot';

const FLOW = 'test-call-line';
const WEEKDAY_MORNING = '2026-11-24T15:00:00Z'; // Tuesday 10:00 in New York

interface PanelState {
  ready: boolean;
  uri?: string;
  view?: {
    mode: string;
    replay?: { logged: { outcome: string }; today?: { version: string; same: boolean; differences: string[] } };
    title: string;
    atText: string;
    transcript: { kind: string; text?: string; keys?: string; step?: string }[];
    question?: { kind: string; step: string; attempt?: number; attempts?: number; text?: string };
    outcome?: { kind: string; text: string };
    saved?: { name: string; file: string };
    problem?: string;
  };
  inputs?: { at: string; from?: string; digits: string[]; agents: Record<string, string> };
  result?: { outcome: { kind: string; queue?: string }; steps: { step: string }[] };
}

async function panel(): Promise<PanelState> {
  const panels = (await testApi()).testCall.panels() as PanelState[];
  assert.strictEqual(panels.length, 1, 'one Test Call panel');
  return panels[0]!;
}

interface SimulatedRun {
  result: {
    outcome: Record<string, unknown>;
    steps: ({ flow: string; step: string; type: string; exit: string | null; next?: string } & Record<
      string,
      unknown
    >)[];
  };
}

/** The execution log `callflow serve` writes for a call: a line per step, and the call's end with its deployment commit. */
function executionLog(call: string, run: SimulatedRun, version: number, commit: string): string {
  const who = { call, number: '+14155550142', from: '+14155550123' };
  const steps = run.result.steps.map((s) => ({
    time: WEEKDAY_MORNING,
    event: 'step',
    ...who,
    flow: s.flow,
    version,
    step: s.step,
    type: s.type,
    exit: s.exit,
    ...(s.next !== undefined ? { next: s.next } : {}),
    durationMs: 1,
    commit,
    ...(s['attempts'] ? { attempts: s['attempts'] } : {}),
    ...(s['queue'] ? { queue: s['queue'] } : {}),
  }));
  const end = {
    time: WEEKDAY_MORNING,
    event: 'call-end',
    ...who,
    flow: FLOW,
    version,
    commit,
    startedAt: WEEKDAY_MORNING,
    outcome: run.result.outcome,
    durationMs: 9,
  };
  return [...steps, end].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

async function fromPage(message: unknown): Promise<PanelState> {
  await (await testApi()).testCall.fromPage(message);
  return panel();
}

function draftUri(): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'v2.yaml');
}

describe('Test Call: a call answered as it happens', function () {
  this.timeout(120_000);

  before(async () => {
    await extensionApi();
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Test Call Line' });
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW });
    await closeAllEditors();
  });

  after(closeAllEditors);

  it('calls the draft as the editor has it, marks the canvas, and ends as Simulate Call does for the same inputs', async () => {
    // An unsaved change to the greeting: the call plays it.
    const editor = await vscode.window.showTextDocument(draftUri());
    const text = editor.document.getText();
    const greeting = 'Thanks for calling Test Call Line.';
    assert.ok(text.includes(greeting));
    await editor.edit((e) =>
      e.replace(
        new vscode.Range(
          editor.document.positionAt(text.indexOf(greeting)),
          editor.document.positionAt(text.indexOf(greeting) + greeting.length),
        ),
        'Hello from the unsaved draft.',
      ),
    );
    await vscode.commands.executeCommand('callflow.openGraph', draftUri());

    await vscode.commands.executeCommand('callflow.testCall', {
      target: `${FLOW}@draft`,
      from: '+14155550123',
      at: WEEKDAY_MORNING,
    });
    let state = await waitForPage('the Test Call page to load', async () =>
      (await panel()).ready ? panel() : undefined,
    );
    assert.strictEqual(state.view?.title, `${FLOW} v2 (draft)`);
    assert.strictEqual(state.view?.atText, 'Tue 10:00 in America/New_York');
    assert.ok(
      state.view?.transcript.some((l) => l.kind === 'say' && l.text === 'Hello from the unsaved draft.'),
      JSON.stringify(state.view?.transcript),
    );
    assert.deepStrictEqual(
      { kind: state.view?.question?.kind, step: state.view?.question?.step, attempt: state.view?.question?.attempt },
      { kind: 'keys', step: 'menu', attempt: 1 },
    );
    // The canvas marks the step the call is in, and the path so far.
    const graph = await waitFor('the canvas to mark the menu', async () =>
      (await testApi()).graph.panels().find((p) => p.uri === draftUri().toString() && p.current === 'menu'),
    );
    assert.strictEqual(graph.path, true);

    state = await fromPage({ type: 'key', key: '1' });
    assert.match(state.view?.question?.text ?? '', /Queue sales/);
    // The documentation's picture (docs/test-calls.md): the draft, its canvas and the panel, nothing else.
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    // The layout change may reload the canvas's page: wait until it has drawn the path again.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await waitForPage('the canvas to draw the path again', async () =>
      (await testApi()).graph
        .panels()
        .find((p) => p.uri === draftUri().toString() && p.ready && (p.rendered?.pathNodes ?? 0) > 0),
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    await screenshot('test-call');
    await vscode.commands.executeCommand('workbench.action.toggleSidebarVisibility');
    state = await fromPage({ type: 'choose', key: 'a' });
    assert.deepStrictEqual(state.view?.outcome, { kind: 'connected', text: 'connected to queue sales' });

    const run = await vscode.commands.executeCommand<{ result: unknown }>('callflow.simulateCall', {
      target: `${FLOW}@draft`,
      from: '+14155550123',
      at: WEEKDAY_MORNING,
      digits: ['1'],
      agents: { sales: 'available' },
    });
    assert.deepStrictEqual(state.result, run.result);
  });

  it('saves the call as a call scenario that callflow test passes', async () => {
    await vscode.workspace.save(draftUri());
    const state = await fromPage({ type: 'saveScenario' });
    assert.deepStrictEqual(state.view?.saved, {
      name: 'test call: connected to queue sales',
      file: `flows/${FLOW}/calls.yaml`,
    });
    const saved = readWorkspaceFile(`flows/${FLOW}/calls.yaml`) ?? '';
    assert.match(saved, /name: "?test call: connected to queue sales"?/);
    assert.match(saved, /digits: \[ "1" \]|digits: \["1"\]/);
    const output = callflow('test', `${FLOW}@draft`);
    assert.match(output, /1 passed/);
  });

  it('calls again with the same caller and time, and counts the attempts of a menu left to time out', async () => {
    let state = await fromPage({ type: 'callAgain', from: '+14155550123', at: '2026-11-24T10:00' });
    assert.strictEqual(state.inputs?.at, new Date(WEEKDAY_MORNING).toISOString());
    assert.deepStrictEqual(state.inputs?.digits, []);
    for (const attempt of [1, 2, 3]) {
      assert.deepStrictEqual([state.view?.question?.step, state.view?.question?.attempt], ['menu', attempt]);
      state = await fromPage({ type: 'timeout' });
    }
    assert.strictEqual(state.view?.outcome?.kind, 'voicemail');
    assert.deepStrictEqual(state.inputs?.digits, ['', '', '']);
  });

  it('says what is wrong with a time that is not one, and keeps the call', async () => {
    const state = await fromPage({ type: 'callAgain', from: '', at: '2026-13-40T10:00' });
    assert.match(state.view?.problem ?? '', /is not a local date and time/);
    assert.strictEqual(state.view?.outcome?.kind, 'voicemail');
  });

  it("opens a call from the execution log: its transcript, its path on the canvas, and whether today's version routes it the same way", async () => {
    await closeAllEditors();
    const run = await vscode.commands.executeCommand<SimulatedRun>('callflow.simulateCall', {
      target: `${FLOW}@1`,
      from: '+14155550123',
      at: WEEKDAY_MORNING,
      digits: ['2'],
      agents: { support: 'available' },
    });
    // A server serves a commit of the whole workspace, its settings included (the test workspace starts with them uncommitted).
    if (git('status', '--porcelain', '--', 'callflow.yaml') !== '') {
      git('add', 'callflow.yaml');
      git('commit', '-m', 'Workspace settings', '--', 'callflow.yaml');
    }
    fs.writeFileSync(path.join(workspaceRoot(), 'serve.log'), executionLog('CA-42', run, 1, git('rev-parse', 'HEAD')));

    const said = await notificationsDuring(await extensionApi(), () =>
      vscode.commands.executeCommand('callflow.replayLoggedCall', { log: 'serve.log', call: 'CA-42' }),
    );
    assert.deepStrictEqual(
      said.filter((n) => n.level !== 'info').map((n) => n.message),
      [],
    );
    let state = await waitForPage('the replay to show', async () => ((await panel()).ready ? panel() : undefined));
    assert.strictEqual(state.view?.mode, 'replay');
    assert.strictEqual(state.view?.replay?.logged.outcome, 'connected to queue support');
    assert.deepStrictEqual(state.view?.replay?.today, {
      version: 'v1 (published)',
      outcome: 'connected to queue support',
      same: true,
      differences: [],
    });
    assert.ok(state.view?.transcript.some((l) => l.kind === 'pressed' && l.keys === '2'));
    const v1 = vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'v1.yaml').toString();
    await waitFor('the path on the canvas of v1', async () =>
      (await testApi()).graph.panels().find((p) => p.uri === v1 && p.path),
    );

    // Publish a draft that sends 2 to sales: today's version routes the logged call differently.
    const draft = await vscode.workspace.openTextDocument(draftUri());
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      draftUri(),
      new vscode.Range(0, 0, draft.lineCount, 0),
      draft.getText().replace('"2": support', '"2": sales'),
    );
    await vscode.workspace.applyEdit(edit);
    await draft.save();
    await vscode.commands.executeCommand('callflow.save', { flowId: FLOW });
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    await closeAllEditors();
    // The log given by its absolute path this time.
    await vscode.commands.executeCommand('callflow.replayLoggedCall', {
      log: path.join(workspaceRoot(), 'serve.log'),
      call: 'CA-42',
    });
    state = await waitForPage('the replay to show', async () => ((await panel()).ready ? panel() : undefined));
    assert.strictEqual(state.view?.replay?.today?.version, 'v2 (published)');
    assert.strictEqual(state.view?.replay?.today?.same, false);
    assert.match(state.view?.replay?.today?.differences.join('; ') ?? '', /queue: logged "support", replayed "sales"/);
  });
});
