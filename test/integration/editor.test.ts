// The editor experience in a real VS Code: live problems as you type, locked versions opened
// read-only, CodeLens on a draft, the status bar. The flow is made with the real lifecycle
// commands, so the workspace stays one `callflow verify` accepts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, readWorkspaceFile, waitFor, workspaceRoot, testApi } from './helpers';
import { screenshot } from './screenshot';

const FLOW = 'editor-line';

function versionUri(version: number): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, `v${version}.yaml`);
}

function callflowDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'callflow');
}

async function replaceAll(editor: vscode.TextEditor, text: string): Promise<boolean> {
  const doc = editor.document;
  return editor.edit((edit) =>
    edit.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text),
  );
}

async function statusBar(): Promise<{ text: string; tooltip?: string; visible: boolean }> {
  return (await testApi()).editor.statusBar();
}

describe('editor: live problems, locked versions, CodeLens, status bar', function () {
  before(async () => {
    await extensionApi();
    // v1 published, v2 a draft copied from it: made as a user would, with the lifecycle commands.
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Editor Line' });
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW });
    assert.ok(readWorkspaceFile(`flows/${FLOW}/v2.yaml`), 'the v2 draft exists');
    await closeAllEditors();
  });

  after(async () => {
    await closeAllEditors();
    await new Promise((r) => setTimeout(r, 600));
    assert.deepStrictEqual(
      callflowDiagnostics(versionUri(2)).map((d) => d.message),
      [],
      'no problem left behind',
    );
  });

  it('a typed error in a draft shows as a problem with its code at its line, and clears when fixed', async () => {
    const editor = await vscode.window.showTextDocument(versionUri(2));
    await waitFor(
      'the valid draft to be validated',
      () => callflowDiagnostics(editor.document.uri).length === 0 || undefined,
    );
    const original = editor.document.getText();
    const startLine = original.split('\n').findIndex((l) => l.startsWith('start: welcome'));
    assert.ok(startLine >= 0);
    assert.ok(await replaceAll(editor, original.replace('start: welcome', 'start: welcom')));

    const problems = await waitFor('the unknown-step problem', () => {
      const found = callflowDiagnostics(editor.document.uri).filter((d) => d.code === 'unknown-step');
      return found.length > 0 ? found : undefined;
    });
    assert.strictEqual(problems[0]!.range.start.line, startLine, 'on the line of start:');
    assert.strictEqual(problems[0]!.range.start.character, 'start: '.length, 'at the value');
    assert.strictEqual(problems[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(problems[0]!.message, /welcome/, 'with a "did you mean"');

    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await vscode.commands.executeCommand('notifications.clearAll');
    await new Promise((r) => setTimeout(r, 800)); // CodeLens and squiggles render
    await screenshot('problems');

    assert.ok(await replaceAll(editor, original));
    await waitFor('the problems to clear', () => callflowDiagnostics(editor.document.uri).length === 0 || undefined);
    // The workbench may auto-save: leave the file as it was, saved.
    await editor.document.save();
    await new Promise((r) => setTimeout(r, 600)); // past the debounce: nothing stale comes back
    assert.deepStrictEqual(
      callflowDiagnostics(editor.document.uri).map((d) => d.message),
      [],
    );
    assert.strictEqual(readWorkspaceFile(`flows/${FLOW}/v2.yaml`), original);
  });

  it('callflow.validation.debounceMs reaches the language server when it changes, without a reload', async () => {
    const settings = vscode.workspace.getConfiguration('callflow');
    const editor = await vscode.window.showTextDocument(versionUri(2));
    const original = editor.document.getText();
    try {
      await settings.update('validation.debounceMs', 60_000, vscode.ConfigurationTarget.Workspace);
      await new Promise((r) => setTimeout(r, 500)); // the client forwards the change
      assert.ok(await replaceAll(editor, original.replace('start: welcome', 'start: welcom')));
      await new Promise((r) => setTimeout(r, 2000));
      assert.deepStrictEqual(
        callflowDiagnostics(editor.document.uri).map((d) => d.code),
        [],
        'a minute of debounce: not validated yet',
      );
      await settings.update('validation.debounceMs', 0, vscode.ConfigurationTarget.Workspace);
      await new Promise((r) => setTimeout(r, 500));
      assert.ok(await replaceAll(editor, original.replace('start: welcome', 'start: welco')));
      await waitFor(
        'the unknown-step problem',
        () => callflowDiagnostics(editor.document.uri).some((d) => d.code === 'unknown-step') || undefined,
      );
    } finally {
      await settings.update('validation.debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
      await replaceAll(editor, original);
      await editor.document.save();
      await waitFor('the problems to clear', () => callflowDiagnostics(editor.document.uri).length === 0 || undefined);
    }
  });

  it('callflow.yaml is validated live too, and closing it clears its problems', async () => {
    const uri = vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'callflow.yaml');
    const editor = await vscode.window.showTextDocument(uri);
    const original = editor.document.getText();
    assert.ok(await replaceAll(editor, `# settings\nflowsDir: ../outside\n`));
    const problems = await waitFor('a callflow.yaml problem', () => {
      const found = callflowDiagnostics(uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
      return found.length > 0 ? found : undefined;
    });
    assert.strictEqual(problems[0]!.range.start.line, 1, 'on the flowsDir line');
    assert.ok(problems[0]!.code, 'with a code');
    assert.ok(await replaceAll(editor, original));
    await editor.document.save();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitFor('closing to clear the problems', () => callflowDiagnostics(uri).length === 0 || undefined);
  });

  it('a draft offers Save & Validate · Publish · Discard · Simulate Call · Test Call as CodeLens, for its flow', async () => {
    const lenses = await waitFor('the CodeLens', async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        versionUri(2),
        10,
      );
      return found && found.length >= 5 ? found : undefined;
    });
    const commands = lenses.map((l) => l.command?.command);
    assert.deepStrictEqual(commands, [
      'callflow.save',
      'callflow.publish',
      'callflow.discard',
      'callflow.simulateCall',
      'callflow.testCall',
    ]);
    assert.ok(lenses.every((l) => (l.command?.arguments?.[0] as { flowId?: string }).flowId === FLOW));
    assert.match(lenses[0]!.command!.title, /Save & Validate/);
  });

  it("the status bar shows the current file's flow, version and status", async () => {
    await vscode.window.showTextDocument(versionUri(2));
    const draft = await waitFor('the draft status', async () => {
      const s = await statusBar();
      return s.visible && s.text.includes('v2') ? s : undefined;
    });
    assert.strictEqual(draft.text, `$(edit) ${FLOW} v2 · draft`);
    await vscode.window.showTextDocument(versionUri(1));
    const published = await waitFor('the published status', async () => {
      const s = await statusBar();
      return s.text.includes('v1') ? s : undefined;
    });
    assert.strictEqual(published.text, `$(lock) ${FLOW} v1 · published`);
    assert.match(published.tooltip ?? '', /read-only/);
  });

  it('a published version opens read-only: an edit is refused and the file stays as published', async () => {
    const editor = await vscode.window.showTextDocument(versionUri(1));
    const before = editor.document.getText();
    // The lock is applied when the editor becomes active; give it a moment, then try to type.
    await new Promise((r) => setTimeout(r, 500));
    const applied = await editor
      .edit((edit) => edit.insert(new vscode.Position(0, 0), '# changed\n'))
      .then(
        (ok) => ok,
        () => false,
      );
    await new Promise((r) => setTimeout(r, 200));
    assert.strictEqual(editor.document.getText(), before, `the text is unchanged (edit reported ${applied})`);
    assert.strictEqual(editor.document.isDirty, false);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>(
      'vscode.executeCodeLensProvider',
      versionUri(1),
      10,
    );
    const titles = (lenses ?? []).map((l) => l.command?.title ?? '');
    assert.ok(
      titles.some((t) => /Published v1 · read-only/.test(t)),
      `says why: ${titles.join(' | ')}`,
    );
    assert.ok(
      titles.some((t) => /Open Draft v2/.test(t)),
      'offers the existing draft',
    );
    await vscode.commands.executeCommand('notifications.clearAll');
    await screenshot('locked-version');
  });
});
