/**
 * The call engine (types.ts has the contract): startCall / resumeCall. Pure: no clock, no I/O;
 * the driver (simulate, serve, the test call) performs what a turn asks and feeds back what happened.
 */
import { CallMachine } from './machine';
import { checkEvent, machineFromSnapshot, snapshotOf } from './snapshot';
import type { CallEvent, CallSnapshot, EngineContext, StartCallRequest, Turn } from './types';

/** Runs a new call from its flow's start to its first wait or its end. */
export function startCall(request: StartCallRequest, context: EngineContext): Turn {
  const machine = CallMachine.create(request, context);
  return withSnapshot(machine, machine.start(request));
}

/** Goes on with a call from its snapshot, given what happened while it waited. */
export function resumeCall(snapshot: CallSnapshot, event: CallEvent, context: EngineContext): Turn {
  const machine = machineFromSnapshot(snapshot, context);
  return withSnapshot(machine, machine.resume(checkEvent(event, snapshot)));
}

function withSnapshot(machine: CallMachine, turn: Omit<Turn, 'snapshot'>): Turn {
  if (!machine.wait) return turn;
  // The machine made this turn for this call only: the snapshot joins it rather than a copy of it.
  const withState = turn as Turn;
  withState.snapshot = snapshotOf(machine);
  return withState;
}

export { CallMachine, checkCallNumbers, checkMaxSteps, DEFAULT_MAX_STEPS } from './machine';
export { DTMF_ENTRY } from './dtmf';
export type * from './types';
export * from './trace';
