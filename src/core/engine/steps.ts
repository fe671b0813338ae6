/**
 * What each step type does to a call. A handler fills in the step's trace entry and says
 * where the call goes: on through an exit, to its end, into another flow, or into a wait for
 * what the caller or the carrier does (keys, an agent, a transfer, a recording, an http
 * answer); the step's resume handler takes that event and says where the call goes then.
 */
import type {
  AssignDialStep,
  BusinessHoursStep,
  CallbackStep,
  CollectStep,
  ConditionStep,
  HangupStep,
  HttpStep,
  MenuStep,
  PlayStep,
  Prompt,
  SetStep,
  Step,
  TransferStep,
  VoicemailStep,
} from '../model';
import { DEFAULT_RING_SECONDS } from '../model';
import { isE164 } from '../ids';
import { decideBusinessHours } from './businessHours';
import { MAX_VARIABLE_LENGTH, type CallState } from './callState';
import { testCondition, type ConditionProblems } from './conditions';
import { isSuccessStatus, readJsonPath, responseBody } from './httpAnswer';
import { renderTemplate, variableText } from './promptTemplates';
import type { CallOutcome, InputAttempt, SimulatedStep, SimulationErrorCode } from './trace';
import type { CallEvent, Utterance, Wait } from './types';

export type StepEffect =
  /** Leave through `exit`; `next` is the step it names (undefined when the exit is not set). */
  | { kind: 'exit'; exit: string; next: string | undefined }
  /** The call ends here; a voicemail or callback already reached replaces a hangup. */
  | { kind: 'end'; outcome: CallOutcome }
  | { kind: 'goto-flow'; flowId: string }
  | { kind: 'error'; code: SimulationErrorCode; message: string }
  /** The step waits for an event; resumeStep goes on with it. */
  | { kind: 'wait'; wait: Wait };

const DEFAULT_ATTEMPTS = 3;
const DEFAULT_FINISH_ON = '#';
const DEFAULT_TIMEOUT_SECONDS = 5;

function exitTo(exit: string, next: unknown): StepEffect {
  return { kind: 'exit', exit, next: typeof next === 'string' ? next : undefined };
}

function timeoutOf(step: MenuStep | CollectStep): number {
  return typeof step.timeout === 'number' && step.timeout > 0 ? step.timeout : DEFAULT_TIMEOUT_SECONDS;
}

function wholeNumber(value: unknown, fallback: number, min: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min ? value : fallback;
}

