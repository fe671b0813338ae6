import * as assert from 'assert';
import {
  applyTextEdits,
  quickFixesFor,
  type QuickFix,
  type QuickFixContext,
} from '../../../src/core/language/quickFixes';
import {
  validateFlowText,
  validateNumbersText,
  validateSettingsText,
  type Problem,
} from '../../../src/core/validation';
import { describe as listProblems, workspace } from '../validation/support';

const FILE = 'flows/support-line/v1.yaml';

function lines(...text: string[]): string {
  return text.join('\n') + '\n';
}

const HEADER = ['callflow: 1', 'trigger: incoming-call', 'start: welcome', 'steps:'];

function flow(...steps: string[]): string {
  return lines(...HEADER, ...steps);
}

function problemOf(problems: Problem[], code: string): Problem {
  const found = problems.filter((p) => p.code === code);
  assert.strictEqual(found.length, 1, `one "${code}" expected:\n${listProblems(problems)}`);
  return found[0]!;
}

function fixesOf(text: string, code: string, validate = flowProblems, context: QuickFixContext = {}): QuickFix[] {
  return quickFixesFor(text, problemOf(validate(text), code), context);
}

function flowProblems(text: string): Problem[] {
  return validateFlowText(text, FILE).problems;
}

/** Applies the fix with this title and returns the text; fails listing the titles when there is none. */
function applied(text: string, fixes: QuickFix[], title: string): string {
  const chosen = fixes.find((f) => f.title === title);
  assert.ok(chosen, `no fix "${title}" among: ${fixes.map((f) => f.title).join(' | ')}`);
  return applyTextEdits(text, chosen.edits);
}

