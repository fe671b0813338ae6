/** The steps that fill variables: set (from values and templates) and http (from a JSON answer). */
import type { HttpStep, SetStep } from '../model';
import { MAX_VARIABLE_LENGTH, type CallState } from './callState';
import { isSuccessStatus, readJsonPath, responseBody } from './httpAnswer';
import { renderTemplate, variableText } from './promptTemplates';
import { exitTo, invalid, isRecord, type StepEffect } from './stepEffect';
import type { CallEvent, Wait } from './types';

export function set(state: CallState, step: SetStep): StepEffect {
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

export function http(state: CallState, step: HttpStep): StepEffect {
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

export function resumeHttp(state: CallState, step: HttpStep, event: CallEvent): StepEffect {
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
