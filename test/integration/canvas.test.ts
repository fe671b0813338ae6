// Editing a flow on the canvas in a real VS Code: every gesture (through its command, as the
// canvas and the keyboard send it) is one edit of the draft's document, undone by one Undo;
// a published version's canvas is read-only and its file stays byte for byte as published.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  answering,
  closeAllEditors,
  extensionApi,
  readWorkspaceFile,
  testApi,
  waitFor,
  workspaceRoot,
} from './helpers';
import { generateGraphFlowText } from '../../bench/graph';
import { recordMeasure } from './measure';
import { screenshot } from './screenshot';

const FLOW = 'canvas-line';

interface GraphPanelState {
  uri: string;
  ready: boolean;
  nodes: string[];
  edges: number;
  editing: string;
  rendered?: { nodes: number; pathNodes: number };
  renders: number;
  lastDrawnAt?: number;
}

async function graphState(uri: vscode.Uri): Promise<GraphPanelState | undefined> {
  const panels: GraphPanelState[] = (await testApi()).graph.panels();
  return panels.find((p) => p.uri === uri.toString());
}

const versionUri = (n: number): vscode.Uri =>
  vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, `v${n}.yaml`);

async function openCanvas(uri: vscode.Uri): Promise<vscode.TextDocument> {
  const editor = await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
  await vscode.commands.executeCommand('callflow.openGraph', uri);
  await waitFor(
    'the canvas to draw',
    async () => {
      const s = await graphState(uri);
      return s?.ready && s.rendered && s.rendered.nodes === s.nodes.length && s.nodes.length > 0 ? s : undefined;
    },
    20_000,
  );
  return editor.document;
}

/** Whether the flow graph panel is the active editor (it has the keyboard). */
function graphIsActive(): boolean {
  const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
  return input instanceof vscode.TabInputWebview && input.viewType.endsWith('callflow.flowGraph');
}

async function undoInText(document: vscode.TextDocument, times = 1): Promise<void> {
  await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
  for (let i = 0; i < times; i++) await vscode.commands.executeCommand('undo');
}

