// A newcomer's first steps: the hint after Initialize goes once a flow exists, and the Get Started
// walkthrough ticks what the workspace has done already. Runs before workspaces.test.ts (it adds a
// flow workspace in a subfolder and removes it when done).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import type { Notification } from '../../src/extension/notifications';
import { WALKTHROUGH_ID } from '../../src/extension/walkthrough';
import { closeAllEditors, extensionApi, notificationsDuring, waitFor, workspaceRoot } from './helpers';

describe('a first start: the walkthrough and the hints', function () {
  let api: CallflowExtensionApi;
  const center = () => path.join(workspaceRoot(), 'welcome-center');

  before(async () => {
    api = await extensionApi();
  });

  after(async () => {
    fs.rmSync(center(), { recursive: true, force: true });
    await api.workspaces.rescan('test cleanup');
    await closeAllEditors();
  });

  it('"… is a flow workspace now" goes once a flow exists, and does not come back', async () => {
    fs.mkdirSync(center(), { recursive: true });
    const shown = await notificationsDuring(api, () =>
      vscode.commands.executeCommand('callflow.init', { folder: center() }),
    );
    const hint = shown.find((n) => n.message.includes('is a flow workspace now'));
    assert.ok(hint, `Initialize says so (got ${JSON.stringify(shown.map((n) => n.message))})`);
    assert.match(hint.message, /\[Create a Flow\]\(command:callflow\.createFlow\?/, 'it offers to create a flow');
    assert.ok(api.notifications.isStanding(hint), 'the hint stays while the workspace has no flow');
    await api.workspaces.rescan('a change that makes no flow');
    assert.ok(api.notifications.isStanding(hint), 'a refresh without a flow leaves it');

    const later: Notification[] = await notificationsDuring(api, async () => {
      await vscode.commands.executeCommand('callflow.createFlow', { workspace: center(), name: 'Welcome Line' });
      await waitFor('the hint to go', () => !api.notifications.isStanding(hint));
      await api.workspaces.rescan('after the first flow');
    });
    assert.ok(!api.notifications.isStanding(hint), 'the hint is gone');
    assert.ok(
      !later.some((n) => n.message.includes('is a flow workspace now')),
      `it does not come back (got ${JSON.stringify(later.map((n) => n.message))})`,
    );
  });

  it('Initialize again on that workspace refuses and brings no hint back', async () => {
    const shown = await notificationsDuring(api, () =>
      vscode.commands.executeCommand('callflow.init', { folder: center() }),
    );
    assert.ok(
      !shown.some((n) => n.message.includes('is a flow workspace now')),
      JSON.stringify(shown.map((n) => n.message)),
    );
  });

  it("the walkthrough's steps tick from the workspace's state: initialized, a flow, saved, published, a number, a call simulated", async () => {
    const flowId = 'welcome-line';
    await vscode.commands.executeCommand('callflow.save', { workspace: center(), flowId });
    await vscode.commands.executeCommand('callflow.publish', { workspace: center(), flowId, confirmed: true });
    await vscode.commands.executeCommand('callflow.assignNumber', {
      workspace: center(),
      flowId,
      number: '+14155550142',
    });
    await vscode.commands.executeCommand('callflow.simulateCall', {
      workspace: center(),
      target: `${flowId}@published`,
      at: '2026-03-04T10:00-05:00',
      digits: '1',
      available: ['sales', 'support'],
    });
    const progress = await waitFor('the simulated call to count', async () => {
      const now = await api.test.walkthrough.update();
      return now.simulated ? now : undefined;
    });
    assert.deepStrictEqual(progress, {
      initialized: true,
      hasFlow: true,
      saved: true,
      published: true,
      numberAssigned: true,
      simulated: true,
    });
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
    await waitFor('the keys set, the Welcome editor open', async () => {
      await api.test.walkthrough.update();
      return Object.keys(api.test.walkthrough.keys()).length > 0 ? true : undefined;
    });
    assert.deepStrictEqual(api.test.walkthrough.keys(), progress, 'the context keys hold it');
    await closeAllEditors();
  });

  it('the walkthrough opens by itself once for a new user, not again', async () => {
    await closeAllEditors();
    assert.strictEqual(await api.test.walkthrough.offer(), true, 'the first time it opens');
    const welcome = await waitFor('the walkthrough', () =>
      vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => /welcome|walkthrough/i.test(t.label)),
    );
    assert.ok(welcome, 'a Welcome tab shows the walkthrough');
    await closeAllEditors();
    assert.strictEqual(await api.test.walkthrough.offer(), false, 'it does not open again');
  });
});
