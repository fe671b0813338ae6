// docs/first-flow.md, played in a real VS Code: a first flow from the Get Started walkthrough to a
// rollback, as a Studio admin would make it. Each step checks what the guide says and takes the
// guide's picture (docs/images/first-flow-*.png are copied from test-artifacts/screenshots).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import { WALKTHROUGH_ID } from '../../src/extension/walkthrough';
import {
  childrenOf,
  closeAllEditors,
  extensionApi,
  flowNode,
  lastSubjects,
  readWorkspaceFile,
  waitFor,
  workspaceRoot,
} from './helpers';
import { screenshot } from './screenshot';

const FLOW = 'first-line';
const NUMBER = '+14155550123';
const WEEKDAY_MORNING = '2026-03-04T10:00-05:00';

describe('the first-flow guide (docs/first-flow.md), step by step', function () {
  this.timeout(60_000);
  let api: CallflowExtensionApi;
  const version = (n: number): vscode.Uri =>
    vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, `v${n}.yaml`);

  before(async () => {
    api = await extensionApi();
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  after(async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
  });

  /** The picture once the workbench has drawn what the step changed (webviews render a moment later). */
  async function picture(name: string, settleMs = 1500): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    await screenshot(`first-flow-${name}`);
  }

  /** The Call Flows view, with the flow (and its numbers, when asked) expanded. */
  async function showFlowInTree(numbers = false): Promise<void> {
    await vscode.commands.executeCommand('workbench.view.extension.callflow');
    const flow = await waitFor('the flow in the tree', () => flowNode(api, FLOW));
    await api.treeView.reveal(flow, { expand: true, select: true, focus: false });
    if (numbers) {
      const node = (await childrenOf(api, flow)).find((c) => c.contextValue === 'callflow.numbers');
      assert.ok(node, 'the flow lists its numbers');
      await api.treeView.reveal(node.node, { expand: true, select: false, focus: false });
    }
  }

  async function versionsShown(): Promise<string[]> {
    const flow = await flowNode(api, FLOW);
    assert.ok(flow);
    return (await childrenOf(api, flow))
      .filter((c) => c.node.kind === 'version')
      .map((c) => `${c.label} ${c.description}`);
  }

  it('Get Started: the walkthrough lists the steps and ticks what the workspace has done', async () => {
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
    const progress = await api.test.walkthrough.update();
    assert.strictEqual(progress.initialized, true, 'the test workspace is initialized: its step is ticked');
    await picture('get-started');
    await closeAllEditors();
  });

  it('Create Flow: the v1 draft opens from the template, listed in the Call Flows view', async () => {
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'First Line' });
    assert.ok(readWorkspaceFile(`flows/${FLOW}/v1.yaml`), 'the draft file exists');
    await waitFor('the draft open', () =>
      vscode.window.activeTextEditor?.document.uri.fsPath === version(1).fsPath ? true : undefined,
    );
    await showFlowInTree();
    assert.match((await versionsShown())[0]!, /^v1 .*draft/);
    await picture('create');
  });

  it('the canvas: Open Canvas beside the YAML, add a step on an exit, its properties beside it', async () => {
    // The canvas and its properties panel need the width the sidebar takes (the next step shows it
    // again), from the start: the page fits the graph to the panel when it first draws.
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await vscode.commands.executeCommand('callflow.openGraph', version(1));
    await vscode.commands.executeCommand('workbench.action.focusSecondEditorGroup');
    for (let i = 0; i < 4; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    await waitFor('the canvas', () => api.test.graph.panels().find((p) => p.uri === version(1).toString() && p.ready));
    await vscode.commands.executeCommand('callflow.graph.addStep', {
      uri: version(1),
      stepType: 'play',
      step: 'welcome',
      exit: 'next',
    });
    const document = await vscode.workspace.openTextDocument(version(1));
    assert.match(document.getText(), /next: play-1\n {2}play-1:\n {4}type: play\n/);
    await waitFor('the new step selected', () =>
      api.test.graph.panels().find((p) => p.uri === version(1).toString() && p.selected === 'play-1'),
    );
    await vscode.commands.executeCommand('notifications.clearAll');
    await picture('canvas');
  });

  it('the YAML: an edit typed in the file shows on the canvas; Ctrl+S writes the file, it does not save a version', async () => {
    const document = await vscode.workspace.openTextDocument(version(1));
    const text = document.getText();
    const at = text.indexOf('say: ""', text.indexOf('play-1:'));
    assert.ok(at > 0, 'the new step has an empty say');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      version(1),
      new vscode.Range(document.positionAt(at), document.positionAt(at + 'say: ""'.length)),
      'say: "Calls may be recorded."',
    );
    await vscode.workspace.applyEdit(edit);
    await document.save();
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    assert.match(lastSubjects(1)[0]!, /^(?!callflow\(first-line\): save)/, 'no version was saved by Ctrl+S');
    await showFlowInTree();
    // The YAML takes the width back from the canvas, whose properties panel shows the edit.
    await vscode.commands.executeCommand('workbench.action.focusFirstEditorGroup');
    for (let i = 0; i < 6; i++) await vscode.commands.executeCommand('workbench.action.increaseViewWidth');
    const shown = await versionsShown();
    assert.match(shown[0]!, /changes not yet saved/);
    await picture('yaml');
  });

  it('Save & Validate: the draft is validated and recorded as a commit', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('callflow.save', { flowId: FLOW });
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): save v1 draft (valid)`);
    await picture('save');
  });

  it('Simulate Call: a call at a given time with the keys pressed, the trace beside the flow', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    const run = await vscode.commands.executeCommand<{ result: { outcome: { kind: string } } }>(
      'callflow.simulateCall',
      { target: `${FLOW}@draft`, at: WEEKDAY_MORNING, digits: '1', available: ['sales', 'support'] },
    );
    assert.strictEqual(run?.result.outcome.kind, 'connected');
    await vscode.commands.executeCommand('workbench.action.evenEditorWidths');
    await picture('simulate', 2500);
  });

  it('Publish: v1 is what callers get, locked against edits', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): publish v1`);
    await vscode.window.showTextDocument(version(1));
    await showFlowInTree();
    assert.match((await versionsShown())[0]!, /^v1 .*published/);
    await picture('publish');
  });

  it('Assign Number: the number rings the published flow', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('callflow.assignNumber', { flowId: FLOW, number: NUMBER, label: 'Main line' });
    await showFlowInTree(true);
    await picture('number');
  });

  it('Edit: a published version is changed through a new draft, v2', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW });
    const document = await vscode.workspace.openTextDocument(version(2));
    const text = document.getText();
    const edited = text
      .replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "2": support, "3": voicemail }')
      .replace(
        'For sales press 1, for support press 2.',
        'For sales press 1, for support press 2, to leave a message press 3.',
      );
    assert.notStrictEqual(edited, text);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(version(2), new vscode.Range(document.positionAt(0), document.positionAt(text.length)), edited);
    await vscode.workspace.applyEdit(edit);
    await document.save();
    await vscode.commands.executeCommand('callflow.save', { flowId: FLOW });
    await showFlowInTree();
    const shown = await versionsShown();
    assert.match(shown[0]!, /^v2 .*draft/);
    assert.match(shown[1]!, /^v1 .*published/);
    await picture('draft');
  });

  it('Compare with Published and Changes for Callers: what publishing v2 changes for callers', async () => {
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('callflow.compareWithPublished', { flowId: FLOW });
    const current = await waitFor('the comparison', () => api.test.review.current());
    assert.strictEqual(current.flowId, FLOW);
    assert.ok(api.test.review.items().length > 0, 'Changes for Callers lists the changes');
    await picture('compare');
  });

  it('Roll Back: after publishing v2, v1 comes back as v3, a copy of it, and v2 is archived', async () => {
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('callflow.rollback', { flowId: FLOW, version: 1, confirmed: true });
    assert.match(lastSubjects(1)[0]!, new RegExp(`^callflow\\(${FLOW}\\): roll back to v1 as v3`));
    await showFlowInTree();
    const shown = await versionsShown();
    assert.match(shown[0]!, /^v3 .*published/);
    assert.match(shown[1]!, /^v2 .*archived/);
    await vscode.window.showTextDocument(version(3));
    await picture('rollback');
  });
});
