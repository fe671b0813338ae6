/**
 * `callflow-git:` documents: a workspace file as it is in a git revision, read-only, read through
 * the git adapter (the extension never runs git itself). Used by Show History and by diffs of
 * versions whose file is gone.
 */
import * as vscode from 'vscode';
import type { FlowWorkspaceRegistry } from '../workspaces/flowWorkspaceRegistry';

export const GIT_SCHEME = 'callflow-git';

interface GitQuery {
  root: string;
  path: string;
  rev: string;
}

/** A URI for `path` (workspace-relative) at `rev` in the flow workspace at `root`. */
export function gitUri(root: vscode.Uri, path: string, rev: string): vscode.Uri {
  const query: GitQuery = { root: root.fsPath, path, rev };
  // The path keeps the file name (and so the YAML language) visible in the editor's title.
  return vscode.Uri.from({ scheme: GIT_SCHEME, path: `/${path}`, query: JSON.stringify(query) });
}

export class GitContentProvider implements vscode.TextDocumentContentProvider {
  constructor(
    private readonly registry: FlowWorkspaceRegistry,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = JSON.parse(uri.query) as GitQuery;
    const workspace = this.registry.forRoot(query.root);
    if (!workspace) throw new Error(`${query.root} is not a flow workspace open in this window.`);
    const [text] = await workspace.readAtRevisions([{ rev: query.rev, path: query.path }]);
    this.log.debug(`read ${query.path} at ${query.rev}${text === undefined ? ' (absent)' : ''}`);
    // Absent at that revision (created by the commit, or deleted): an empty side of the diff.
    return text ?? '';
  }
}
