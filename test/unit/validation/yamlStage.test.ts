import * as assert from 'assert';
import { validateFlowText, validateNumbersText } from '../../../src/core/validation';
import { assertAt, flowWith, GOODBYE, onlyProblem, problemsOf } from './support';
import { FILE_SIZE_LIMITS } from '../../../src/core/fileLimits';

describe('validation: the YAML stage', () => {
  it('reports a YAML syntax error with its line and column, and nothing else', () => {
    const text = flowWith(['  welcome:', '    type: play', '    say: "unclosed', '    next: goodbye', ...GOODBYE]);
    const problems = problemsOf(text);
    assert.ok(problems.length >= 1);
    assert.ok(
      problems.every((p) => p.code === 'yaml-syntax' && p.severity === 'error'),
      JSON.stringify(problems),
    );
    assertAt(problems[0]!, 7, 10);
    assert.match(problems[0]!.message, /^YAML syntax: /);
  });

  it('reports a bad indentation as a syntax error on its line', () => {
    const text = flowWith(['  welcome:', '    type: hangup', '   say: bye']);
    const problem = problemsOf(text)[0]!;
    assert.strictEqual(problem.code, 'yaml-syntax');
    assertAt(problem, 7);
  });

  it('reports a duplicate key at the second occurrence, naming the key', () => {
    const text = flowWith([
      '  welcome:',
      '    type: play',
      '    say: hi',
      '    next: goodbye',
      '    next: welcome',
      ...GOODBYE,
    ]);
    const problem = onlyProblem(problemsOf(text), 'duplicate-key');
    assertAt(problem, 9, 5);
    assert.match(problem.message, /"next" appears twice/);
  });

  it('reports a step defined twice as a duplicate key', () => {
    const text = flowWith([...GOODBYE, '  welcome:', '    type: hangup', ...GOODBYE]);
    const problem = onlyProblem(problemsOf(text), 'duplicate-key');
    assertAt(problem, 9, 3);
    assert.match(problem.message, /"goodbye"/);
  });

  it('refuses an alias bomb quickly with a clear problem instead of expanding it', () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(
        `${name}: &${name} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]`,
      );
    }
    // A hang would show as mocha's timeout; the point here is the refusal.
    const problems = problemsOf(levels.join('\n') + '\n');
    const problem = onlyProblem(problems, 'yaml-alias-limit');
    assertAt(problem, 1, 1);
    assert.match(problem.message, /aliases/);
  });

  it('accepts a few aliases used to repeat a prompt', () => {
    const text = flowWith([
      '  welcome:',
      '    type: play',
      '    say: &hello "Hello"',
      '    next: goodbye',
      '  goodbye:',
      '    type: hangup',
      '    say: *hello',
    ]);
    assert.deepStrictEqual(problemsOf(text), []);
  });

  it('refuses a file over its limit (512 KB for a flow) quickly, without parsing it', () => {
    const text = flowWith([...GOODBYE]) + `# ${'x'.repeat(10 * FILE_SIZE_LIMITS.flow)}\n`;
    const result = validateFlowText(text, 'big.yaml');
    const problem = onlyProblem(result.problems, 'file-too-large');
    assert.match(problem.message, /flow version files are limited to 512 KB/);
    assert.strictEqual(result.definition, undefined);
  });

  it('counts the limit in bytes, not characters', () => {
    const text = `# ${'é'.repeat(0.8 * FILE_SIZE_LIMITS.numbers)}\n`;
    assert.strictEqual(validateNumbersText(text, 'numbers.yaml')[0]?.code, 'file-too-large');
  });

  it('reports an empty flow file as empty', () => {
    const problem = onlyProblem(problemsOf('# nothing yet\n'), 'empty-file');
    assertAt(problem, 1, 1);
  });

  it('reports a file that is a list rather than a mapping', () => {
    const problems = problemsOf('- welcome\n- goodbye\n');
    assert.strictEqual(problems.length, 1);
    assert.match(problems[0]!.message, /The flow must be a mapping/);
  });

  it('reports several documents in one file as a syntax error', () => {
    const problem = onlyProblem(problemsOf(flowWith([...GOODBYE]) + '---\nfoo: 1\n'), 'yaml-syntax');
    assertAt(problem, 7);
  });

  it('never throws, whatever the text', () => {
    for (const text of [
      '',
      '\u0000',
      ':',
      '{',
      '[',
      '"',
      '- - -',
      'a: !!binary xyz',
      '? [a]\n: b',
      'a: *nope',
      '%YAML 9\n---\n',
      '\t',
      'steps: { a: 1 }',
    ]) {
      assert.doesNotThrow(() => validateFlowText(text, 'x.yaml'), JSON.stringify(text));
    }
  });
});
