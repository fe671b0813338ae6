/**
 * Wiring for `callflow serve`: the git repository a server reads its deployments from. Only git's
 * object store is read (a ref's commit, files at a commit), never the working tree.
 */
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import { NotAWorkspaceError } from '../core/errors';
import type { DeploymentSource } from '../core/runtime/deployment';
import { GitVersionControl } from '../git/gitVersionControl';
import { findWorkspaceRoot } from './openFlowWorkspace';

export interface ServedRepository {
  /** The workspace folder (holding callflow.yaml). */
  root: string;
  source: DeploymentSource;
  /** The branch checked out, or undefined on a detached HEAD. */
  currentBranch(): Promise<string | undefined>;
  /** The commit a ref names now, or undefined. */
  resolve(ref: string): Promise<string | undefined>;
  /** A workspace file's bytes at a commit (a flow's recording), or undefined. */
  readBytes(commit: string, path: string): Promise<Buffer | undefined>;
}

export function openServedRepository(dir: string): ServedRepository {
  const root = findWorkspaceRoot(dir);
  if (!root) throw new NotAWorkspaceError(path.resolve(dir), existsSync(dir));
  const git = new GitVersionControl(root);
  return {
    root,
    source: git,
    currentBranch: () => git.currentBranch(),
    resolve: (ref) => git.resolveRevision(ref),
    readBytes: (commit, path) => git.readBytesAtRevision(commit, path).catch(() => undefined),
  };
}
