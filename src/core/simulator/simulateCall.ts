/**
 * simulateCall: one call, start to end, through a flow (and the flows it goes to), with
 * every input given up front. A driver of the call engine: each wait the engine reaches is
 * answered from the inputs (the next DTMF entry, the queue's agents, the transfer result, an
 * http fixture), so simulate, serve and the test call run the same steps the same way.
 * Deterministic: the same request gives the same result.
 */
import { CallMachine } from '../engine';
import type { CallEvent, EngineContext, SimulatedStep, SimulationWarning, StartCallRequest, Wait } from '../engine';
import { findFixture } from './http';
import { checkInputs, type CheckedInputs } from './inputs';
import type { PublishedFlowResolver, SimulateCallRequest, SimulatedFlow, SimulationResult } from './types';

/**
 * Runs the call. Throws InvalidInputError for a bad request (malformed call time, digits
 * that are not DTMF keys, a flow without steps); everything that goes wrong inside the flow
 * (a missing step, an unknown goto-flow target, too many steps) is an `error` outcome.
 */
export function simulateCall(request: SimulateCallRequest): SimulationResult {
  const inputs = checkInputs(request);
  const start: StartCallRequest = {
    flow: { id: request.flow.id, version: request.flow.version },
    startedAt: inputs.at,
  };
  if (request.from !== undefined) start.from = request.from;
  if (request.dialed !== undefined) start.dialed = request.dialed;
  const machine = CallMachine.create(start, simulationContext(request, inputs));
  const steps: SimulatedStep[] = [];
  const warnings: SimulationWarning[] = [];
  const answers = new InputAnswers(inputs);
  let turn = machine.start(start);
  for (;;) {
    for (const entry of turn.steps) steps.push(entry);
    for (const warning of turn.warnings) warnings.push(warning);
    if (!turn.wait) break;
    const event = answers.answer(turn.wait);
    if (answers.missingFixture) {
      warnings.push({ ...answers.missingFixture, index: machine.state.stepCount - 1 });
      answers.missingFixture = undefined;
    }
    turn = machine.resume(event);
  }
  const unusedDigits = answers.unusedDigits();
  if (unusedDigits.length > 0) {
    warnings.push({
      code: 'unused-digits',
      message: `${unusedDigits.length === 1 ? 'One DTMF entry was' : `${unusedDigits.length} DTMF entries were`} never used: ${unusedDigits.map((d) => `"${d}"`).join(', ')}.`,
    });
  }
  return {
    flow: request.flow.id,
    version: request.flow.version,
    outcome: turn.outcome!,
    steps,
    warnings,
    variables: turn.variables,
    unusedDigits,
  };
}

export function simulationContext(request: SimulateCallRequest, inputs: CheckedInputs): EngineContext {
  return engineContextFor(request.flow, request.resolvePublished, inputs.at, inputs.maxSteps);
}

/** The engine's view of a call through `flow`, whose goto-flow steps reach published versions. */
export function engineContextFor(
  flow: SimulatedFlow,
  resolvePublished: PublishedFlowResolver | undefined,
  at: Date,
  maxSteps?: number,
): EngineContext {
  const context: EngineContext = {
    definitionOf: (ref) => {
      if (ref.id === flow.id && ref.version === flow.version) return flow.definition;
      const published = resolvePublished?.(ref.id);
      return published && published.version === ref.version ? published.definition : undefined;
    },
    resolvePublished: (flowId) => resolvePublished?.(flowId),
    now: at,
  };
  if (maxSteps !== undefined) context.maxSteps = maxSteps;
  return context;
}

/** The events the up-front inputs give, one wait at a time. */
export class InputAnswers {
  private digitIndex = 0;
  /** Set when an http step had no fixture: the simulator says so, then the request fails. */
  missingFixture: Omit<SimulationWarning, 'index'> | undefined;

  constructor(private readonly inputs: CheckedInputs) {}

  answer(wait: Wait): CallEvent {
    const { inputs } = this;
    switch (wait.kind) {
      case 'digits': {
        // Out of entries: the caller presses nothing more, and the prompt times out.
        if (this.digitIndex >= inputs.digits.length) return { kind: 'timeout' };
        return { kind: 'digits', digits: inputs.digits[this.digitIndex++]! };
      }
      case 'queue':
        return { kind: 'queue', result: inputs.busyQueues.has(wait.queue) ? 'no-answer' : 'bridged' };
      case 'dial':
        return { kind: 'dial', result: inputs.transfer === 'failed' ? 'failed' : 'answered' };
      case 'record':
        return { kind: 'recorded' };
      case 'http': {
        const fixture = findFixture(inputs.http, wait.method, wait.url);
        if (fixture) return { kind: 'http', status: fixture.status, body: fixture.body };
        this.missingFixture = {
          code: 'missing-http-fixture',
          message: `No http fixture for "${wait.method} ${wait.url}"; the request counts as failed.`,
          flow: wait.flow,
          step: wait.step,
        };
        return { kind: 'http', status: 0 };
      }
    }
  }

  unusedDigits(): string[] {
    return this.inputs.digits.slice(this.digitIndex);
  }
}
