// Minimal activation so the integration harness has something real to load.
// Temporary: the extension proper (tree, diagnostics, lifecycle commands) replaces this file.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Call Flow Studio', { log: true });
  context.subscriptions.push(
    log,
    vscode.commands.registerCommand('callflow.refresh', () => {
      log.info('Refresh requested');
    }),
  );
  log.info('Call Flow Studio activated');
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
