/**
 * A workspace as one environment serves it (`--env staging`): the flows, call scenarios and
 * numbers at the commit deployments.yaml names for it, read from git, with the environment's
 * values filled in and its numbers file standing for numbers.yaml. The tools that run calls
 * (simulate, test, journeys, call) take it in place of the working tree; it changes nothing.
 */
import { InvalidInputError } from '../errors';
import type { Clock, VersionControl } from '../ports';
import { DEPLOYMENTS_FILE, parseDeployments, type Deployment } from '../workspace/deployments';
import { requireEnvironment } from '../workspace/environments';
import { RevisionFiles } from '../workspace/revisionFiles';
import { parseSettings, SETTINGS_FILE } from '../workspace/settings';
import { WorkspaceStore } from '../workspace/store';
import { FlowWorkspaceQueries } from './flowWorkspaceQueries';

export class EnvironmentWorkspace extends FlowWorkspaceQueries {
  constructor(
    files: RevisionFiles,
    vcs: VersionControl,
    readonly deployment: Deployment,
    clock?: Clock,
  ) {
    super(files, vcs, clock);
  }

  get environment(): string {
    return this.deployment.environment;
  }

  protected override store(): Promise<WorkspaceStore> {
    return WorkspaceStore.open(this.files, { environment: this.deployment.environment });
  }
}

/**
 * The workspace as `name` serves it. Refused, saying what to do, when the workspace defines no
 * such environment or it was never deployed.
 */
export async function openEnvironment(workspace: FlowWorkspaceQueries, name: string): Promise<EnvironmentWorkspace> {
  const [settingsText, deploymentsText] = await Promise.all([
    workspace.files.readText(SETTINGS_FILE),
    workspace.files.readText(DEPLOYMENTS_FILE),
  ]);
  requireEnvironment(parseSettings(settingsText).environments, name);
  const deployment = parseDeployments(deploymentsText).get(name);
  if (!deployment)
    throw new InvalidInputError(
      'never-deployed',
      `${name} has never been deployed, so it serves no flows yet.`,
      `Deploy it first (callflow deploy ${name}), or leave out --env to use the working tree.`,
    );
  const files = new RevisionFiles(workspace.vcs, deployment.commit, workspace.root);
  // The environment as its deployed commit declares it: that callflow.yaml's values and numbers file.
  await WorkspaceStore.open(files, { environment: name });
  return new EnvironmentWorkspace(files, workspace.vcs, deployment);
}