describe('quick fixes', () => {
  describe('what an import leaves to fill in', () => {
    const hoursStep = (...fields: string[]): string =>
      flow(
        '  welcome:',
        '    type: business-hours',
        '    timezone: America/New_York',
        '    hours: {}',
        ...fields,
        '    open: goodbye',
        '    closed: goodbye',
        '  goodbye:',
        '    type: hangup',
      );
    const london = {
      flow: 'uk-line',
      version: 3,
      step: 'hours',
      timezone: 'Europe/London',
      hours: { 'mon-fri': ['08:00-18:00'], sat: ['09:00-12:00'] },
      holidays: ['2026-12-25'],
    };

    it('no-opening-hours: takes the hours the workspace already uses, with their zone and holidays', () => {
      const text = hoursStep();
      const fixes = fixesOf(text, 'no-opening-hours', flowProblems, { schedules: [london, { ...london, version: 4 }] });
      assert.deepStrictEqual(
        fixes.map((f) => [f.title, f.preferred ?? false]),
        [
          [
            'Use the hours of uk-line (hours): Open Mon–Fri 08:00–18:00, Sat 09:00–12:00 London time; closed on 25 Dec 2026.',
            true,
          ],
          ['Fill in weekday hours (Mon–Fri 09:00–17:00), to adjust', false],
        ],
      );
      const fixed = applyTextEdits(text, fixes[0]!.edits);
      assert.match(fixed, /^ {4}timezone: Europe\/London$/m);
      assert.match(fixed, /^ {4}hours: \{ mon-fri: \["08:00-18:00"\], sat: \["09:00-12:00"\] \}$/m);
      assert.match(fixed, /^ {4}holidays: \["2026-12-25"\]$/m);
      assert.deepStrictEqual(flowProblems(fixed), []);
    });

    it('no-opening-hours: without hours elsewhere, weekday hours to adjust', () => {
      const text = hoursStep();
      const fixed = applied(
        text,
        fixesOf(text, 'no-opening-hours'),
        'Fill in weekday hours (Mon–Fri 09:00–17:00), to adjust',
      );
      assert.match(fixed, /^ {4}hours: \{ mon-fri: \["09:00-17:00"\] \}$/m);
      assert.deepStrictEqual(flowProblems(fixed), []);
    });

    it('unplayable-audio: a say prompt replaces it, the prompt id kept in a comment', () => {
      const text = flow(
        '  welcome:',
        '    type: play',
        '    audio: "connect-prompt:arn:aws:connect:us-east-1:1:instance/i/prompt/welcome-en"',
        '    next: goodbye',
        '  goodbye:',
        '    type: hangup',
      );
      const fixed = applied(
        text,
        fixesOf(text, 'unplayable-audio'),
        'Replace with a say prompt (keeping "connect-prompt:arn:aws:connect:us-east-1:1:instance/i/prompt/welcome-en" in a comment)',
      );
      assert.strictEqual(
        fixed,
        flow(
          '  welcome:',
          '    type: play',
          '    # was audio: connect-prompt:arn:aws:connect:us-east-1:1:instance/i/prompt/welcome-en',
          '    say: "The words of the prompt welcome-en."',
          '    next: goodbye',
          '  goodbye:',
          '    type: hangup',
        ),
      );
      assert.deepStrictEqual(flowProblems(fixed), []);
    });

    it('unplayable-audio beside a say: the say is played, the id kept in a comment', () => {
      const text = flow(
        '  welcome:',
        '    type: play',
        '    say: Welcome.',
        '    audio: genesys-prompt:Prompt.Welcome',
        '    next: goodbye',
        '  goodbye:',
        '    type: hangup',
      );
      const [only] = fixesOf(text, 'unplayable-audio');
      assert.strictEqual(
        only!.title,
        'Play the step\'s say text instead (keeping "genesys-prompt:Prompt.Welcome" in a comment)',
      );
      const fixed = applyTextEdits(text, only!.edits);
      assert.match(fixed, /^ {4}# was audio: genesys-prompt:Prompt\.Welcome\n {4}next: goodbye$/m);
      assert.deepStrictEqual(flowProblems(fixed), []);
    });
  });

  describe('did you mean', () => {
    it('changes an exit to the step it probably meant, keeping the comment after it', () => {
      const text = flow(
        '  welcome:',
        '    type: play',
        '    say: Hi',
        '    next: goodbey # then hang up',
        '  goodbye:',
        '    type: hangup',
      );
      const fixes = fixesOf(text, 'unknown-step');
      assert.deepStrictEqual(
        fixes.map((f) => [f.title, f.preferred ?? false]),
        [
          ['Change to "goodbye"', true],
          ['Create step "goodbey" (a hangup step to fill in)', false],
        ],
      );
      assert.strictEqual(applied(text, fixes, 'Change to "goodbye"'), text.replace('goodbey #', 'goodbye #'));
    });

    it('keeps the quotes of a quoted value, and fixes the start step', () => {
      const text = lines(
        'callflow: 1',
        'trigger: incoming-call',
        'start: "goodby"',
        'steps:',
        '  goodbye:',
        '    type: hangup',
      );
      const result = applied(text, fixesOf(text, 'unknown-step'), 'Change to "goodbye"');
      assert.strictEqual(result, text.replace('"goodby"', '"goodbye"'));
      assert.deepStrictEqual(flowProblems(result), []);
    });

    it('renames a misspelt field', () => {
      const text = flow('  welcome:', '    type: play', '    sya: Hi', '    next: bye', '  bye:', '    type: hangup');
      const result = applied(text, fixesOf(text, 'unknown-field'), 'Change to "say"');
      assert.strictEqual(result, text.replace('sya:', 'say:'));
    });

    it('corrects a step type', () => {
      const text = flow('  welcome:', '    type: hang-up');
      const result = applied(text, fixesOf(text, 'unknown-step-type'), 'Change to "hangup"');
      assert.strictEqual(result, flow('  welcome:', '    type: hangup'));
    });

    it('corrects a time zone in a flow and in callflow.yaml', () => {
      const text = flow(
        '  welcome:',
        '    type: business-hours',
        '    timezone: America/New_Yrok',
        '    hours: { mon-fri: ["09:00-17:00"] }',
        '    open: bye',
        '    closed: bye',
        '  bye:',
        '    type: hangup',
      );
      const result = applied(text, fixesOf(text, 'invalid-timezone'), 'Change to "America/New_York"');
      assert.strictEqual(result, text.replace('New_Yrok', 'New_York'));
      const settings = 'flowsDir: flows\ntimezone: Europe/Lodnon\n';
      const validate = (t: string): Problem[] => validateSettingsText(t, 'callflow.yaml');
      assert.strictEqual(
        applied(settings, fixesOf(settings, 'invalid-timezone', validate), 'Change to "Europe/London"'),
        'flowsDir: flows\ntimezone: Europe/London\n',
      );
    });

    it('corrects a variable inside a prompt, touching only the placeholder', () => {
      const text = flow(
        '  welcome:',
        '    type: collect',
        '    variable: account',
        '    next: bye',
        '    no-input: bye',
        '  bye:',
        '    type: hangup',
        '    say: "Account {{acount}}, goodbye."',
      );
      const result = applied(text, fixesOf(text, 'undefined-variable'), 'Change to "{{account}}"');
      assert.strictEqual(result, text.replace('{{acount}}', '{{account}}'));
    });

    it('corrects an http method by its case', () => {
      const text = flow(
        '  welcome:',
        '    type: http',
        '    method: get',
        '    url: https://crm.example.com',
        '    success: bye',
        '    failure: bye',
        '  bye:',
        '    type: hangup',
      );
      const result = applied(text, fixesOf(text, 'schema'), 'Change to "GET"');
      assert.strictEqual(result, text.replace('method: get', 'method: GET'));
    });

    it('corrects a day key and a goto-flow target', () => {
      const text = flow(
        '  welcome:',
        '    type: business-hours',
        '    timezone: UTC',
        '    hours: { monday: ["09:00-17:00"] }',
        '    open: next-flow',
        '    closed: next-flow',
        '  next-flow:',
        '    type: goto-flow',
        '    flow: biling',
      );
      const context = workspace({ billing: { published: true } }, 'support-line');
      const validate = (t: string): Problem[] => validateFlowText(t, FILE, context).problems;
      let result = applied(text, fixesOf(text, 'invalid-day', validate), 'Change to "mon"');
      result = applied(result, fixesOf(result, 'unknown-flow', validate), 'Change to "billing"');
      assert.strictEqual(result, text.replace('monday:', 'mon:').replace('flow: biling', 'flow: billing'));
      assert.deepStrictEqual(validate(result), []);
    });

    it('offers no replacement when nothing is close, only the stub step', () => {
      const text = flow('  welcome:', '    type: play', '    say: Hi', '    next: zzzzzzzz');
      assert.deepStrictEqual(
        fixesOf(text, 'unknown-step').map((f) => f.title),
        ['Create step "zzzzzzzz" (a hangup step to fill in)'],
      );
    });
  });

  describe('creating a missing step', () => {
    it("adds a hangup stub right after the step that names it, in the file's indentation", () => {
      const text = lines(
        ...HEADER,
        '    welcome:',
        '        type: play',
        '        say: Hi',
        '        next: sales',
        '    bye:',
        '        type: hangup',
      );
      const result = applied(text, fixesOf(text, 'unknown-step'), 'Create step "sales" (a hangup step to fill in)');
      assert.strictEqual(
        result,
        lines(
          ...HEADER,
          '    welcome:',
          '        type: play',
          '        say: Hi',
          '        next: sales',
          '    sales:',
          '        type: hangup',
          '    bye:',
          '        type: hangup',
        ),
      );
      assert.ok(!flowProblems(result).some((p) => p.code === 'unknown-step'));
    });

    it('adds the stub at the end of a file without a final newline', () => {
      const text = flow('  welcome:', '    type: play', '    say: Hi', '    next: sales').trimEnd();
      const result = applied(text, fixesOf(text, 'unknown-step'), 'Create step "sales" (a hangup step to fill in)');
      assert.strictEqual(result, `${text}\n  sales:\n    type: hangup`);
    });
  });

  it('quotes an unquoted phone number key in numbers.yaml', () => {
    const text = 'numbers:\n  +14155550100: support-line # main line\n';
    const validate = (t: string): Problem[] => validateNumbersText(t, 'numbers.yaml');
    const fixes = fixesOf(text, 'invalid-phone-number', validate);
    assert.deepStrictEqual(
      fixes.map((f) => [f.title, f.preferred]),
      [['Put +14155550100 in quotes', true]],
    );
    const result = applied(text, fixes, 'Put +14155550100 in quotes');
    assert.strictEqual(result, 'numbers:\n  "+14155550100": support-line # main line\n');
    assert.deepStrictEqual(validate(result), []);
  });

  it('quotes an unquoted transfer number', () => {
    const text = flow(
      '  welcome:',
      '    type: transfer',
      '    to: +14155550199',
      '    failed: bye',
      '  bye:',
      '    type: hangup',
    );
    const result = applied(text, fixesOf(text, 'schema'), 'Put +14155550199 in quotes');
    assert.strictEqual(result, text.replace('to: +14155550199', 'to: "+14155550199"'));
    assert.deepStrictEqual(flowProblems(result), []);
  });

  it('removes an unreachable step with its lines, leaving its neighbours and comments as they were', () => {
    const text = flow(
      '  welcome:',
      '    type: play',
      '    say: Hi # greeting',
      '    next: bye',
      '  orphan:',
      '    type: play',
      '    say: |',
      '      Nobody hears this.',
      '    next: bye',
      '  # the end',
      '  bye:',
      '    type: hangup',
    );
    const fixes = fixesOf(text, 'unreachable-step');
    assert.deepStrictEqual(
      fixes.map((f) => [f.title, f.preferred ?? false]),
      [['Remove step "orphan" (no call reaches it)', false]],
    );
    assert.strictEqual(
      applyTextEdits(text, fixes[0]!.edits),
      flow(
        '  welcome:',
        '    type: play',
        '    say: Hi # greeting',
        '    next: bye',
        '  # the end',
        '  bye:',
        '    type: hangup',
      ),
    );
  });

  it('swaps inverted min and max digits', () => {
    const text = flow(
      '  welcome:',
      '    type: collect',
      '    variable: pin',
      '    min-digits: 8 # at least',
      '    max-digits: 4',
      '    next: bye',
      '    no-input: bye',
      '  bye:',
      '    type: hangup',
    );
    const fixes = fixesOf(text, 'min-greater-than-max');
    assert.deepStrictEqual(
      fixes.map((f) => [f.title, f.preferred]),
      [['Swap "min-digits" and "max-digits" (4 to 8 digits)', true]],
    );
    const result = applyTextEdits(text, fixes[0]!.edits);
    assert.strictEqual(
      result,
      text.replace('min-digits: 8', 'min-digits: 4').replace('max-digits: 4', 'max-digits: 8'),
    );
    assert.deepStrictEqual(flowProblems(result), []);
  });

  describe('adding a missing required exit', () => {
    it('goes on to the step written after it, or to a hangup step', () => {
      const text = flow(
        '  welcome:',
        '    type: play',
        '    say: Hi',
        '  menu:',
        '    type: menu',
        '    options: { "1": bye }',
        '    no-input: bye',
        '    invalid: bye',
        '  bye:',
        '    type: hangup',
      );
      const fixes = fixesOf(text, 'missing-field');
      assert.deepStrictEqual(
        fixes.map((f) => [f.title, f.preferred ?? false]),
        [
          ['Add "next: menu"', false],
          ['Add "next: bye"', false],
        ],
      );
      const result = applied(text, fixes, 'Add "next: menu"');
      assert.strictEqual(result, text.replace('    say: Hi\n', '    say: Hi\n    next: menu\n'));
      assert.deepStrictEqual(flowProblems(result), []);
    });

    it('adds the exit inside a one-line step', () => {
      const text = flow('  welcome: { type: set, values: { a: 1 } }', '  bye:', '    type: hangup');
      const fixes = fixesOf(text, 'missing-field');
      assert.deepStrictEqual(
        fixes.map((f) => [f.title, f.preferred]),
        [['Add "next: bye"', true]],
      );
      assert.strictEqual(
        applyTextEdits(text, fixes[0]!.edits),
        flow('  welcome: { type: set, values: { a: 1 }, next: bye }', '  bye:', '    type: hangup'),
      );
    });

    it('offers nothing for a missing field that is not an exit', () => {
      const text = flow('  welcome:', '    type: assign-dial', '    no-answer: bye', '  bye:', '    type: hangup');
      assert.deepStrictEqual(fixesOf(text, 'missing-field'), []);
    });
  });

  describe('connecting an exit that hangs up', () => {
    it("sends callers to the flow's voicemail, callback or hangup steps, the only one preferred", () => {
      const text = flow(
        '  welcome:',
        '    type: assign-dial',
        '    queue: sales',
        '    timeout: 60 # a minute',
        '  vm:',
        '    type: voicemail',
        '    next: bye',
        '  bye:',
        '    type: hangup',
      );
      const fixes = fixesOf(text, 'exit-hangs-up');
      assert.deepStrictEqual(
        fixes.map((f) => [f.title, f.preferred ?? false]),
        [
          ['Send callers whom no agent answers to "vm"', false],
          ['Send callers whom no agent answers to "bye"', false],
        ],
      );
      const result = applied(text, fixes, 'Send callers whom no agent answers to "vm"');
      assert.strictEqual(result, text.replace('# a minute\n', '# a minute\n    no-answer: vm\n'));
      assert.deepStrictEqual(flowProblems(result), []);
    });

    it('prefers the one place to send them when there is one', () => {
      const text = flow('  welcome:', '    type: transfer', '    to: "+14155550199"', '  bye:', '    type: hangup');
      const fixes = fixesOf(text, 'exit-hangs-up');
      assert.deepStrictEqual(
        fixes.map((f) => [f.title, f.preferred]),
        [['Send callers whose transfer does not connect to "bye"', true]],
      );
    });

    it('adds a goodbye step when the flow has nowhere to send them', () => {
      const text = flow('  welcome:', '    type: menu', '    options: { "1": welcome }', '    invalid: welcome');
      const fixes = fixesOf(text, 'exit-hangs-up');
      assert.deepStrictEqual(
        fixes.map((f) => f.title),
        ['Callers who press no key: say goodbye in a new step "goodbye"'],
      );
      const result = applyTextEdits(text, fixes[0]!.edits);
      assert.strictEqual(
        result,
        flow(
          '  welcome:',
          '    type: menu',
          '    options: { "1": welcome }',
          '    invalid: welcome',
          '    no-input: goodbye',
          '  goodbye:',
          '    type: hangup',
          '    say: "Sorry, we could not take your call. Goodbye."',
        ),
      );
      assert.deepStrictEqual(flowProblems(result), []);
    });
  });

  it('offers nothing for problems without a mechanical fix or without data', () => {
    const text = flow('  welcome:', '    type: hangup');
    assert.deepStrictEqual(quickFixesFor(text, { code: 'no-way-out' }), []);
    assert.deepStrictEqual(quickFixesFor(text, { code: 'unknown-step' }), []);
  });

  it('offers nothing when the text has moved on from the problem', () => {
    const text = flow(
      '  welcome:',
      '    type: play',
      '    say: Hi',
      '    next: goodbey',
      '  goodbye:',
      '    type: hangup',
    );
    const problem = problemOf(flowProblems(text), 'unknown-step');
    assert.deepStrictEqual(quickFixesFor('callflow: 1\n', problem), []);
  });
});
