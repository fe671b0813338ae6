// The lifecycle commands, executed as a user's gestures would, on the real git workspace.
// One flow goes through its whole life; each step asserts files, commits, tags and the tree.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import type { OperationResult } from '../../src/core/lifecycle';
import {
  answering,
  childrenOf,
  closeAllEditors,
  commitCount,
  extensionApi,
  flowNode,
  git,
  lastSubjects,
  notificationsDuring,
  readWorkspaceFile,
  workspaceRoot,
} from './helpers';

const FLOW = 'lifecycle-line';

describe('lifecycle commands in a real VS Code', function () {
  let api: CallflowExtensionApi;

  before(async () => {
    api = await extensionApi();
  });

  after(closeAllEditors);

  async function versionItems() {
    const node = await flowNode(api, FLOW);
    assert.ok(node, `${FLOW} is in the tree`);
    return (await childrenOf(api, node)).filter((c) => c.node.kind === 'version');
  }

  it('Create Flow makes a v1 draft from the template in one commit and opens it', async () => {
    const before = commitCount();
    const result = await vscode.commands.executeCommand<OperationResult>('callflow.createFlow', {
      name: 'Lifecycle Line',
      description: 'Made by the integration tests',
    });
    assert.ok(result, 'the command returns the core result');
    assert.strictEqual(result.flowId, FLOW);
    assert.strictEqual(result.file, `flows/${FLOW}/v1.yaml`);
    assert.ok(readWorkspaceFile(`flows/${FLOW}/v1.yaml`)?.includes('callflow: 1'));
    assert.strictEqual(commitCount(), before + 1);
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): create v1 draft from template`);
    assert.match(git('log', '-1', '--format=%B'), /Callflow-Action: create/);
    assert.strictEqual(
      vscode.window.activeTextEditor?.document.uri.fsPath,
      vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'v1.yaml').fsPath,
    );
    const [v1] = await versionItems();
    assert.strictEqual(v1?.label, 'v1');
    assert.strictEqual(v1?.contextValue, 'callflow.version.draft.unpublished', 'nothing published to compare with');
    assert.strictEqual(v1?.icon, 'edit');
    assert.strictEqual(v1?.description, 'draft · saved, valid');
  });

  it('the tree shows an edited draft as "changes not yet saved as v1", and Save & Validate commits it', async () => {
    const file = vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'v1.yaml');
    const text = readWorkspaceFile(`flows/${FLOW}/v1.yaml`)!;
    await vscode.workspace.fs.writeFile(
      file,
      Buffer.from(text.replace(/say: "Thanks for calling [^"]*"/, 'say: "Welcome to the lifecycle line."')),
    );
    assert.strictEqual((await versionItems())[0]?.description, 'draft · changes not yet saved as v1');
    const result = await vscode.commands.executeCommand<OperationResult>('callflow.save', { flowId: FLOW });
    assert.strictEqual(result?.validation?.valid, true);
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): save v1 draft (valid)`);
    assert.strictEqual(git('status', '--porcelain', '--', `flows/${FLOW}`), '', 'the saved file is committed');
    assert.strictEqual((await versionItems())[0]?.description, 'draft · saved, valid');
  });

  it('Publish publishes the draft, tags the commit, and the tree shows it published', async () => {
    const result = await vscode.commands.executeCommand<OperationResult>('callflow.publish', {
      flowId: FLOW,
      confirmed: true,
    });
    assert.strictEqual(result?.tag, `callflow/${FLOW}/v1`);
    assert.strictEqual(git('rev-list', '-n', '1', `callflow/${FLOW}/v1`), git('rev-parse', 'HEAD'));
    assert.strictEqual(git('cat-file', '-t', `callflow/${FLOW}/v1`), 'tag', 'an annotated tag');
    const [v1] = await versionItems();
    assert.strictEqual(v1?.contextValue, 'callflow.version.published.only', 'nothing to compare with');
    assert.strictEqual(v1?.icon, 'broadcast');
    assert.match(v1?.description ?? '', /^published \d{4}-\d{2}-\d{2}$/);
  });

  it('Edit starts a v2 draft as a copy of the published version', async () => {
    const result = await vscode.commands.executeCommand<OperationResult>('callflow.edit', { flowId: FLOW });
    assert.strictEqual(result?.version, 2);
    assert.strictEqual(readWorkspaceFile(`flows/${FLOW}/v2.yaml`), readWorkspaceFile(`flows/${FLOW}/v1.yaml`));
    assert.deepStrictEqual(
      (await versionItems()).map((v) => `${v.label} ${v.contextValue}`),
      ['v2 callflow.version.draft', 'v1 callflow.version.published.withDraft'],
    );
  });

  it('a refused Edit (a draft exists) changes nothing and says so, offering Open Draft', async () => {
    const before = commitCount();
    let result: unknown = 'not run';
    const shown = await notificationsDuring(api, async () => {
      result = await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW });
    });
    assert.strictEqual(result, undefined);
    assert.strictEqual(commitCount(), before, 'no commit');
    const refusal = shown.find((n) => n.code === 'draft-exists');
    assert.ok(refusal, `a draft-exists message (got ${JSON.stringify(shown)})`);
    assert.strictEqual(refusal.level, 'warning');
    assert.match(refusal.message, /v2 of "lifecycle-line" is a draft already/);
    assert.ok(refusal.actions.includes('Open Draft'));
  });

  it('publishing v2 archives v1 in the same commit', async () => {
    const result = await vscode.commands.executeCommand<OperationResult>('callflow.publish', {
      flowId: FLOW,
      confirmed: true,
    });
    assert.strictEqual(result?.archived, 1);
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): publish v2 (archives v1)`);
    const items = await versionItems();
    assert.deepStrictEqual(
      items.map((v) => `${v.label} ${v.contextValue} ${v.icon}`),
      ['v2 callflow.version.published broadcast', 'v1 callflow.version.archived archive'],
    );
  });

  it('Compare Versions opens the diff editor: a published version against the one before it', async () => {
    const node = (await versionItems()).find((v) => v.label === 'v2')!.node;
    const shown = await vscode.commands.executeCommand<{ left: number; right: number }>(
      'callflow.compareVersions',
      node,
    );
    assert.deepStrictEqual(shown, { left: 1, right: 2 });
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    assert.ok(tab.input.original.path.endsWith(`/flows/${FLOW}/v1.yaml`));
    assert.ok(tab.input.modified.path.endsWith(`/flows/${FLOW}/v2.yaml`));
  });

  it('Restore makes a draft from an archived version, and Discard (confirmed) deletes it in a commit', async () => {
    const v1 = (await versionItems()).find((v) => v.label === 'v1')!.node;
    const restored = await vscode.commands.executeCommand<OperationResult>('callflow.restore', v1);
    assert.strictEqual(restored?.version, 3);
    assert.strictEqual(restored?.createdFrom, 'v1');
    assert.ok(readWorkspaceFile(`flows/${FLOW}/v3.yaml`));
    const discarded = await vscode.commands.executeCommand<OperationResult>('callflow.discard', {
      flowId: FLOW,
      confirmed: true,
    });
    assert.strictEqual(discarded?.version, 3);
    assert.strictEqual(readWorkspaceFile(`flows/${FLOW}/v3.yaml`), undefined);
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): discard v3 draft`);
    assert.deepStrictEqual(
      (await versionItems()).map((v) => v.label),
      ['v2', 'v1'],
      'discarded versions leave the tree',
    );
  });

  it('Duplicate makes a new flow whose v1 draft copies the chosen version', async () => {
    const viaArgs = await vscode.commands.executeCommand<OperationResult>('callflow.duplicate', {
      flowId: FLOW,
      version: 1,
      name: 'Lifecycle Copy',
    });
    assert.strictEqual(viaArgs?.flowId, 'lifecycle-copy');
    assert.strictEqual(viaArgs?.createdFrom, `${FLOW}@v1`);
    assert.strictEqual(readWorkspaceFile('flows/lifecycle-copy/v1.yaml'), readWorkspaceFile(`flows/${FLOW}/v1.yaml`));
  });

  it('Assign Number maps a number to the flow, shown under Numbers; Unassign removes it', async () => {
    await vscode.commands.executeCommand('callflow.assignNumber', {
      flowId: FLOW,
      number: '+14155550142',
      label: 'Test hotline',
    });
    assert.match(
      readWorkspaceFile('numbers.yaml') ?? '',
      /"\+14155550142": \{ flow: lifecycle-line, label: "?Test hotline"? \}|\+14155550142/,
    );
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): assign +14155550142`);
    const flow = (await flowNode(api, FLOW))!;
    const numbers = (await childrenOf(api, flow)).find((c) => c.node.kind === 'numbers');
    assert.ok(numbers, 'a Numbers child');
    const [number] = await childrenOf(api, numbers.node);
    assert.deepStrictEqual(
      [number?.label, number?.description, number?.contextValue],
      ['Test hotline', '+14155550142', 'callflow.number'],
    );
    const asked = await answering(
      api,
      () => 'Unassign',
      () => vscode.commands.executeCommand('callflow.unassignNumber', number!.node),
    );
    assert.deepStrictEqual(
      asked.map((q) => q.message),
      ['Unassign +14155550142 (Test hotline)?'],
    );
    assert.ok(!(readWorkspaceFile('numbers.yaml') ?? '').includes('+14155550142'));
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): unassign +14155550142`);
  });

  it('Assign Number refuses a flow with nothing published, offering Publish Draft', async () => {
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Lifecycle Unpublished' });
    const before = commitCount();
    const shown = await notificationsDuring(api, () =>
      vscode.commands.executeCommand('callflow.assignNumber', {
        flowId: 'lifecycle-unpublished',
        number: '+14155550143',
      }),
    );
    assert.strictEqual(commitCount(), before);
    const refusal = shown.find((n) => n.code === 'no-published-version');
    assert.ok(refusal?.actions.includes('Publish Draft'), JSON.stringify(shown));
  });

  it('Show History lists the lifecycle commits and opens one as a diff from git', async () => {
    const history = await vscode.commands.executeCommand<{ commit: string; action?: string; version?: number }[]>(
      'callflow.showHistory',
      { flowId: FLOW },
    );
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepStrictEqual(
      history
        ?.map((h) => `${h.action} ${h.version ?? ''}`.trim())
        .slice(-5)
        .reverse(),
      ['create 1', 'save 1', 'publish 1', 'edit 2', 'publish 2'],
    );
    const edit = history.find((h) => h.action === 'edit')!;
    await vscode.commands.executeCommand('callflow.showHistory', { flowId: FLOW, commit: edit.commit });
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputTextDiff, 'a diff editor is active');
    assert.strictEqual(tab.input.modified.scheme, 'callflow-git');
    const [before, after] = await Promise.all([
      vscode.workspace.openTextDocument(tab.input.original),
      vscode.workspace.openTextDocument(tab.input.modified),
    ]);
    assert.strictEqual(before.getText(), '', 'v2 did not exist before the edit');
    assert.strictEqual(after.getText(), readWorkspaceFile(`flows/${FLOW}/v2.yaml`));
  });

  it('Verify Workspace finds every invariant holding', async () => {
    const reports = await vscode.commands.executeCommand<{ ok: boolean; findings: unknown[] }[]>('callflow.verify');
    assert.ok(reports?.length === 1);
    assert.deepStrictEqual(reports[0]!.findings, []);
    assert.strictEqual(reports[0]!.ok, true);
  });
});
