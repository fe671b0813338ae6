/**
 * The step machine: runs a call's steps from one event to the next wait or to the call's end.
 * startCall / resumeCall (index.ts) wrap it with snapshots; the simulator drives one machine
 * through a whole call without them.
 */
import { InvalidInputError } from '../errors';
import { printable } from '../ids';
import type { FlowDefinition, Step } from '../model';
import { CallState, type ActiveFlow } from './callState';
import { TextLimitError } from './promptTemplates';
import { resumeStep, runStep, type StepEffect } from './steps';
import type { CallOutcome, SimulationErrorCode } from './trace';
import type { CallEvent, EngineContext, EngineFlowRef, StartCallRequest, Turn, Wait } from './types';

export const DEFAULT_MAX_STEPS = 1000;

/** The caller and dialed numbers of a call, as given (any text a carrier sends): refused when not text. */
export function checkCallNumbers(request: { from?: unknown; dialed?: unknown }): void {
  for (const [name, value] of [
    ['from', request.from],
    ['dialed', request.dialed],
  ] as const) {
    if (value !== undefined && typeof value !== 'string') {
      throw new InvalidInputError(
        'invalid-number',
        `The ${name === 'from' ? 'caller' : 'dialed'} number must be text such as "+14155550123".`,
      );
    }
  }
}

/** A machine's turn before a snapshot is attached. */
export type MachineTurn = Omit<Turn, 'snapshot'>;

export class CallMachine {
  /** The wait the call is in; undefined once it has ended. */
  private waiting: Wait | undefined;
  /** A call rebuilt from a snapshot waits, though this machine did not write its Wait. */
  private restored = false;

  private constructor(
    readonly state: CallState,
    private readonly context: EngineContext,
  ) {}

  /** A call that has not run a step yet; start() runs it to its first wait or its end. */
  static create(request: StartCallRequest, context: EngineContext): CallMachine {
    const flow = activeFlow(request.flow, context);
    const state = new CallState(flow, checkedNow(context), maxStepsOf(context));
    state.flowsEntered.push(flow.id);
    return new CallMachine(state, context);
  }

  /** A call rebuilt from a snapshot's parts (snapshot.ts checks them first). */
  static restore(state: CallState, context: EngineContext): CallMachine {
    const machine = new CallMachine(state, context);
    machine.restored = true;
    return machine;
  }

  get wait(): Wait | undefined {
    return this.waiting;
  }

  start(request: StartCallRequest): MachineTurn {
    const { state } = this;
    if (!(request.startedAt instanceof Date) || Number.isNaN(request.startedAt.getTime())) {
      throw new InvalidInputError(
        'invalid-call-time',
        'A call needs the instant it started (startedAt, a valid Date).',
      );
    }
    checkCallNumbers(request);
    state.beginTurn();
    return this.guarded(() => {
      if (request.from !== undefined) state.assign('caller.number', request.from);
      if (request.dialed !== undefined) state.assign('dialed.number', request.dialed);
      state.assign('call.time', request.startedAt.toISOString());
      const start: unknown = state.flow.definition.start;
      if (typeof start !== 'string' || !Object.hasOwn(state.flow.definition.steps, start)) {
        return this.error(
          'missing-step',
          `The flow's start step "${String(start)}" is not a step of flow "${state.flow.id}".`,
        );
      }
      return this.runFrom(start);
    });
  }

  /** Goes on with the event the wait asked for (resumeCall checks that it is). */
  resume(event: CallEvent): MachineTurn {
    const { state } = this;
    if (!this.waiting && !this.restored)
      throw new InvalidInputError('call-ended', 'The call has ended; there is nothing to resume.');
    state.beginTurn();
    return this.guarded(() => {
      const step = state.flow.definition.steps[state.stepId] as Step;
      const next = this.follow(resumeStep(state, step, event));
      return typeof next === 'string' ? this.runFrom(next) : next;
    });
  }

  private guarded(run: () => CallOutcome | Wait): MachineTurn {
    const { state } = this;
    let end: CallOutcome | Wait;
    this.waiting = undefined;
    this.restored = false;
    try {
      end = run();
    } catch (err) {
      if (!(err instanceof TextLimitError)) throw err;
      end = this.error(
        'variable-limit',
        `${state.stepId ? `At step "${state.stepId}" a` : 'A'} variable or prompt ${err.message}; the call was stopped.`,
      );
    }
    const turn: MachineTurn = {
      steps: state.steps,
      warnings: state.warnings,
      say: state.say,
      effects: state.effects,
      variables: state.variablesRecord(),
    };
    if (isWait(end)) {
      this.waiting = end;
      turn.wait = end;
    } else {
      turn.outcome = end;
    }
    return turn;
  }

  /** Runs steps from `stepId` until the call waits or ends. */
  private runFrom(first: string): CallOutcome | Wait {
    const { state } = this;
    let stepId = first;
    for (;;) {
      if (state.stepCount >= state.maxSteps) {
        return this.error('step-limit', `ran ${state.maxSteps.toLocaleString('en-US')} steps without ending`);
      }
      const step = state.flow.definition.steps[stepId] as Step;
      state.begin(stepId, String(step?.type));
      if (typeof step !== 'object' || step === null) return this.error('invalid-step', `Step "${stepId}" is empty.`);
      const next = this.follow(runStep(state, step));
      if (typeof next !== 'string') return next;
      stepId = next;
    }
  }

