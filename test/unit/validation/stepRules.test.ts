import * as assert from 'assert';
import { assertAt, assertNoProblems, flowWith, GOODBYE, onlyProblem, problemsOf } from './support';

const hours = (...lines: string[]): string =>
  flowWith([
    '  welcome:',
    '    type: business-hours',
    ...lines,
    '    open: goodbye',
    '    closed: goodbye',
    ...GOODBYE,
  ]);

describe('validation: business hours', () => {
  it('reports an unknown time zone with did-you-mean, at the value', () => {
    const problem = onlyProblem(problemsOf(hours('    timezone: Europe/Londn', '    hours: {}')), 'invalid-timezone');
    assert.strictEqual(
      problem.message,
      '"Europe/Londn" is not a time zone. Did you mean "Europe/London"? Use an IANA name such as America/New_York or Europe/London.',
    );
    assertAt(problem, 7, 15);
  });

  it('accepts IANA zones and UTC', () => {
    for (const zone of ['UTC', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'Pacific/Chatham']) {
      assertNoProblems(problemsOf(hours(`    timezone: ${zone}`, '    hours: { mon-fri: ["09:00-17:00"] }')));
    }
  });

  it('reports a step with no opening hours at all (what an import leaves to fill in), at the hours', () => {
    const problem = onlyProblem(problemsOf(hours('    timezone: UTC', '    hours: {}')), 'no-opening-hours');
    assert.strictEqual(
      problem.message,
      '"welcome" lists no opening hours, so every call would go to "closed". Give the hours per day, e.g. mon-fri: ["09:00-17:00"].',
    );
    assertAt(problem, 8, 12);
  });

  it('reports malformed time ranges at the range', () => {
    const text = hours(
      '    timezone: UTC',
      '    hours:',
      '      mon: ["9:00-17:00", "09:00-17:60", "09:00 to 17:00", "24:00-24:00", "08:00-24:01"]',
    );
    const problems = problemsOf(text).filter((p) => p.code === 'invalid-time-range');
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.column]),
      [
        [9, 13],
        [9, 27],
        [9, 42],
        [9, 60],
        [9, 75],
      ],
    );
    assert.match(problems[0]!.message, /^"9:00-17:00" is not a time range\. Write HH:MM-HH:MM/);
  });

  it('accepts 24:00 as the end of a range', () => {
    assertNoProblems(
      problemsOf(hours('    timezone: UTC', '    hours:', '      mon: ["00:00-24:00"]', '      tue: [18:00-24:00]')),
    );
  });

  it('reports inverted and empty ranges', () => {
    const text = hours(
      '    timezone: UTC',
      '    hours:',
      '      mon-fri:',
      '        - "17:00-09:00"',
      '        - 10:00-10:00',
    );
    const problems = problemsOf(text).filter((p) => p.code === 'inverted-time-range');
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.column]),
      [
        [10, 11],
        [11, 11],
      ],
    );
    assert.match(problems[0]!.message, /ends before it starts/);
  });

  it('reports keys that are not a day or a day range, suggesting the short form', () => {
    const text = hours(
      '    timezone: UTC',
      '    hours:',
      '      monday-friday: ["09:00-17:00"]',
      '      weekdays: ["09:00-17:00"]',
    );
    const problems = problemsOf(text).filter((p) => p.code === 'invalid-day');
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.column]),
      [
        [9, 7],
        [10, 7],
      ],
    );
    assert.match(problems[0]!.message, /^"monday-friday" is not a day or a day range\. Did you mean "mon-fri"\?/);
    assert.doesNotMatch(problems[1]!.message, /Did you mean/);
  });

  it('accepts day ranges across the weekend', () => {
    assertNoProblems(
      problemsOf(hours('    timezone: UTC', '    hours: { sun-thu: ["09:00-17:00"], fri-sat: ["10:00-12:00"] }')),
    );
  });

  it('reports holidays that are not real dates', () => {
    const text = hours(
      '    timezone: UTC',
      '    hours: {}',
      '    holidays: ["2026-02-29", "2028-02-29", "2026-13-01", "25/12/2026"]',
    );
    const problems = problemsOf(text).filter((p) => p.code === 'invalid-date');
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.column]),
      [
        [9, 16],
        [9, 44],
        [9, 58],
      ],
    );
    assert.strictEqual(
      problems[0]!.message,
      '"2026-02-29" is not a date. Write holidays as YYYY-MM-DD, e.g. 2026-12-25.',
    );
  });
});

