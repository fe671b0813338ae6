import * as assert from 'node:assert';
import { InvalidInputError } from '../../../src/core';
import {
  assertStructurallyValid,
  entryFor,
  importFixture,
  importedFixture,
  lineOfStep,
  pathOf,
  problemsOf,
  simulate,
  stepsOf,
  withHoursFilledIn,
} from './importHarness';

describe('import from Genesys Architect (Archy YAML)', () => {
  const main = importedFixture('genesys-archy/main-ivr.yaml', {
    dialect: 'genesys-archy',
    name: 'Acme Main IVR',
    start: 'initial-greeting',
  });

  it('starts with the initial greeting, then the startUpRef task', () => {
    assert.deepStrictEqual(stepsOf(main)['initial-greeting'], {
      type: 'play',
      say: 'Thank you for calling Acme.',
      next: 'remember-caller',
    });
  });

  it('makes one menu of a menu and its choices, the flow repeat count its attempts', () => {
    assert.deepStrictEqual(stepsOf(main)['main-menu'], {
      type: 'menu',
      say: 'For sales press 1. For billing press 2. To leave a message press 8. To hear this again press star. To hang up press 9.',
      options: { '1': 'sales-message', '2': 'account-number', '8': 'message', '*': 'main-menu', '9': 'goodbye' },
      timeout: 6,
      attempts: 3,
      'no-input': 'end-call',
      invalid: 'end-call',
    });
    assert.strictEqual(entryFor(main, 'Main Menu/Spoken billing').result, 'dropped');
    assert.deepStrictEqual(stepsOf(main)['sales-message'], {
      type: 'play',
      say: 'Connecting you to sales.',
      next: 'sales',
    });
    assert.deepStrictEqual(stepsOf(main)['sales'], {
      type: 'assign-dial',
      queue: 'Sales Queue',
      priority: 5,
      'no-answer': 'sales-failed',
    });
    assert.deepStrictEqual(entryFor(main, 'Main Menu/Sales').steps, ['sales-message', 'sales']);
  });

  it('maps the actions of tasks and their outputs, going on after each output', () => {
    const s = stepsOf(main);
    assert.deepStrictEqual(s['remember-caller'], {
      type: 'set',
      values: { caller: '{{caller.number}}', line: 'main' },
      next: 'office-hours',
    });
    assert.deepStrictEqual(s['office-hours'], {
      type: 'business-hours',
      timezone: 'America/New_York',
      hours: {},
      open: 'main-menu',
      closed: 'closed-message',
      holiday: 'holiday-message',
    });
    assert.deepStrictEqual(s['closed-message'], {
      type: 'play',
      audio: 'genesys-prompt:Prompt.ClosedMessage',
      next: 'disconnect',
    });
    assert.deepStrictEqual(s['account-number'], {
      type: 'collect',
      say: 'Enter your account number, then press pound.',
      variable: 'account',
      'min-digits': 4,
      'max-digits': 10,
      'finish-on': '#',
      next: 'look-up-account',
      'no-input': 'billing-voicemail',
    });
    assert.deepStrictEqual(s['look-up-account'], {
      type: 'http',
      method: 'POST',
      url: 'fill in the https address that replaces the data action Get Account Tier',
      success: 'is-gold',
      failure: 'lookup-failed',
      save: { tier: 'tier', balance: 'balance' },
    });
    assert.deepStrictEqual(s['is-gold'], {
      type: 'condition',
      branches: [{ when: { variable: 'tier', equals: 'gold' }, next: 'gold-line' }],
      else: 'balance-check',
    });
    assert.deepStrictEqual(s['balance-check'], {
      type: 'condition',
      branches: [{ when: { variable: 'balance', 'greater-than': 1000 }, next: 'to-collections' }],
      else: 'billing-queue',
    });
    assert.deepStrictEqual(s['gold-line'], {
      type: 'transfer',
      to: '+14155550199',
      'caller-id': '+14155550100',
      failed: 'billing-queue',
    });
    assert.deepStrictEqual(s['to-collections'], { type: 'goto-flow', flow: 'collections-line' });
    assert.deepStrictEqual(s['billing-voicemail'], { type: 'voicemail', mailbox: 'Billing' });
    assert.deepStrictEqual(s['message'], { type: 'voicemail', mailbox: 'Front Desk' });
    assert.strictEqual(entryFor(main, 'Billing/Wrapup').result, 'dropped');
    assert.strictEqual(entryFor(main, 'Start/Set Language').result, 'dropped');
  });

  it('leaves the schedule, the prompt and the data action to fill in, at their lines', () => {
    const problems = problemsOf(main);
    const codes = problems.map((p) => p.code);
    assert.deepStrictEqual([...new Set(codes)].sort(), ['invalid-url', 'no-opening-hours', 'unplayable-audio']);
    assert.strictEqual(problems.find((p) => p.code === 'no-opening-hours')!.line, lineOfStep(main, 'office-hours') + 3);
    assert.match(main.text, /# imported: Genesys schedule group Office Hours Group: fill in the opening hours/);
  });

  it('runs the same paths as the source once the hours and the address are filled in', () => {
    const filled = withHoursFilledIn(main);
    const lookup = filled.definition.steps['look-up-account'];
    assert.ok(lookup?.type === 'http');
    lookup.url = 'https://crm.example.com/tier';
    assert.deepStrictEqual(pathOf(simulate(filled, { digits: ['1'] })), [
      'initial-greeting',
      'remember-caller',
      'office-hours',
      'main-menu',
      'sales-message',
      'sales',
    ]);
    const gold = simulate(filled, {
      digits: ['2', '1234#'],
      http: { 'POST https://crm.example.com/tier': { status: 200, body: { tier: 'gold' } } },
    });
    assert.deepStrictEqual(pathOf(gold).slice(-3), ['look-up-account', 'is-gold', 'gold-line']);
    const rich = simulate(filled, {
      digits: ['2', '1234#'],
      http: { 'POST https://crm.example.com/tier': { status: 200, body: { tier: 'silver', balance: 5000 } } },
    });
    assert.deepStrictEqual(pathOf(rich).slice(-2), ['balance-check', 'to-collections']);
    const closed = simulate(withHoursFilledIn(main, {}), {});
    assert.deepStrictEqual(pathOf(closed), [
      'initial-greeting',
      'remember-caller',
      'office-hours',
      'closed-message',
      'disconnect',
    ]);
  });

  it('fills {{placeholders}} from --set, and otherwise stops naming every one', () => {
    assert.throws(
      () => importFixture('genesys-archy/templated.yaml'),
      (error: unknown) =>
        error instanceof InvalidInputError &&
        error.code === 'import-placeholders' &&
        error.message ===
          'templated.yaml has 3 placeholders with no value: {{flowName}}, {{company}}, {{queueName}}.' &&
        error.hint === 'Give each a value: --set flowName=<value> --set company=<value> --set queueName=<value>.',
    );
    const filled = importFixture('genesys-archy/templated.yaml', {
      set: new Map([
        ['flowName', 'Support Line'],
        ['company', 'Acme'],
        ['queueName', 'Support'],
      ]),
    });
    assert.strictEqual(filled.name, 'Support Line');
    assert.deepStrictEqual(stepsOf(filled)['initial-greeting'], {
      type: 'play',
      say: 'Welcome to Acme.',
      next: 'main',
    });
    assert.deepStrictEqual(stepsOf(filled)['agent'], {
      type: 'assign-dial',
      queue: 'Support',
      'no-answer': 'end-call',
    });
    assertStructurallyValid(filled);
  });

  it('refuses an SMS flow, saying what it is', () => {
    assert.throws(
      () => importFixture('genesys-archy/sms-flow.yaml'),
      (error: unknown) =>
        error instanceof InvalidInputError &&
        error.code === 'import-no-call-entry' &&
        /sms-flow\.yaml is a Genesys Architect \(Archy YAML\) flow with no incoming-call entry: it is an inbound message \(SMS\) flow \(inboundShortMessage\)/.test(
          error.message,
        ),
    );
  });
});
