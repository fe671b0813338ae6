/**
 * The Get Started walkthrough's progress as the workspaces show it (pure: the manifest test and the
 * unit tests read it without VS Code). Each step of package.json's walkthrough completes on its key.
 */
import type { FlowSummary } from '../core';

/** What the workspaces of the window have done so far, step by step of the walkthrough. */
export interface WalkthroughProgress {
  initialized: boolean;
  hasFlow: boolean;
  saved: boolean;
  published: boolean;
  numberAssigned: boolean;
  simulated: boolean;
}

/** The context key of each step (package.json's walkthrough steps complete on them). */
export const WALKTHROUGH_CONTEXT: Record<keyof WalkthroughProgress, string> = {
  initialized: 'callflow.walkthrough.initialized',
  hasFlow: 'callflow.walkthrough.hasFlow',
  saved: 'callflow.walkthrough.saved',
  published: 'callflow.walkthrough.published',
  numberAssigned: 'callflow.walkthrough.numberAssigned',
  simulated: 'callflow.walkthrough.simulated',
};

/** The walkthrough's progress from the flows of every workspace (each workspace's list). */
export function walkthroughProgress(
  workspaces: readonly (readonly FlowSummary[])[],
  simulated: boolean,
): WalkthroughProgress {
  const flows = workspaces.flat();
  const versions = flows.flatMap((flow) => flow.versions);
  return {
    initialized: workspaces.length > 0,
    hasFlow: flows.length > 0,
    saved: versions.some((v) => v.savedAt !== undefined),
    published: flows.some((flow) => flow.published !== undefined) || versions.some((v) => v.publishedAt !== undefined),
    numberAssigned: flows.some((flow) => flow.numbers.length > 0),
    simulated,
  };
}
