/**
 * Runs the scenarios of a file through the simulator. Pure: the caller reads the files and
 * resolves flows; this only simulates and compares.
 */
import { CallflowError } from '../errors';
import { simulateCall } from '../simulator/simulateCall';
import type { PublishedFlowResolver, SimulatedFlow } from '../simulator/types';
import { unmetExpectations } from './expectations';
import { parseCallScenarios } from './parse';
import type { CallScenario, ParsedScenarioFile, ScenarioFileResult, ScenarioResult } from './types';

export interface ScenarioRunOptions {
  /** For goto-flow steps. */
  resolvePublished?: PublishedFlowResolver;
  /**
   * The call time of scenarios without `at`. Without it such a scenario fails: a test that
   * depends on the clock would pass at noon and fail at night.
   */
  defaultAt?: string | Date;
}

export function runCallScenario(
  scenario: CallScenario,
  flow: SimulatedFlow,
  options: ScenarioRunOptions = {},
): ScenarioResult {
  const base = { name: scenario.name, line: scenario.line };
  const at = scenario.at ?? options.defaultAt;
  if (at === undefined) {
    return { ...base, passed: false, failures: ['the call has no `at` time; give one, e.g. at: 2026-11-24T15:00:00Z'] };
  }
  try {
    const result = simulateCall({
      flow,
      resolvePublished: options.resolvePublished,
      at,
      from: scenario.from,
      dialed: scenario.dialed,
      digits: scenario.digits,
      agents: scenario.agents,
      transfer: scenario.transfer,
      http: scenario.http,
    });
    const failures = unmetExpectations(scenario.expect, result);
    return { ...base, passed: failures.length === 0, failures, result };
  } catch (err) {
    if (err instanceof CallflowError) return { ...base, passed: false, failures: [err.message] };
    throw err;
  }
}

/** Runs every scenario of a parsed file; scenarios that could not be read count as failed. */
export function runScenarioFile(
  parsed: ParsedScenarioFile,
  flow: SimulatedFlow,
  options: ScenarioRunOptions = {},
): ScenarioFileResult {
  const results: ScenarioResult[] = parsed.scenarios.map((scenario) => runCallScenario(scenario, flow, options));
  for (const bad of parsed.unreadable)
    results.push({ name: bad.name, line: bad.line, passed: false, failures: bad.problems });
  results.sort((a, b) => a.line - b.line);
  const passedCount = results.filter((r) => r.passed).length;
  return {
    file: parsed.file,
    problems: parsed.problems,
    results,
    passed: parsed.problems.length === 0 && passedCount === results.length,
    passedCount,
    failedCount: results.length - passedCount,
  };
}

/** Parses and runs a scenario file's text. */
export function runScenarioText(
  text: string,
  file: string,
  flow: SimulatedFlow,
  options: ScenarioRunOptions = {},
): ScenarioFileResult {
  return runScenarioFile(parseCallScenarios(text, file), flow, options);
}
