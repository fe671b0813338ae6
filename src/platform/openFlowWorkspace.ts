/**
 * Wiring: the real adapters (Node files, git) behind the core's FlowWorkspace.
 */
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { NotAWorkspaceError } from '../core/errors';
import { FlowWorkspace } from '../core/lifecycle/flowWorkspace';
import type { InitResult } from '../core/lifecycle/types';
import type { WorkspaceSettings } from '../core/model';
import { systemClock, type Clock } from '../core/ports';
import { findWorkspaceAbove, type FolderTree } from '../core/workspace/discovery';
import { SETTINGS_FILE } from '../core/workspace/settings';
import { GitVersionControl, type GitVersionControlOptions } from '../git/gitVersionControl';

import { NodeWorkspaceFiles } from './nodeWorkspaceFiles';

/** Whether an operation of this process holds a workspace lock now (the CLI's signal handler asks). */
export { operationInFlight } from '../git/gitVersionControl';

export interface OpenOptions extends GitVersionControlOptions {
  clock?: Clock;
}

/** The flow workspace holding `dir` (the rule of core/workspace/discovery.ts), or undefined. */
export function findWorkspaceRoot(dir: string): string | undefined {
  return findWorkspaceAbove(path.resolve(dir), parentFolder, (folder) => existsSync(path.join(folder, SETTINGS_FILE)));
}

/** The folder above, undefined at the top of the file system. */
export function parentFolder(folder: string): string | undefined {
  const parent = path.dirname(folder);
  return parent === folder ? undefined : parent;
}

/** A folder's files and subfolders on disk, for the search below an editor folder (nothing when unreadable). */
export const nodeFolderTree: FolderTree<string> = {
  async read(folder) {
    const entries = await fs.readdir(folder, { withFileTypes: true }).catch(() => []);
    return {
      files: entries.filter((e) => e.isFile()).map((e) => e.name),
      folders: entries.filter((e) => e.isDirectory()).map((e) => e.name),
    };
  },
  child: (folder, name) => path.join(folder, name),
};

/** Opens the flow workspace holding `dir`; NotAWorkspaceError when there is none. */
export function openFlowWorkspace(dir: string, options: OpenOptions = {}): FlowWorkspace {
  const root = findWorkspaceRoot(dir);
  if (!root) throw new NotAWorkspaceError(path.resolve(dir), existsSync(dir));
  return new FlowWorkspace(
    new NodeWorkspaceFiles(root),
    new GitVersionControl(root, options),
    options.clock ?? systemClock,
  );
}

/** `callflow init`: makes `dir` a flow workspace (and a git repository when it is in none). */
export async function initFlowWorkspace(
  dir: string,
  settings: Partial<WorkspaceSettings> = {},
  options: OpenOptions = {},
): Promise<{ workspace: FlowWorkspace; result: InitResult }> {
  const root = path.resolve(dir);
  return FlowWorkspace.init(
    new NodeWorkspaceFiles(root),
    new GitVersionControl(root, options),
    options.clock ?? systemClock,
    settings,
  );
}
