/** Shared by the import tests: fixtures, the structural checks every imported flow must pass, a simulated call. */
import * as assert from 'node:assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  importFlowSource,
  simulateCall,
  validateFlowText,
  type ImportedFlow,
  type ImportOptions,
  type SimulateCallRequest,
  type SimulationResult,
} from '../../../src/core';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/import');

export function fixtureText(relative: string): string {
  return readFileSync(path.join(FIXTURES, relative), 'utf8');
}

export function importFixture(relative: string, options: Partial<ImportOptions> = {}): ImportedFlow {
  return importFlowSource(fixtureText(relative), { fileName: path.basename(relative), ...options });
}

/** Codes an imported draft must never have: it is structurally a flow, whatever is left to fill in. */
const STRUCTURAL = new Set([
  'yaml-syntax',
  'schema',
  'missing-field',
  'unknown-field',
  'unknown-step-type',
  'unknown-step',
  'duplicate-key',
]);

export function problemsOf(imported: ImportedFlow): { code: string; line: number; message: string }[] {
  return validateFlowText(imported.text, 'flows/imported/v1.yaml').problems.map((p) => ({
    code: p.code,
    line: p.line,
    message: p.message,
  }));
}

export function assertStructurallyValid(imported: ImportedFlow): void {
  const structural = problemsOf(imported).filter((p) => STRUCTURAL.has(p.code));
  assert.deepStrictEqual(structural, [], imported.text);
  assert.ok(validateFlowText(imported.text, 'flows/imported/v1.yaml').definition, 'the draft passes the schema');
}

/** The line of the file a step's key is on (1-based). */
export function lineOfStep(imported: ImportedFlow, step: string): number {
  return imported.text.split('\n').findIndex((line) => line === `  ${step}:`) + 1;
}

export function simulate(imported: ImportedFlow, inputs: Partial<SimulateCallRequest> = {}): SimulationResult {
  return simulateCall({
    flow: { id: 'imported', version: 'draft', definition: imported.definition },
    at: '2026-11-24T15:00:00Z',
    from: '+14155550123',
    ...inputs,
  });
}

export function pathOf(result: SimulationResult): string[] {
  return result.steps.map((s) => s.step);
}

export function entryFor(imported: ImportedFlow, source: string): ImportedFlow['report'][number] {
  const entry = imported.report.find((e) => e.source === source);
  assert.ok(entry, `a report entry for ${source}`);
  return entry;
}

/** What the admin does after an import: fill in the hours the source kept outside the flow. */
export function withHoursFilledIn(
  imported: ImportedFlow,
  hours: Record<string, string[]> = { 'mon-sun': ['00:00-24:00'] },
): ImportedFlow {
  const definition = structuredClone(imported.definition);
  for (const step of Object.values(definition.steps)) if (step.type === 'business-hours') step.hours = hours;
  return { ...imported, definition };
}

/** The steps as plain JSON values (the import builds records without a prototype, so that `__proto__` is an ordinary key). */
export function stepsOf(imported: ImportedFlow): Record<string, Record<string, unknown>> {
  return JSON.parse(JSON.stringify(imported.definition.steps)) as Record<string, Record<string, unknown>>;
}
