/**
 * The YAML editor beside the canvas: where the panel shows a step, and where the canvas's Undo and
 * Redo run (the document's undo stack is the editor's).
 */
import * as vscode from 'vscode';
import type { GraphNode } from '../../core';

/** The editor showing `uri`, if one is visible. */
export function visibleEditorOf(uri: vscode.Uri): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
}

/**
 * Shows the step in the YAML, in the editor column the file is already in (else the one beside the
 * panel): the cursor at its key, nothing selected (a Delete meant for the canvas must never reach a
 * selection there), and the keyboard left on the canvas unless `focus`.
 */
export async function showStepInYaml(
  uri: vscode.Uri,
  node: GraphNode,
  panelColumn: vscode.ViewColumn | undefined,
  focus: boolean,
): Promise<void> {
  const line = Math.max(0, node.line - 1);
  const column = node.missing ? 0 : Math.max(0, node.column - 1);
  const range = new vscode.Range(line, column, line, column);
  const viewColumn = visibleEditorOf(uri)?.viewColumn ?? otherColumn(panelColumn);
  const editor = await vscode.window.showTextDocument(uri, {
    viewColumn,
    selection: range,
    preserveFocus: !focus,
  });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

/** Runs Undo or Redo on the document, in its editor. */
export async function undoInYaml(
  uri: vscode.Uri,
  which: 'undo' | 'redo',
  panelColumn: vscode.ViewColumn | undefined,
): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri, {
    viewColumn: visibleEditorOf(uri)?.viewColumn ?? otherColumn(panelColumn),
    preserveFocus: false,
  });
  // VS Code's Undo and Redo act on the focused editor: run them once the text has the keyboard,
  // else they reach the canvas's page and do nothing to the document.
  await untilActive(editor);
  await vscode.commands.executeCommand(which);
}

/** Resolves once `editor` is the active text editor (a focus change lands a moment after showTextDocument), or after a second. */
async function untilActive(editor: vscode.TextEditor): Promise<void> {
  for (let waited = 0; waited < 1000 && vscode.window.activeTextEditor !== editor; waited += 20)
    await new Promise((resolve) => setTimeout(resolve, 20));
}

function otherColumn(column: vscode.ViewColumn | undefined): vscode.ViewColumn {
  return column === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
}
