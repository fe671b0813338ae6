import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { SERVER_COMMANDS } from '../../src/server/features/commands';
import { screenshot } from './screenshot';

const EXTENSION_ID = 'callflow-studio.call-flow-studio';

describe('activation in a real VS Code', () => {
  it('opens the prepared flow workspace', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a workspace folder is open');
    const expected = process.env.CALLFLOW_TEST_WORKSPACE;
    if (expected) assert.strictEqual(fs.realpathSync(folder.uri.fsPath), fs.realpathSync(expected));
    assert.ok(fs.existsSync(path.join(folder.uri.fsPath, 'callflow.yaml')), 'the workspace holds a callflow.yaml');
    // As in desktop VS Code: an edit stays unsaved until saved (the web workbench would save it after a second).
    assert.strictEqual(vscode.workspace.getConfiguration('files').get('autoSave'), 'off');
  });

  it('finds and activates the extension under development', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await extension.activate();
    assert.strictEqual(extension.isActive, true);
  });

  it('registers callflow.refresh, which runs without error', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('callflow.refresh'), 'callflow.refresh is registered');
    await vscode.commands.executeCommand('callflow.refresh');
  });

  it('registers only the commands package.json declares: test probes are behind the test API', async () => {
    const { contributes } = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
      contributes: { commands: { command: string }[]; views: Record<string, { id: string }[]> };
    };
    // The language server's own commands (workspace/executeCommand) are registered by its client.
    const declared = new Set([...contributes.commands.map((c) => c.command), ...SERVER_COMMANDS]);
    // VS Code adds <view id>.focus, .open, ... for each declared view.
    const views = Object.values(contributes.views).flatMap((list) => list.map((v) => `${v.id}.`));
    const registered = (await vscode.commands.getCommands(true)).filter(
      (c) => /^_?callflow\./.test(c) && !views.some((prefix) => c.startsWith(prefix)),
    );
    assert.deepStrictEqual(
      registered.filter((c) => !declared.has(c)),
      [],
    );
  });

  it('shows the workspace in the workbench', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    await screenshot('activation-explorer');
  });
});
