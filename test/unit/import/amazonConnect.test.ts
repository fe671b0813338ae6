import * as assert from 'node:assert';
import { importFlowSource, InvalidInputError } from '../../../src/core';
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

describe('import from Amazon Connect', () => {
  // The Flow language: the start is its StartAction, the name from its metadata.
  const main = importedFixture('amazon-connect/main-ivr.json', {
    dialect: 'amazon-connect',
    name: 'Main IVR',
    start: 'set-1',
    sources: (text) => (JSON.parse(text) as { Actions: { Identifier: string }[] }).Actions.map((a) => a.Identifier),
  });

  it('drops the settings and the blocks no call reaches, saying so', () => {
    assert.strictEqual(entryFor(main, 'logging').result, 'dropped');
    assert.match(entryFor(main, 'logging').note, /flow logging.*Calls go on to voice/);
    assert.match(entryFor(main, 'orphan-bot').note, /No call reaches it/);
  });

  it('makes a menu of key conditions, a Loop that counts retries becoming its attempts', () => {
    assert.deepStrictEqual(stepsOf(main)['menu-1'], {
      type: 'menu',
      say: 'For sales press 1, for billing press 2, to check your account press 3.',
      options: { '1': 'set-2', '2': 'set-3', '3': 'collect-1' },
      timeout: 6,
      attempts: 3,
      'no-input': 'play-4',
      invalid: 'play-4',
    });
    assert.deepStrictEqual(entryFor(main, 'retry-loop').steps, ['menu-1']);
    assert.strictEqual(entryFor(main, 'retry-loop').result, 'approximated');
    assert.deepStrictEqual(entryFor(main, 'sorry').steps, ['menu-1']);
  });

  it('maps attributes, stored input, Lambda, Compare, transfers and other flows', () => {
    const s = stepsOf(main);
    assert.deepStrictEqual(s['set-1'], {
      type: 'set',
      values: { brand: 'Acme', caller: '{{caller.number}}' },
      next: 'hours-1',
    });
    assert.deepStrictEqual(s['play-1'], { type: 'play', say: 'Thanks for calling {{brand}}.', next: 'menu-1' });
    assert.deepStrictEqual(s['collect-1'], {
      type: 'collect',
      say: 'Enter your account number, then press pound.',
      variable: 'StoredCustomerInput',
      'finish-on': '#',
      'max-digits': 10,
      timeout: 8,
      next: 'lambda-account-lookup-1',
      'no-input': 'play-4',
    });
    assert.deepStrictEqual(s['condition-1'], {
      type: 'condition',
      branches: [
        { when: { variable: 'External.tier', equals: 'gold' }, next: 'transfer-1' },
        { when: { variable: 'External.tier', 'greater-than': 3 }, next: 'transfer-1' },
        { when: { variable: 'External.tier', equals: 3 }, next: 'transfer-1' },
      ],
      else: 'condition-2',
    });
    // Its ring time and caller id (the number the caller dialed) come along.
    assert.deepStrictEqual(s['transfer-1'], {
      type: 'transfer',
      to: '+14155550199',
      'ring-seconds': 30,
      'caller-id': 'dialed',
      failed: 'play-4',
    });
    assert.deepStrictEqual(s['goto-collections-line-1'], { type: 'goto-flow', flow: 'collections-line' });
    assert.strictEqual(entryFor(main, 'module').result, 'approximated');
    assert.match(entryFor(main, 'module').note, /returns to this flow/);
    assert.deepStrictEqual(s['hangup-1'], { type: 'hangup' });
  });

  it('dials the queue each path set with UpdateContactTargetQueue', () => {
    const s = stepsOf(main);
    assert.deepStrictEqual(s['set-2'], { type: 'set', values: { queue: 'Sales' }, next: 'which-queue-1' });
    assert.deepStrictEqual(s['which-queue-1'], {
      type: 'condition',
      branches: [{ when: { variable: 'queue', equals: 'Sales' }, next: 'queue-sales-1' }],
      else: 'queue-billing-1',
    });
    const filled = withHoursFilledIn(main);
    const sales = simulate(filled, { digits: ['1'] });
    assert.deepStrictEqual(sales.outcome, {
      kind: 'connected',
      queue: 'Sales',
      flow: 'imported',
      step: 'queue-sales-1',
    });
    const billingBusy = simulate(filled, { digits: ['2'], agents: { billing: 'busy' } });
    assert.deepStrictEqual(pathOf(billingBusy).slice(-3), ['queue-billing-1', 'play-5', 'hangup-1']);
    assert.strictEqual(stepsOf(main)['play-5']?.say, 'All agents are busy . Goodbye.');
  });

  it('leaves the hours, the prompt known by id and the Lambda address to fill in, at their lines', () => {
    const problems = problemsOf(main);
    assert.deepStrictEqual(
      problems.map((p) => p.code),
      ['no-opening-hours', 'unplayable-audio', 'invalid-url'],
    );
    assert.strictEqual(problems[0]!.line, lineOfStep(main, 'hours-1') + 3);
    assert.strictEqual(problems[1]!.line, lineOfStep(main, 'play-2') + 2);
    assert.strictEqual(problems[2]!.line, lineOfStep(main, 'lambda-account-lookup-1') + 3);
    assert.match(main.text, /# imported: Connect checked the hours of operation "Office Hours" \(arn:aws:connect:/);
    assert.match(main.text, /# imported: Lambda arn:aws:lambda:us-east-1:111122223333:function:account-lookup\./);
  });

  it('runs the same paths as the source once the hours are filled in', () => {
    const filled = withHoursFilledIn(main);
    assert.deepStrictEqual(pathOf(simulate(withHoursFilledIn(main, {}), {})), [
      'set-1',
      'hours-1',
      'play-2',
      'hangup-1',
    ]);
    const silent = simulate(filled, { digits: [] });
    assert.deepStrictEqual(pathOf(silent), ['set-1', 'hours-1', 'play-1', 'menu-1', 'play-4', 'hangup-1']);
    assert.strictEqual(silent.steps[3]?.attempts?.length, 3);
    const lookup = filled.definition.steps['lambda-account-lookup-1'];
    assert.ok(lookup?.type === 'http');
    lookup.url = 'https://crm.example.com/lookup';
    const gold = simulate(filled, {
      digits: ['3', '1234#'],
      http: { 'POST https://crm.example.com/lookup': { status: 200, body: { tier: 'gold' } } },
    });
    assert.deepStrictEqual(pathOf(gold).slice(-3), ['lambda-account-lookup-1', 'condition-1', 'transfer-1']);
  });

  it('reads the DescribeContactFlow envelope: its Name and its Content string', () => {
    const billing = importFixture('amazon-connect/describe-contact-flow.json');
    assert.strictEqual(billing.name, 'Billing Line');
    assertStructurallyValid(billing);
    assert.deepStrictEqual(stepsOf(billing)['queue-1'], {
      type: 'assign-dial',
      queue: 'Billing',
      'no-answer': 'hangup-1',
    });
    assert.deepStrictEqual(problemsOf(billing), []);
  });

  it('reads the older export of modules', () => {
    const legacy = importFixture('amazon-connect/legacy-modules.json');
    assert.strictEqual(legacy.name, 'Legacy Line');
    assertStructurallyValid(legacy);
    const s = stepsOf(legacy);
    assert.deepStrictEqual(s['menu-1'], {
      type: 'menu',
      say: 'Press 1 for sales or 2 for an operator.',
      options: { '1': 'set-1', '2': 'transfer-1' },
      timeout: 5,
      attempts: 3,
      'no-input': 'end-call',
      invalid: 'end-call',
    });
    assert.deepStrictEqual(s['condition-1'], {
      type: 'condition',
      branches: [{ when: { variable: 'source', equals: 'legacy' }, next: 'queue-1' }],
      else: 'hangup-1',
    });
    assert.deepStrictEqual(s['queue-1'], { type: 'assign-dial', queue: 'Sales', 'no-answer': 'hangup-1' });
    assert.deepStrictEqual(s['transfer-1'], { type: 'transfer', to: '+14155550100', failed: 'hangup-1' });
    assert.strictEqual(entryFor(legacy, 'm-log').result, 'dropped');
    assert.deepStrictEqual(pathOf(simulate(withHoursFilledIn(legacy), { digits: ['1'] })), [
      'play-1',
      'hours-1',
      'menu-1',
      'set-1',
      'condition-1',
      'queue-1',
    ]);
  });

  it('refuses a flow that is not an inbound contact flow, saying what it is', () => {
    assert.throws(
      () => importFixture('amazon-connect/customer-queue.json'),
      (error: unknown) =>
        error instanceof InvalidInputError &&
        error.code === 'import-no-call-entry' &&
        /customer-queue\.json is an Amazon Connect flow with no incoming-call entry: it is a customer queue flow/.test(
          error.message,
        ),
    );
  });

  it('names the position of malformed JSON inside Content', () => {
    const broken = JSON.stringify({
      Name: 'X',
      Type: 'CONTACT_FLOW',
      Content: '{"Version": "2019-10-30",\n "Actions": [}',
    });
    assert.throws(
      () => importFlowSource(broken, { fileName: 'x.json' }),
      (error: unknown) =>
        error instanceof InvalidInputError &&
        /^x\.json \(its "Content"\) is not valid JSON: .*\(line 2, column 14\)\.$/.test(error.message),
    );
  });
});
