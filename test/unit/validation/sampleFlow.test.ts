import * as assert from 'assert';
import { validateFlowText } from '../../../src/core/validation';
import { assertNoProblems, fixture } from './support';

describe('validation of the sample flow of the format (section 4)', () => {
  it('finds no problem at all in the sample flow', () => {
    const result = validateFlowText(fixture('sample-v1.yaml'), 'flows/support-line/v1.yaml');
    assertNoProblems(result.problems);
  });

  it('returns the definition of a valid flow, for the simulator to run', () => {
    const { definition } = validateFlowText(fixture('sample-v1.yaml'), 'v1.yaml');
    assert.ok(definition);
    assert.strictEqual(definition.start, 'welcome');
    assert.deepStrictEqual(Object.keys(definition.steps), [
      'welcome',
      'hours',
      'menu',
      'sales',
      'support',
      'voicemail',
      'goodbye',
    ]);
    assert.deepStrictEqual(definition.steps.menu, {
      type: 'menu',
      say: 'For sales press 1, for support press 2.',
      options: { '1': 'sales', '2': 'support' },
      timeout: 5,
      attempts: 3,
      'no-input': 'voicemail',
      invalid: 'voicemail',
    });
  });

  it('still returns the definition when only semantic checks fail', () => {
    const text = fixture('sample-v1.yaml').replace('America/New_York', 'Mars/Olympus');
    const result = validateFlowText(text, 'v1.yaml');
    assert.deepStrictEqual(
      result.problems.map((p) => p.code),
      ['invalid-timezone'],
    );
    assert.ok(result.definition);
  });

  it('returns no definition when the schema fails', () => {
    const text = fixture('sample-v1.yaml').replace('type: hangup', 'type: hang-up');
    assert.strictEqual(validateFlowText(text, 'v1.yaml').definition, undefined);
  });

  it('accepts every step type with all its fields', () => {
    const result = validateFlowText(fixture('every-step.yaml'), 'v2.yaml');
    assertNoProblems(result.problems);
    assert.ok(result.definition);
  });

  it('reports problems with the file name given, sorted by line', () => {
    const text = fixture('sample-v1.yaml')
      .replace('next: goodbye', 'next: nowhere')
      .replace('"+14155550199"', '"555-0199"')
      .replace('type: play', 'type: play\n    colour: red');
    const problems = validateFlowText(text, 'flows/x/v3.yaml').problems;
    assert.ok(problems.length >= 3);
    assert.ok(problems.every((p) => p.file === 'flows/x/v3.yaml'));
    const lines = problems.map((p) => p.line);
    assert.deepStrictEqual(
      lines,
      [...lines].sort((a, b) => a - b),
    );
  });
});
