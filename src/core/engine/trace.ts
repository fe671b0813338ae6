/**
 * What a call reports, whoever runs it (simulate, serve, the test call): one trace entry per
 * step, warnings, and the outcome. `simulate --json` prints these shapes.
 */

export type CallOutcome =
  | { kind: 'connected'; queue: string; flow: string; step: string }
  | { kind: 'transferred'; to: string; flow: string; step: string }
  | { kind: 'voicemail'; mailbox?: string; flow: string; step: string }
  | { kind: 'callback'; queue: string; flow: string; step: string }
  | {
      kind: 'hangup';
      reason: HangupReason;
      flow: string;
      step: string;
      /** For `no-exit`: the exit that is not set. */ exit?: string;
    }
  | { kind: 'error'; code: SimulationErrorCode; message: string; flow: string; step?: string };

export type OutcomeKind = CallOutcome['kind'];
export const OUTCOME_KINDS: readonly OutcomeKind[] = [
  'connected',
  'transferred',
  'voicemail',
  'callback',
  'hangup',
  'error',
];

/**
 * `hangup-step`: a hangup step ended the call. `no-exit`: the step's exit for what happened
 * is not set (e.g. a menu without `no-input`). `end-of-flow`: voicemail or callback without `next`.
 */
export type HangupReason = 'hangup-step' | 'no-exit' | 'end-of-flow';

export type SimulationErrorCode =
  | 'step-limit'
  | 'missing-step'
  | 'unknown-step-type'
  | 'invalid-step'
  | 'unknown-timezone'
  | 'unknown-flow'
  | 'goto-cycle'
  | 'variable-limit';

/** One listening attempt of a menu or collect step. `digits` is null when no entry was left. */
export interface InputAttempt {
  digits: string | null;
  result: 'accepted' | 'invalid' | 'no-input';
  /** No input: the seconds the prompt waited (the step's `timeout`, default 5). */
  waited?: number;
}

/** One step executed, as `simulate --json` prints it. */
export interface SimulatedStep {
  step: string;
  type: string;
  /** The flow this step belongs to (differs from the top-level flow after a goto-flow). */
  flow: string;
  /**
   * The exit taken: `next`, `open`, a menu key, `branch-2`, `else`, `no-input`, ... null when
   * the call ends in this step or leaves the flow (goto-flow).
   */
  exit: string | null;
  /** The step the exit leads to (absent when the exit is not set or there is none). */
  next?: string;
  /** What was spoken, variables filled in. */
  say?: string;
  audio?: string;
  /** Menu and collect: one record per attempt, each consuming at most one DTMF entry. */
  attempts?: InputAttempt[];
  /** Collect: the value stored. Set and http: the variables assigned. */
  variable?: string;
  value?: string;
  assigned?: Record<string, string>;
  /** Business-hours: the call time in the step's zone, e.g. "Tue 2026-11-24 10:00". */
  localTime?: string;
  /** Condition: the 1-based branch that matched. */
  branch?: number;
  /** assign-dial / callback: the queue; transfer: the number. */
  queue?: string;
  to?: string;
  /** transfer: the ring time and caller id its step sets (absent: the defaults). */
  ringSeconds?: number;
  callerId?: string;
  /** http: the request made and the fixture's status (absent when no fixture matched). */
  request?: string;
  status?: number;
  /** goto-flow: the flow and published version the call continues in. */
  target?: { flow: string; version: number | string };
}

export type SimulationWarningCode =
  | 'undefined-variable'
  | 'invalid-regex'
  | 'no-operator'
  | 'invalid-hours'
  | 'missing-http-fixture'
  | 'missing-json-path'
  | 'unused-digits';

export interface SimulationWarning {
  code: SimulationWarningCode;
  message: string;
  flow?: string;
  step?: string;
  /** Index into `steps` of the step that raised it. */
  index?: number;
}
