// Workspace Trust: the suite's VS Code runs trusted (--disable-workspace-trust), so the refusal is
// checked on the command table's own wrapper, registered here under test ids with a context that
// reports an untrusted workspace.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { registerCommands, type CommandEntry } from '../../src/extension/commands';
import type { CommandContext } from '../../src/extension/commands/commandContext';
import { Notifications, type Notification } from '../../src/extension/notifications';
import { extensionApi } from './helpers';

describe('Workspace Trust', () => {
  it('an untrusted workspace refuses commands that need trust, with a message, and runs the rest', async () => {
    const api = await extensionApi();
    const log = vscode.window.createOutputChannel('Call Flow Studio trust test', { log: true });
    const notifications = new Notifications(log);
    const shown: Notification[] = [];
    notifications.onDidNotify((n) => shown.push(n));
    const ctx: CommandContext = {
      ...api.services,
      isTrusted: () => false,
      workspaces: api.workspaces,
      tree: api.tree,
      notifications,
    };
    const ran: string[] = [];
    const table: Record<string, CommandEntry> = {
      'callflow.test.writes': { run: () => ran.push('writes'), needsTrust: true },
      'callflow.test.reads': {
        run: () => {
          ran.push('reads');
          return 'read';
        },
      },
    };
    const disposables = registerCommands(ctx, table);
    try {
      assert.strictEqual(await vscode.commands.executeCommand('callflow.test.writes'), undefined);
      assert.strictEqual(await vscode.commands.executeCommand('callflow.test.reads'), 'read');
      assert.deepStrictEqual(ran, ['reads']);
      assert.strictEqual(shown.length, 1);
      assert.strictEqual(shown[0]!.code, 'untrusted-workspace');
      assert.match(shown[0]!.message, /runs no git command and writes nothing/);
      assert.deepStrictEqual(shown[0]!.actions, ['Manage Workspace Trust']);
    } finally {
      for (const d of disposables) d.dispose();
      notifications.dispose();
      log.dispose();
    }
  });

  it('package.json hides the lifecycle commands in an untrusted workspace and declares limited support', () => {
    const pkg = vscode.extensions.getExtension('callflow-studio.call-flow-studio')!.packageJSON;
    assert.strictEqual(pkg.capabilities.untrustedWorkspaces.supported, 'limited');
    const palette: { command: string; when: string }[] = pkg.contributes.menus.commandPalette;
    for (const id of [
      'callflow.createFlow',
      'callflow.publish',
      'callflow.assignNumber',
      'callflow.showHistory',
      'callflow.verify',
    ]) {
      assert.match(palette.find((p) => p.command === id)?.when ?? '', /isWorkspaceTrusted/, id);
    }
  });
});
