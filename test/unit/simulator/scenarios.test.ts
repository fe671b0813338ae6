import * as assert from 'assert';
import { isScenarioFileName, parseCallScenarios, runScenarioFile, runScenarioText } from '../../../src/core/scenarios';
import type { SimulatedFlow } from '../../../src/core/simulator';
import { acme, fixtureText, flowOf } from './helpers';

const acmeFlow: SimulatedFlow = { id: 'acme', version: 'draft', definition: acme };

function run(text: string, flow: SimulatedFlow = acmeFlow) {
  return runScenarioText(text, 'flows/acme/calls.yaml', flow);
}

describe('call scenarios', () => {
  it('recognises calls.yaml and *.calls.yaml', () => {
    assert.ok(isScenarioFileName('calls.yaml'));
    assert.ok(isScenarioFileName('flows/acme/holidays.calls.yaml'));
    assert.ok(!isScenarioFileName('flows/acme/v1.yaml'));
    assert.ok(!isScenarioFileName('.calls.yaml'));
    assert.ok(!isScenarioFileName('recalls.yaml'));
  });

  it('passes the scenarios of the acme fixture, section 9 examples included', () => {
    const report = run(fixtureText('acme.calls.yaml'));
    assert.deepStrictEqual(report.problems, []);
    assert.deepStrictEqual(
      report.results.map((r) => [r.name, r.line, r.passed, r.failures]),
      [
        ['weekday caller reaches sales', 3, true, []],
        ['Christmas goes to voicemail', 9, true, []],
        ['support is transferred', 13, true, []],
        ['busy sales ends in voicemail', 22, true, []],
        ['saturday afternoon is closed', 28, true, []],
      ],
    );
    assert.strictEqual(report.passed, true);
    assert.strictEqual(report.passedCount, 5);
    assert.strictEqual(report.results[0]!.result!.outcome.kind, 'connected');
  });

  it('reads numbers and keys as written, not as YAML numbers', () => {
    const parsed = parseCallScenarios(
      'calls:\n  - name: n\n    from: +14155550123\n    digits: [01, 1234#, "*9"]\n    expect: { outcome: hangup }\n',
      'calls.yaml',
    );
    assert.deepStrictEqual(parsed.problems, []);
    assert.strictEqual(parsed.scenarios[0]!.from, '+14155550123');
    assert.deepStrictEqual(parsed.scenarios[0]!.digits, ['01', '1234#', '*9']);
  });

  it('reports each unmet expectation with the scenario line', () => {
    const report = run(
      [
        'calls:',
        '  - name: wrong everything',
        '    at: 2026-11-24T15:00:00Z',
        '    digits: ["1"]',
        '    expect:',
        '      outcome: voicemail',
        '      queue: support',
        '      to: "+1999"',
        '      path: [welcome, menu]',
        '      says: ["Goodbye"]',
        '      variables: { tier: gold }',
      ].join('\n'),
    );
    const [result] = report.results;
    assert.strictEqual(result!.passed, false);
    assert.strictEqual(result!.line, 2);
    assert.deepStrictEqual(result!.failures, [
      'expected outcome voicemail, got connected to queue sales',
      'expected queue support, got queue sales',
      'expected a transfer to +1999, but the call was not transferred (connected to queue sales)',
      'expected path welcome → menu, got welcome → hours → menu → sales',
      'expected a prompt saying "Goodbye", but no prompt did',
      'expected tier = "gold", got no value',
    ]);
    assert.strictEqual(report.passed, false);
    assert.strictEqual(report.failedCount, 1);
  });

  it('checks error outcomes by message and paths through other flows as flow:step', () => {
    const main = flowOf({ hi: { type: 'play', say: 'Hi', next: 'jump' }, jump: { type: 'goto-flow', flow: 'acme' } });
    const flow: SimulatedFlow = { id: 'main', version: 1, definition: main };
    const text = [
      'calls:',
      '  - name: via acme',
      '    at: 2026-11-24T15:00:00Z',
      '    digits: ["1"]',
      '    expect: { outcome: connected, path: [hi, jump, "acme:welcome", "acme:hours", "acme:menu", "acme:sales"] }',
      '  - name: unpublished target',
      '    at: 2026-11-24T15:00:00Z',
      '    expect: { outcome: error, message: "no published version" }',
    ].join('\n');
    const withAcme = runScenarioText(text, 'calls.yaml', flow, {
      resolvePublished: (id) => (id === 'acme' ? { version: 3, definition: acme } : undefined),
    });
    assert.deepStrictEqual(
      withAcme.results.map((r) => r.failures),
      [[], ['expected outcome error, got voicemail', 'expected an error saying "no published version", got voicemail']],
    );
    const withoutAcme = runScenarioText(text, 'calls.yaml', flow);
    assert.deepStrictEqual(withoutAcme.results[1]!.failures, []);
    assert.match(
      withoutAcme.results[0]!.failures[0]!,
      /expected outcome connected, got error: Step "jump" goes to flow "acme"/,
    );
  });

  it('uses the default call time for scenarios without at, and fails them without one', () => {
    const text = 'calls:\n  - name: whenever\n    expect: { outcome: voicemail }\n';
    assert.deepStrictEqual(run(text).results[0]!.failures, [
      'the call has no `at` time; give one, e.g. at: 2026-11-24T15:00:00Z',
    ]);
    const report = runScenarioText(text, 'calls.yaml', acmeFlow, { defaultAt: '2026-12-25T15:00:00Z' });
    assert.strictEqual(report.passed, true);
  });

  it('runs scenarios with inline http fixtures and transfer outcomes', () => {
    const flow: SimulatedFlow = {
      id: 'crm',
      version: 1,
      definition: flowOf({
        lookup: {
          type: 'http',
          method: 'GET',
          url: 'https://crm.example.com/{{caller.number}}',
          save: { tier: '$.tier' },
          success: 'vip',
          failure: 'out',
        },
        vip: { type: 'transfer', to: '+14155550100', failed: 'sorry' },
        out: { type: 'hangup' },
        sorry: { type: 'voicemail' },
      }),
    };
    const text = [
      'calls:',
      '  - name: gold customer, transfer fails',
      '    at: 2026-11-24T15:00:00Z',
      '    from: "+14155550123"',
      '    transfer: failed',
      '    http:',
      '      "GET https://crm.example.com/+14155550123": { status: 200, body: { tier: gold } }',
      '    expect: { outcome: voicemail, variables: { tier: gold } }',
    ].join('\n');
    const report = runScenarioText(text, 'calls.yaml', flow);
    assert.deepStrictEqual(report.results[0]!.failures, []);
  });

  describe('bad scenario files', () => {
    function problems(text: string) {
      return parseCallScenarios(text, 'flows/acme/calls.yaml').problems.map(
        (p) => `${p.line}:${p.column} ${p.message}`,
      );
    }

    it('points at YAML syntax errors and duplicate keys', () => {
      const [first] = problems('calls:\n  - name: a\n    name: b\n    expect: {}\n');
      assert.match(first!, /^3:5 .*[Uu]nique/);
      assert.strictEqual(problems('calls: [\n').length > 0, true);
    });

    it('needs a calls list', () => {
      assert.deepStrictEqual(problems('- name: x\n'), ['1:1 A scenario file is a map with a `calls:` list of calls.']);
      assert.deepStrictEqual(problems('calls: yes\n'), [
        '1:8 `calls` must be a list of calls, each with a name, inputs and an `expect`.',
      ]);
      assert.deepStrictEqual(problems('cals: []\n'), [
        '1:1 A scenario file has no key "cals"; did you mean "calls"?',
        '1:1 `calls` must be a list of calls, each with a name, inputs and an `expect`.',
      ]);
    });

    it('names the bad field of a call, with its line and a did-you-mean', () => {
      const text = [
        'calls:',
        '  - name: typo',
        '    at: tomorrow',
        '    digit: ["1"]',
        '    agents: { sales: maybe }',
        '    transfer: lost',
        '    expect: { outcome: conected, pth: [a] }',
        '  - at: 2026-11-24T15:00:00Z',
        '    digits: ["1x"]',
      ].join('\n');
      assert.deepStrictEqual(problems(text), [
        '3:9 "typo": "tomorrow" is not a call time. Write it like 2026-11-24T15:00:00Z.',
        '4:5 Call 1 has no key "digit"; did you mean "digits"?',
        '5:22 "typo": agents of queue sales are available or busy, not "maybe".',
        '6:15 "typo": transfer is ok or failed, not "lost".',
        '7:24 "typo": "conected" is not an outcome; use one of connected, transferred, voicemail, callback, hangup, error.',
        '7:34 "typo": expect has no key "pth"; did you mean "path"?',
        '8:5 Call 2 needs a name.',
        '8:5 Call 2 needs an `expect`, e.g. expect: { outcome: voicemail }.',
        '9:14 Call 2: "1x" is not a DTMF entry; use the keys 0-9, * and # (quote entries with # or *, e.g. "1234#").',
      ]);
    });

    it('reports calls that could not be read as failed, in file order, and the file as not passing', () => {
      const text =
        'calls:\n  - name: broken\n    at: soon\n    expect: { outcome: voicemail }\n  - name: fine\n    at: 2026-12-25T15:00:00Z\n    expect: { outcome: voicemail }\n';
      const parsed = parseCallScenarios(text, 'calls.yaml');
      const report = runScenarioFile(parsed, acmeFlow);
      assert.deepStrictEqual(
        report.results.map((r) => [r.name, r.line, r.passed]),
        [
          ['broken', 2, false],
          ['fine', 5, true],
        ],
      );
      assert.match(report.results[0]!.failures[0]!, /"soon" is not a call time/);
      assert.strictEqual(report.passed, false);
    });

    it('refuses two calls with the same name', () => {
      const text =
        'calls:\n  - name: same\n    expect: { outcome: hangup }\n  - name: same\n    expect: { outcome: hangup }\n';
      assert.deepStrictEqual(problems(text), ['4:5 Another call is named "same" too; give each call its own name.']);
    });

    it('points at an http fixture without a status', () => {
      const text =
        'calls:\n  - name: h\n    http:\n      https://a.example.com: { body: {} }\n    expect: { outcome: hangup }\n';
      const [problem] = problems(text);
      assert.match(problem!, /^4:7 "h": The HTTP fixture for "https:\/\/a\.example\.com" needs a status/);
    });
  });
});
