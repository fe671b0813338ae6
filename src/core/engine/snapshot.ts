/**
 * A call's snapshot between two events: plain JSON the engine writes after a turn that waits,
 * and reads back, checked, when the call resumes. It comes back from outside (the runtime
 * carries it in a carrier's URLs, a test call keeps it in a panel), so nothing in it is
 * trusted: every field is checked against the shape written here and against the flow.
 */
import { InvalidInputError } from '../errors';
import { CallState } from './callState';
import { activeFlow, CallMachine, maxStepsOf } from './machine';
import { TextLimitError } from './promptTemplates';
import { DTMF_ENTRY } from './dtmf';
import { attemptsAllowed, WAITS } from './steps';
import type { CallOutcome, InputAttempt, SimulatedStep } from './trace';
import type { CallEvent, CallSnapshot, EngineContext, EngineFlowRef } from './types';

interface SnapshotFields {
  format: 1;
  /** The flow version the call is in now (after any goto-flow). */
  flow: EngineFlowRef;
  /** What the call waits for, at which step. */
  wait: keyof typeof WAITS;
  step: string;
  /** The waiting step's trace entry (a menu's attempts so far are in it). */
  entry: SimulatedStep;
  variables: Record<string, string>;
  flowsEntered: string[];
  reached?: CallOutcome;
  /** Trace entries started so far, the waiting one included. */
  stepCount: number;
}

export function snapshotOf(machine: CallMachine): CallSnapshot {
  const { state } = machine;
  const wait = machine.wait!;
  const fields: SnapshotFields = {
    format: 1,
    flow: { id: state.flow.id, version: state.flow.version },
    wait: wait.kind,
    step: state.stepId,
    entry: copyData(state.entry!),
    variables: state.variablesRecord(),
    flowsEntered: [...state.flowsEntered],
    stepCount: state.stepCount,
  };
  if (state.reached) fields.reached = { ...state.reached };
  return fields as unknown as CallSnapshot;
}

/** The call a snapshot describes, ready to resume; throws InvalidInputError for anything else. */
export function machineFromSnapshot(snapshot: unknown, context: EngineContext): CallMachine {
  const fields = checkFields(snapshot);
  const flow = activeFlow(fields.flow, context);
  const step = flow.definition.steps[fields.step];
  const accepts: readonly string[] = WAITS[fields.wait].stepTypes;
  if (!Object.hasOwn(flow.definition.steps, fields.step) || typeof step !== 'object' || step === null) {
    throw malformed(`its step "${fields.step}" is not a step of flow "${flow.id}" version ${String(flow.version)}`);
  }
  if (!accepts.includes(step.type) || fields.entry.type !== step.type) {
    throw malformed(`step "${fields.step}" is a ${String(step.type)} step, which does not wait for ${fields.wait}`);
  }
  const maxSteps = maxStepsOf(context);
  if (fields.stepCount > maxSteps) throw malformed(`it counts more steps than the call may run (${maxSteps})`);
  const state = new CallState(flow, context.now, maxSteps);
  try {
    for (const [name, value] of Object.entries(fields.variables)) state.assign(name, value);
  } catch (err) {
    if (err instanceof TextLimitError) throw malformed(`its variables ${err.message}`);
    throw err;
  }
  state.flowsEntered.push(...fields.flowsEntered);
  // Copies: resuming must not change the snapshot it was given (a retried request resumes it again).
  if (fields.reached) state.reached = { ...fields.reached };
  state.stepId = fields.step;
  state.entry = copyData(fields.entry);
  state.stepCount = fields.stepCount;
  if (fields.wait === 'digits') {
    const allowed = attemptsAllowed(step);
    if (fields.entry.attempts!.length >= allowed)
      throw malformed(`step "${fields.step}" has no listening attempt left (${allowed} allowed)`);
  }
  return CallMachine.restore(state, context);
}

/** The event, if it is one the snapshot's wait takes. */
export function checkEvent(event: unknown, snapshot: CallSnapshot): CallEvent {
  const wait = (snapshot as unknown as SnapshotFields).wait;
  if (!isRecord(event) || typeof event.kind !== 'string') {
    throw new InvalidInputError('invalid-call-event', 'A call event is an object with a `kind`.');
  }
  const takes: readonly string[] = WAITS[wait].events;
  if (!takes.includes(event.kind)) {
    throw new InvalidInputError(
      'unexpected-call-event',
      `The call waits for ${takes.map((k) => `a ${k} event`).join(' or ')}, not a ${printableKind(event.kind)} event.`,
      'Resume the call with the event its wait asked for.',
    );
  }
  const kind = event.kind;
  const bad = (problem: string): InvalidInputError =>
    new InvalidInputError('invalid-call-event', `The ${kind} event ${problem}.`);
  switch (event.kind) {
    case 'digits':
      if (typeof event.digits !== 'string' || !DTMF_ENTRY.test(event.digits) || event.digits.length > 256)
        throw bad('needs `digits`: the keys pressed, 0-9 * and # ("" for none)');
      return { kind: 'digits', digits: event.digits };
    case 'timeout':
      return { kind: 'timeout' };
    case 'queue':
      if (event.result !== 'bridged' && event.result !== 'no-answer') throw bad('needs `result`: bridged or no-answer');
      return { kind: 'queue', result: event.result };
    case 'dial':
      if (event.result !== 'answered' && event.result !== 'failed') throw bad('needs `result`: answered or failed');
      return { kind: 'dial', result: event.result };
    case 'recorded': {
      if (event.url !== undefined && typeof event.url !== 'string') throw bad('has a `url` that is not text');
      if (event.seconds !== undefined && (typeof event.seconds !== 'number' || !(event.seconds >= 0)))
        throw bad('has `seconds` that are not a number of seconds');
      const recorded: CallEvent = { kind: 'recorded' };
      if (event.url !== undefined) recorded.url = event.url;
      if (event.seconds !== undefined) recorded.seconds = event.seconds;
      return recorded;
    }
    default: {
      const status = event.status;
      if (typeof status !== 'number' || !Number.isInteger(status) || (status !== 0 && (status < 100 || status > 599)))
        throw bad("needs `status`: the answer's HTTP status (100-599), or 0 for no answer");
      return { kind: 'http', status, body: event.body };
    }
  }
}

