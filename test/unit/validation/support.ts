/** Helpers for the validation tests: flows written line by line, so line numbers are easy to read off. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import {
  validateFlowText,
  type Problem,
  type ValidationOptions,
  type WorkspaceContext,
} from '../../../src/core/validation';

export const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/flows');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

/** Lines 1-4 are the header; the given step lines start at line 5. */
export function flowWith(steps: string[], start = 'welcome'): string {
  return ['callflow: 1', 'trigger: incoming-call', `start: ${start}`, 'steps:', ...steps].join('\n') + '\n';
}

export function problemsOf(text: string, context?: WorkspaceContext, options?: ValidationOptions): Problem[] {
  return validateFlowText(text, 'flows/support-line/v1.yaml', context, options).problems;
}

/** The single problem with this code; fails listing all problems when there is not exactly one. */
export function onlyProblem(problems: Problem[], code: string): Problem {
  const matching = problems.filter((p) => p.code === code);
  assert.strictEqual(matching.length, 1, `expected one "${code}" problem, got:\n${describe(problems)}`);
  return matching[0]!;
}

export function assertAt(problem: Problem, line: number, column?: number): void {
  assert.strictEqual(problem.line, line, `line of: ${problem.message}`);
  if (column !== undefined) assert.strictEqual(problem.column, column, `column of: ${problem.message}`);
}

export function assertNoProblems(problems: Problem[]): void {
  assert.deepStrictEqual(problems, [], describe(problems));
}

export function codes(problems: Problem[]): string[] {
  return problems.map((p) => p.code);
}

export function describe(problems: Problem[]): string {
  return problems.map((p) => `  ${p.line}:${p.column} ${p.severity} ${p.code} ${p.message}`).join('\n');
}

/** AJV's own phrases, which must never reach an admin. */
export const AJV_JARGON = [
  /must have required property/,
  /must NOT have/,
  /must match/,
  /must be equal to/,
  /propertyName/,
  /instancePath/,
  /schemaPath/,
  /oneOf|anyOf|allOf/,
  /additional properties/i,
];

export function assertNoJargon(problems: Problem[]): void {
  for (const problem of problems) {
    for (const jargon of AJV_JARGON) assert.doesNotMatch(problem.message, jargon, problem.message);
  }
}

export interface FakeFlow {
  published: boolean;
  gotoTargets?: string[];
}

export function workspace(flows: Record<string, FakeFlow>, flowId?: string): WorkspaceContext {
  return {
    flowId,
    flowExists: (id) => id in flows,
    hasPublishedVersion: (id) => flows[id]?.published ?? false,
    publishedGotoTargets: (id) => flows[id]?.gotoTargets ?? [],
    flowIds: () => Object.keys(flows),
  };
}

/** A play step that ends by hanging up: a common way out for the graph tests. */
export const GOODBYE = ['  goodbye:', '    type: hangup'];
