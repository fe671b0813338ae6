import * as assert from 'assert';
import { applyEnvironment, parseSettings, type EnvironmentSettings } from '../../../src/core';
import { assertAt, assertNoProblems, flowWith, GOODBYE, onlyProblem, problemsOf, workspace } from './support';

const environments = (values: Record<string, Record<string, string>>): EnvironmentSettings[] =>
  Object.entries(values).map(([name, v]) => ({ name, values: v, numbersFile: `numbers.${name}.yaml` }));

const withEnvironments = (values: Record<string, Record<string, string>>) => ({
  ...workspace({}),
  environments: environments(values),
});

/** welcome (line 5) transfers to {{env.support_number}} (line 7), then says goodbye. */
const transferFlow = flowWith([
  '  welcome:',
  '    type: transfer',
  '    to: "{{env.support_number}}"',
  '    failed: goodbye',
  ...GOODBYE,
]);

describe('validation: {{env.NAME}} per environment', () => {
  it('accepts a reference every environment fills with a value the field takes', () => {
    assertNoProblems(
      problemsOf(
        transferFlow,
        withEnvironments({ staging: { support_number: '+14155550111' }, prod: { support_number: '+14155550199' } }),
      ),
    );
  });

  it('reports, at the reference, an environment that has no value for it', () => {
    const problem = onlyProblem(
      problemsOf(transferFlow, withEnvironments({ staging: { support_number: '+14155550111' }, prod: {} })),
      'missing-environment-value',
    );
    assert.strictEqual(problem.severity, 'error');
    assert.match(
      problem.message,
      /^prod has no value for support_number\. Add support_number under environments\.prod\.values/,
    );
    assertAt(problem, 7, 10);
  });

  it("applies the field's rules to each environment's value, naming the environments where it fails", () => {
    const problems = problemsOf(
      transferFlow,
      withEnvironments({ staging: { support_number: '+14155550111' }, prod: { support_number: '555-0199' } }),
    );
    assert.strictEqual(problems.length, 1, JSON.stringify(problems));
    assert.match(problems[0]!.message, /^In prod: /);
    assert.strictEqual(problems[0]!.severity, 'error');
    assertAt(problems[0]!, 7);
  });

  it('reports a problem every environment shares once, without naming them', () => {
    const problems = problemsOf(
      transferFlow,
      withEnvironments({ staging: { support_number: 'none' }, prod: { support_number: 'none' } }),
    );
    assert.strictEqual(problems.length, 1, JSON.stringify(problems));
    assert.doesNotMatch(problems[0]!.message, /^In /);
  });

  it('says so when a flow uses {{env.…}} in a workspace without environments', () => {
    const problem = onlyProblem(problemsOf(transferFlow, workspace({})), 'no-environments');
    assert.match(problem.message, /callflow\.yaml defines no environments/);
    assertAt(problem, 7, 10);
  });

  it("allows a secret only in an http step's url and body, and never warns it is an undefined variable", () => {
    const flow = flowWith([
      '  welcome:',
      '    type: http',
      '    method: GET',
      '    url: "https://crm.example.com/lookup?token={{secret.CRM_TOKEN}}"',
      '    success: goodbye',
      '    failure: spoken',
      '  spoken:',
      '    type: play',
      '    say: "Your code is {{secret.CRM_TOKEN}}"',
      '    next: goodbye',
      ...GOODBYE,
    ]);
    const problems = problemsOf(flow, withEnvironments({ prod: {} }));
    const problem = onlyProblem(problems, 'secret-outside-http');
    assertAt(problem, 13);
    assert.ok(!problems.some((p) => p.code === 'undefined-variable'), JSON.stringify(problems));
  });

  it('refuses a reference that names no value', () => {
    const flow = flowWith(['  welcome:', '    type: play', '    say: "Hi {{env.}}"', '    next: goodbye', ...GOODBYE]);
    onlyProblem(problemsOf(flow, withEnvironments({ prod: {} })), 'invalid-environment-reference');
  });

  it('leaves a flow without references exactly as before', () => {
    const flow = flowWith([
      '  welcome:',
      '    type: play',
      '    say: "Hi {{caller.number}}"',
      '    next: goodbye',
      ...GOODBYE,
    ]);
    assert.deepStrictEqual(problemsOf(flow, withEnvironments({ prod: {} })), problemsOf(flow, workspace({})));
  });
});

describe('environments in callflow.yaml', () => {
  it('reads each environment with its values as text and its numbers file (default numbers.<env>.yaml)', () => {
    const settings = parseSettings(
      [
        'environments:',
        '  staging:',
        '    values:',
        '      support_number: "+14155550111"',
        '      retries: 3',
        '  prod:',
        '    numbers: numbers.yaml',
      ].join('\n'),
    );
    assert.deepStrictEqual(
      settings.environments?.map((e) => ({ ...e, values: { ...e.values } })),
      [
        {
          name: 'staging',
          values: { support_number: '+14155550111', retries: '3' },
          numbersFile: 'numbers.staging.yaml',
        },
        { name: 'prod', values: {}, numbersFile: 'numbers.yaml' },
      ],
    );
    assert.strictEqual(parseSettings('timezone: Europe/London\n').environments, undefined);
  });

  for (const [text, message] of [
    ['environments:\n  Prod: {}\n', /must start with a lower-case letter/],
    ['environments:\n  prod:\n    values:\n      1st: x\n', /is not a value name/],
    ['environments:\n  prod:\n    url: x\n', /has only values: and numbers:/],
    ['environments:\n  a:\n    numbers: n.yaml\n  b:\n    numbers: n.yaml\n', /both use n\.yaml/],
    ['environments:\n  prod:\n    numbers: ../numbers.yaml\n', /numbers must be a file name beside callflow\.yaml/],
  ] as const) {
    it(`refuses ${JSON.stringify(text)} with a message saying what to write`, () => {
      assert.throws(
        () => parseSettings(text),
        (err: Error) => message.test(err.message),
      );
    });
  }

  it('fills an environment into a parsed flow without touching secrets, unknown names or the original', () => {
    const flow = {
      steps: { a: { to: '{{env.n}}', url: 'x?t={{secret.T}}&u={{ env.missing }}', list: ['{{env.n}}'] } },
    };
    const filled = applyEnvironment(flow, { n: '+1' });
    assert.deepStrictEqual(filled, {
      steps: { a: { to: '+1', url: 'x?t={{secret.T}}&u={{ env.missing }}', list: ['+1'] } },
    });
    assert.strictEqual(flow.steps.a.to, '{{env.n}}');
  });
});
