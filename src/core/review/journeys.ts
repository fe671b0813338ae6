/**
 * Caller journeys: every distinct way a call can go through one version of a flow, each with
 * the choices that lead there ("pressing 2 during open hours"), its path and its outcome.
 *
 * Where the simulator decides one exit from the call's inputs, this walks every exit the
 * step type has (docs/flow-format.md, sections 4 and 7), with the simulator's exit names and
 * outcome shapes and its rules for how a call ends (a voicemail reached outlives the hangup
 * after it, an unset exit hangs up, `holiday` defaults to `closed`). A step already on the
 * path ends the journey ("back to menu"): the rest of that call is another journey's.
 */
import { conditionText } from '../graph/exitLabels';
import { describeOutcome } from '../simulator/describe';
import type { CallOutcome } from '../simulator/types';
import { FlowSteps, asRecord, type StepFields } from '../validation/flowSteps';

export type JourneyOutcome =
  | CallOutcome
  /** The call continues in another flow's published version. */
  | { kind: 'goto-flow'; flow: string; step: string }
  /** The call comes back to a step it already passed; from there it goes as another journey. */
  | { kind: 'loop'; step: string };

export interface JourneyChoice {
  step: string;
  /** The exit the choice takes (the simulator's name), or `connected` for a call that ends answered. */
  exit: string;
  /** `pressing 2`, `during open hours`, `when no agent answers`. */
  label: string;
  /** The choice says when the call happens or what the flow knows (hours, a condition), not what the caller does. */
  context?: boolean;
}

export interface JourneyStep {
  step: string;
  type: string;
  /** The exit taken; null where the call ends (or leaves the flow). */
  exit: string | null;
}

export interface Journey {
  /** Stable identity within the version: the choices, as `step:exit` (answered calls left out). */
  key: string;
  /** The choices in words: `pressing 2 during open hours` (`every call` when there are none). */
  description: string;
  choices: JourneyChoice[];
  path: JourneyStep[];
  outcome: JourneyOutcome;
  /** `connected to queue sales`, `voicemail`, `goes to flow billing`, `back to menu`. */
  outcomeText: string;
}

export interface JourneyList {
  journeys: Journey[];
  /** True when the flow has more journeys than the limit; the list holds the first ones. */
  truncated: boolean;
}

export const DEFAULT_MAX_JOURNEYS = 2000;
const MAX_PATH = 1000;

/** A choice that ends the call answered (agent, transfer): not part of a journey's identity or its words. */
const ANSWERED = 'connected';
/** A transfer that fails and a queue nobody answers both mean "not connected": same identity across a type change. */
const UNANSWERED = 'unanswered';

export function describeJourneyOutcome(outcome: JourneyOutcome): string {
  if (outcome.kind === 'goto-flow') return `goes to flow ${outcome.flow}`;
  if (outcome.kind === 'loop') return `back to ${outcome.step}`;
  return describeOutcome(outcome);
}

