import * as assert from 'assert';
import { LineCounter } from 'yaml';
import { checkFlowGraph } from '../../../src/core/validation/flowGraph';
import { FlowSteps } from '../../../src/core/validation/flowSteps';
import { ProblemReporter } from '../../../src/core/validation/problems';
import { YamlLocator } from '../../../src/core/validation/yamlLocator';
import { assertAt, assertNoProblems, codes, flowWith, GOODBYE, onlyProblem, problemsOf } from './support';

const play = (id: string, next: string): string[] => [`  ${id}:`, '    type: play', '    say: hi', `    next: ${next}`];

describe('validation: the shape of the call', () => {
  it('reports a start step that does not exist, with did-you-mean, at the value', () => {
    const problem = onlyProblem(problemsOf(flowWith([...GOODBYE], 'goodby')), 'unknown-step');
    assert.strictEqual(
      problem.message,
      'The flow starts at "goodby", which is not a step of this flow. Did you mean "goodbye"?',
    );
    assertAt(problem, 3, 8);
  });

  it('reports an exit to a missing step at the exit, with did-you-mean', () => {
    const text = flowWith([...play('welcome', 'goodbey'), ...GOODBYE]);
    const problem = onlyProblem(problemsOf(text), 'unknown-step');
    assert.strictEqual(
      problem.message,
      'Step "welcome": "next" goes to "goodbey", which is not a step of this flow. Did you mean "goodbye"?',
    );
    assertAt(problem, 8, 11);
    assert.strictEqual(problem.severity, 'error');
  });

  it('names menu options and condition branches that go nowhere', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    options:',
      '      "1": salse',
      '      "2": goodbye',
      '  check:',
      '    type: condition',
      '    branches:',
      '      - when: { variable: caller.number, equals: "1" }',
      '        next: nowhere',
      '    else: goodbye',
      ...GOODBYE,
    ]);
    const problems = problemsOf(text).filter((p) => p.code === 'unknown-step');
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.column, p.message]),
      [
        [8, 12, 'Step "welcome": option "1" goes to "salse", which is not a step of this flow.'],
        [14, 15, 'Step "check": branch 1 goes to "nowhere", which is not a step of this flow.'],
      ],
    );
  });

  it('warns about steps no path from the start reaches, at their key', () => {
    const text = flowWith([...play('welcome', 'goodbye'), ...play('orphan', 'goodbye'), ...GOODBYE]);
    const problem = onlyProblem(problemsOf(text), 'unreachable-step');
    assert.strictEqual(problem.severity, 'warning');
    assert.strictEqual(
      problem.message,
      'Step "orphan" is never reached: no path from the start step "welcome" leads to it.',
    );
    assertAt(problem, 9, 3);
  });

  it('reaches steps through every kind of exit', () => {
    const text = flowWith([
      '  welcome:',
      '    type: business-hours',
      '    timezone: UTC',
      '    hours: { mon: ["09:00-17:00"] }',
      '    open: menu',
      '    closed: goodbye',
      '    holiday: vm',
      '  menu:',
      '    type: menu',
      '    options: { "1": dial }',
      '    no-input: vm',
      '    invalid: cb',
      '  dial:',
      '    type: assign-dial',
      '    queue: sales',
      '    no-answer: xfer',
      '  xfer:',
      '    type: transfer',
      '    to: "+14155550100"',
      '    failed: goodbye',
      '  vm:',
      '    type: voicemail',
      '    next: goodbye',
      '  cb:',
      '    type: callback',
      '    queue: sales',
      '    next: goodbye',
      ...GOODBYE,
    ]);
    assertNoProblems(problemsOf(text));
  });

  it('reports a loop of play steps with no way out, once, at its first step', () => {
    const text = flowWith([...play('welcome', 'a'), ...play('a', 'b'), ...play('b', 'a')]);
    const problems = problemsOf(text);
    const problem = onlyProblem(problems, 'no-way-out');
    assert.strictEqual(problem.severity, 'error');
    assert.match(problem.message, /^Calls that reach step "a" can never end: steps "a", "b" only lead to each other\./);
    assertAt(problem, 9, 3);
    assert.deepStrictEqual(codes(problems), ['no-way-out']);
  });

  it('reports a step that only leads back to itself', () => {
    const problem = onlyProblem(problemsOf(flowWith([...play('welcome', 'welcome')])), 'no-way-out');
    assert.match(problem.message, /"welcome" only leads back to itself/);
    assertAt(problem, 5, 3);
  });

  it('accepts a menu that retries itself when one option leads out', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    options: { "1": goodbye, "9": welcome }',
      '    no-input: welcome',
      '    invalid: welcome',
      ...GOODBYE,
    ]);
    assertNoProblems(problemsOf(text));
  });

  it('accepts a menu without a no-input exit looping back to itself: running out of attempts hangs up', () => {
    const text = flowWith(['  welcome:', '    type: menu', '    options: { "1": welcome }', '    invalid: welcome']);
    // Not a loop; only the warning that callers who press nothing are hung up on.
    assert.deepStrictEqual(codes(problemsOf(text)), ['exit-hangs-up']);
  });

  it('reports a menu whose every key and fallback loops back', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    options: { "1": again }',
      '    no-input: welcome',
      '    invalid: welcome',
      ...play('again', 'welcome'),
    ]);
    assertAt(onlyProblem(problemsOf(text), 'no-way-out'), 5, 3);
  });

  it('accepts loops that a condition can leave', () => {
    const text = flowWith([
      '  welcome:',
      '    type: set',
      '    values: { tries: 1 }',
      '    next: check',
      '  check:',
      '    type: condition',
      '    branches:',
      '      - when: { variable: tries, greater-than: 3 }',
      '        next: goodbye',
      '    else: welcome',
      ...GOODBYE,
    ]);
    assertNoProblems(problemsOf(text));
  });

  it('treats voicemail and callback without next as ending the call', () => {
    const text = flowWith(['  welcome:', '    type: voicemail', '  cb:', '    type: callback', '    queue: q']);
    assert.deepStrictEqual(codes(problemsOf(text)), ['unreachable-step']);
  });

  it('does not call a business-hours step without holiday exit a dead end: holidays go to closed', () => {
    const text = flowWith([
      '  welcome:',
      '    type: business-hours',
      '    timezone: UTC',
      '    hours: { mon-fri: ["09:00-17:00"] }',
      '    open: again',
      '    closed: again',
      ...play('again', 'welcome'),
    ]);
    assertAt(onlyProblem(problemsOf(text), 'no-way-out'), 5, 3);
  });

  it('reports each closed loop once and not the steps leading into it', () => {
    const text = flowWith([...play('welcome', 'a'), ...play('a', 'a'), ...play('c', 'd'), ...play('d', 'c')]);
    const problems = problemsOf(text).filter((p) => p.code === 'no-way-out');
    assert.deepStrictEqual(
      problems.map((p) => p.line),
      [9, 13],
    );
  });

  it('reports a loop through 3,000 steps once', () => {
    const steps: string[] = [];
    for (let i = 0; i < 3000; i++)
      steps.push(`  s${i}:`, '    type: play', '    say: hi', `    next: s${(i + 1) % 3000}`);
    const problems = problemsOf(flowWith(steps, 's0'));
    assert.deepStrictEqual(
      problems.map((p) => [p.code, p.line]),
      [['no-way-out', 5]],
    );
    assert.match(problems[0]!.message, /and 2994 more only lead to each other/);
  });

  it('walks a chain of 100,000 steps without overflowing the stack', function () {
    this.timeout(20000);
    const steps: Record<string, unknown> = {};
    const count = 100000;
    for (let i = 0; i < count; i++)
      steps[`s${i}`] = { type: 'play', say: 'hi', next: i + 1 < count ? `s${i + 1}` : 's0' };
    const reporter = new ProblemReporter('x.yaml', new YamlLocator('', new LineCounter(), null));
    checkFlowGraph(new FlowSteps({ start: 's0', steps }), reporter);
    assert.deepStrictEqual(
      reporter.problems.map((p) => p.code),
      ['no-way-out'],
    );
  });
});