describe('validation: step fields', () => {
  it('reports menu keys that are not one phone key, at the key', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    options:',
      '      "1": goodbye',
      '      "10": goodbye',
      '      a: goodbye',
      '      "#": goodbye',
      ...GOODBYE,
    ]);
    const problems = problemsOf(text).filter((p) => p.code === 'invalid-dtmf-key');
    assert.deepStrictEqual(
      problems.map((p) => [p.line, p.column]),
      [
        [9, 7],
        [10, 7],
      ],
    );
    assert.strictEqual(
      problems[0]!.message,
      '"10" is not a key callers can press. Each option is one phone key: 0-9, * or # (in quotes: "*", "#").',
    );
  });

  it('reports a collect step whose min-digits exceeds max-digits, at min-digits', () => {
    const text = flowWith([
      '  welcome:',
      '    type: collect',
      '    variable: pin',
      '    min-digits: 6',
      '    max-digits: 4',
      '    next: goodbye',
      ...GOODBYE,
    ]);
    const problem = onlyProblem(problemsOf(text), 'min-greater-than-max');
    assert.strictEqual(
      problem.message,
      '"min-digits" (6) is more than "max-digits" (4), so no input could ever be accepted.',
    );
    assertAt(problem, 8, 17);
  });

  it('reports a finish-on that is not one phone key', () => {
    const text = flowWith([
      '  welcome:',
      '    type: collect',
      '    variable: pin',
      '    finish-on: "##"',
      '    next: goodbye',
      ...GOODBYE,
    ]);
    assertAt(onlyProblem(problemsOf(text), 'invalid-dtmf-key'), 8, 16);
  });

  it('reports a transfer number not in E.164 form, suggesting the E.164 spelling', () => {
    const text = flowWith(['  welcome:', '    type: transfer', '    to: "(415) 555-0199"']);
    const problem = onlyProblem(problemsOf(text), 'invalid-phone-number');
    assert.strictEqual(
      problem.message,
      '"(415) 555-0199" is not a phone number in E.164 form. Write a plus sign, the country code and the number, with no spaces, in quotes (e.g. "+14155550199").',
    );
    assertAt(problem, 7, 9);
  });

  it('reports an invalid regular expression in a condition', () => {
    const text = flowWith([
      '  welcome:',
      '    type: condition',
      '    branches:',
      '      - when: { variable: caller.number, matches: "^(+44" }',
      '        next: goodbye',
      '    else: goodbye',
      ...GOODBYE,
    ]);
    const problem = onlyProblem(problemsOf(text), 'invalid-regex');
    assert.match(problem.message, /^"\^\(\+44" is not a pattern callflow can run \(missing argument/);
    assertAt(problem, 8, 51);
  });

  it('reports a pattern RE2 cannot run (a backreference, a lookahead) with the syntax to use', () => {
    for (const pattern of ['(a)\\\\1', '^(?=1)']) {
      const text = flowWith([
        '  welcome:',
        '    type: condition',
        '    branches:',
        `      - when: { variable: caller.number, matches: "${pattern}" }`,
        '        next: goodbye',
        '    else: goodbye',
        ...GOODBYE,
      ]);
      const problem = onlyProblem(problemsOf(text), 'invalid-regex');
      assert.match(problem.message, /RE2 syntax: that of JavaScript without backreferences/, pattern);
    }
  });

  it('reports an http url that is not a web address', () => {
    const text = flowWith([
      '  welcome:',
      '    type: http',
      '    method: GET',
      '    url: "crm/lookup?n={{caller.number}}"',
      '    success: goodbye',
      '    failure: goodbye',
      ...GOODBYE,
    ]);
    assertAt(onlyProblem(problemsOf(text), 'invalid-url'), 8, 10);
  });

  it('reports a goto-flow target that cannot be a flow id', () => {
    const text = flowWith(['  welcome:', '    type: goto-flow', '    flow: Billing Line']);
    assertAt(onlyProblem(problemsOf(text), 'invalid-flow-id'), 7, 11);
  });
});

describe('validation: audio', () => {
  it("reports audio that names another system's prompt or an address callflow cannot play, at the value", () => {
    const text = flowWith([
      '  welcome:',
      '    type: play',
      '    audio: connect-prompt:arn:aws:connect:us-east-1:1:instance/2/prompt/3',
      '    next: other',
      '  other:',
      '    type: play',
      '    audio: prompts/welcome.wav',
      '    next: third',
      '  third:',
      '    type: play',
      '    audio: https://cdn.example.com/welcome.wav',
      '    next: goodbye',
      ...GOODBYE,
    ]);
    const problem = onlyProblem(problemsOf(text), 'unplayable-audio');
    assert.match(
      problem.message,
      /^"connect-prompt:arn:aws:connect:us-east-1:1:instance\/2\/prompt\/3" is not a recording callflow can play\./,
    );
    assertAt(problem, 7, 12);
  });
});

describe("validation: a transfer's ring-seconds and caller-id", () => {
  const transfer = (...lines: string[]): string =>
    flowWith([
      '  welcome:',
      '    type: transfer',
      '    to: "+14155550199"',
      ...lines,
      '    failed: goodbye',
      ...GOODBYE,
    ]);

  it('accepts a ring time of 5 to 120 s and caller, dialed or a number as caller id', () => {
    for (const callerId of ['caller', 'dialed', '"+14155550100"'])
      assertNoProblems(problemsOf(transfer('    ring-seconds: 20', `    caller-id: ${callerId}`)));
  });

  it('says what a caller id may be, at the value', () => {
    const problem = onlyProblem(problemsOf(transfer('    caller-id: withheld')), 'schema');
    assert.strictEqual(
      problem.message,
      '"caller-id" ("withheld") is not a caller id: give "caller" (the caller\'s own number), "dialed" (the number the caller dialed) or a number of yours in E.164 form, in quotes ("+14155550100").',
    );
    assertAt(problem, 8, 16);
  });

  it('bounds the ring time', () => {
    assert.match(onlyProblem(problemsOf(transfer('    ring-seconds: 600')), 'schema').message, /at most 120/);
    assert.match(onlyProblem(problemsOf(transfer('    ring-seconds: 2')), 'schema').message, /at least 5/);
  });
});
