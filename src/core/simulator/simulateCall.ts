/**
 * simulateCall: one call, start to end, through a flow (and the flows it goes to), with
 * every input given up front. Deterministic: the same request gives the same result.
 */
import type { Step } from '../model';
import { CallState, type ActiveFlow } from './callState';
import { checkInputs } from './inputs';
import { runStep } from './steps';
import { TextLimitError } from './promptTemplates';
import type { CallOutcome, SimulateCallRequest, SimulationErrorCode, SimulationResult } from './types';

/**
 * Runs the call. Throws InvalidInputError for a bad request (malformed call time, digits
 * that are not DTMF keys, a flow without steps); everything that goes wrong inside the flow
 * (a missing step, an unknown goto-flow target, too many steps) is an `error` outcome.
 */
export function simulateCall(request: SimulateCallRequest): SimulationResult {
  const inputs = checkInputs(request);
  const state = new CallState(inputs, request.flow);
  let outcome: CallOutcome;
  try {
    setBuiltins(state, request);
    outcome = run(state, request);
  } catch (err) {
    if (!(err instanceof TextLimitError)) throw err;
    outcome = error(
      state,
      'variable-limit',
      `${state.stepId ? `At step "${state.stepId}" a` : 'A'} variable or prompt ${err.message}; the call was stopped.`,
    );
  }
  const unusedDigits = state.unusedDigits();
  if (unusedDigits.length > 0) {
    state.stepId = '';
    state.warnings.push({
      code: 'unused-digits',
      message: `${unusedDigits.length === 1 ? 'One DTMF entry was' : `${unusedDigits.length} DTMF entries were`} never used: ${unusedDigits.map((d) => `"${d}"`).join(', ')}.`,
    });
  }
  return {
    flow: request.flow.id,
    version: request.flow.version,
    outcome,
    steps: state.steps,
    warnings: state.warnings,
    variables: Object.fromEntries(state.variables),
    unusedDigits,
  };
}

function setBuiltins(state: CallState, request: SimulateCallRequest): void {
  if (request.from !== undefined) state.assign('caller.number', request.from);
  if (request.dialed !== undefined) state.assign('dialed.number', request.dialed);
  state.assign('call.time', state.inputs.atIso);
}

function run(state: CallState, request: SimulateCallRequest): CallOutcome {
  const { maxSteps } = state.inputs;
  let stepId: string = state.flow.definition.start;
  if (typeof stepId !== 'string' || !Object.hasOwn(state.flow.definition.steps, stepId)) {
    return error(
      state,
      'missing-step',
      `The flow's start step "${String(stepId)}" is not a step of flow "${state.flow.id}".`,
    );
  }
  for (;;) {
    if (state.steps.length >= maxSteps) {
      return error(state, 'step-limit', `ran ${maxSteps.toLocaleString('en-US')} steps without ending`);
    }
    const step = state.flow.definition.steps[stepId] as Step;
    state.stepId = stepId;
    state.entry = { step: stepId, type: String(step?.type), flow: state.flow.id, exit: null };
    state.steps.push(state.entry);
    if (typeof step !== 'object' || step === null) {
      return error(state, 'invalid-step', `Step "${stepId}" is empty.`);
    }
    const effect = runStep(state, step);
    switch (effect.kind) {
      case 'end':
        // A voicemail left or a callback booked is what the caller got, even when a hangup follows.
        return effect.outcome.kind === 'hangup' && state.reached ? state.reached : effect.outcome;
      case 'error':
        return error(state, effect.code, effect.message);
      case 'exit': {
        state.entry.exit = effect.exit;
        if (effect.next === undefined) {
          if (state.reached) return state.reached;
          return { kind: 'hangup', reason: 'no-exit', flow: state.flow.id, step: stepId, exit: effect.exit };
        }
        state.entry.next = effect.next;
        if (!Object.hasOwn(state.flow.definition.steps, effect.next)) {
          return error(
            state,
            'missing-step',
            `Step "${stepId}" goes to "${effect.next}" (its ${effect.exit} exit), which is not a step of flow "${state.flow.id}".`,
          );
        }
        stepId = effect.next;
        break;
      }
      case 'goto-flow': {
        const entered = enterFlow(state, request, effect.flowId);
        if (typeof entered === 'object' && 'kind' in entered) return entered;
        stepId = entered;
        break;
      }
    }
  }
}

/** Switches the call to the target's published version; returns its start step or an error outcome. */
function enterFlow(state: CallState, request: SimulateCallRequest, flowId: string): string | CallOutcome {
  if (state.flowsEntered.includes(flowId)) {
    return error(
      state,
      'goto-cycle',
      `goto-flow cycle: ${[...state.flowsEntered, flowId].join(' → ')}; the call would never end.`,
    );
  }
  const published = request.resolvePublished?.(flowId);
  if (!published) {
    return error(
      state,
      'unknown-flow',
      `Step "${state.stepId}" goes to flow "${flowId}", which does not exist or has no published version.`,
    );
  }
  const definition = published.definition;
  if (
    typeof definition !== 'object' ||
    definition === null ||
    typeof definition.steps !== 'object' ||
    definition.steps === null
  ) {
    return error(state, 'unknown-flow', `Flow "${flowId}" (version ${published.version}) has no steps to continue in.`);
  }
  const flow: ActiveFlow = { id: flowId, version: published.version, definition };
  state.entry!.target = { flow: flowId, version: published.version };
  state.flow = flow;
  state.flowsEntered.push(flowId);
  if (typeof definition.start !== 'string' || !Object.hasOwn(definition.steps, definition.start)) {
    return error(
      state,
      'missing-step',
      `The start step "${String(definition.start)}" is not a step of flow "${flowId}".`,
    );
  }
  return definition.start;
}

function error(state: CallState, code: SimulationErrorCode, message: string): CallOutcome {
  const outcome: CallOutcome = { kind: 'error', code, message, flow: state.flow.id };
  if (state.stepId) outcome.step = state.stepId;
  return outcome;
}
