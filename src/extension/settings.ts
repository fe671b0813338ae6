/**
 * The extension's view of its settings: the core's EditorSettings, read once and again whenever
 * `callflow.*` changes, announced through onDidChange so each feature reacts where it lives.
 */
import * as vscode from 'vscode';
import { EDITOR_SETTINGS_SECTION, readEditorSettings, type EditorSettings } from '../core';

export class Settings implements vscode.Disposable {
  private current = Settings.read();
  private readonly changed = new vscode.EventEmitter<EditorSettings>();
  private readonly listener: vscode.Disposable;
  readonly onDidChange = this.changed.event;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(EDITOR_SETTINGS_SECTION)) return;
      this.current = Settings.read();
      this.changed.fire(this.current);
    });
  }

  get value(): EditorSettings {
    return this.current;
  }

  dispose(): void {
    this.listener.dispose();
    this.changed.dispose();
  }

  private static read(): EditorSettings {
    const configuration = vscode.workspace.getConfiguration(EDITOR_SETTINGS_SECTION);
    return readEditorSettings((key) => configuration.get(key));
  }
}
