/**
 * Wiring: the real adapters (Node files, git) behind the core's FlowWorkspace.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { NotAWorkspaceError } from '../core/errors';
import { FlowWorkspace } from '../core/lifecycle/flowWorkspace';
import type { InitResult } from '../core/lifecycle/types';
import type { WorkspaceSettings } from '../core/model';
import { systemClock, type Clock } from '../core/ports';
import { SETTINGS_FILE } from '../core/workspace/settings';
import { GitVersionControl, type GitVersionControlOptions } from '../git/gitVersionControl';

import { NodeWorkspaceFiles } from './nodeWorkspaceFiles';

/** Whether an operation of this process holds a workspace lock now (the CLI's signal handler asks). */
export { operationInFlight } from '../git/gitVersionControl';

export interface OpenOptions extends GitVersionControlOptions {
  clock?: Clock;
}

/** The folder holding callflow.yaml: `dir` or the nearest folder above it, or undefined. */
export function findWorkspaceRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (existsSync(path.join(current, SETTINGS_FILE))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

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
