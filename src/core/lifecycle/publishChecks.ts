/** What a draft must satisfy to be published (section 2 and section 9), and draft validation. */
import type { FlowId } from '../ids';
import { describeScenarioFailures, runFlowScenarios, scenarioFiles } from '../calls';
import { InvalidDraftError, type UnpublishableReason } from '../errors';
import type { VersionEntry } from '../model';
import { plural } from '../words';
import { countBySeverity, validateFlowText } from '../validation';
import { sha256, type WorkspaceStore } from '../workspace/store';
import type { SaveValidation } from './types';

export async function validateDraft(
  store: WorkspaceStore,
  flowId: FlowId,
  file: string,
  text: string,
  forPublish = false,
): Promise<SaveValidation> {
  const context = await store.contextFor(flowId, text);
  const { problems } = validateFlowText(text, file, context, forPublish ? { forPublish } : undefined);
  const { errors, warnings } = countBySeverity(problems);
  return { valid: errors === 0, errors, warnings, problems };
}

/**
 * The last save was valid, the file is unchanged since, the publish-time validation passes
 * (goto-flow targets must be published), and the flow's call scenarios pass against the draft.
 * Returns the publish-time validation.
 */
export async function requirePublishable(
  store: WorkspaceStore,
  flowId: FlowId,
  draft: VersionEntry,
  file: string,
  text: string,
  now: Date,
): Promise<SaveValidation> {
  const refuse = (reason: string, hint: string, why: UnpublishableReason): never => {
    throw new InvalidDraftError(flowId, draft.version, reason, hint, why);
  };
  if (draft.savedAt === undefined || draft.sha256 === undefined) {
    refuse('it has not been saved.', `Run \`callflow save ${flowId}\`, then publish.`, 'unsaved');
  }
  if (sha256(text) !== draft.sha256) {
    refuse(
      `${file} has changes not yet saved as v${draft.version}.`,
      `Run \`callflow save ${flowId}\` to validate them, then publish.`,
      'changed',
    );
  }
  if (draft.valid !== true) {
    refuse(
      `its last save found ${plural(draft.errors ?? 0, 'error')}.`,
      `Fix the errors (\`callflow validate ${flowId}\` lists them), run \`callflow save ${flowId}\`, then publish.`,
      'invalid',
    );
  }
  return requirePublishRules(store, flowId, draft.version, file, text, now, {
    refuse,
    fix: (what) => `fix ${what}, run \`callflow save ${flowId}\`, then publish.`,
    testTarget: `${flowId}@draft`,
  });
}

/** How a refusal of the publish rules is raised, and the next step it names. */
export interface PublishRefusal {
  refuse: (reason: string, hint: string, why: UnpublishableReason) => never;
  /** The next step, starting lower-case: `fix it, run …, then publish.` */
  fix: (what: string) => string;
  /** What `callflow test` should be run on to see failing scenarios. */
  testTarget: string;
}

/**
 * The rules every version must pass to go live, whether it is a draft being published or an archived
 * version being rolled back to: validation with publish rules, and the flow's call scenarios.
 */
export async function requirePublishRules(
  store: WorkspaceStore,
  flowId: FlowId,
  version: number,
  file: string,
  text: string,
  now: Date,
  { refuse, fix, testTarget }: PublishRefusal,
): Promise<SaveValidation> {
  const forPublish = await validateDraft(store, flowId, file, text, true);
  if (!forPublish.valid) {
    const first = forPublish.problems.find((p) => p.severity === 'error');
    refuse(
      `validation for publishing found ${plural(forPublish.errors, 'error')}${first ? ` (line ${first.line}: ${first.message})` : ''}.`,
      capitalize(fix(first ? 'it' : 'them')),
      'invalid',
    );
  }
  // Section 9: a failing call scenario blocks publish, like a validation error.
  if ((await scenarioFiles(store, flowId)).length > 0) {
    const scenarios = await runFlowScenarios(store, flowId, version, now);
    if (!scenarios.passed) {
      refuse(
        `${describeScenarioFailures(scenarios)}.`,
        `Run \`callflow test ${testTarget}\` to see them; ${fix('the flow or the scenario')}`,
        'scenarios',
      );
    }
  }
  return forPublish;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
