/**
 * Call scenarios (flow format section 9): `flows/<flow-id>/calls.yaml` and `*.calls.yaml`,
 * each a list of calls with inputs and what the call is expected to do.
 */
import type { AgentAvailability, HttpFixture, OutcomeKind, SimulationResult, TransferResult } from '../simulator/types';

export interface ScenarioExpectation {
  outcome?: OutcomeKind;
  /** The queue connected to (or, for a callback, the queue that calls back). */
  queue?: string;
  /** The number transferred to. */
  to?: string;
  mailbox?: string;
  /** Text the error outcome's message contains. */
  message?: string;
  /** Step ids in order; `flow:step` names a step of another flow. */
  path?: string[];
  /** Texts each of which some prompt of the call contains. */
  says?: string[];
  /** Variables' values when the call ended. */
  variables?: Record<string, string>;
}

export interface CallScenario {
  name: string;
  /** 1-based line of the scenario's entry in the file. */
  line: number;
  at?: string;
  from?: string;
  dialed?: string;
  digits: string[];
  agents: Record<string, AgentAvailability>;
  transfer?: TransferResult;
  http: Record<string, HttpFixture>;
  expect: ScenarioExpectation;
}

/** A problem in a scenario file, positioned like a validation problem (1-based). */
export interface ScenarioProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface ParsedScenarioFile {
  file: string;
  /** Every scenario that could be read (the others are in `problems`). */
  scenarios: CallScenario[];
  problems: ScenarioProblem[];
  /** Scenarios that could not be read, by name and line, so a run still reports them as failed. */
  unreadable: Array<{ name: string; line: number; problems: string[] }>;
}

export interface ScenarioResult {
  name: string;
  /** 1-based line of the scenario in its file. */
  line: number;
  passed: boolean;
  /** One message per unmet expectation (empty when passed). */
  failures: string[];
  /** The simulated call (absent when the scenario could not be run). */
  result?: SimulationResult;
}

export interface ScenarioFileResult {
  file: string;
  /** Problems of the file itself: YAML errors, unknown keys, bad values. */
  problems: ScenarioProblem[];
  results: ScenarioResult[];
  /** True when the file has no problems and every scenario passed. */
  passed: boolean;
  passedCount: number;
  failedCount: number;
}
