// Test Call in a real VS Code: the draft called as the editor has it (an unsaved prompt included),
// keys and outcomes given as the page gives them, the canvas marking the step the call is in, the
// call ending as Simulate Call says for the same inputs, saved as a call scenario that `callflow
// test` then passes, and Call Again with the menu left to time out.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, readWorkspaceFile, testApi, waitFor, workspaceRoot } from './helpers';
import { screenshot } from './screenshot';

const FLOW = 'test-call-line';
const WEEKDAY_MORNING = '2026-11-24T15:00:00Z'; // Tuesday 10:00 in New York

interface PanelState {
  ready: boolean;
  uri?: string;
  view?: {
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

async function fromPage(message: unknown): Promise<PanelState> {
  await (await testApi()).testCall.fromPage(message);
  return panel();
}

function draftUri(): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'v2.yaml');
}

/** Runs the real CLI (the same core) as a user would in a terminal. */
function callflow(...args: string[]): string {
  const extension = vscode.extensions.getExtension('callflow-studio.call-flow-studio')!;
  return execFileSync(process.execPath, [path.join(extension.extensionPath, 'bin', 'callflow.js'), ...args], {
    cwd: workspaceRoot(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
}

describe('Test Call: a call answered as it happens', function () {
  this.timeout(60_000);

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
    let state = await waitFor(
      'the Test Call page to load',
      async () => ((await panel()).ready ? panel() : undefined),
      20_000,
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
    await screenshot('test-call');
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
});