function printableKind(kind: string): string {
  return /^[a-z-]{1,20}$/.test(kind) ? kind : JSON.stringify(kind.length > 40 ? kind.slice(0, 40) + '…' : kind);
}

function malformed(problem: string): InvalidInputError {
  return new InvalidInputError(
    'invalid-call-snapshot',
    `The call's snapshot cannot be resumed: ${problem}.`,
    'Resume a call only with the snapshot the engine returned for it, unchanged.',
  );
}

/**
 * A deep copy of JSON data (a trace entry): what structuredClone gives for it, at a tenth of the
 * cost (the runtime copies one per request). Own `__proto__` keys, as JSON.parse makes them, stay data.
 */
function copyData<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(copyData) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = copyData((value as Record<string, unknown>)[key]);
    if (key === '__proto__')
      Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
    else copy[key] = item;
  }
  return copy as T;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isText = (value: unknown): value is string => typeof value === 'string';
const isVersion = (value: unknown): value is number | string =>
  (typeof value === 'number' && Number.isFinite(value)) || typeof value === 'string';

function checkFields(snapshot: unknown): SnapshotFields {
  if (!isRecord(snapshot) || snapshot.format !== 1) throw malformed('it is not a call snapshot (format 1)');
  const { flow, wait, step, entry, variables, flowsEntered, reached, stepCount } = snapshot;
  if (!isRecord(flow) || !isText(flow.id) || !isVersion(flow.version)) throw malformed('`flow` is not { id, version }');
  if (!isText(wait) || !Object.hasOwn(WAITS, wait)) throw malformed('`wait` is not a kind of wait');
  if (!isText(step)) throw malformed('`step` is not a step id');
  if (!isRecord(variables) || !Object.values(variables).every(isText))
    throw malformed('`variables` is not a map of names to text');
  if (!Array.isArray(flowsEntered) || flowsEntered.length === 0 || !flowsEntered.every(isText))
    throw malformed('`flowsEntered` is not a list of flow ids');
  if (flowsEntered[flowsEntered.length - 1] !== flow.id) throw malformed('`flowsEntered` does not end in its flow');
  if (typeof stepCount !== 'number' || !Number.isInteger(stepCount) || stepCount < 1)
    throw malformed('`stepCount` is not a whole number of steps');
  if (reached !== undefined) checkReached(reached, flowsEntered);
  checkEntry(entry, step, flow.id, wait);
  return snapshot as unknown as SnapshotFields;
}

function checkReached(reached: unknown, flowsEntered: unknown[]): void {
  if (
    !isRecord(reached) ||
    !(reached.kind === 'voicemail' || reached.kind === 'callback') ||
    !isText(reached.flow) ||
    !flowsEntered.includes(reached.flow) ||
    !isText(reached.step) ||
    (reached.kind === 'callback' && !isText(reached.queue)) ||
    (reached.mailbox !== undefined && !isText(reached.mailbox))
  ) {
    throw malformed('`reached` is not a voicemail or callback the call reached');
  }
}

const ENTRY_TEXT_FIELDS = [
  'say',
  'audio',
  'variable',
  'value',
  'localTime',
  'queue',
  'to',
  'callerId',
  'request',
] as const;

function checkEntry(entry: unknown, step: string, flow: string, wait: string): void {
  if (!isRecord(entry) || entry.step !== step || entry.flow !== flow || !isText(entry.type) || entry.exit !== null)
    throw malformed("`entry` is not the waiting step's open trace entry");
  for (const field of ENTRY_TEXT_FIELDS) {
    if (entry[field] !== undefined && !isText(entry[field])) throw malformed(`the entry's \`${field}\` is not text`);
  }
  if (
    entry.next !== undefined ||
    entry.status !== undefined ||
    entry.target !== undefined ||
    entry.branch !== undefined
  )
    throw malformed('the entry has fields of a finished step');
  if (entry.assigned !== undefined && (!isRecord(entry.assigned) || !Object.values(entry.assigned).every(isText)))
    throw malformed("the entry's `assigned` is not a map of names to text");
  if (wait === 'digits') {
    if (!Array.isArray(entry.attempts) || !entry.attempts.every(isAttempt))
      throw malformed("the entry's `attempts` are not the listening attempts so far");
    if ((entry.attempts as InputAttempt[]).some((a) => a.result === 'accepted'))
      throw malformed('an accepted attempt ends the step; it cannot still be listening');
  } else if (entry.attempts !== undefined) {
    throw malformed('only a menu or collect has listening attempts');
  }
}

function isAttempt(value: unknown): boolean {
  if (!isRecord(value)) return false;
  const { digits, result, waited } = value;
  if (digits !== null && !(isText(digits) && DTMF_ENTRY.test(digits))) return false;
  if (result !== 'accepted' && result !== 'invalid' && result !== 'no-input') return false;
  return waited === undefined || (typeof waited === 'number' && waited > 0);
}
