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

export interface DialectExpectation {
  dialect: ImportedFlow['dialect'];
  start: string;
  name?: string;
  /** The source's node ids, read from the fixture's text: each must be reported exactly once. */
  sources?: (text: string) => string[];
}

/**
 * The set-up each dialect's tests share: the fixture imported once, with the tests every import
 * must pass: the dialect detected, the name and start read, a structurally valid draft, and each
 * source node reported once, mapped, approximated (saying why) or dropped (saying why, no steps).
 */
export function importedFixture(relative: string, expected: DialectExpectation): ImportedFlow {
  const imported = importFixture(relative);
  it(`reads ${relative} as ${expected.dialect}, a structurally valid draft starting at ${expected.start}`, () => {
    assert.strictEqual(imported.dialect, expected.dialect);
    if (expected.name !== undefined) assert.strictEqual(imported.name, expected.name);
    assert.strictEqual(imported.definition.start, expected.start);
    assertStructurallyValid(imported);
  });
  const sources = expected.sources;
  if (sources)
    it(`reports every node of ${relative} once, mapped, approximated or dropped, saying why`, () => {
      assert.deepStrictEqual(imported.report.map((e) => e.source).sort(), sources(fixtureText(relative)).sort());
      for (const entry of imported.report) {
        assert.ok(['mapped', 'approximated', 'dropped'].includes(entry.result));
        if (entry.result !== 'mapped') assert.notStrictEqual(entry.note, '', `${entry.source} says why`);
        if (entry.result === 'dropped') assert.deepStrictEqual(entry.steps, []);
      }
    });
  return imported;
}
