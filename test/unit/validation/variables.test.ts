import * as assert from 'assert';
import { assertAt, assertNoProblems, flowWith, GOODBYE, onlyProblem, problemsOf } from './support';

describe('validation: variables', () => {
  it('accepts built-ins and variables set by collect, set and http steps anywhere in the flow', () => {
    const text = flowWith([
      '  welcome:',
      '    type: play',
      '    say: "Hi {{ caller.number }} on {{dialed.number}} at {{call.time}}, account {{account}}, {{tier}} {{lang}}"',
      '    next: ask',
      '  ask:',
      '    type: collect',
      '    variable: account',
      '    next: lookup',
      '    no-input: goodbye',
      '  lookup:',
      '    type: http',
      '    method: POST',
      '    url: "https://crm.example.com/{{account}}"',
      '    body: "{\\"lang\\": \\"{{lang}}\\"}"',
      '    save: { tier: customer.tier }',
      '    success: prefs',
      '    failure: goodbye',
      '  prefs:',
      '    type: set',
      '    values: { lang: en, greeting: "Hello {{tier}}" }',
      '    next: check',
      '  check:',
      '    type: condition',
      '    branches:',
      '      - when: { variable: greeting, equals: x }',
      '        next: goodbye',
      '    else: goodbye',
      ...GOODBYE,
    ]);
    assertNoProblems(problemsOf(text));
  });

  it('warns about a {{variable}} nothing sets, pointing at the reference itself', () => {
    const text = flowWith([
      '  welcome:',
      '    type: collect',
      '    variable: account',
      '    next: done',
      '  done:',
      '    type: hangup',
      '    say: "Your account is {{acount}}."',
    ]);
    const problem = onlyProblem(problemsOf(text), 'undefined-variable');
    assert.strictEqual(problem.severity, 'warning');
    assert.strictEqual(
      problem.message,
      '"{{acount}}" uses the variable "acount", which no step sets. Did you mean "account"?',
    );
    assertAt(problem, 11, 27);
    assert.strictEqual(problem.endColumn, 37);
  });

  it('warns about undefined variables in set values, http urls and bodies', () => {
    const text = flowWith([
      '  welcome:',
      '    type: set',
      '    values: { a: "{{nope1}}" }',
      '    next: call',
      '  call:',
      '    type: http',
      '    method: POST',
      '    url: "https://x.example.com/{{nope2}}"',
      '    body: "{{nope3}}"',
      '    success: goodbye',
      '    failure: goodbye',
      ...GOODBYE,
    ]);
    const problems = problemsOf(text).filter((p) => p.code === 'undefined-variable');
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.column]),
      [
        [7, 19],
        [12, 33],
        [13, 12],
      ],
    );
    assert.match(
      problems[0]!.message,
      /Variables come from collect, set and http steps, or are built in: caller\.number, dialed\.number, call\.time\./,
    );
  });

  it('warns about a condition testing a variable nothing sets', () => {
    const text = flowWith([
      '  welcome:',
      '    type: condition',
      '    branches:',
      '      - when: { variable: tier, equals: gold }',
      '        next: goodbye',
      '    else: goodbye',
      ...GOODBYE,
    ]);
    const problem = onlyProblem(problemsOf(text), 'undefined-variable');
    assert.match(problem.message, /^The condition tests "tier", which no step sets\./);
    assertAt(problem, 8, 27);
  });
});
