/** What `deploy` checks and writes: deployments.yaml pointing one environment at a commit. */
import { InvalidInputError, LifecycleRefusedError } from '../errors';
import { printable } from '../ids';
import type { VersionControl } from '../ports';
import { DEPLOYMENTS_FILE, parseDeployments, serializeDeployments } from '../workspace/deployments';
import { requireEnvironment } from '../workspace/environments';
import type { OperationBuilder } from './operation';
import type { DeploymentResult } from './types';

/**
 * The deploy operation; refused when `expectedFrom` (the commit the caller's plan was made from) is
 * no longer what the environment serves, and a no-op when it already serves `rev`.
 */
export function deployOperation(
  vcs: VersionControl,
  environment: string,
  rev: string,
  expectedFrom: string | null,
  now: () => string,
): OperationBuilder<DeploymentResult> {
  return async (tx, store) => {
    requireEnvironment(store.layout.settings.environments, environment);
    const commit = await vcs.resolveRevision(rev);
    if (!commit)
      throw new InvalidInputError(
        'unknown-revision',
        `"${printable(rev)}" is not a commit of this repository.`,
        'Give a branch, a tag or a commit hash (default: HEAD).',
      );
    const deployments = parseDeployments(await store.files.readText(DEPLOYMENTS_FILE));
    const current = deployments.get(environment)?.commit ?? null;
    if (current !== expectedFrom)
      throw new LifecycleRefusedError(
        'deployment-moved',
        `${environment} was deployed meanwhile (it now serves ${current ? current.slice(0, 7) : 'nothing'}), so the plan shown is out of date.`,
        'Run the command again to see the new plan.',
      );
    const result: DeploymentResult = { environment, commit, ...(current ? { previous: current } : {}) };
    if (current === commit) return { unchanged: result };
    deployments.set(environment, { environment, commit, deployedAt: now() });
    await tx.write(DEPLOYMENTS_FILE, serializeDeployments(deployments));
    return {
      message: {
        action: 'deploy',
        summary: `deploy ${environment} ${commit.slice(0, 7)}${current ? ` (was ${current.slice(0, 7)})` : ''}`,
        trailers: { 'Callflow-Environment': environment, 'Callflow-Deployed': commit },
      },
      finish: (c) => ({ ...result, deployment: c.commit }),
    };
  };
}
