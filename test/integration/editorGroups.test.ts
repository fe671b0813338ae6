// Commands that show something beside the flow (the diff, a change's step, the simulated call's
// trace, the canvas) open one group beside it the first time and reuse it after: running them
// again never adds editor groups.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import { closeAllEditors, extensionApi, waitFor, workspaceRoot } from './helpers';

const FLOW = 'groups-line';
const WEEKDAY_MORNING = '2026-03-04T10:00-05:00';

describe('commands reuse editor groups', function () {
  let api: CallflowExtensionApi;
  const draft = (): vscode.Uri => vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'v2.yaml');

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Groups Line' });
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW });
    const text = (await vscode.workspace.openTextDocument(draft())).getText();
    await vscode.workspace.fs.writeFile(
      draft(),
      Buffer.from(text.replace('say: "Please leave a message after the tone."', 'say: "Leave us a message."')),
    );
    await vscode.commands.executeCommand('callflow.save', { flowId: FLOW });
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
  });

  after(async () => {
    await closeAllEditors();
    await vscode.commands.executeCommand('workbench.action.closeAllGroups');
  });

  async function compareSimulateAndOpenCanvas(): Promise<void> {
    await vscode.window.showTextDocument(draft());
    await vscode.commands.executeCommand('callflow.compareWithPublished', { flowId: FLOW });
    await waitFor('the comparison', () => api.test.review.current());
    // Changes for Callers: a click on its first entry reveals the step in the diff.
    const entry = await waitFor('a change to click', () => api.test.review.items().find((i) => i.item.command));
    await vscode.commands.executeCommand(entry.item.command!.command, ...(entry.item.command!.arguments ?? []));
    await vscode.commands.executeCommand('callflow.simulateCall', {
      target: `${FLOW}@draft`,
      at: WEEKDAY_MORNING,
      digits: '1',
      available: ['sales', 'support'],
    });
    await waitFor('the trace', () => traceTabs()[0]);
    await vscode.commands.executeCommand('callflow.openGraph', draft());
    await waitFor('the canvas', () => api.test.graph.panels().find((p) => p.uri === draft().toString()));
  }

  it('running Compare with Published, Changes for Callers, Simulate and Open Canvas twice leaves the same editor groups', async () => {
    await compareSimulateAndOpenCanvas();
    const first = vscode.window.tabGroups.all.length;
    assert.ok(first <= 2, `the first run opens one group beside the flow at most (got ${first})`);
    await compareSimulateAndOpenCanvas();
    assert.strictEqual(vscode.window.tabGroups.all.length, first, 'the second run reuses the groups of the first');
    assert.strictEqual(traceTabs().length, 1, 'one trace tab');
    const canvases = vscode.window.tabGroups.all
      .flatMap((g) => g.tabs)
      .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('callflow.flowGraph'));
    assert.strictEqual(canvases.length, 1, 'one canvas tab');
  });

  it('the canvas of another flow file opens in the group of the first canvas, not in a new one', async () => {
    const groups = vscode.window.tabGroups.all.length;
    const published = vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'v1.yaml');
    await vscode.commands.executeCommand('callflow.openGraph', published);
    await waitFor('the second canvas', () => api.test.graph.panels().find((p) => p.uri === published.toString()));
    assert.strictEqual(vscode.window.tabGroups.all.length, groups);
    await vscode.commands.executeCommand('callflow.simulateCall', {
      target: `${FLOW}@published`,
      at: WEEKDAY_MORNING,
      digits: '2',
    });
    await waitFor('the trace', () => traceTabs()[0]);
    assert.strictEqual(vscode.window.tabGroups.all.length, groups, 'simulating from the canvas adds no group');
  });
});

function traceTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputCustom && t.input.uri.path === `/${FLOW} call.md`);
}