/** Every journey through `definition` (a version file as plain values), in a stable order. */
export function listJourneys(definition: unknown, flowId = '', maxJourneys = DEFAULT_MAX_JOURNEYS): JourneyList {
  const steps = new FlowSteps(definition);
  const words = new ChoiceWords(steps);
  const journeys: Journey[] = [];
  let truncated = false;
  const start = steps.start;

  const finish = (walk: Walk, outcome: JourneyOutcome): void => {
    if (journeys.length >= maxJourneys) {
      truncated = true;
      return;
    }
    const keyed = walk.choices.filter((c) => c.exit !== ANSWERED);
    journeys.push({
      key: keyed.map((c) => `${c.step}:${keyExit(steps, c)}`).join(' '),
      description: describeChoices(keyed),
      choices: walk.choices,
      path: walk.path,
      outcome,
      outcomeText: describeJourneyOutcome(outcome),
    });
  };

  if (typeof start !== 'string' || !steps.has(start)) {
    finish(
      { path: [], choices: [], onPath: new Set() },
      {
        kind: 'error',
        code: 'missing-step',
        message: `The flow's start step "${String(start)}" is not a step of flow "${flowId}".`,
        flow: flowId,
      },
    );
    return { journeys, truncated };
  }

  const pending: Array<{ walk: Walk; stepId: string; reached?: CallOutcome }> = [
    { walk: { path: [], choices: [], onPath: new Set() }, stepId: start },
  ];
  while (pending.length > 0 && !truncated) {
    const { walk, stepId, reached } = pending.pop()!;
    const step = steps.get(stepId);
    const type = steps.typeOf(stepId) ?? String(step?.type);
    const onPath = new Set(walk.onPath).add(stepId);
    const branches = step ? branchesOf(steps, stepId, step, flowId, words) : [];
    if (branches.length === 0) {
      const entry: JourneyStep = { step: stepId, type, exit: null };
      finish(
        { ...walk, path: [...walk.path, entry] },
        step
          ? unknownType(flowId, stepId, type)
          : { kind: 'error', code: 'invalid-step', message: `Step "${stepId}" is empty.`, flow: flowId, step: stepId },
      );
      continue;
    }
    // Reversed, so that the first branch is walked (and listed) first.
    for (const branch of [...branches].reverse()) {
      const choices = branch.label === undefined ? walk.choices : [...walk.choices, choiceOf(stepId, branch)];
      const entry: JourneyStep = { step: stepId, type, exit: 'exit' in branch ? branch.exit : null };
      const next: Walk = { path: [...walk.path, entry], choices, onPath };
      const nowReached = branch.reaches ?? reached;
      if ('outcome' in branch) {
        const ending = branch.outcome;
        // As in the simulator: a voicemail left or a callback booked is what the caller got.
        finish(next, ending.kind === 'hangup' && nowReached ? nowReached : ending);
        continue;
      }
      const target = branch.target;
      if (target === undefined) {
        finish(
          next,
          nowReached ?? { kind: 'hangup', reason: 'no-exit', flow: flowId, step: stepId, exit: branch.exit },
        );
      } else if (!steps.has(target)) {
        finish(next, {
          kind: 'error',
          code: 'missing-step',
          message: `Step "${stepId}" goes to "${target}" (its ${branch.exit} exit), which is not a step of flow "${flowId}".`,
          flow: flowId,
          step: stepId,
        });
      } else if (onPath.has(target)) {
        finish(next, { kind: 'loop', step: target });
      } else if (next.path.length >= MAX_PATH) {
        finish(next, {
          kind: 'error',
          code: 'step-limit',
          message: `ran ${MAX_PATH} steps without ending`,
          flow: flowId,
          step: stepId,
        });
      } else {
        pending.push({ walk: next, stepId: target, ...(nowReached ? { reached: nowReached } : {}) });
      }
    }
  }
  return { journeys, truncated };
}

interface Walk {
  path: JourneyStep[];
  choices: JourneyChoice[];
  onPath: ReadonlySet<string>;
}

type Branch = { label?: string; context?: boolean; reaches?: CallOutcome } & (
  { exit: string; target: string | undefined } | { outcome: JourneyOutcome }
);

function choiceOf(step: string, branch: Branch): JourneyChoice {
  const exit = 'exit' in branch ? branch.exit : ANSWERED;
  const choice: JourneyChoice = { step, exit, label: branch.label! };
  if (branch.context) choice.context = true;
  return choice;
}

function keyExit(steps: FlowSteps, choice: JourneyChoice): string {
  const type = steps.typeOf(choice.step);
  if ((type === 'transfer' && choice.exit === 'failed') || (type === 'assign-dial' && choice.exit === 'no-answer'))
    return UNANSWERED;
  return choice.exit;
}

