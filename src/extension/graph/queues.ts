/** The queues the properties panel's picker offers: those named in the workspace's version files. */
import * as vscode from 'vscode';
import { queuesInFlowText } from '../../core';

let queueCache: { at: number; queues: string[] } | undefined;
const QUEUE_CACHE_MS = 30_000;

/** Queues named in the workspace's version files (read at most every 30 s) and in this file as it is now. */
export async function workspaceQueues(uri: vscode.Uri, text: string): Promise<string[]> {
  if (!queueCache || Date.now() - queueCache.at > QUEUE_CACHE_MS) {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const files = folder
      ? await vscode.workspace.findFiles(
          new vscode.RelativePattern(folder, '**/v[0-9]*.yaml'),
          '**/node_modules/**',
          1000,
        )
      : [];
    const queues = new Set<string>();
    for (const file of files) {
      const bytes = await vscode.workspace.fs.readFile(file);
      for (const queue of queuesInFlowText(new TextDecoder().decode(bytes))) queues.add(queue);
    }
    queueCache = { at: Date.now(), queues: [...queues] };
  }
  return [...new Set([...queuesInFlowText(text), ...queueCache.queues])].sort();
}