/** How many times a menu or collect listens (its `attempts`, default 3). */
export function attemptsAllowed(step: Step): number {
  return wholeNumber((step as MenuStep | CollectStep).attempts, DEFAULT_ATTEMPTS, 1);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the entry's prompt says, in order: the spoken text, then the recording. */
function utterancesOf(entry: SimulatedStep): Utterance[] {
  const said: Utterance[] = [];
  if (entry.say !== undefined) said.push({ kind: 'say', text: entry.say, flow: entry.flow, step: entry.step });
  if (entry.audio !== undefined) said.push({ kind: 'play', url: entry.audio, flow: entry.flow, step: entry.step });
  return said;
}

/** Renders the prompt into the trace; a prompt that is not a listening step's is heard now. */
function speak(state: CallState, prompt: Prompt, listening = false): void {
  const entry = state.entry!;
  if (typeof prompt.say === 'string') entry.say = state.render(prompt.say);
  if (typeof prompt.audio === 'string') entry.audio = prompt.audio;
  if (!listening && (entry.say !== undefined || entry.audio !== undefined)) state.say.push(...utterancesOf(entry));
}

function hangup(state: CallState, reason: 'hangup-step' | 'end-of-flow'): StepEffect {
  return { kind: 'end', outcome: { kind: 'hangup', reason, flow: state.flow.id, step: state.stepId } };
}

function invalid(state: CallState, problem: string): StepEffect {
  return { kind: 'error', code: 'invalid-step', message: `Step "${state.stepId}" cannot run: ${problem}.` };
}

function play(state: CallState, step: PlayStep): StepEffect {
  speak(state, step);
  return exitTo('next', step.next);
}

/** The next listening attempt of a menu or collect whose entry holds the attempts so far. */
function listen(state: CallState, step: MenuStep | CollectStep): StepEffect {
  const entry = state.entry!;
  const wait: Wait = {
    kind: 'digits',
    flow: state.flow.id,
    step: state.stepId,
    mode: step.type,
    prompt: utterancesOf(entry),
    timeout: timeoutOf(step),
    attempt: entry.attempts!.length + 1,
    attempts: attemptsAllowed(step),
  };
  if (step.type === 'menu') wait.maxDigits = 1;
  else {
    const maxDigits = wholeNumber(step['max-digits'], Infinity, 1);
    if (maxDigits !== Infinity) wait.maxDigits = maxDigits;
    wait.finishOnKey = finishOnOf(step);
  }
  return { kind: 'wait', wait };
}

function finishOnOf(step: CollectStep): string {
  return typeof step['finish-on'] === 'string' && step['finish-on'].length === 1
    ? step['finish-on']
    : DEFAULT_FINISH_ON;
}

/** A digits event as the entry it leaves: null for a timeout (no entry at all), '' for none pressed. */
function entered(event: CallEvent): string | null {
  return event.kind === 'digits' ? event.digits : null;
}

function menu(state: CallState, step: MenuStep): StepEffect {
  speak(state, step, true);
  state.entry!.attempts = [];
  return listen(state, step);
}

function resumeMenu(state: CallState, step: MenuStep, event: CallEvent): StepEffect {
  const options = isRecord(step.options) ? step.options : {};
  const attempts = state.entry!.attempts!;
  const digits = entered(event);
  if (digits === null || digits.length === 0) {
    attempts.push({ digits, result: 'no-input', waited: timeoutOf(step) });
  } else {
    // An entry of several keys at a menu: the menu acts on the first, the rest is not heard.
    const key = digits[0]!;
    if (Object.prototype.hasOwnProperty.call(options, key)) {
      attempts.push({ digits, result: 'accepted' });
      return exitTo(key, options[key]);
    }
    attempts.push({ digits, result: 'invalid' });
  }
  if (attempts.length < attemptsAllowed(step)) return listen(state, step);
  const lastFailure = attempts[attempts.length - 1]!.result as 'invalid' | 'no-input';
  return exitTo(lastFailure, step[lastFailure]);
}

function collect(state: CallState, step: CollectStep): StepEffect {
  speak(state, step, true);
  if (typeof step.variable !== 'string' || step.variable.length === 0)
    return invalid(state, 'it has no `variable` to store the digits in');
  state.entry!.attempts = [];
  return listen(state, step);
}

function resumeCollect(state: CallState, step: CollectStep, event: CallEvent): StepEffect {
  const entry = state.entry!;
  const attempts: InputAttempt[] = entry.attempts!;
  const digits = entered(event);
  if (digits === null || digits.length === 0) {
    attempts.push({ digits, result: 'no-input', waited: timeoutOf(step) });
  } else {
    const minDigits = wholeNumber(step['min-digits'], 1, 0);
    const maxDigits = wholeNumber(step['max-digits'], Infinity, 1);
    const finish = digits.indexOf(finishOnOf(step));
    let value = finish >= 0 ? digits.slice(0, finish) : digits;
    if (value.length > maxDigits) value = value.slice(0, maxDigits);
    if (value.length < minDigits) {
      // Only the finish-on key: no digits, but the caller did not make the prompt wait.
      attempts.push({ digits, result: value.length === 0 ? 'no-input' : 'invalid' });
    } else {
      attempts.push({ digits, result: 'accepted' });
      state.assign(step.variable, value);
      entry.variable = step.variable;
      entry.value = value;
      return exitTo('next', step.next);
    }
  }
  if (attempts.length < attemptsAllowed(step)) return listen(state, step);
  return exitTo('no-input', step['no-input']);
}

function condition(state: CallState, step: ConditionStep): StepEffect {
  const branches = Array.isArray(step.branches) ? step.branches : [];
  let warnedEmpty: Set<string> | undefined;
  const problems: ConditionProblems = {
    invalidRegex: (pattern) =>
      state.warn('invalid-regex', `"${pattern}" is not a pattern callflow can run (RE2 syntax); the test is false.`),
    noOperator: () =>
      state.warn('no-operator', 'A branch tests no operator (equals, contains, ...); it never matches.'),
  };
  for (let i = 0; i < branches.length; i++) {
    const when = branches[i]?.when;
    if (!isRecord(when) || typeof when.variable !== 'string') {
      problems.noOperator();
      continue;
    }
    let value = state.variables.get(when.variable);
    if (value === undefined) {
      value = '';
      warnedEmpty ??= new Set();
      if (!warnedEmpty.has(when.variable)) {
        warnedEmpty.add(when.variable);
        state.warn('undefined-variable', `${when.variable} has no value; the condition compared it as empty.`);
      }
    }
    if (testCondition(when, value, problems)) {
      state.entry!.branch = i + 1;
      return exitTo(`branch-${i + 1}`, branches[i]!.next);
    }
  }
  return exitTo('else', step.else);
}

function businessHours(state: CallState, step: BusinessHoursStep): StepEffect {
  const decision = decideBusinessHours(step, state.now);
  if (decision.exit === 'unknown-timezone') {
    return {
      kind: 'error',
      code: 'unknown-timezone',
      message: `Step "${state.stepId}" uses "${String(step.timezone)}", which is not an IANA time zone (e.g. America/New_York).`,
    };
  }
  state.entry!.localTime = decision.localText;
  for (const problem of decision.problems) state.warn('invalid-hours', `Hours ${problem}.`);
  if (decision.exit === 'holiday') return exitTo('holiday', step.holiday ?? step.closed);
  return exitTo(decision.exit, step[decision.exit]);
}

function set(state: CallState, step: SetStep): StepEffect {
  const assigned = new Map<string, string>();
  if (isRecord(step.values)) {
    // In order: a later value may use one set just before it.
    for (const [name, raw] of Object.entries(step.values)) {
      const value = typeof raw === 'string' ? state.render(raw) : variableText(raw);
      state.assign(name, value);
      assigned.set(name, value);
    }
  }
  // fromEntries: a variable named __proto__ is an own key of the trace, like any other.
  state.entry!.assigned = Object.fromEntries(assigned);
  return exitTo('next', step.next);
}

function assignDial(state: CallState, step: AssignDialStep): StepEffect {
  if (typeof step.queue !== 'string') return invalid(state, 'it names no `queue`');
  state.entry!.queue = step.queue;
  const wait: Wait = { kind: 'queue', flow: state.flow.id, step: state.stepId, queue: step.queue };
  if (typeof step.priority === 'number') wait.priority = step.priority;
  if (typeof step.timeout === 'number') wait.timeout = step.timeout;
  return { kind: 'wait', wait };
}

function resumeAssignDial(state: CallState, step: AssignDialStep, event: CallEvent): StepEffect {
  if (event.kind === 'queue' && event.result === 'no-answer') return exitTo('no-answer', step['no-answer']);
  return { kind: 'end', outcome: { kind: 'connected', queue: step.queue, flow: state.flow.id, step: state.stepId } };
}

function transfer(state: CallState, step: TransferStep): StepEffect {
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

function resumeTransfer(state: CallState, step: TransferStep, event: CallEvent): StepEffect {
  if (event.kind === 'dial' && event.result === 'failed') return exitTo('failed', step.failed);
  return { kind: 'end', outcome: { kind: 'transferred', to: step.to, flow: state.flow.id, step: state.stepId } };
}

function voicemail(state: CallState, step: VoicemailStep): StepEffect {
  speak(state, step);
  const wait: Wait = { kind: 'record', flow: state.flow.id, step: state.stepId };
  if (typeof step.mailbox === 'string') wait.mailbox = step.mailbox;
  return { kind: 'wait', wait };
}

function resumeVoicemail(state: CallState, step: VoicemailStep): StepEffect {
  state.reached = { kind: 'voicemail', flow: state.flow.id, step: state.stepId };
  if (typeof step.mailbox === 'string') state.reached.mailbox = step.mailbox;
  return typeof step.next !== 'string' ? hangup(state, 'end-of-flow') : exitTo('next', step.next);
}

function callback(state: CallState, step: CallbackStep): StepEffect {
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

function http(state: CallState, step: HttpStep): StepEffect {
  if (typeof step.url !== 'string') return invalid(state, 'it has no `url`');
  // The method has no default (docs/flow-format.md, section 4): a request the flow does not spell out is not sent.
  if (typeof step.method !== 'string') return invalid(state, 'it has no `method`');
  const method = step.method.toUpperCase();
  const url = state.render(step.url);
  state.entry!.request = `${method} ${url}`;
  const wait: Wait = { kind: 'http', flow: state.flow.id, step: state.stepId, method, url };
  // The body is the request's, not something the caller hears: an empty variable in it is not a warning.
  if (typeof step.body === 'string')
    wait.body = renderTemplate(step.body, state.variables, () => {}, MAX_VARIABLE_LENGTH);
  return { kind: 'wait', wait };
}

function resumeHttp(state: CallState, step: HttpStep, event: CallEvent): StepEffect {
  if (event.kind !== 'http' || event.status === 0) return exitTo('failure', step.failure);
  const entry = state.entry!;
  entry.status = event.status;
  if (!isSuccessStatus(event.status)) return exitTo('failure', step.failure);
  if (isRecord(step.save)) {
    const body = responseBody(event.body);
    const assigned = new Map<string, string>();
    for (const [name, path] of Object.entries(step.save)) {
      const value = typeof path === 'string' ? readJsonPath(body, path) : undefined;
      if (value === undefined) {
        state.warn('missing-json-path', `The response has nothing at ${String(path)}; ${name} was not set.`);
        continue;
      }
      const text = variableText(value);
      state.assign(name, text);
      assigned.set(name, text);
    }
    entry.assigned = Object.fromEntries(assigned);
  }
  return exitTo('success', step.success);
}

function hangupStep(state: CallState, step: HangupStep): StepEffect {
  speak(state, step);
  return hangup(state, 'hangup-step');
}

export function runStep(state: CallState, step: Step): StepEffect {
  switch (step.type) {
    case 'play':
      return play(state, step);
    case 'menu':
      return menu(state, step);
    case 'collect':
      return collect(state, step);
    case 'condition':
      return condition(state, step);
    case 'business-hours':
      return businessHours(state, step);
    case 'set':
      return set(state, step);
    case 'assign-dial':
      return assignDial(state, step);
    case 'transfer':
      return transfer(state, step);
    case 'voicemail':
      return voicemail(state, step);
    case 'callback':
      return callback(state, step);
    case 'http':
      return http(state, step);
    case 'goto-flow':
      return typeof step.flow === 'string'
        ? { kind: 'goto-flow', flowId: step.flow }
        : invalid(state, 'it names no `flow`');
    case 'hangup':
      return hangupStep(state, step);
    default:
      return {
        kind: 'error',
        code: 'unknown-step-type',
        message: `Step "${state.stepId}" has type "${String((step as { type: unknown }).type)}", which is not a step type.`,
      };
  }
}

/** What each kind of wait is resumed by, and the step type that waits that way. */
export const WAITS = {
  digits: { events: ['digits', 'timeout'], stepTypes: ['menu', 'collect'] },
  queue: { events: ['queue'], stepTypes: ['assign-dial'] },
  dial: { events: ['dial'], stepTypes: ['transfer'] },
  record: { events: ['recorded'], stepTypes: ['voicemail'] },
  http: { events: ['http'], stepTypes: ['http'] },
} as const satisfies Record<Wait['kind'], { events: readonly CallEvent['kind'][]; stepTypes: readonly string[] }>;

/** Goes on with a step that waited, given the event (already checked to be one its wait takes). */
export function resumeStep(state: CallState, step: Step, event: CallEvent): StepEffect {
  switch (step.type) {
    case 'menu':
      return resumeMenu(state, step, event);
    case 'collect':
      return resumeCollect(state, step, event);
    case 'assign-dial':
      return resumeAssignDial(state, step, event);
    case 'transfer':
      return resumeTransfer(state, step, event);
    case 'voicemail':
      return resumeVoicemail(state, step);
    case 'http':
      return resumeHttp(state, step, event);
    default:
      return invalid(state, `a ${String(step.type)} step does not wait`);
  }
}
