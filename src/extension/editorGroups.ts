/**
 * Where commands show things beside the flow (the canvas, a simulated call's trace, an import
 * report): one group beside the editor, opened the first time and reused after, so running a
 * command again never splits the editor area once more. VS Code's `ViewColumn.Beside` alone
 * opens a new group beside whichever group is active, which is the side group itself after a
 * click on the canvas.
 */
import * as vscode from 'vscode';

/** The column for something shown beside the flow: the group holding `belongsBeside` tabs, else the active group's neighbour, else a new group. */
export function besideColumn(belongsBeside: (tab: vscode.Tab) => boolean = isShownBeside): vscode.ViewColumn {
  const groups = vscode.window.tabGroups.all;
  const holding = groups.find((group) => group.tabs.some(belongsBeside));
  if (holding) return holding.viewColumn;
  const active = vscode.window.tabGroups.activeTabGroup;
  const others = groups.filter((group) => group !== active);
  if (others.length === 0) return vscode.ViewColumn.Beside;
  return (others.find((group) => group.viewColumn > active.viewColumn) ?? others[others.length - 1]!).viewColumn;
}

/** The group of a tab already open that `matches`, to show the same thing again where it is. */
export function columnOf(matches: (tab: vscode.Tab) => boolean): vscode.ViewColumn | undefined {
  return vscode.window.tabGroups.all.find((group) => group.tabs.some(matches))?.viewColumn;
}

/** The webview view types that live beside the flow: the canvas and the rendered trace. */
const BESIDE_VIEW_TYPES = ['callflow.flowGraph', 'markdown.preview', 'vscode.markdown.preview.editor'];

/** A canvas or a rendered Markdown page (a trace, a plan): what the side group shows. */
export function isShownBeside(tab: vscode.Tab): boolean {
  const input = tab.input;
  if (input instanceof vscode.TabInputWebview || input instanceof vscode.TabInputCustom)
    return BESIDE_VIEW_TYPES.some((type) => input.viewType.endsWith(type));
  return false;
}
