import * as assert from 'assert';
import { validateFlowText } from '../../../src/core/validation';
import { assertAt, assertNoProblems, codes, fixture, flowWith, GOODBYE, problemsOf } from './support';

describe('validation: exits left unset where the call hangs up', () => {
  it('warns at the step that callers whom no agent answers are hung up on', () => {
    const text = flowWith(['  welcome:', '    type: assign-dial', '    queue: sales']);
    const [problem, ...others] = problemsOf(text);
    assert.deepStrictEqual(others, []);
    assert.strictEqual(problem?.code, 'exit-hangs-up');
    assert.strictEqual(problem.severity, 'warning');
    assert.strictEqual(
      problem.message,
      'Step "welcome": callers whom no agent answers are hung up on. Set "no-answer" to the step they should go to ' +
        '(a voicemail, a callback, or a hangup step that says goodbye).',
    );
    assertAt(problem, 5, 3);
    assert.deepStrictEqual(problem.data, { path: ['steps', 'welcome'], target: 'key', field: 'no-answer' });
  });

  it('names who is hung up on for each exit: menu no-input and invalid, collect no-input, transfer failed', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    options: { "1": account }',
      '  account:',
      '    type: collect',
      '    variable: account',
      '    next: out',
      '  out:',
      '    type: transfer',
      '    to: "+14155550199"',
    ]);
    const problems = problemsOf(text);
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.data?.field, /: (.*) are hung up on\./.exec(p.message)?.[1]]),
      [
        [5, 'no-input', 'callers who press no key'],
        [5, 'invalid', 'callers who keep pressing keys that are not options'],
        [8, 'no-input', 'callers who enter nothing usable'],
        [12, 'failed', 'callers whose transfer does not connect'],
      ],
    );
    assert.ok(problems.every((p) => p.code === 'exit-hangs-up' && p.severity === 'warning'));
  });

  it('is satisfied by an exit to an explicit hangup step', () => {
    const text = flowWith([
      '  welcome:',
      '    type: assign-dial',
      '    queue: sales',
      '    no-answer: goodbye',
      ...GOODBYE,
    ]);
    assertNoProblems(problemsOf(text));
  });

  it('leaves an empty exit to the schema, which reports it once', () => {
    const text = flowWith(['  welcome:', '    type: transfer', '    to: "+14155550199"', '    failed:']);
    assert.deepStrictEqual(codes(problemsOf(text)), ['schema']);
  });

  it('does not block publishing: the flow still has its definition', () => {
    const result = validateFlowText(flowWith(['  welcome:', '    type: assign-dial', '    queue: sales']), 'v1.yaml');
    assert.ok(result.definition);
    assert.ok(result.problems.every((p) => p.severity === 'warning'));
  });

  it('finds nothing to warn about in the sample flow, where every such exit goes to voicemail', () => {
    assertNoProblems(problemsOf(fixture('sample-v1.yaml')));
  });
});
