/**
 * Environments in VS Code (docs/environments.md): Deploy… and Promote… with their plan, and the
 * environment Simulate Call and Test Call run against, shown in the status bar.
 */
import type { CommandRows } from '../commands/entry';
import type { ExtensionServices } from '../services';
import { CallEnvironmentStatus, chooseEnvironment } from './callEnvironment';
import { deployEnvironment, promoteEnvironment } from './environmentCommands';

export { callWorkspaceOf } from './callEnvironment';

/** What the integration tests read through the extension's test API. */
export interface EnvironmentProbe {
  /** The status bar item as shown, once it follows the current setting and workspaces. */
  status(): Promise<{ visible: boolean; text: string; tooltip: string }>;
}

export function registerEnvironments(services: ExtensionServices): { rows: CommandRows; probe: EnvironmentProbe } {
  const status = new CallEnvironmentStatus(services);
  services.context.subscriptions.push(status);
  return {
    rows: {
      'callflow.deploy': { run: deployEnvironment, needsTrust: true },
      'callflow.promote': { run: promoteEnvironment, needsTrust: true },
      'callflow.chooseEnvironment': { run: chooseEnvironment, needsTrust: true },
    },
    probe: {
      status: () => status.state(),
    },
  };
}
