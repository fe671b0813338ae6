/**
 * What each step type does to a call. A handler fills in the step's trace entry and says
 * where the call goes: on through an exit, to its end, into another flow, or into a wait for
 * what the caller or the carrier does (keys, an agent, a transfer, a recording, an http
 * answer); the step's resume handler takes that event and says where the call goes then.
 * The handlers live with their kind: listeningSteps.ts, routingSteps.ts, variableSteps.ts and
 * handOffSteps.ts; this file sends each step to its handler.
 */
import type { HangupStep, PlayStep, Step } from '../model';
import type { CallState } from './callState';
import {
  assignDial,
  callback,
  resumeAssignDial,
  resumeTransfer,
  resumeVoicemail,
  transfer,
  voicemail,
} from './handOffSteps';
import { collect, menu, resumeCollect, resumeMenu } from './listeningSteps';
import { businessHours, condition } from './routingSteps';
import { exitTo, hangup, invalid, speak, type StepEffect } from './stepEffect';
import type { CallEvent, Wait } from './types';
import { http, resumeHttp, set } from './variableSteps';

export type { StepEffect } from './stepEffect';
export { attemptsAllowed } from './listeningSteps';

function play(state: CallState, step: PlayStep): StepEffect {
  speak(state, step);
  return exitTo('next', step.next);
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
