import * as assert from 'node:assert';
import { importFlowSource, InvalidInputError, MAX_IMPORT_BYTES } from '../../../src/core';
import { assertStructurallyValid, stepsOf } from './importHarness';

function refusal(text: string, code: string, message: RegExp): void {
  assert.throws(
    () => importFlowSource(text, { fileName: 'flow.json' }),
    (error: unknown) =>
      error instanceof InvalidInputError &&
      error.code === code &&
      message.test(error.message) &&
      error.hint !== undefined,
  );
}

const studio = (states: unknown[]): string =>
  JSON.stringify({
    initial_state: 'Trigger',
    flags: {},
    states: [
      { name: 'Trigger', type: 'trigger', transitions: [{ event: 'incomingCall', next: 'hello' }], properties: {} },
      ...states,
    ],
  });

describe('import: what it refuses, and hostile input', () => {
  it('a file in none of the dialects says which shapes it knows', () => {
    refusal(
      '{"hello": "world"}',
      'import-unknown-dialect',
      /flow\.json is not a flow export callflow knows \(its top-level keys are "hello"\)/,
    );
    assert.throws(
      () => importFlowSource('[1, 2]', { fileName: 'flow.json' }),
      (error: unknown) =>
        error instanceof InvalidInputError && /Twilio Studio.*Amazon Connect.*Genesys Architect/.test(error.hint ?? ''),
    );
  });

  it('malformed JSON and YAML are refused naming the line and column', () => {
    refusal(
      '{\n  "states": [\n    {"name": "a",}\n  ]\n}',
      'import-malformed',
      /flow\.json is not valid JSON: .*\(line 3, column 18\)\./,
    );
    assert.throws(
      () => importFlowSource('inboundCall:\n  name: x\n   bad: [\n', { fileName: 'flow.yaml' }),
      (error: unknown) =>
        error instanceof InvalidInputError &&
        /flow\.yaml is not valid YAML: .*\(line \d+, column \d+\)\./.test(error.message),
    );
    refusal('', 'import-malformed', /flow\.json is empty/);
  });

  it('a file over the size limit is refused before it is parsed', () => {
    refusal(
      `{"states": [], "pad": "${'x'.repeat(MAX_IMPORT_BYTES)}"}`,
      'import-too-large',
      /flow\.json is too large to import/,
    );
  });

  it('deep nesting is refused with a message, not a stack overflow', () => {
    const deep = '{"states": ' + '['.repeat(100_000) + ']'.repeat(100_000) + '}';
    refusal(deep, 'import-too-deep', /nested more than 64 levels/);
    const deepYaml =
      'inboundCall:\n' + Array.from({ length: 200 }, (_, i) => ' '.repeat(i + 2) + `k${i}:`).join('\n') + ' x\n';
    assert.throws(() => importFlowSource(deepYaml, { fileName: 'deep.yaml' }), InvalidInputError);
  });

  it('__proto__ and constructor are ordinary names: widgets, variables and keys', () => {
    const text = studio([
      {
        name: 'hello',
        type: 'set-variables',
        transitions: [{ event: 'next', next: '__proto__' }],
        properties: {
          variables: [
            { key: '__proto__', value: 'x' },
            { key: 'constructor', value: 'y' },
          ],
        },
      },
      {
        name: '__proto__',
        type: 'say-play',
        transitions: [{ event: 'audioComplete', next: 'constructor' }],
        properties: { say: 'Hi {{flow.variables.__proto__}}' },
      },
      {
        name: 'constructor',
        type: 'say-play',
        transitions: [{ event: 'audioComplete' }],
        properties: { say: 'Bye', __proto__: { polluted: true } },
      },
    ]);
    const imported = importFlowSource(text, { fileName: 'flow.json' });
    assertStructurallyValid(imported);
    const steps = stepsOf(imported);
    assert.deepStrictEqual(steps['hello'], {
      type: 'set',
      values: JSON.parse('{"__proto__": "x", "constructor": "y"}'),
      next: 'proto',
    });
    assert.deepStrictEqual(steps['proto'], { type: 'play', say: 'Hi {{__proto__}}', next: 'constructor' });
    assert.strictEqual(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('a transition to a widget that does not exist hangs up, structurally valid', () => {
    const imported = importFlowSource(
      studio([
        {
          name: 'hello',
          type: 'say-play',
          transitions: [{ event: 'audioComplete', next: 'nowhere' }],
          properties: { say: 'Hi' },
        },
      ]),
      { fileName: 'flow.json' },
    );
    assertStructurallyValid(imported);
    assert.deepStrictEqual(stepsOf(imported)['hello'], { type: 'play', say: 'Hi', next: 'end-call' });
  });

  it('--set is refused for a file that has no placeholders to fill', () => {
    assert.throws(
      () => importFlowSource(studio([]), { fileName: 'flow.json', set: new Map([['a', 'b']]) }),
      (error: unknown) => error instanceof InvalidInputError && error.code === 'import-set-unused',
    );
  });
});
