// The Call Flows tree: it follows changes made outside VS Code (a `callflow` run in a terminal,
// a git checkout) by itself, and it is what the documentation's screenshots show.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import { checkFlowId, checkFlowName, checkPhoneNumber } from '../../src/extension/commands/inputs';
import type { FlowTreeNode } from '../../src/extension/tree/nodes';
import {
  callflow,
  childrenOf,
  closeAllEditors,
  extensionApi,
  flowNode,
  flowNodes,
  git,
  waitFor,
  workspaceRoot,
} from './helpers';
import { screenshot } from './screenshot';

/** Resolves on the tree's next change event (or rejects after `timeoutMs`). */
function nextTreeChange(api: CallflowExtensionApi, timeoutMs = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error('the tree did not refresh'));
    }, timeoutMs);
    const subscription = api.tree.onDidChangeTreeData(() => {
      clearTimeout(timer);
      subscription.dispose();
      resolve();
    });
  });
}

/** The view renders asynchronously after it is shown; reveal fails until the node is there. */
async function revealWithRetry(api: CallflowExtensionApi, node: FlowTreeNode): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await api.treeView.reveal(node, { expand: true, select: false, focus: false });
      return;
    } catch (err) {
      if (attempt >= 20) throw err;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

describe('the Call Flows tree in a real VS Code', function () {
  let api: CallflowExtensionApi;

  before(async () => {
    api = await extensionApi();
  });

  it('refreshes by itself when `callflow` runs in a terminal', async () => {
    const changed = nextTreeChange(api);
    callflow('create', 'Terminal Line', '--description', 'Created from a terminal');
    await changed;
    const node = await flowNode(api, 'terminal-line');
    assert.ok(node, 'the new flow is in the tree without a Refresh');
    const item = api.tree.getTreeItem(node);
    assert.strictEqual(item.label, 'Terminal Line');
    assert.strictEqual(item.description, 'terminal-line · v1 draft');
    assert.strictEqual(item.contextValue, 'callflow.flow');
  });

  it('refreshes by itself when HEAD moves (a checkout)', async () => {
    callflow('save', 'terminal-line');
    callflow('publish', 'terminal-line');
    const published = await flowNode(api, 'terminal-line');
    assert.strictEqual(published && api.tree.getTreeItem(published).description, 'terminal-line · v1 published');
    const branch = git('rev-parse', '--abbrev-ref', 'HEAD');
    let changed = nextTreeChange(api);
    git('checkout', '-q', 'HEAD~1'); // before the publish
    await changed;
    const before = await flowNode(api, 'terminal-line');
    assert.strictEqual(before && api.tree.getTreeItem(before).description, 'terminal-line · v1 draft');
    changed = nextTreeChange(api);
    git('checkout', '-q', branch);
    await changed;
    const after = await flowNode(api, 'terminal-line');
    assert.strictEqual(after && api.tree.getTreeItem(after).description, 'terminal-line · v1 published');
  });

  it('shows a flow whose flow.yaml cannot be read as a warning, and says why when opened', async () => {
    callflow('create', 'Broken Line');
    const manifest = path.join(workspaceRoot(), 'flows', 'broken-line', 'flow.yaml');
    const original = fs.readFileSync(manifest, 'utf8');
    try {
      const changed = nextTreeChange(api);
      fs.writeFileSync(manifest, 'name: [\n');
      await changed;
      const node = await waitFor('the broken flow in the tree', async () => {
        const n = await flowNode(api, 'broken-line');
        return n && String(api.tree.getTreeItem(n).description).includes('cannot be read') ? n : undefined;
      });
      const item = api.tree.getTreeItem(node);
      assert.strictEqual((item.iconPath as vscode.ThemeIcon).id, 'warning');
      const children = await childrenOf(api, node);
      assert.strictEqual(children.length, 1);
      assert.match(children[0]!.label, /flows\/broken-line\/flow\.yaml is not a valid flow manifest/);
    } finally {
      fs.writeFileSync(manifest, original);
      callflow('discard', 'broken-line');
    }
  });

  it('lists flows by name with stable ids, and versions newest first', async () => {
    const flows = await flowNodes(api);
    const names = flows.map((n) => api.tree.getTreeItem(n).label as string);
    assert.deepStrictEqual(
      names,
      [...names].sort((a, b) => a.localeCompare(b)),
    );
    const ids = flows.map((n) => api.tree.getTreeItem(n).id);
    assert.deepStrictEqual(
      ids,
      (await flowNodes(api)).map((n) => api.tree.getTreeItem(n).id),
      'ids are stable across reads',
    );
    const lifecycle = await flowNode(api, 'lifecycle-line');
    if (lifecycle) {
      const versions = (await childrenOf(api, lifecycle))
        .filter((c) => c.node.kind === 'version')
        .map((c) => Number(c.label.slice(1)));
      assert.deepStrictEqual(
        versions,
        [...versions].sort((a, b) => b - a),
      );
    }
  });

  it('input boxes check names and numbers as you type, with the core rules', () => {
    assert.deepStrictEqual(checkFlowName('Support Line', new Set()), { info: 'Flow id: support-line' });
    assert.match(checkFlowName('Support Line', new Set(['support-line'])).problem ?? '', /exists/);
    assert.match(checkFlowName('   ', new Set()).problem ?? '', /cannot be empty/);
    assert.deepStrictEqual(checkFlowName('日本', new Set()), {
      info: 'no flow id can be made from this name: you choose one next',
    });
    assert.strictEqual(checkFlowId('nihon', new Set()), undefined);
    assert.match(checkFlowId('Nihon', new Set()) ?? '', /lowercase letters, digits and dashes/);
    assert.match(checkFlowId('nihon', new Set(['nihon'])) ?? '', /never reused/);
    assert.strictEqual(checkPhoneNumber('+14155550100'), undefined);
    assert.match(checkPhoneNumber('4155550100') ?? '', /\+14155550100/);
    assert.match(checkPhoneNumber('+1 415 555') ?? '', /no spaces/);
  });

  it('shows the sidebar and the palette (documentation screenshots)', async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('workbench.view.extension.callflow');
    await waitFor('the tree to render', () => api.treeView.visible);
    await new Promise((r) => setTimeout(r, 500));
    for (const id of ['lifecycle-line', 'terminal-line']) {
      const node = await flowNode(api, id);
      if (node) await revealWithRetry(api, node);
    }
    const lifecycle = await flowNode(api, 'lifecycle-line');
    const draft = lifecycle && (await childrenOf(api, lifecycle)).find((c) => c.node.kind === 'version');
    if (draft) await vscode.commands.executeCommand('vscode.open', api.tree.getTreeItem(draft.node).resourceUri);
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('sidebar-tree');
    void vscode.commands.executeCommand('workbench.action.quickOpen', '>Call Flow: ');
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('command-palette');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    void vscode.commands.executeCommand('callflow.restore');
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('quick-pick-restore');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });
});