  /** Where a step's effect leads: the next step's id, a wait, or the call's outcome. */
  private follow(effect: StepEffect): string | CallOutcome | Wait {
    const { state } = this;
    switch (effect.kind) {
      case 'end':
        // A voicemail left or a callback booked is what the caller got, even when a hangup follows.
        return effect.outcome.kind === 'hangup' && state.reached ? state.reached : effect.outcome;
      case 'error':
        return this.error(effect.code, effect.message);
      case 'wait':
        // The entry stays open; the turn that ends the step reports it.
        state.steps.pop();
        return effect.wait;
      case 'exit': {
        const entry = state.entry!;
        entry.exit = effect.exit;
        if (effect.next === undefined) {
          if (state.reached) return state.reached;
          return { kind: 'hangup', reason: 'no-exit', flow: state.flow.id, step: state.stepId, exit: effect.exit };
        }
        entry.next = effect.next;
        if (!Object.hasOwn(state.flow.definition.steps, effect.next)) {
          return this.error(
            'missing-step',
            `Step "${state.stepId}" goes to "${effect.next}" (its ${effect.exit} exit), which is not a step of flow "${state.flow.id}".`,
          );
        }
        return effect.next;
      }
      case 'goto-flow':
        return this.enterFlow(effect.flowId);
    }
  }

  /** Switches the call to the target's published version; returns its start step or an error outcome. */
  private enterFlow(flowId: string): string | CallOutcome {
    const { state } = this;
    if (state.flowsEntered.includes(flowId)) {
      return this.error(
        'goto-cycle',
        `goto-flow cycle: ${[...state.flowsEntered, flowId].join(' → ')}; the call would never end.`,
      );
    }
    const published = this.context.resolvePublished(flowId);
    if (!published) {
      return this.error(
        'unknown-flow',
        `Step "${state.stepId}" goes to flow "${flowId}", which does not exist or has no published version.`,
      );
    }
    const definition = published.definition;
    if (!hasSteps(definition)) {
      return this.error('unknown-flow', `Flow "${flowId}" (version ${published.version}) has no steps to continue in.`);
    }
    state.entry!.target = { flow: flowId, version: published.version };
    state.flow = { id: flowId, version: published.version, definition };
    state.flowsEntered.push(flowId);
    if (typeof definition.start !== 'string' || !Object.hasOwn(definition.steps, definition.start)) {
      return this.error(
        'missing-step',
        `The start step "${String(definition.start)}" is not a step of flow "${flowId}".`,
      );
    }
    return definition.start;
  }

  private error(code: SimulationErrorCode, message: string): CallOutcome {
    const { state } = this;
    const outcome: CallOutcome = { kind: 'error', code, message, flow: state.flow.id };
    if (state.stepId) outcome.step = state.stepId;
    return outcome;
  }
}

const WAIT_KINDS: ReadonlySet<string> = new Set(['digits', 'queue', 'dial', 'record', 'http']);

function isWait(end: CallOutcome | Wait): end is Wait {
  return WAIT_KINDS.has(end.kind);
}

export function hasSteps(definition: unknown): definition is FlowDefinition {
  return (
    typeof definition === 'object' &&
    definition !== null &&
    typeof (definition as FlowDefinition).steps === 'object' &&
    (definition as FlowDefinition).steps !== null
  );
}

/** The version a call is in, with its definition from the context. */
export function activeFlow(ref: EngineFlowRef, context: EngineContext): ActiveFlow {
  if (
    typeof ref !== 'object' ||
    ref === null ||
    typeof ref.id !== 'string' ||
    (typeof ref.version !== 'number' && typeof ref.version !== 'string')
  ) {
    throw new InvalidInputError('invalid-call', 'A call names its flow as { id, version }.');
  }
  const definition = context.definitionOf(ref);
  if (!hasSteps(definition)) {
    throw new InvalidInputError(
      'invalid-flow-definition',
      `Flow "${printable(ref.id)}" version ${printable(String(ref.version))} cannot run a call: it has no \`steps\` map.`,
      'Fix the flow file so that it validates (`callflow validate`), then call again.',
    );
  }
  return { id: ref.id, version: ref.version, definition };
}

function checkedNow(context: EngineContext): Date {
  if (!(context.now instanceof Date) || Number.isNaN(context.now.getTime())) {
    throw new InvalidInputError('invalid-call-time', 'The engine was given no valid time to decide business hours at.');
  }
  return context.now;
}

export function maxStepsOf(context: EngineContext): number {
  return checkMaxSteps(context.maxSteps);
}

/** A step limit as given (undefined: the default). */
export function checkMaxSteps(maxSteps: number | undefined): number {
  if (maxSteps === undefined) return DEFAULT_MAX_STEPS;
  if (!Number.isInteger(maxSteps) || maxSteps < 1) {
    throw new InvalidInputError(
      'invalid-max-steps',
      `The step limit must be a whole number of at least 1 (got ${printable(String(maxSteps))}).`,
    );
  }
  return maxSteps;
}
