// The flow graph in a real VS Code: Open Flow Graph on a version file opens the panel beside
// it, its page starts under the real webview CSP and draws the steps, and it follows edits,
// the cursor and a simulated call's path. The flow is made with the real lifecycle command.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { closeAllEditors, extensionApi, readWorkspaceFile, waitFor, workspaceRoot, testApi } from './helpers';
import { screenshot } from './screenshot';

const FLOW = 'graph-line';

interface GraphPanelState {
  uri: string;
  ready: boolean;
  nodes: string[];
  edges: number;
  highlighted: string | null;
  path: boolean;
  /** What the page reported drawing. */
  rendered?: { nodes: number; pathNodes: number };
}

async function graphState(uri: vscode.Uri): Promise<GraphPanelState | undefined> {
  const panels: GraphPanelState[] = (await testApi()).graph.panels();
  return panels.find((p) => p.uri === uri.toString());
}

function graphTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('callflow.flowGraph'));
}

describe('flow graph panel', function () {
  const uri = (): vscode.Uri => vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'v1.yaml');

  before(async () => {
    await extensionApi();
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Graph Line' });
    assert.ok(readWorkspaceFile(`flows/${FLOW}/v1.yaml`), 'the v1 draft exists');
    await closeAllEditors();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await closeAllEditors();
  });

  it('is contributed to the palette and the editor title of version files', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('callflow.openGraph'));
  });

  it('opens beside the version file and draws its steps', async () => {
    const editor = await vscode.window.showTextDocument(uri());
    await vscode.commands.executeCommand('callflow.openGraph');
    const tab = await waitFor('the graph tab', () => graphTabs()[0]);
    assert.match(tab.label, /graph-line v1/);
    assert.notStrictEqual(tab.group.viewColumn, editor.viewColumn, 'beside the editor');
    const state = await waitFor(
      'the page to start and draw',
      async () => {
        const s = await graphState(uri());
        return s?.ready && s.nodes.length > 0 && s.rendered?.nodes === s.nodes.length ? s : undefined;
      },
      20_000,
    );
    assert.ok(state.nodes.includes('welcome') && state.nodes.includes('menu'), state.nodes.join(', '));
    assert.ok(state.edges >= state.nodes.length - 1);
    await screenshot('flow-graph');
  });

  it('opening it again reveals the same panel', async () => {
    await vscode.window.showTextDocument(uri(), { viewColumn: vscode.ViewColumn.One });
    await vscode.commands.executeCommand('callflow.openGraph', uri());
    assert.strictEqual(graphTabs().length, 1);
  });

  it('follows edits: a new step appears, a dangling exit gets a placeholder', async () => {
    const editor = await vscode.window.showTextDocument(uri(), { viewColumn: vscode.ViewColumn.One });
    const text = editor.document.getText();
    const added = text.replace(/\n*$/, '\n') + '  extra:\n    type: play\n    say: "Extra"\n    next: nowhere\n';
    assert.ok(
      await editor.edit((e) =>
        e.replace(new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(text.length)), added),
      ),
    );
    const state = await waitFor('the edit to be drawn', async () => {
      const s = await graphState(uri());
      return s?.nodes.includes('extra') ? s : undefined;
    });
    assert.ok(state.nodes.includes('missing:nowhere'), state.nodes.join(', '));
  });

  it('highlights the step under the cursor', async () => {
    const editor = await vscode.window.showTextDocument(uri(), { viewColumn: vscode.ViewColumn.One });
    const line = editor.document
      .getText()
      .split('\n')
      .findIndex((l) => l.startsWith('  menu:'));
    assert.ok(line > 0);
    editor.selection = new vscode.Selection(line + 2, 4, line + 2, 4);
    await waitFor('menu to be highlighted', async () =>
      (await graphState(uri()))?.highlighted === 'menu' ? true : undefined,
    );
  });

  it("shows a simulated call's path when the simulator asks", async () => {
    await (await testApi()).graph.showSimulationPath(uri(), ['welcome', 'hours', 'menu']);
    await waitFor('the page to draw the path', async () =>
      (await graphState(uri()))?.rendered?.pathNodes === 3 ? true : undefined,
    );
    await screenshot('flow-graph-path');
  });
});
