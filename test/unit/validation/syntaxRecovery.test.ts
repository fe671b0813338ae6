import * as assert from 'assert';
import { validateFlowText, validateNumbersText } from '../../../src/core/validation';
import { assertAt, codes, describe as listProblems, flowWith, GOODBYE, onlyProblem, problemsOf } from './support';

describe('validation: YAML syntax errors, in plain words and recovered from', () => {
  it('still reports a dangling exit on line 8 when line 40 has a syntax error', () => {
    const filler: string[] = [];
    for (let i = 1; filler.length < 30; i++) filler.push(`  s${i}:`, '    type: hangup');
    const text = flowWith([
      '  welcome:',
      '    type: play',
      '    say: Hi',
      '    next: goodbey', // line 8
      ...GOODBYE,
      ...filler,
      '  broken:', // line 41
      '    type: hangup',
      '   say: bye', // line 43: bad indentation
    ]);
    const problems = problemsOf(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.code]),
      [
        [8, 'unknown-step'],
        [43, 'yaml-syntax'],
      ],
      listProblems(problems),
    );
    assert.match(problems[0]!.message, /Did you mean "goodbye"\?/);
  });

  it('keeps the schema problems of other steps, and drops what the error garbled', () => {
    const text = flowWith([
      '  welcome:',
      '    type: play',
      '    sya: Hi',
      '    next: menu',
      '  menu:',
      '    type: menu',
      '    options: { "1": goodbye',
      '    no-input: goodbye',
      '    invalid: goodbye',
      ...GOODBYE,
    ]);
    const problems = problemsOf(text);
    assert.deepStrictEqual(codes(problems), ['missing-field', 'unknown-field', 'yaml-syntax'], listProblems(problems));
    assertAt(onlyProblem(problems, 'unknown-field'), 7, 5);
  });

  it('never hands the simulator a file with a syntax error', () => {
    const text = flowWith(['  welcome:', '    type: hangup', '    say: @hello']);
    const result = validateFlowText(text, 'v1.yaml');
    assert.strictEqual(result.definition, undefined);
    assert.deepStrictEqual(codes(result.problems), ['yaml-syntax']);
  });

  it('does not report steps an unclosed quote swallowed as missing', () => {
    const text = flowWith([
      '  welcome:',
      '    type: play',
      '    say: Hi',
      '    next: nowhere',
      '  menu:',
      '    type: play',
      '    say: "unclosed',
      '    next: goodbye',
      ...GOODBYE,
    ]);
    const problems = problemsOf(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.code]),
      [
        [8, 'unknown-step'],
        [11, 'yaml-syntax'],
      ],
      listProblems(problems),
    );
    assert.strictEqual(
      problems[1]!.message,
      'YAML syntax: the quoted text that starts here is never closed. Add the closing quote.',
    );
  });

  it('recovers in numbers.yaml too', () => {
    const problems = validateNumbersText(
      'numbers:\n  "555-0100": support-line\n  "+14155550100": [x\n',
      'numbers.yaml',
    );
    assert.deepStrictEqual(codes(problems), ['invalid-phone-number', 'yaml-syntax'], listProblems(problems));
  });

  describe('messages an admin understands', () => {
    const messageOf = (steps: string[]): string => onlyProblem(problemsOf(flowWith(steps)), 'yaml-syntax').message;

    it('says a line is indented unlike its neighbours', () => {
      assert.strictEqual(
        messageOf(['  welcome:', '    type: hangup', '   say: bye']),
        'YAML syntax: This line is not indented like the lines around it. Fields of one step start in the same column; indent with spaces, two per level.',
      );
    });

    it('says a tab is not allowed as indentation', () => {
      assert.match(messageOf(['  welcome:', '\ttype: hangup']), /indented with a tab.*replace the tab with spaces/);
    });

    it('says a colon is missing', () => {
      assert.match(messageOf(['  welcome:', '    type hangup', '    say: bye']), /no colon after its field name/);
    });

    it('says a value starting with @ needs quotes', () => {
      assert.match(messageOf(['  welcome:', '    type: hangup', '    say: @home']), /cannot start with "@".*in quotes/);
    });

    it('says a bracket is not closed', () => {
      assert.match(messageOf(['  welcome: { type: hangup', ...GOODBYE]), /\{ … \} mapping is not closed/);
    });

    it('says a second document starts', () => {
      const problem = onlyProblem(problemsOf(flowWith([...GOODBYE]) + '---\nfoo: 1\n'), 'yaml-syntax');
      assert.match(problem.message, /second YAML document starts here \(---\)/);
      assertAt(problem, 7, 1);
    });
  });
});
