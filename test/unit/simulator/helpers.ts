import { readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import type { FlowDefinition, Step } from '../../../src/core/model';
import { simulateCall, type SimulateCallRequest, type SimulationResult } from '../../../src/core/simulator';

/** Compiled to <outDir>/test/unit/simulator: the fixtures stay in the source tree. */
export function fixturePath(name: string): string {
  return path.resolve(__dirname, '../../../../test/fixtures/simulator', name);
}

export function fixtureText(name: string): string {
  return readFileSync(fixturePath(name), 'utf8');
}

export function loadFixture(name: string): FlowDefinition {
  return parse(fixtureText(name)) as FlowDefinition;
}

/** The flow of docs/flow-format.md section 4, shared with the validation and graph tests. */
export const acme = parse(
  readFileSync(path.resolve(__dirname, '../../../../test/fixtures/flows/sample-v1.yaml'), 'utf8'),
) as FlowDefinition;

/** A Tuesday, 10:00 in New York. */
export const WEEKDAY_OPEN = '2026-11-24T15:00:00Z';

export function flowOf(steps: Record<string, unknown>, start = Object.keys(steps)[0]!): FlowDefinition {
  return { callflow: 1, trigger: 'incoming-call', start, steps: steps as Record<string, Step> };
}

export type CallInputs = Omit<SimulateCallRequest, 'flow' | 'at'> & { at?: SimulateCallRequest['at'] };

export function call(definition: FlowDefinition, inputs: CallInputs = {}, id = 'test-flow'): SimulationResult {
  return simulateCall({ at: WEEKDAY_OPEN, ...inputs, flow: { id, version: 1, definition } });
}

export function path_(result: SimulationResult): string[] {
  return result.steps.map((s) => s.step);
}

export function exits(result: SimulationResult): Array<string | null> {
  return result.steps.map((s) => s.exit);
}
