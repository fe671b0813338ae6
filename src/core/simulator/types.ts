/**
 * The simulator's contract: what a simulated call is given (section 7 of the flow format)
 * and what it reports (`simulate --json`). Semantics: docs/simulation.md.
 */
import type { FlowDefinition } from '../model';
import type { CallOutcome, SimulatedStep, SimulationWarning } from '../engine/trace';

// The trace and the outcome are the engine's: the simulator, serve and the test call report the same.
export {
  OUTCOME_KINDS,
  type CallOutcome,
  type HangupReason,
  type InputAttempt,
  type OutcomeKind,
  type SimulatedStep,
  type SimulationErrorCode,
  type SimulationWarning,
  type SimulationWarningCode,
} from '../engine/trace';

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
