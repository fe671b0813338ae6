// The flow language server in a real VS Code: the extension starts it, and VS Code's own
// providers API asks it for completion, hover, definitions, references, rename and symbols.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, readWorkspaceFile, waitFor, workspaceRoot } from './helpers';
import { screenshot } from './screenshot';

const FLOW = 'language-line';

function fileUri(relative: string): vscode.Uri {
  return vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), relative);
}
const draftUri = (): vscode.Uri => fileUri(`flows/${FLOW}/v1.yaml`);

function positionOf(doc: vscode.TextDocument, needle: string, shift = 0): vscode.Position {
  const at = doc.getText().indexOf(needle);
  assert.ok(at >= 0, `${needle} is in the file`);
  return doc.positionAt(at + shift);
}

async function replaceAll(editor: vscode.TextEditor, text: string): Promise<void> {
  const doc = editor.document;
  assert.ok(
    await editor.edit((e) =>
      e.replace(new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text),
    ),
  );
}

async function completionLabels(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  return waitFor('completions from the server', async () => {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      uri,
      position,
    );
    return list.items.length > 0 ? list.items : undefined;
  });
}

const label = (item: vscode.CompletionItem): string => (typeof item.label === 'string' ? item.label : item.label.label);

describe('language server: completion, hover, go to, references, rename, symbols', function () {
  this.timeout(60_000);
  let original = '';

  before(async () => {
    await extensionApi();
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Language Line' });
    original = readWorkspaceFile(`flows/${FLOW}/v1.yaml`)!;
    await closeAllEditors();
  });

  afterEach(async () => {
    // Leave the draft as it was, saved.
    const editor = await vscode.window.showTextDocument(draftUri());
    if (editor.document.getText() !== original) {
      await replaceAll(editor, original);
      await editor.document.save();
    }
  });

  after(closeAllEditors);

  it('completes step types with descriptions, and step ids in an exit, in the draft as typed', async () => {
    const editor = await vscode.window.showTextDocument(draftUri());
    await replaceAll(editor, original.replace('  goodbye:\n', '  extra:\n    type: \n  goodbye:\n'));
    const types = await completionLabels(draftUri(), positionOf(editor.document, '    type: \n', '    type: '.length));
    assert.ok(
      types.some((i) => label(i) === 'business-hours' && /opening hours/i.test(String(i.detail))),
      types.map(label).join(),
    );
    assert.strictEqual(types.filter((i) => i.kind === vscode.CompletionItemKind.Class).length, 13);

    await replaceAll(editor, original.replace('    next: goodbye', '    next: '));
    const steps = await completionLabels(draftUri(), positionOf(editor.document, '    next: \n', '    next: '.length));
    const menu = steps.find((i) => label(i) === 'menu');
    assert.ok(menu, steps.map(label).join());
    assert.match(String(menu.detail), /^menu · For sales press 1/);
    assert.ok(steps.some((i) => label(i) === 'new step…'));
    const exit = positionOf(editor.document, '    next: \n', '    next: '.length);
    editor.selection = new vscode.Selection(exit, exit);
    editor.revealRange(new vscode.Range(exit, exit), vscode.TextEditorRevealType.InCenter);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('editor.action.triggerSuggest');
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('completion');
  });

  it("hovers a step reference with the target step, and a field with the schema's description", async () => {
    const editor = await vscode.window.showTextDocument(draftUri());
    const hovers = await waitFor('a hover', async () => {
      const found = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        draftUri(),
        positionOf(editor.document, 'open: menu', 'open: m'.length),
      );
      return found.length > 0 ? found : undefined;
    });
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*menu\*\* · `menu`/);
    assert.match(text, /Exits: 1 → `sales`/);
    const schedule = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      draftUri(),
      positionOf(editor.document, '  hours:\n', 3),
    );
    const words = schedule.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(words, /Open Mon–Fri 09:00–17:00 New York time\./);
    const hoursKey = positionOf(editor.document, '  hours:\n', 3);
    editor.selection = new vscode.Selection(hoursKey, hoursKey);
    await vscode.commands.executeCommand('notifications.clearAll');
    await vscode.commands.executeCommand('editor.action.showHover');
    await new Promise((r) => setTimeout(r, 800));
    await screenshot('hover');
  });

  it('goes to the definition of an exit and finds every reference to a step', async () => {
    const editor = await vscode.window.showTextDocument(draftUri());
    const doc = editor.document;
    const definitions = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      draftUri(),
      positionOf(doc, 'closed: voicemail', 'closed: v'.length),
    );
    assert.strictEqual(definitions.length, 1);
    const target = definitions[0]!;
    const range = 'targetRange' in target ? target.targetRange : target.range;
    assert.strictEqual(range.start.line, positionOf(doc, '  voicemail:\n', 2).line);
    const references = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      draftUri(),
      positionOf(doc, '  voicemail:\n', 3),
    );
    // the key, closed, menu no-input and invalid, sales and support no-answer
    assert.strictEqual(references.length, 6, references.map((r) => r.range.start.line).join());
  });

  it('renames a step id everywhere in the flow; refuses a taken id with the reason', async () => {
    const editor = await vscode.window.showTextDocument(draftUri());
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      draftUri(),
      positionOf(editor.document, '  voicemail:\n', 3),
      'leave-message',
    );
    const edits = edit.get(draftUri());
    assert.strictEqual(edits.length, 6);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const renamed = editor.document.getText();
    assert.strictEqual(
      renamed,
      original
        .replace(/(closed|no-input|invalid|no-answer): voicemail$/gm, '$1: leave-message')
        .replace('  voicemail:\n', '  leave-message:\n'),
    );
    assert.match(renamed, /type: voicemail/, 'the step type is not a step id');
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand(
          'vscode.executeDocumentRenameProvider',
          draftUri(),
          positionOf(editor.document, '  sales:\n', 3),
          'support',
        ),
      ),
      /already has a step "support"/,
    );
  });

  it('lists the steps in the Outline with their type, and finds steps across the workspace', async () => {
    await vscode.window.showTextDocument(draftUri());
    const symbols = await waitFor('document symbols', async () => {
      const found = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>(
        'vscode.executeDocumentSymbolProvider',
        draftUri(),
      );
      return found && found.length > 0 ? found : undefined;
    });
    assert.deepStrictEqual(
      symbols.map((s) => s.name),
      ['welcome', 'hours', 'menu', 'sales', 'support', 'voicemail', 'goodbye'],
    );
    assert.match(symbols[1]!.detail, /^business-hours/);
    // The server's index follows file events, which may come after the flow's files are written.
    let last: vscode.SymbolInformation[] = [];
    const found = await waitFor('the flow in the workspace symbols', async () => {
      last = await vscode.commands.executeCommand<vscode.SymbolInformation[]>(
        'vscode.executeWorkspaceSymbolProvider',
        'goodbye',
      );
      return last.some((s) => s.name === 'goodbye' && s.containerName === FLOW) ? last : undefined;
    }).catch(() => last);
    assert.ok(
      found.some((s) => s.name === 'goodbye' && s.containerName === FLOW),
      found.map((s) => `${s.containerName}/${s.name}`).join(),
    );
  });
});