/** What the caller does, in order, then when the call happens: `pressing 2, then entering account during open hours`. */
export function describeChoices(choices: readonly JourneyChoice[]): string {
  const isContext = (c: JourneyChoice): boolean => c.context === true;
  const actions = choices.filter((c) => !isContext(c) && c.exit !== ANSWERED).map((c) => c.label);
  const context = choices.filter(isContext).map((c) => c.label);
  const text = [actions.join(', then '), context.join(' and ')].filter(Boolean).join(' ');
  return text || 'every call';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function unknownType(flow: string, step: string, type: string): CallOutcome {
  return {
    kind: 'error',
    code: 'unknown-step-type',
    message: `Step "${step}" has type "${type}", which is not a step type.`,
    flow,
    step,
  };
}

/** The ways the call can leave one step, with the words for each choice. */
function branchesOf(steps: FlowSteps, id: string, step: StepFields, flow: string, words: ChoiceWords): Branch[] {
  const end = (outcome: CallOutcome): Branch => ({ outcome });
  switch (steps.typeOf(id)) {
    case 'play':
    case 'set':
      return [{ exit: 'next', target: text(step.next) }];
    case 'menu': {
      const options = asRecord(step.options) ?? {};
      const at = words.at('menu', id);
      const keys: Branch[] = Object.keys(options).map((key) => ({
        exit: key,
        target: text(options[key]),
        label: `pressing ${key}${at}`,
      }));
      const wrongKey = Object.keys(options).length < DTMF_KEYS.length;
      return [
        ...keys,
        { exit: 'no-input', target: text(step['no-input']), label: `pressing nothing${at}` },
        ...(wrongKey
          ? [{ exit: 'invalid', target: text(step.invalid), label: `pressing a key that is not an option${at}` }]
          : []),
      ];
    }
    case 'collect': {
      const variable = text(step.variable) ?? 'digits';
      return [
        { exit: 'next', target: text(step.next), label: `entering ${variable}` },
        { exit: 'no-input', target: text(step['no-input']), label: `entering no ${variable}` },
      ];
    }
    case 'condition': {
      const branches = Array.isArray(step.branches) ? (step.branches as unknown[]) : [];
      const at = words.at('condition', id);
      return [
        ...branches.map((branch, index) => ({
          exit: `branch-${index + 1}`,
          target: text(asRecord(branch)?.next),
          label: `when ${conditionText(branch, 80) ?? `branch ${index + 1} matches`}${at}`,
          context: true,
        })),
        { exit: 'else', target: text(step.else), label: `when no condition of ${id} holds`, context: true },
      ];
    }
    case 'business-hours': {
      const at = words.at('business-hours', id);
      const holidays = Array.isArray(step.holidays) && step.holidays.length > 0;
      return [
        { exit: 'open', target: text(step.open), label: `during open hours${at}`, context: true },
        { exit: 'closed', target: text(step.closed), label: `outside open hours${at}`, context: true },
        ...(holidays
          ? [{ exit: 'holiday', target: text(step.holiday ?? step.closed), label: `on a holiday${at}`, context: true }]
          : []),
      ];
    }
    case 'assign-dial': {
      const queue = text(step.queue);
      if (queue === undefined) return [end(invalidStep(flow, id, 'it names no `queue`'))];
      return [
        { label: `an agent of ${queue} answers`, outcome: { kind: 'connected', queue, flow, step: id } },
        { exit: 'no-answer', target: text(step['no-answer']), label: `no agent of ${queue} answers` },
      ];
    }
    case 'transfer': {
      const to = text(step.to);
      if (to === undefined) return [end(invalidStep(flow, id, 'it has no `to` number'))];
      return [
        { label: `the transfer to ${to} connects`, outcome: { kind: 'transferred', to, flow, step: id } },
        { exit: 'failed', target: text(step.failed), label: `the transfer to ${to} fails` },
      ];
    }
    case 'voicemail': {
      const reaches: CallOutcome = { kind: 'voicemail', flow, step: id };
      const mailbox = text(step.mailbox);
      if (mailbox !== undefined) reaches.mailbox = mailbox;
      return [endOrNext(step, reaches, flow, id)];
    }
    case 'callback': {
      const queue = text(step.queue);
      if (queue === undefined) return [end(invalidStep(flow, id, 'it names no `queue`'))];
      return [endOrNext(step, { kind: 'callback', queue, flow, step: id }, flow, id)];
    }
    case 'http':
      return [
        { exit: 'success', target: text(step.success), label: `the ${id} request succeeds` },
        { exit: 'failure', target: text(step.failure), label: `the ${id} request fails` },
      ];
    case 'goto-flow': {
      const target = text(step.flow);
      if (target === undefined) return [end(invalidStep(flow, id, 'it names no `flow`'))];
      return [{ outcome: { kind: 'goto-flow', flow: target, step: id } }];
    }
    case 'hangup':
      return [end({ kind: 'hangup', reason: 'hangup-step', flow, step: id })];
    default:
      return [];
  }
}

function endOrNext(step: StepFields, reaches: CallOutcome, flow: string, id: string): Branch {
  const next = text(step.next);
  if (next === undefined) return { outcome: { kind: 'hangup', reason: 'end-of-flow', flow, step: id }, reaches };
  return { exit: 'next', target: next, reaches };
}

function invalidStep(flow: string, step: string, problem: string): CallOutcome {
  return { kind: 'error', code: 'invalid-step', message: `Step "${step}" cannot run: ${problem}.`, flow, step };
}

const DTMF_KEYS = '0123456789*#';

/** Names the step in a choice's words only when the flow has several steps of that type. */
class ChoiceWords {
  private readonly counts = new Map<string, number>();
  constructor(steps: FlowSteps) {
    for (const [, step] of steps.all()) {
      const type = String(step.type);
      this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    }
  }
  at(type: string, id: string): string {
    return (this.counts.get(type) ?? 0) > 1 ? ` at ${id}` : '';
  }
}
