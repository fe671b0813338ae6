/**
 * The simulator's contract: what a simulated call is given (section 7 of the flow format)
 * and what it reports (`simulate --json`). Semantics: docs/simulation.md.
 */
import type { FlowDefinition } from '../model';

/** A flow version the call can run through. `version` is echoed as given: 3, "v3", "draft". */
export interface SimulatedFlow {
  id: string;
  version: number | string;
  definition: FlowDefinition;
}

/** Another flow's published version, for goto-flow. */
export interface PublishedFlow {
  version: number | string;
  definition: FlowDefinition;
}

/** Returns the published version of a flow, or undefined when the flow is unknown or has none. */
export type PublishedFlowResolver = (flowId: string) => PublishedFlow | undefined;

export type AgentAvailability = 'available' | 'busy';
export type TransferResult = 'ok' | 'failed';

/** A canned response for an http step. `body` is JSON (a JSON string is parsed). */
export interface HttpFixture {
  status: number;
  body?: unknown;
}

export interface SimulateCallRequest {
  flow: SimulatedFlow;
  /** For goto-flow steps; without it every goto-flow ends the call with an error outcome. */
  resolvePublished?: PublishedFlowResolver;
  /** Caller number (`caller.number`). Omitted: a withheld caller id (the variable has no value). */
  from?: string;
  /** Dialed number (`dialed.number`). */
  dialed?: string;
  /** The call instant, ISO 8601 with a zone (`2026-11-24T15:00:00Z`), or a Date. */
  at: string | Date;
  /**
   * DTMF entries in order, one per prompt that listens: "1", "1234#". An empty string is a
   * prompt where the caller pressed nothing. Keys: 0-9 * #.
   */
  digits?: readonly string[];
  /** Agent availability per queue; an unlisted queue's agents are available. `true` = available. */
  agents?: Readonly<Record<string, AgentAvailability | boolean>>;
  /** Outcome of every transfer step (default ok). */
  transfer?: TransferResult;
  /** Keyed by "METHOD url" or by url alone (the method-specific key wins). */
  http?: Readonly<Record<string, HttpFixture>>;
  /** Step executions allowed before the call is stopped with an error (default 1,000). */
  maxSteps?: number;
}

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

export interface SimulationResult {
  flow: string;
  version: number | string;
  outcome: CallOutcome;
  steps: SimulatedStep[];
  warnings: SimulationWarning[];
  /** Every variable's value when the call ended, built-ins included. */
  variables: Record<string, string>;
  /** DTMF entries never consumed. */
  unusedDigits: string[];
}
