/**
 * The steps that listen for keys: a menu (one key, each leading somewhere) and a collect (digits
 * stored in a variable). Each listens up to its `attempts`, counting what went wrong each time.
 */
import type { CollectStep, MenuStep, Step } from '../model';
import type { CallState } from './callState';
import { exitTo, invalid, isRecord, speak, utterancesOf, type StepEffect } from './stepEffect';
import type { InputAttempt } from './trace';
import type { CallEvent, Wait } from './types';

const DEFAULT_ATTEMPTS = 3;
const DEFAULT_FINISH_ON = '#';
const DEFAULT_TIMEOUT_SECONDS = 5;

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

export function menu(state: CallState, step: MenuStep): StepEffect {
  speak(state, step, true);
  state.entry!.attempts = [];
  return listen(state, step);
}

export function resumeMenu(state: CallState, step: MenuStep, event: CallEvent): StepEffect {
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

export function collect(state: CallState, step: CollectStep): StepEffect {
  speak(state, step, true);
  if (typeof step.variable !== 'string' || step.variable.length === 0)
    return invalid(state, 'it has no `variable` to store the digits in');
  state.entry!.attempts = [];
  return listen(state, step);
}

export function resumeCollect(state: CallState, step: CollectStep, event: CallEvent): StepEffect {
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