describe('canvas editing', function () {
  this.timeout(60_000);

  before(async () => {
    await extensionApi();
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Canvas Line' });
    assert.ok(readWorkspaceFile(`flows/${FLOW}/v1.yaml`), 'the v1 draft exists');
    await closeAllEditors();
  });

  after(async () => {
    await closeAllEditors();
  });

  it('the draft canvas is editable, and connecting menu key 3 to sales is one line of the document, undone by one Undo', async () => {
    const uri = versionUri(1);
    const document = await openCanvas(uri);
    assert.strictEqual((await graphState(uri))?.editing, 'editable');
    const before = document.getText();
    assert.ok(before.includes('options: { "1": sales, "2": support }'), before);
    await vscode.commands.executeCommand('callflow.graph.connect', {
      uri,
      step: 'menu',
      exit: 'options.3',
      target: 'sales',
    });
    assert.strictEqual(
      document.getText(),
      before.replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "2": support, "3": sales }'),
    );
    await waitFor('the canvas to redraw', async () => (((await graphState(uri))?.edges ?? 0) > 0 ? true : undefined));
    await screenshot('canvas-editor');
    await undoInText(document);
    assert.strictEqual(document.getText(), before, 'one Undo takes the whole gesture back');
    assert.strictEqual(fs.readFileSync(uri.fsPath, 'utf8'), before, 'nothing is written to disk until saved');
  });

  it('add on an exit, rename, set start and delete each edit the text as one undo step; typing in the YAML redraws the canvas', async () => {
    const uri = versionUri(1);
    const document = await openCanvas(uri);
    const before = document.getText();
    await vscode.commands.executeCommand('callflow.graph.addStep', {
      uri,
      stepType: 'play',
      step: 'welcome',
      exit: 'next',
    });
    assert.match(document.getText(), / {4}next: play-1\n {2}play-1:\n {4}type: play\n {4}say: ""\n {4}next: hours\n/);
    await waitFor('play-1 on the canvas', async () =>
      (await graphState(uri))?.nodes.includes('play-1') ? true : undefined,
    );

    await vscode.commands.executeCommand('callflow.graph.renameStep', { uri, step: 'support', to: 'helpdesk' });
    assert.match(document.getText(), /"2": helpdesk/);
    assert.match(document.getText(), /\n {2}helpdesk:\n/);

    await vscode.commands.executeCommand('callflow.graph.setStart', { uri, step: 'hours' });
    assert.match(document.getText(), /\nstart: hours\n/);

    await vscode.commands.executeCommand('callflow.graph.deleteStep', { uri, step: 'play-1', confirmed: true });
    assert.ok(!document.getText().includes('play-1'), 'the step and the exit into it are gone');

    await undoInText(document, 4);
    assert.strictEqual(document.getText(), before, 'four gestures, four undo steps');

    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
    const end = document.positionAt(document.getText().length);
    await editor.edit((e) => e.insert(end, '  typed:\n    type: hangup\n'));
    await waitFor('the typed step on the canvas', async () =>
      (await graphState(uri))?.nodes.includes('typed') ? true : undefined,
    );
    await undoInText(document);
    assert.strictEqual(document.getText(), before);
  });

  it("renaming a step on the canvas renames it in the flow's call scenarios too, in the same edit, nothing saved", async () => {
    const uri = versionUri(1);
    const scenarioUri = vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'calls.yaml');
    const calls =
      'calls:\n  - name: to sales\n    digits: "1"\n    expect:\n      path: [welcome, hours, menu, sales] # as written\n      says: sales\n';
    fs.writeFileSync(scenarioUri.fsPath, calls);
    try {
      const document = await openCanvas(uri);
      const before = document.getText();
      await vscode.commands.executeCommand('callflow.graph.renameStep', { uri, step: 'sales', to: 'orders' });
      assert.match(document.getText(), /"1": orders/);
      assert.match(document.getText(), /\n {2}orders:\n/);
      const scenario = await vscode.workspace.openTextDocument(scenarioUri);
      assert.strictEqual(scenario.getText(), calls.replace('menu, sales]', 'menu, orders]'), 'only the path entry');
      assert.ok(scenario.isDirty, 'the scenario file is edited in the editor, not written behind the admin');
      assert.strictEqual(fs.readFileSync(scenarioUri.fsPath, 'utf8'), calls);

      await vscode.commands.executeCommand('callflow.graph.renameStep', { uri, step: 'orders', to: 'sales' });
      assert.strictEqual(document.getText(), before, 'renaming back restores the flow');
      assert.strictEqual(scenario.getText(), calls, 'and its scenarios');
      await document.save(); // the text it had on disk
    } finally {
      // Deleted as VS Code deletes a file with unsaved changes: its document is reverted, not saved.
      const remove = new vscode.WorkspaceEdit();
      remove.deleteFile(scenarioUri, { ignoreIfNotExists: true });
      await vscode.workspace.applyEdit(remove);
      fs.rmSync(scenarioUri.fsPath, { force: true });
    }
  });

  it('a click on a step shows it in the YAML but leaves the keyboard on the canvas and selects nothing there', async () => {
    const uri = versionUri(1);
    const document = await openCanvas(uri);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });
    editor.selection = new vscode.Selection(0, 0, 0, 8); // the admin clicked and selected in the YAML
    await vscode.commands.executeCommand('callflow.openGraph', uri); // then clicked into the canvas
    await waitFor('the canvas to have the keyboard', async () => (graphIsActive() ? true : undefined));
    await (await testApi()).graph.fromPage(uri, { type: 'reveal', id: 'welcome' });
    assert.ok(graphIsActive(), 'the canvas keeps the keyboard');
    const yaml = vscode.window.visibleTextEditors.find((e) => e.document === document);
    assert.ok(yaml, 'the YAML is shown');
    assert.ok(yaml.selection.isEmpty, 'nothing is selected in the YAML, so a Delete cannot reach `welcome:`');
    assert.strictEqual(document.lineAt(yaml.selection.active.line).text.trim(), 'welcome:');
  });

  it("after Delete's confirmation the canvas has the keyboard again; Undo and Redo on the canvas (keys, palette) work", async () => {
    const uri = versionUri(1);
    const document = await openCanvas(uri);
    const before = document.getText();
    await vscode.commands.executeCommand('callflow.openGraph', uri);
    await waitFor('the canvas to have the keyboard', async () => (graphIsActive() ? true : undefined));
    const asked = await answering(
      await extensionApi(),
      () => {
        // A modal dialog takes the keyboard; here, the YAML editor does.
        void vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
        return 'Delete Step';
      },
      async () => (await testApi()).graph.fromPage(uri, { type: 'edit', edit: { kind: 'deleteStep', step: 'sales' } }),
    );
    assert.strictEqual(asked.length, 1, 'Delete asked first');
    assert.ok(!/\n {2}sales:\n/.test(document.getText()), 'the step is deleted');
    await waitFor('the keyboard back on the canvas', async () => (graphIsActive() ? true : undefined));

    // Each step waits until the page drew the change (as a hand does not press the next key at once):
    // the page has then taken the keyboard back, which the next Undo or Redo moves to the text again.
    const step = async (run: () => Thenable<unknown>): Promise<void> => {
      const renders = (await graphState(uri))!.renders;
      await run();
      await waitFor('the page to draw the change', async () =>
        (await graphState(uri))!.renders > renders ? true : undefined,
      );
    };
    await step(async () => (await testApi()).graph.fromPage(uri, { type: 'undo' })); // Ctrl+Z on the canvas
    assert.strictEqual(document.getText(), before, 'Ctrl+Z brings it back');
    await step(async () => (await testApi()).graph.fromPage(uri, { type: 'redo' })); // Ctrl+Shift+Z or Ctrl+Y
    assert.ok(!/\n {2}sales:\n/.test(document.getText()), 'Redo deletes it again');
    await step(() => vscode.commands.executeCommand('callflow.graph.undo', { uri })); // the palette
    assert.strictEqual(document.getText(), before);
    await step(() => vscode.commands.executeCommand('callflow.graph.redo', { uri }));
    assert.ok(!/\n {2}sales:\n/.test(document.getText()), "the palette's Redo on the Canvas redoes");
    assert.ok(graphIsActive(), 'and the canvas keeps the keyboard');
    await vscode.commands.executeCommand('callflow.graph.undo', { uri });
    assert.strictEqual(document.getText(), before);
  });

  it('the canvas of a published version is read-only: a gesture is refused and the file stays as published', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    assert.match(readWorkspaceFile(`flows/${FLOW}/flow.yaml`) ?? '', /status: published/, 'v1 is published');
    const uri = versionUri(1);
    const published = fs.readFileSync(uri.fsPath);
    const document = await openCanvas(uri);
    await waitFor('the canvas to be locked', async () =>
      (await graphState(uri))?.editing === 'locked' ? true : undefined,
    );
    await vscode.commands.executeCommand('callflow.graph.connect', {
      uri,
      step: 'menu',
      exit: 'options.3',
      target: 'sales',
    });
    await vscode.commands.executeCommand('callflow.graph.deleteStep', { uri, step: 'sales', confirmed: true });
    assert.strictEqual(document.isDirty, false, 'the document is not changed');
    assert.strictEqual(document.getText(), published.toString('utf8'));
    assert.ok(fs.readFileSync(path.join(uri.fsPath)).equals(published), 'the file is byte for byte as published');
    await screenshot('canvas-locked');
  });
  it('records how long a gesture on a 200-step flow takes, from the command to the page having drawn it', async () => {
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Canvas Big' });
    const uri = vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', 'canvas-big', 'v1.yaml');
    const document = await vscode.workspace.openTextDocument(uri);
    const replace = new vscode.WorkspaceEdit();
    replace.replace(
      uri,
      new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)),
      generateGraphFlowText(200),
    );
    assert.ok(await vscode.workspace.applyEdit(replace));
    await openCanvas(uri);
    const times: number[] = [];
    for (let i = 0; i < 9; i++) {
      const before = (await graphState(uri))!.renders;
      const started = Date.now();
      const target = `b${4 + i}_${i % 2 === 0 ? 'sales' : 'billing'}`;
      await vscode.commands.executeCommand('callflow.graph.connect', {
        uri,
        step: 'b2_menu',
        exit: 'options.9',
        target,
      });
      const drawn = await waitFor('the canvas to draw the gesture', async () => {
        const state = await graphState(uri);
        return state && state.renders > before ? state : undefined;
      });
      assert.match(document.getText(), new RegExp(`"9": ${target}`));
      // The first two warm the page and the extension up, as in bench/canvas.ts.
      if (i >= 2) times.push(drawn.lastDrawnAt! - started);
    }
    times.sort((a, b) => a - b);
    const median = Math.round(times[Math.floor(times.length / 2)]!);
    recordMeasure({
      name: 'canvas gesture on a 200-step flow in VS Code: command, YAML edit, model, page drawing (median of 7)',
      value: median,
      unit: 'ms',
      target: '≤ 100 ms',
      ok: median <= 100,
    });
    await vscode.commands
      .executeCommand('workbench.action.revertAndCloseActiveEditor')
      .then(undefined, () => undefined);
  });
});
