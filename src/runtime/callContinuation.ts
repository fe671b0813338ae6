/**
 * A call between two carrier requests, read back from the state the server signed into its URLs:
 * the call it is, the variables its snapshot holds, what it waits for, and the engine event the
 * carrier's report stands for.
 */
import type { CallEvent, RuntimeDeployment, Wait } from '../core';
import type { CallState, PendingWait } from './callToken';
import type { LoggedCall } from './executionLog';
import { httpStepUrl } from './httpStepUrl';

export type Params = Readonly<Record<string, string>>;

/** The call statuses of a call that is over (a status callback may also report ringing or in-progress). */
export const FINAL_CALL_STATUSES = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

export type RunningCall = LoggedCall & { commit: string };

export function runningCall(state: CallState): RunningCall {
  return {
    call: state.call,
    number: state.number,
    ...(state.from !== undefined ? { from: state.from } : {}),
    flow: state.flow,
    version: state.version,
    startedAt: state.startedAt,
    commit: state.commit,
  };
}

/** The variables a snapshot this server signed holds (an http request left for the next turn is rendered from them). */
export function snapshotVariables(snapshot: CallState['snapshot']): Record<string, string> {
  const variables = (snapshot as { variables?: unknown }).variables;
  return variables && typeof variables === 'object' ? (variables as Record<string, string>) : {};
}

export function pendingWait(wait: Wait, deployment: RuntimeDeployment, variables: Record<string, string>): PendingWait {
  switch (wait.kind) {
    case 'digits':
      return { kind: 'digits', mode: wait.mode };
    case 'queue':
      return { kind: 'queue', queue: wait.queue, ...(wait.timeout !== undefined ? { timeout: wait.timeout } : {}) };
    case 'dial':
      return { kind: 'dial', to: wait.to };
    case 'record':
      return { kind: 'record' };
    case 'http':
      return {
        kind: 'http',
        method: wait.method,
        url: httpStepUrl(deployment, wait, variables),
        ...(wait.body !== undefined ? { body: wait.body } : {}),
      };
  }
}

/** The engine event a carrier's report stands for; `caller-gone` when the caller hung up meanwhile. */
export function eventOf(wait: PendingWait, params: Params, noInput: boolean): CallEvent | 'caller-gone' {
  switch (wait.kind) {
    case 'digits': {
      const digits = (params['Digits'] ?? '').replace(/[^0-9*#]/g, '');
      return noInput || digits === '' ? { kind: 'timeout' } : { kind: 'digits', digits };
    }
    case 'queue': {
      const result = params['QueueResult'];
      if (result === 'hangup') return 'caller-gone';
      return { kind: 'queue', result: result === 'bridged' ? 'bridged' : 'no-answer' };
    }
    case 'dial': {
      const status = params['DialCallStatus'];
      if (status === 'canceled') return 'caller-gone';
      return { kind: 'dial', result: status === 'completed' || status === 'answered' ? 'answered' : 'failed' };
    }
    case 'record': {
      const seconds = Number(params['RecordingDuration']);
      return {
        kind: 'recorded',
        ...(params['RecordingUrl'] ? { url: params['RecordingUrl'] } : {}),
        ...(Number.isFinite(seconds) ? { seconds } : {}),
      };
    }
    case 'http':
      return { kind: 'http', status: 0 };
  }
}
