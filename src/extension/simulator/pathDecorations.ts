/** Marks a simulated call's path in the flow's YAML: each step taken, numbered in call order. */
import * as vscode from 'vscode';
import { stepKeyRanges, type SimulationResult } from '../../core';

export class SimulationPath implements vscode.Disposable {
  private readonly decoration = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.wordHighlightStrongBackground'),
    overviewRulerColor: new vscode.ThemeColor('editorOverviewRuler.wordHighlightStrongForeground'),
    overviewRulerLane: vscode.OverviewRulerLane.Center,
    isWholeLine: false,
  });
  /** uri → the numbers of the steps taken, by step id. */
  private readonly paths = new Map<string, Map<string, number[]>>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor() {
    this.disposables.push(
      this.decoration,
      vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.apply(e))),
      // Edits move the steps: the path belongs to the text it was simulated on.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.paths.delete(e.document.uri.toString())) this.applyAll();
      }),
    );
  }

  dispose(): void {
    vscode.Disposable.from(...this.disposables).dispose();
  }

  /** The step ids numbered as the call took them (a step taken twice gets two numbers). */
  show(uri: vscode.Uri, result: SimulationResult): void {
    const numbers = new Map<string, number[]>();
    result.steps.forEach((entry, i) => {
      if (entry.flow !== result.flow) return;
      const list = numbers.get(entry.step) ?? [];
      list.push(i + 1);
      numbers.set(entry.step, list);
    });
    this.paths.set(uri.toString(), numbers);
    this.applyAll();
  }

  /** Step ids → their numbers, for tests and the graph. */
  pathOf(uri: vscode.Uri): ReadonlyMap<string, number[]> | undefined {
    return this.paths.get(uri.toString());
  }

  clear(uri: vscode.Uri): void {
    if (this.paths.delete(uri.toString())) this.applyAll();
  }

  private applyAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.apply(editor);
  }

  private apply(editor: vscode.TextEditor): void {
    const numbers = this.paths.get(editor.document.uri.toString());
    if (!numbers) {
      editor.setDecorations(this.decoration, []);
      return;
    }
    const ranges = stepKeyRanges(editor.document.getText());
    const options: vscode.DecorationOptions[] = [];
    for (const [step, taken] of numbers) {
      const r = ranges.get(step);
      if (!r) continue;
      options.push({
        range: new vscode.Range(r.startLine, r.startCharacter, r.endLine, r.endCharacter),
        hoverMessage: `Simulated call: step ${taken.join(', ')}`,
        renderOptions: {
          after: {
            contentText: `  ◀ ${taken.join(', ')}`,
            color: new vscode.ThemeColor('editorCodeLens.foreground'),
            fontWeight: 'bold',
          },
        },
      });
    }
    editor.setDecorations(this.decoration, options);
  }
}
