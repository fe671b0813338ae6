/**
 * The workspace's wiring (Node files, git, and with them most of the core), loaded the first time a
 * verb needs a workspace: `--version`, `--help` and verbs that read no workspace never parse it.
 */
import type * as OpenWorkspace from './openWorkspace';

type Wiring = typeof OpenWorkspace;

let loaded: Wiring | undefined;

export async function workspaceWiring(): Promise<Wiring> {
  if (!loaded) loaded = await import('./openWorkspace.js');
  return loaded;
}

/** Whether an operation of this process holds a workspace lock now (none can before the wiring is loaded). */
export function operationInFlight(): boolean {
  return loaded?.operationInFlight() ?? false;
}
