/**
 * What each step type does to a call. A handler fills in the step's trace entry and says
 * where the call goes: on through an exit, to its end, or into another flow.
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
import { decideBusinessHours } from './businessHours';
import type { CallState } from './callState';
import { testCondition, type ConditionProblems } from './conditions';
import { findFixture, fixtureBody, isSuccessStatus, readJsonPath } from './http';
import { variableText } from './promptTemplates';
import type { CallOutcome, InputAttempt, SimulationErrorCode } from './types';

export type StepEffect =
  /** Leave through `exit`; `next` is the step it names (undefined when the exit is not set). */
  | { kind: 'exit'; exit: string; next: string | undefined }
  /** The call ends here; a voicemail or callback already reached replaces a hangup. */
  | { kind: 'end'; outcome: CallOutcome }
  | { kind: 'goto-flow'; flowId: string }
  | { kind: 'error'; code: SimulationErrorCode; message: string };

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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function speak(state: CallState, prompt: Prompt): void {
  const entry = state.entry!;
  if (typeof prompt.say === 'string') entry.say = state.render(prompt.say);
  if (typeof prompt.audio === 'string') entry.audio = prompt.audio;
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

function menu(state: CallState, step: MenuStep): StepEffect {
  speak(state, step);
  const options = isRecord(step.options) ? step.options : {};
  const attempts: InputAttempt[] = (state.entry!.attempts = []);
  const allowed = wholeNumber(step.attempts, DEFAULT_ATTEMPTS, 1);
  let lastFailure: 'invalid' | 'no-input' = 'no-input';
  for (let attempt = 0; attempt < allowed; attempt++) {
    const digits = state.takeDigits();
    if (digits === null || digits.length === 0) {
      attempts.push({ digits, result: (lastFailure = 'no-input'), waited: timeoutOf(step) });
      continue;
    }
    // An entry of several keys at a menu: the menu acts on the first, the rest is not heard.
    const key = digits[0]!;
    if (Object.prototype.hasOwnProperty.call(options, key)) {
      attempts.push({ digits, result: 'accepted' });
      return exitTo(key, options[key]);
    }
    attempts.push({ digits, result: (lastFailure = 'invalid') });
  }
  return exitTo(lastFailure, step[lastFailure]);
}

function collect(state: CallState, step: CollectStep): StepEffect {
  speak(state, step);
  if (typeof step.variable !== 'string' || step.variable.length === 0)
    return invalid(state, 'it has no `variable` to store the digits in');
  const entry = state.entry!;
  const attempts: InputAttempt[] = (entry.attempts = []);
  const allowed = wholeNumber(step.attempts, DEFAULT_ATTEMPTS, 1);
  const minDigits = wholeNumber(step['min-digits'], 1, 0);
  const maxDigits = wholeNumber(step['max-digits'], Infinity, 1);
  const finishOn =
    typeof step['finish-on'] === 'string' && step['finish-on'].length === 1 ? step['finish-on'] : DEFAULT_FINISH_ON;
  for (let attempt = 0; attempt < allowed; attempt++) {
    const digits = state.takeDigits();
    if (digits === null || digits.length === 0) {
      attempts.push({ digits, result: 'no-input', waited: timeoutOf(step) });
      continue;
    }
    const finish = digits.indexOf(finishOn);
    let value = finish >= 0 ? digits.slice(0, finish) : digits;
    if (value.length > maxDigits) value = value.slice(0, maxDigits);
    if (value.length < minDigits) {
      // Only the finish-on key: no digits, but the caller did not make the prompt wait.
      attempts.push({ digits, result: value.length === 0 ? 'no-input' : 'invalid' });
      continue;
    }
    attempts.push({ digits, result: 'accepted' });
    state.assign(step.variable, value);
    entry.variable = step.variable;
    entry.value = value;
    return exitTo('next', step.next);
  }
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
  const decision = decideBusinessHours(step, state.inputs.at);
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
  if (state.inputs.busyQueues.has(step.queue)) return exitTo('no-answer', step['no-answer']);
  return { kind: 'end', outcome: { kind: 'connected', queue: step.queue, flow: state.flow.id, step: state.stepId } };
}

function transfer(state: CallState, step: TransferStep): StepEffect {
  if (typeof step.to !== 'string') return invalid(state, 'it has no `to` number');
  state.entry!.to = step.to;
  if (state.inputs.transfer === 'failed') return exitTo('failed', step.failed);
  return { kind: 'end', outcome: { kind: 'transferred', to: step.to, flow: state.flow.id, step: state.stepId } };
}

function voicemail(state: CallState, step: VoicemailStep): StepEffect {
  speak(state, step);
  state.reached = { kind: 'voicemail', flow: state.flow.id, step: state.stepId };
  if (typeof step.mailbox === 'string') state.reached.mailbox = step.mailbox;
  return typeof step.next !== 'string' ? hangup(state, 'end-of-flow') : exitTo('next', step.next);
}

function callback(state: CallState, step: CallbackStep): StepEffect {
  speak(state, step);
  if (typeof step.queue !== 'string') return invalid(state, 'it names no `queue`');
  state.entry!.queue = step.queue;
  state.reached = { kind: 'callback', queue: step.queue, flow: state.flow.id, step: state.stepId };
  return typeof step.next !== 'string' ? hangup(state, 'end-of-flow') : exitTo('next', step.next);
}

function http(state: CallState, step: HttpStep): StepEffect {
  if (typeof step.url !== 'string') return invalid(state, 'it has no `url`');
  // The method has no default (docs/flow-format.md, section 4): a request the flow does not spell out is not sent.
  if (typeof step.method !== 'string') return invalid(state, 'it has no `method`');
  const entry = state.entry!;
  const method = step.method.toUpperCase();
  const url = state.render(step.url);
  entry.request = `${method} ${url}`;
  const fixture = findFixture(state.inputs.http, method, url);
  if (!fixture) {
    state.warn('missing-http-fixture', `No http fixture for "${method} ${url}"; the request counts as failed.`);
    return exitTo('failure', step.failure);
  }
  entry.status = fixture.status;
  if (!isSuccessStatus(fixture.status)) return exitTo('failure', step.failure);
  if (isRecord(step.save)) {
    const body = fixtureBody(fixture);
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
