import * as assert from 'node:assert';
import { InvalidInputError, importFlowSource } from '../../../src/core';
import {
  assertStructurallyValid,
  entryFor,
  fixtureText,
  importFixture,
  importedFixture,
  lineOfStep,
  pathOf,
  problemsOf,
  simulate,
  stepsOf,
  withHoursFilledIn,
} from './importHarness';

describe('import from Twilio Studio', () => {
  describe('a schedule Function and the split on its answer', () => {
    const afterHours = importedFixture('twilio-studio/after-hours.json', {
      dialect: 'twilio-studio',
      start: 'check_hours',
      sources: () => ['check_hours', 'hours_split', 'open_message', 'closed_message'],
    });

    it("become one business-hours step, its hours left to fill in, the split's ways its exits", () => {
      assert.deepStrictEqual(stepsOf(afterHours)['check_hours'], {
        type: 'business-hours',
        timezone: 'America/New_York',
        hours: {},
        open: 'open_message',
        closed: 'closed_message',
      });
      assert.strictEqual(stepsOf(afterHours)['hours_split'], undefined);
      const hours = problemsOf(afterHours).find((p) => p.code === 'no-opening-hours');
      assert.ok(hours, 'a problem asks for the hours');
      assert.strictEqual(hours.line, lineOfStep(afterHours, 'check_hours') + 3);
      assert.match(
        afterHours.text,
        /# imported: Twilio Function https:\/\/acme-line-1234-dev\.twil\.io\/check-business-hours decided the hours/,
      );
    });

    it('are reported as approximated, the Function and the split each', () => {
      const fn = entryFor(afterHours, 'check_hours');
      assert.strictEqual(fn.result, 'approximated');
      assert.deepStrictEqual(fn.steps, ['check_hours']);
      assert.match(fn.note, /schedule Function .*check-business-hours.* and hours_split.* became business-hours/);
      assert.match(fn.note, /Fill in the opening hours/);
      const split = entryFor(afterHours, 'hours_split');
      assert.strictEqual(split.result, 'approximated');
      assert.deepStrictEqual(split.steps, ['check_hours']);
    });

    it('once the hours are filled in, a call in hours hears the open message and one after hours the closed one', () => {
      const filled = withHoursFilledIn(afterHours, { 'mon-fri': ['09:00-17:00'] });
      // A dead end in Studio is the end of the call: a hangup step.
      assert.deepStrictEqual(pathOf(simulate(filled)), ['check_hours', 'open_message', 'end-call']);
      assert.deepStrictEqual(pathOf(simulate(filled, { at: '2026-11-28T15:00:00Z' })), [
        'check_hours',
        'closed_message',
        'end-call',
      ]);
    });

    it('a Function that is not about hours stays an http step', () => {
      const text = fixtureText('twilio-studio/after-hours.json')
        .replace('check-business-hours', 'lookup-customer')
        .replace(/check_hours/g, 'lookup');
      const imported = importFlowSource(text, { fileName: 'lookup.json' });
      assert.strictEqual(stepsOf(imported)['lookup']?.type, 'http');
    });
  });

  // The start is the widget the trigger's incomingCall leads to; every state but the trigger is reported.
  const support = importedFixture('twilio-studio/support-line.json', {
    dialect: 'twilio-studio',
    start: 'set_caller',
    sources: (text) =>
      (JSON.parse(text) as { states: { name: string; type: string }[] }).states
        .filter((s) => s.type !== 'trigger')
        .map((s) => s.name),
  });

  it('fuses a gather and the split on its digits into one menu, retries becoming attempts', () => {
    const menu = stepsOf(support)['main_menu'];
    assert.deepStrictEqual(menu, {
      type: 'menu',
      say: 'For sales press 1. For support press 2. For your account press 3. For operations press 0.',
      options: {
        '0': 'operations',
        '1': 'sales_queue',
        '2': 'support_flex',
        '3': 'account_gather',
        '9': 'account_gather',
      },
      timeout: 5,
      attempts: 3,
      'no-input': 'end-call',
      invalid: 'end-call',
    });
    assert.deepStrictEqual(entryFor(support, 'menu_split'), {
      source: 'menu_split',
      sourceType: 'split-based-on',
      result: 'mapped',
      steps: ['main_menu'],
      note: "Its branches on main_menu's digits are the options of menu main_menu.",
    });
    const retry = entryFor(support, 'invalid_choice');
    assert.strictEqual(retry.result, 'approximated');
    assert.deepStrictEqual(retry.steps, ['main_menu']);
    assert.strictEqual(entryFor(support, 'main_menu').result, 'approximated');
  });

  describe('a gather whose digits another widget reads', () => {
    const withDigitsRead = (reference: string): ReturnType<typeof importFlowSource> =>
      importFlowSource(
        fixtureText('twilio-studio/support-line.json').replace(
          'Sorry, that is not an option.',
          `Sorry, {{${reference}}} is not an option.`,
        ),
        { fileName: 'support-line.json' },
      );

    it('stays a collect: fused into a menu, its digits would be stored nowhere', () => {
      assert.strictEqual(stepsOf(withDigitsRead('widgets.main_menu.Digits'))['main_menu']?.type, 'collect');
    });

    it('stays a collect when the file writes the reference with JSON escapes', () => {
      assert.strictEqual(stepsOf(withDigitsRead('widgets\\u002emain_menu.Digits'))['main_menu']?.type, 'collect');
    });

    it('is still fused when the digits are only named outside Liquid (a description, an unrelated text)', () => {
      const text = fixtureText('twilio-studio/support-line.json').replace(
        '"Acme support line"',
        '"Acme support line: widgets.main_menu.Digits picks the queue"',
      );
      assert.strictEqual(stepsOf(importFlowSource(text, { fileName: 'support-line.json' }))['main_menu']?.type, 'menu');
    });
  });

  it('maps each widget type to its step', () => {
    const steps = stepsOf(support);
    assert.deepStrictEqual(steps['set_caller'], {
      type: 'set',
      values: { caller: '{{caller.number}}', line: 'main' },
      next: 'welcome',
    });
    assert.deepStrictEqual(steps['welcome'], {
      type: 'play',
      say: 'Thanks for calling Acme, {{caller}}.',
      next: 'main_menu',
    });
    assert.deepStrictEqual(steps['sales_queue'], {
      type: 'assign-dial',
      queue: 'Sales',
      priority: 10,
      timeout: 120,
      'no-answer': 'voicemail_prompt',
    });
    assert.deepStrictEqual(steps['account_gather'], {
      type: 'collect',
      say: 'Please enter your account number, then press pound.',
      variable: 'account_gather.Digits',
      'finish-on': '#',
      timeout: 8,
      next: 'lookup',
      'no-input': 'voicemail_prompt',
    });
    assert.deepStrictEqual(steps['lookup'], {
      type: 'http',
      method: 'POST',
      url: 'https://acme-1234.twil.io/lookup',
      body: '{"account":"{{account_gather.Digits}}"}',
      save: { 'lookup.tier': 'tier' },
      success: 'tier_split',
      failure: 'voicemail_prompt',
    });
    assert.deepStrictEqual(steps['tier_split'], {
      type: 'condition',
      branches: [{ when: { variable: 'lookup.tier', equals: 'gold' }, next: 'vip_transfer' }],
      else: 'billing_queue',
    });
    // The widget's timeout and caller id ({{contact.channel.address}}: the number called) come along.
    assert.deepStrictEqual(steps['vip_transfer'], {
      type: 'transfer',
      to: '+14155550199',
      'ring-seconds': 30,
      'caller-id': 'dialed',
      failed: 'voicemail_prompt',
    });
    assert.deepStrictEqual(steps['record_voicemail'], { type: 'voicemail', next: 'goodbye' });
    assert.deepStrictEqual(steps['operations'], { type: 'goto-flow', flow: 'fw0123456789abcdef0123456789abcdef' });
    assert.deepStrictEqual(steps['goodbye'], {
      type: 'play',
      say: 'Thank you for calling. Goodbye.',
      next: 'end-call',
    });
    assert.deepStrictEqual(steps['end-call'], { type: 'hangup' });
  });

  it('drops settings and messaging widgets, passing the call on, and says so', () => {
    const recording = entryFor(support, 'record_call');
    assert.strictEqual(recording.result, 'dropped');
    assert.match(recording.note, /Calls go on to welcome/);
    assert.strictEqual(stepsOf(support)['set_caller']?.next, 'welcome');
    assert.match(entryFor(support, 'sms_reply').note, /No incoming call reaches it/);
    assert.match(entryFor(support, 'orphan_http').note, /No incoming call reaches it/);
  });

  it('keeps Twilio SIDs in # imported: comments next to the steps', () => {
    const lines = support.text.split('\n');
    const at = lineOfStep(support, 'support_flex');
    assert.match(lines[at - 3]!, /^ {2}# imported: TaskRouter WW0123456789abcdef0123456789abcdef/);
    assert.match(lines[at - 2]!, /^ {2}# imported: send-to-flex support_flex: /);
    assert.match(support.text, /# imported: Twilio Function ZS0123456789abcdef0123456789abcdef/);
    assert.match(support.text, /^# Imported from Twilio Studio \(support-line\.json\)/);
  });

  it('leaves only ordinary problems: the subflow to import', () => {
    assert.deepStrictEqual(
      problemsOf(support).map((p) => p.code),
      [],
      'a flow checked on its own (no workspace) has nothing to fill in here',
    );
  });

  it('runs the same paths as the source: menu keys, retries, the lookup and its failure', () => {
    assert.deepStrictEqual(pathOf(simulate(support, { digits: ['1'] })), [
      'set_caller',
      'welcome',
      'main_menu',
      'sales_queue',
    ]);
    const gold = simulate(support, {
      digits: ['3', '1234#'],
      http: { 'POST https://acme-1234.twil.io/lookup': { status: 200, body: { tier: 'gold' } } },
    });
    assert.deepStrictEqual(pathOf(gold), [
      'set_caller',
      'welcome',
      'main_menu',
      'account_gather',
      'lookup',
      'tier_split',
      'vip_transfer',
    ]);
    assert.deepStrictEqual(gold.outcome, {
      kind: 'transferred',
      to: '+14155550199',
      flow: 'imported',
      step: 'vip_transfer',
    });
    const down = simulate(support, {
      digits: ['3', '1234#'],
      http: { 'https://acme-1234.twil.io/lookup': { status: 500 } },
    });
    assert.deepStrictEqual(
      pathOf(down).slice(-4),
      ['lookup', 'voicemail_prompt', 'record_voicemail', 'goodbye', 'end-call'].slice(-4),
    );
    const silent = simulate(support, { digits: [] });
    assert.deepStrictEqual(silent.steps[2]?.attempts?.length, 3);
    assert.strictEqual(silent.outcome.kind, 'hangup');
    const busy = simulate(support, { digits: ['1'], agents: { Sales: 'busy' } });
    assert.deepStrictEqual(pathOf(busy), [
      'set_caller',
      'welcome',
      'main_menu',
      'sales_queue',
      'voicemail_prompt',
      'record_voicemail',
      'goodbye',
      'end-call',
    ]);
  });

  it('reads the REST Flow resource, its friendly name, and a time split as business-hours to fill in', () => {
    const imported = importFixture('twilio-studio/rest-resource.json', { timezone: 'Europe/London' });
    assert.strictEqual(imported.name, 'After Hours Line');
    assertStructurallyValid(imported);
    assert.deepStrictEqual(stepsOf(imported)['hours_check'], {
      type: 'business-hours',
      timezone: 'Europe/London',
      hours: {},
      open: 'open_msg',
      closed: 'closed_msg',
    });
    const problems = problemsOf(imported);
    const hours = problems.find((p) => p.code === 'no-opening-hours');
    assert.ok(hours, JSON.stringify(problems));
    assert.strictEqual(hours.line, lineOfStep(imported, 'hours_check') + 3);
    const transfer = problems.find((p) => p.code === 'invalid-phone-number');
    assert.ok(transfer, 'the number Studio computes is to fill in');
    assert.strictEqual(transfer.line, lineOfStep(imported, 'agent') + 2);
    assert.strictEqual(entryFor(imported, 'hours_check').result, 'approximated');
    assert.deepStrictEqual(stepsOf(imported)['closed_msg'], {
      type: 'play',
      audio: 'https://example.com/closed.mp3',
      next: 'end-call',
    });
  });

  it('refuses a flow with no incoming-call entry, naming the entries it has', () => {
    assert.throws(
      () => importFixture('twilio-studio/sms-only.json'),
      (error: unknown) =>
        error instanceof InvalidInputError &&
        error.code === 'import-no-call-entry' &&
        /sms-only\.json is a Twilio Studio flow with no incoming-call entry/.test(error.message) &&
        /an incoming message \(SMS\) \(incomingMessage → reply\)/.test(error.message) &&
        /REST API request/.test(error.message),
    );
  });

  it('--from twilio-studio on a file that is not one says what Studio files look like', () => {
    assert.throws(
      () => importFlowSource('{"Version": "2019-10-30", "Actions": []}', { fileName: 'x.json', from: 'twilio-studio' }),
      /x\.json is not a Twilio Studio flow: it has no "states" list/,
    );
  });
});
