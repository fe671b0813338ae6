// The views follow the workspace at once, in the real VS Code: CodeLens right after a publish,
// editors, diffs and graphs of a discarded draft closed, verify's problems gone when their cause
// is, the status bar's "changes not yet saved as vN", and Save & Validate on a save you make
// (`callflow.saveOnFileSave`), never on an auto-save.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import type { OperationResult } from '../../src/core/lifecycle';
import type { Notification } from '../../src/extension/notifications';
import {
  closeAllEditors,
  commitCount,
  extensionApi,
  flowNode,
  lastSubjects,
  readWorkspaceFile,
  waitFor,
  workspaceRoot,
} from './helpers';

const FLOW = 'views-line';
const fileUri = (relative: string) => vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), ...relative.split('/'));
const draftFile = (n: number) => `flows/${FLOW}/v${n}.yaml`;

describe('views follow the workspace in a real VS Code', function () {
  let api: CallflowExtensionApi;

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand<OperationResult>('callflow.createFlow', { name: 'Views Line' });
  });

  // The test runner turns auto-save off in the workspace's settings; the auto-save test turns it on there.
  const autoSave = () => vscode.workspace.getConfiguration('files').inspect<string>('autoSave')?.workspaceValue;
  let autoSaveBefore: string | undefined;

  after(async () => {
    await vscode.workspace.getConfiguration('callflow').update('saveOnFileSave', undefined, true);
    await vscode.workspace
      .getConfiguration('files')
      .update('autoSave', autoSaveBefore, vscode.ConfigurationTarget.Workspace);
    await closeAllEditors();
  });

  const lensTitles = async (uri: vscode.Uri) =>
    ((await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? []).map(
      (l) => l.command?.title ?? '',
    );

  it("right after a publish the CodeLens of the open file is the locked version's", async () => {
    const draft = fileUri(draftFile(1));
    await vscode.window.showTextDocument(draft);
    assert.ok((await lensTitles(draft)).includes('$(rocket) Publish'), 'a draft offers Publish');
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    const after = await lensTitles(draft);
    assert.ok(
      after.some((t) => t.includes('Published v1 · read-only')),
      JSON.stringify(after),
    );
    assert.ok(!after.includes('$(rocket) Publish'), JSON.stringify(after));
  });

  it('the status bar says "changes not yet saved as v2" when the draft changed since its save', async () => {
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW }); // v2, opened
    const changed = readWorkspaceFile(draftFile(2))! + '# changed\n';
    await vscode.workspace.fs.writeFile(fileUri(draftFile(2)), Buffer.from(changed));
    // The open editor takes the file written on disk when the file event arrives (later tests type into it).
    await waitFor('the open draft to hold the changed file', async () =>
      (await vscode.workspace.openTextDocument(fileUri(draftFile(2)))).getText() === changed ? true : undefined,
    );
    await vscode.window.showTextDocument(fileUri(draftFile(2)));
    const bar = await waitFor('the unsaved state in the status bar', async () => {
      const shown = await api.test.editor.statusBar();
      return shown.text.includes('changes not yet saved as v2') ? shown : undefined;
    });
    assert.strictEqual(bar.text, `$(edit) ${FLOW} v2 · draft · changes not yet saved as v2`);
    assert.match(bar.tooltip ?? '', /Save & Validate records them in git/);
    await vscode.commands.executeCommand('callflow.save', { flowId: FLOW });
    await waitFor('the saved state', async () =>
      (await api.test.editor.statusBar()).text === `$(edit) ${FLOW} v2 · draft` ? true : undefined,
    );
  });

  it('with callflow.saveOnFileSave, a save you make runs Save & Validate; an auto-save never does', async () => {
    const editor = await vscode.window.showTextDocument(fileUri(draftFile(2)));
    const type = (text: string) => editor.edit((e) => e.insert(new vscode.Position(0, 0), text));

    // Off (the default): the file is written, nothing is committed.
    let before = commitCount();
    await type('# off\n');
    assert.ok(await editor.document.save(), 'the file is written');
    await new Promise((r) => setTimeout(r, 800));
    assert.strictEqual(commitCount(), before, 'off by default');

    await vscode.workspace.getConfiguration('callflow').update('saveOnFileSave', true, true);
    before = commitCount();
    await type('# by hand\n');
    assert.ok(await editor.document.save(), 'the file is written');
    await waitFor('the save commit', () => commitCount() === before + 1);
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): save v2 draft (valid)`);

    autoSaveBefore = autoSave();
    await vscode.workspace
      .getConfiguration('files')
      .update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration('files').update('autoSaveDelay', 100, vscode.ConfigurationTarget.Workspace);
    before = commitCount();
    await type('# auto\n');
    await waitFor('the auto-save', () => !editor.document.isDirty);
    await new Promise((r) => setTimeout(r, 800));
    assert.strictEqual(commitCount(), before, 'an auto-save commits nothing');
    assert.match(readWorkspaceFile(draftFile(2))!, /^# auto\n/);
    await vscode.workspace
      .getConfiguration('files')
      .update('autoSave', autoSaveBefore, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace
      .getConfiguration('files')
      .update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('discard closes the deleted draft’s diff editors and flow graph', async () => {
    await vscode.commands.executeCommand('callflow.save', { flowId: FLOW });
    await vscode.commands.executeCommand('callflow.compareWithPublished', { flowId: FLOW });
    const draft = fileUri(draftFile(2));
    await vscode.commands.executeCommand('callflow.openGraph', draft);
    const tabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs);
    const isDiffOfDraft = (t: vscode.Tab) =>
      t.input instanceof vscode.TabInputTextDiff && t.input.modified.toString() === draft.toString();
    assert.ok(tabs().some(isDiffOfDraft), 'the diff is open');
    await waitFor('the graph panel', () => api.test.graph.panels().some((p) => p.uri === draft.toString()));
    await vscode.commands.executeCommand('callflow.discard', { flowId: FLOW, confirmed: true });
    assert.ok(!tabs().some(isDiffOfDraft), 'the diff of the deleted draft closed');
    await waitFor('the graph of the deleted draft to close', () =>
      api.test.graph.panels().every((p) => p.uri !== draft.toString()),
    );
  });

  it("verify's problem goes as soon as its cause does, without running verify again", async () => {
    const file = draftFile(1);
    const published = readWorkspaceFile(file)!;
    await vscode.workspace.fs.writeFile(fileUri(file), Buffer.from(published + '# tampered\n'));
    await vscode.commands.executeCommand('callflow.verify');
    const fromVerify = () =>
      vscode.languages.getDiagnostics(fileUri(file)).filter((d) => d.source === 'callflow verify');
    assert.ok(fromVerify().length > 0, 'verify reports the changed file');
    await vscode.commands.executeCommand('callflow.restoreLockedVersion', {
      flowId: FLOW,
      version: 1,
      confirmed: true,
    });
    await waitFor("verify's problem on the restored file to go", () => fromVerify().length === 0, 5000);
  });

  it('a flow row shows how many numbers ring it', async () => {
    await vscode.commands.executeCommand('callflow.assignNumber', { flowId: FLOW, number: '+14155550120' });
    await vscode.commands.executeCommand('callflow.assignNumber', { flowId: FLOW, number: '+14155550121' });
    const node = await flowNode(api, FLOW);
    assert.strictEqual(String(api.tree.getTreeItem(node!).description), `${FLOW} · v1 published · 2 numbers`);
  });

  it('a flow whose name gives no id is created with the id given', async () => {
    const created = await vscode.commands.executeCommand<OperationResult>('callflow.createFlow', {
      name: '客服热线',
      id: 'kefu',
    });
    assert.strictEqual(created?.flowId, 'kefu');
    const node = await flowNode(api, 'kefu');
    assert.ok(node && node.kind === 'flow' && node.flow.name === '客服热线');
  });

  it('the locked CodeLens explanation offers the draft when the flow has one, not an Edit it would refuse', async () => {
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW }); // v3 draft
    const shown: Notification[] = [];
    const subscription = api.notifications.onDidNotify((n) => shown.push(n));
    const explained = vscode.commands.executeCommand('callflow.explainLocked', {
      workspace: workspaceRoot(),
      flowId: FLOW,
      version: 1,
      status: 'published',
    });
    try {
      const explanation = await waitFor('the explanation', () => shown.find((n) => /v1 is published/.test(n.message)));
      assert.deepStrictEqual(explanation.actions, ['Open Draft']);
      await api.notifications.pick(explanation, 'Open Draft');
      await explained;
    } finally {
      subscription.dispose();
    }
    await waitFor('the draft open', () =>
      vscode.window.activeTextEditor?.document.uri.path.endsWith(`/flows/${FLOW}/v3.yaml`),
    );
  });
});
