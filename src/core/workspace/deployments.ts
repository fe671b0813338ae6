/**
 * Deployments: which commit of the repository each environment serves. They are recorded in
 * `deployments.yaml`, beside callflow.yaml, by `callflow deploy` (one commit per deployment, like
 * every lifecycle operation), so `git log` says who moved an environment, when and to what, a
 * pull request can review a move to production, and a deployment changes no other environment's
 * line. docs/environments.md explains the workflow.
 */
import { InvalidInputError } from '../errors';
import { printable } from '../ids';
import { parsePlainYaml } from '../yamlText';

export const DEPLOYMENTS_FILE = 'deployments.yaml';

export interface Deployment {
  environment: string;
  /** The full commit hash the environment serves. */
  commit: string;
  deployedAt: string;
}

const COMMIT = /^[0-9a-f]{40}$/;

/** Reads deployments.yaml; a missing file means nothing is deployed yet. */
export function parseDeployments(text: string | undefined): Map<string, Deployment> {
  const deployments = new Map<string, Deployment>();
  if (text === undefined || text.trim() === '') return deployments;
  const parsed = parsePlainYaml(text);
  const refuse = (why: string): never => {
    throw new InvalidInputError(
      'invalid-deployments',
      `${DEPLOYMENTS_FILE} ${why}.`,
      `It is written by \`callflow deploy\`: restore it with \`git checkout -- ${DEPLOYMENTS_FILE}\`, then deploy again.`,
    );
  };
  if ('error' in parsed) refuse(`is not valid YAML: ${parsed.error}`);
  const raw = (parsed as { value: unknown }).value;
  if (raw === null || raw === undefined) return deployments;
  if (typeof raw !== 'object' || Array.isArray(raw)) refuse('must map each environment to its deployment');
  for (const [environment, entry] of Object.entries(raw as Record<string, unknown>)) {
    const { commit, deployedAt } = (entry ?? {}) as { commit?: unknown; deployedAt?: unknown };
    if (typeof commit !== 'string' || !COMMIT.test(commit) || typeof deployedAt !== 'string')
      refuse(`has an entry for "${printable(environment)}" without a commit hash and a deployedAt time`);
    deployments.set(environment, { environment, commit: commit as string, deployedAt: deployedAt as string });
  }
  return deployments;
}

export function serializeDeployments(deployments: ReadonlyMap<string, Deployment>): string {
  const lines = [
    '# What each environment serves: written by `callflow deploy` and `callflow promote`, one commit per',
    '# deployment. Deploy with those commands rather than by editing this file (docs/environments.md).',
  ];
  for (const environment of [...deployments.keys()].sort()) {
    const { commit, deployedAt } = deployments.get(environment)!;
    lines.push(`${environment}:`, `  commit: ${commit}`, `  deployedAt: ${deployedAt}`);
  }
  return `${lines.join('\n')}\n`;
}
