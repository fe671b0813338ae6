/**
 * The steps that hand the call on: to an agent's queue (assign-dial), to a number (transfer), to a
 * mailbox (voicemail) or to a callback queue. The first three wait for the carrier's result.
 */
import type { AssignDialStep, CallbackStep, TransferStep, VoicemailStep } from '../model';
import { DEFAULT_RING_SECONDS } from '../model';
import { isE164 } from '../ids';
import type { CallState } from './callState';
import { exitTo, hangup, invalid, speak, type StepEffect } from './stepEffect';
import type { CallEvent, Wait } from './types';

export function assignDial(state: CallState, step: AssignDialStep): StepEffect {
  if (typeof step.queue !== 'string') return invalid(state, 'it names no `queue`');
  state.entry!.queue = step.queue;
  const wait: Wait = { kind: 'queue', flow: state.flow.id, step: state.stepId, queue: step.queue };
  if (typeof step.priority === 'number') wait.priority = step.priority;
  if (typeof step.timeout === 'number') wait.timeout = step.timeout;
  return { kind: 'wait', wait };
}

export function resumeAssignDial(state: CallState, step: AssignDialStep, event: CallEvent): StepEffect {
  if (event.kind === 'queue' && event.result === 'no-answer') return exitTo('no-answer', step['no-answer']);
  return { kind: 'end', outcome: { kind: 'connected', queue: step.queue, flow: state.flow.id, step: state.stepId } };
}

export function transfer(state: CallState, step: TransferStep): StepEffect {
  if (typeof step.to !== 'string') return invalid(state, 'it has no `to` number');
  const entry = state.entry!;
  entry.to = step.to;
  const ring = step['ring-seconds'];
  if (typeof ring === 'number') entry.ringSeconds = ring;
  const callerId = transferCallerId(state, step['caller-id']);
  if (callerId !== undefined) entry.callerId = callerId;
  return {
    kind: 'wait',
    wait: {
      kind: 'dial',
      flow: state.flow.id,
      step: state.stepId,
      to: step.to,
      ringSeconds: typeof ring === 'number' ? ring : DEFAULT_RING_SECONDS,
      ...(callerId !== undefined ? { callerId } : {}),
    },
  };
}

/**
 * The number a transfer presents: its own E.164 value, or the caller's or the dialed number when
 * that is a phone number (a withheld or SIP caller has none to pass on: the carrier's default).
 */
function transferCallerId(state: CallState, callerId: unknown): string | undefined {
  if (typeof callerId !== 'string') return undefined;
  const number =
    callerId === 'caller'
      ? state.variables.get('caller.number')
      : callerId === 'dialed'
        ? state.variables.get('dialed.number')
        : callerId;
  return number !== undefined && isE164(number) ? number : undefined;
}

export function resumeTransfer(state: CallState, step: TransferStep, event: CallEvent): StepEffect {
  if (event.kind === 'dial' && event.result === 'failed') return exitTo('failed', step.failed);
  return { kind: 'end', outcome: { kind: 'transferred', to: step.to, flow: state.flow.id, step: state.stepId } };
}

export function voicemail(state: CallState, step: VoicemailStep): StepEffect {
  speak(state, step);
  const wait: Wait = { kind: 'record', flow: state.flow.id, step: state.stepId };
  if (typeof step.mailbox === 'string') wait.mailbox = step.mailbox;
  return { kind: 'wait', wait };
}

export function resumeVoicemail(state: CallState, step: VoicemailStep): StepEffect {
  state.reached = { kind: 'voicemail', flow: state.flow.id, step: state.stepId };
  if (typeof step.mailbox === 'string') state.reached.mailbox = step.mailbox;
  return typeof step.next !== 'string' ? hangup(state, 'end-of-flow') : exitTo('next', step.next);
}

export function callback(state: CallState, step: CallbackStep): StepEffect {
  speak(state, step);
  if (typeof step.queue !== 'string') return invalid(state, 'it names no `queue`');
  state.entry!.queue = step.queue;
  state.reached = { kind: 'callback', queue: step.queue, flow: state.flow.id, step: state.stepId };
  const caller = state.variables.get('caller.number');
  state.effects.push({
    kind: 'callback',
    flow: state.flow.id,
    step: state.stepId,
    queue: step.queue,
    ...(caller !== undefined ? { caller } : {}),
  });
  return typeof step.next !== 'string' ? hangup(state, 'end-of-flow') : exitTo('next', step.next);
}
