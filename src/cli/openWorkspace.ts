/**
 * The CLI's workspace: the platform's wiring (Node files, git) with the notes an edge owes the user
 * when the workspace recovers an interrupted operation first. Loaded on demand (workspaceWiring.ts).
 */
import {
  describeKeptFile,
  describeRecovery,
  openEnvironment as openEnvironmentOf,
  type EnvironmentWorkspace,
  type FlowWorkspace,
} from '../core';
import { openFlowWorkspace, type OpenOptions } from '../platform/openFlowWorkspace';

export { initFlowWorkspace, operationInFlight } from '../platform/openFlowWorkspace';

/** The workspace holding `cwd`; `note` hears, on stderr, what recovery did before the command. */
export function openWorkspace(cwd: string, options: OpenOptions, note: (text: string) => void): FlowWorkspace {
  const workspace = openFlowWorkspace(cwd, options);
  // An interrupted operation is finished or undone before this one: say so, as `recover` would.
  workspace.onDidRecover((report) => {
    note(`Before this command: ${describeRecovery(report)}`);
    for (const file of report.kept) note(describeKeptFile(file));
  });
  return workspace;
}

/**
 * The workspace as environment `name` serves it (`--env`). A function, not a re-export: esbuild
 * would put a re-exported binding in the chunk of the whole core index, which list would then parse.
 */
export function openEnvironment(workspace: FlowWorkspace, name: string): Promise<EnvironmentWorkspace> {
  return openEnvironmentOf(workspace, name);
}
