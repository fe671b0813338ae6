import * as assert from 'assert';
import { validateFlowText } from '../../../src/core/validation';
import { assertAt, assertNoJargon, codes, fixture, flowWith, GOODBYE, onlyProblem, problemsOf } from './support';

describe("validation: schema problems in an admin's words", () => {
  it("says which field a step is missing and what it is for, at the step's key", () => {
    const text = flowWith(['  welcome:', '    type: menu', '    say: "Press 1"', '    no-input: goodbye', ...GOODBYE]);
    const problem = onlyProblem(problemsOf(text), 'missing-field');
    assert.strictEqual(problem.message, 'Step "welcome" is missing "options" (the keys callers can press).');
    assertAt(problem, 5, 3);
  });

  it('names an unknown field at its key and lists the fields of that step type', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    options: { "1": goodbye }',
      '    colour: red',
      ...GOODBYE,
    ]);
    const problem = onlyProblem(problemsOf(text), 'unknown-field');
    assert.strictEqual(
      problem.message,
      '"colour" is not a field of a menu step. Fields of a menu step: say, audio, options, timeout, attempts, no-input, invalid.',
    );
    assertAt(problem, 8, 5);
    assert.strictEqual(problem.endColumn, 11);
  });

  it('suggests the field an unknown one is a typo of', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    options: { "1": goodbye }',
      '    timout: 5',
      ...GOODBYE,
    ]);
    assert.match(onlyProblem(problemsOf(text), 'unknown-field').message, /Did you mean "timeout"\?/);
  });

  it('reports an unknown step type once, with did-you-mean and the list of types', () => {
    const text = flowWith(['  welcome:', '    type: frobnicate', '    next: goodbye', ...GOODBYE]);
    const problems = problemsOf(text);
    const problem = onlyProblem(problems, 'unknown-step-type');
    assert.match(
      problem.message,
      /^"frobnicate" is not a step type\. Step types: play, menu, collect, condition, business-hours, set, assign-dial, transfer, voicemail, callback, http, goto-flow, hangup\.$/,
    );
    assertAt(problem, 6, 11);
    assert.deepStrictEqual(codes(problems), ['unknown-step-type'], 'no other noise for the same root cause');
    assert.match(
      onlyProblem(problemsOf(text.replace('frobnicate', 'hangupp')), 'unknown-step-type').message,
      /Did you mean "hangup"\?/,
    );
  });

  it('checks a step only against its own type', () => {
    const text = flowWith([
      '  welcome:',
      '    type: transfer',
      '    to: "+14155550100"',
      '    next: goodbye',
      ...GOODBYE,
    ]);
    const problem = onlyProblem(problemsOf(text), 'unknown-field');
    assert.match(
      problem.message,
      /"next" is not a field of a transfer step\. Fields of a transfer step: to, ring-seconds, caller-id, failed\./,
    );
  });

  it('reports a step without a type at the step key', () => {
    const text = flowWith(['  welcome:', '    say: hi', '    next: goodbye', ...GOODBYE]);
    const problems = problemsOf(text);
    const problem = onlyProblem(problems, 'missing-field');
    assert.match(problem.message, /^Step "welcome" has no "type"\. Step types: play, /);
    assertAt(problem, 5, 3);
    assert.deepStrictEqual(codes(problems), ['missing-field']);
  });

  it('says what kind of value a field takes, at the value', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    options: { "1": goodbye }',
      '    timeout: soon',
      ...GOODBYE,
    ]);
    const problem = onlyProblem(problemsOf(text), 'schema');
    assert.strictEqual(problem.message, '"timeout" must be a number of seconds.');
    assertAt(problem, 8, 14);
  });

  it('tells to quote a phone number YAML read as a number', () => {
    const text = flowWith(['  welcome:', '    type: transfer', '    to: +14155550100']);
    const problem = onlyProblem(problemsOf(text), 'schema');
    assert.strictEqual(problem.message, '"to" must be text. Put it in quotes: "+14155550100".');
    assertAt(problem, 7, 9);
  });

  it('says a field left empty is empty', () => {
    const text = flowWith(['  welcome:', '    type: play', '    say: hi', '    next:', ...GOODBYE]);
    const problem = onlyProblem(problemsOf(text), 'schema');
    assert.strictEqual(problem.message, '"next" is empty: it must be text.');
    assertAt(problem, 8, 5);
  });

  it('reports a play step with nothing to play once', () => {
    const text = flowWith(['  welcome:', '    type: play', '    next: goodbye', ...GOODBYE]);
    const problems = problemsOf(text);
    assert.deepStrictEqual(codes(problems), ['missing-field']);
    assert.match(problems[0]!.message, /Step "welcome" has nothing to play: give it "say" .* or "audio"/);
    assertAt(problems[0]!, 5, 3);
  });

  it('reports a step that is not a mapping', () => {
    const text = flowWith(['  welcome: hangup']);
    const problem = onlyProblem(problemsOf(text), 'schema');
    assert.match(problem.message, /^Step "welcome" must be a mapping of fields/);
    assertAt(problem, 5, 12);
  });

  it('reports a condition test without an operator, and one with two', () => {
    const text = flowWith([
      '  welcome:',
      '    type: condition',
      '    branches:',
      '      - when: { variable: caller.number }',
      '        next: goodbye',
      '      - when: { variable: caller.number, equals: "1", in: ["2"] }',
      '        next: goodbye',
      '    else: goodbye',
      ...GOODBYE,
    ]);
    const problems = problemsOf(text);
    assert.match(problems[0]!.message, /^The "when" of branch 1 of step "welcome" has no test\. Add one of: equals, /);
    assertAt(problems[0]!, 8, 9);
    assert.match(
      problems[1]!.message,
      /^The "when" of branch 2 of step "welcome" has more than one test \(equals, in\)/,
    );
    assertAt(problems[1]!, 10, 9);
    assert.strictEqual(problems.length, 2);
  });

  it('suggests the condition operator an unknown one is a typo of', () => {
    const text = flowWith([
      '  welcome:',
      '    type: condition',
      '    branches:',
      '      - when: { variable: caller.number, equal: "1" }',
      '        next: goodbye',
      '    else: goodbye',
      ...GOODBYE,
    ]);
    const problem = onlyProblem(problemsOf(text), 'unknown-field');
    assert.match(problem.message, /^"equal" is not a field of a condition test\. Did you mean "equals"\?/);
    assertAt(problem, 8, 42);
  });

  it('reports a branch missing its next at the branch', () => {
    const text = flowWith([
      '  welcome:',
      '    type: condition',
      '    branches:',
      '      - when: { variable: caller.number, equals: "1" }',
      '    else: goodbye',
      ...GOODBYE,
    ]);
    const problem = onlyProblem(problemsOf(text), 'missing-field');
    assert.strictEqual(problem.message, 'Branch 1 of step "welcome" is missing "next" (the step to go to next).');
    assertAt(problem, 8, 9);
  });

  it('reports invalid step ids at the key', () => {
    const text = flowWith([
      '  welcome:',
      '    type: play',
      '    say: hi',
      '    next: Good_Bye',
      '  Good_Bye:',
      '    type: hangup',
    ]);
    const problem = problemsOf(text).find((p) => p.code === 'schema')!;
    assert.match(problem.message, /^"Good_Bye" is not a valid step id: use lowercase letters/);
    assertAt(problem, 9, 3);
  });

  it('reports a wrong format version and trigger', () => {
    const text = flowWith([...GOODBYE], 'goodbye')
      .replace('callflow: 1', 'callflow: 2')
      .replace('incoming-call', 'outgoing-call');
    const problems = problemsOf(text);
    assert.strictEqual(problems[0]!.message, '"callflow" must be 1 (the format version, always 1).');
    assertAt(problems[0]!, 1, 11);
    assert.match(problems[1]!.message, /^"trigger" must be "incoming-call"/);
    assertAt(problems[1]!, 2, 10);
  });

  it('reports a missing top-level field at the top of the file', () => {
    const problem = onlyProblem(problemsOf('callflow: 1\ntrigger: incoming-call\nstart: a\n'), 'missing-field');
    assert.strictEqual(problem.message, 'The flow is missing "steps" (the steps of the flow).');
    assertAt(problem, 1, 1);
  });

  it('reports out-of-range numbers and unknown methods in plain words', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    options: { "1": lookup }',
      '    attempts: 0',
      '    timeout: -1',
      '    no-input: goodbye',
      '    invalid: goodbye',
      '  lookup:',
      '    type: http',
      '    method: get',
      '    url: https://x.example.com',
      '    success: goodbye',
      '    failure: goodbye',
      ...GOODBYE,
    ]);
    const messages = problemsOf(text).map((p) => `${p.line} ${p.message}`);
    assert.deepStrictEqual(messages, [
      '8 "attempts" must be at least 1.',
      '9 "timeout" must be more than 0.',
      '14 "method" must be one of: GET, POST, PUT, PATCH, DELETE. Did you mean "GET"?',
    ]);
  });

  it('never uses AJV jargon, however broken the flow', () => {
    const broken = [
      flowWith(['  a:', '    type: menu', '    options: 3', '    x: 1']),
      flowWith(['  a:', '    type: condition', '    branches: [1, {when: 2}, {}]']),
      flowWith(['  a:', '    type: business-hours', '    hours: [1]', '    holidays: {a: 1}']),
      flowWith(['  a:', '    type: set', '    values: { "bad name": [1] }']),
      flowWith(['  a:', '    type: http', '    save: { x: 1 }', '    method: 3']),
      flowWith(['  a:', '    type: collect', '    min-digits: 1.5', '    attempts: 99']),
      flowWith(['  a: []', '  b: { type: [play] }', '  c: { type: 7 }', '  D: { type: hangup }']),
      'callflow: "1"\ntrigger: 5\nstart: []\nsteps: []\nextra: 1\n',
      fixture('sample-v1.yaml').replace(/type: \w+/g, 'type: nope'),
    ];
    for (const text of broken) {
      const problems = validateFlowText(text, 'x.yaml').problems;
      assert.ok(problems.length > 0);
      assertNoJargon(problems);
    }
  });
});
