/**
 * A call from `callflow serve`'s execution log, run again in the simulator against the exact version
 * it ran (read from git at the commit its deployment was), and compared with what the log says it
 * did. `callflow replay` and VS Code's Replay Logged Call both go through here.
 */
// The core's modules, not its index: the CLI bundles this file into `replay`'s chunk alone.
import { InvalidInputError } from '../core/errors';
import type { FlowDefinition } from '../core/model';
import { deployedVersion, loadDeployment, publishedVersionIn } from '../core/runtime/deployment';
import {
  compareReplay,
  replayPlan,
  replaySimulateInputs,
  type LogLine,
  type ReplayComparison,
  type ReplayPlan,
} from '../core/runtime/loggedCalls';
import { simulateCall } from '../core/simulator/simulateCall';
import type { SimulationResult } from '../core/simulator/types';
import { openServedRepository } from './servedRepository';

export interface ReplayedCall {
  plan: ReplayPlan;
  /** The logged call run again on the version it ran. */
  result: SimulationResult;
  comparison: ReplayComparison;
  /** The version the call ran, as deployed then. */
  definition: FlowDefinition;
}

export async function replayLoggedCall(dir: string, lines: Iterable<LogLine>, callId: string): Promise<ReplayedCall> {
  const plan = replayPlan(lines, callId);
  const repository = openServedRepository(dir);
  if (!(await repository.resolve(plan.commit)))
    throw new InvalidInputError(
      'unknown-commit',
      `Call ${callId} ran on commit ${plan.commit}, which this repository does not have.`,
      'Fetch it (git fetch) or run replay in a clone of the repository the server served.',
    );
  const deployment = await loadDeployment(repository.source, plan.commit);
  const flow = deployedVersion(deployment, plan.flow, plan.version);
  if (!flow)
    throw new InvalidInputError(
      'unknown-version',
      `${plan.flow} v${plan.version} is not the published version at ${plan.commit.slice(0, 12)}, where the log says call ${callId} ran.`,
      'Check that the log and the repository belong together.',
    );
  const result = simulateCall({
    ...replaySimulateInputs(plan),
    flow: { id: flow.id, version: flow.version, definition: flow.definition },
    resolvePublished: (id) => publishedVersionIn(deployment, id),
  });
  return { plan, result, comparison: compareReplay(plan, result), definition: flow.definition };
}
