/**
 * The Test Call page in headless Chromium, against the real page script and the real host session:
 * keys typed on the keyboard and the dial pad, a listening step that times out on its own and one
 * told to, outcomes chosen in one click, the end with Call Again, and a flow's text that never
 * becomes markup. What the call did is compared with simulate's answer for the same inputs.
 */
import * as assert from 'assert';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { compareReplay, replaySimulateInputs, simulateCall, type ReplayPlan } from '../../../src/core';
import { replayView } from '../../../src/extension/testCall/replayView';
import { flowDefinition, SCREENSHOTS, TestCallPageHarness } from './pageHarness';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const window: any, document: any;

const FLOW = `callflow: 1
trigger: incoming-call
start: welcome
steps:
  welcome:
    type: play
    say: "Welcome to <img src=x onerror=\\"window.__pwned=1\\"> Acme & co."
    next: account
  account:
    type: collect
    say: "Enter your account number, then pound."
    variable: account
    max-digits: 6
    timeout: 3
    attempts: 2
    next: lookup
    no-input: menu
  lookup:
    type: http
    method: GET
    url: "https://crm.example.com/accounts/{{account}}"
    success: menu
    failure: menu
  menu:
    type: menu
    say: "For sales press 1, for support press 2."
    options: { "1": sales, "2": support }
    timeout: 1
    attempts: 2
    no-input: goodbye
    invalid: goodbye
  sales:
    type: assign-dial
    queue: sales
    no-answer: goodbye
  support:
    type: transfer
    to: "+14155550199"
    failed: goodbye
  goodbye:
    type: hangup
`;

/** A Tuesday, 10:00 in New York. */
const AT = new Date('2026-11-24T15:00:00Z');

describe('Test Call page (headless Chromium)', function () {
  this.timeout(60_000);
  const harness = new TestCallPageHarness();
  const definition = flowDefinition(FLOW);
  let page: Page;

  before(() => harness.launch());
  after(() => harness.close());
  beforeEach(async () => {
    page = await harness.open({ definition, at: AT, from: '+14155550123', zone: 'America/New_York' });
  });
  afterEach(async () => {
    await page?.close();
  });

  /** What simulate says for the inputs the page's call recorded. */
  function simulatedWithTheSameInputs() {
    const inputs = harness.session.inputs();
    return simulateCall({
      flow: { id: 'acme', version: 'draft', definition },
      at: inputs.at,
      ...(inputs.from !== undefined ? { from: inputs.from } : {}),
      digits: inputs.digits,
      agents: inputs.agents,
      ...(inputs.transfer ? { transfer: inputs.transfer } : {}),
      http: inputs.http,
    });
  }

  it("says who calls and when, as a local time in the flow's zone, and shows the prompt as text, never markup", async () => {
    assert.strictEqual(await page.locator('#title').textContent(), 'acme v2 (draft)');
    assert.strictEqual(await page.locator('#when').textContent(), 'From +14155550123, Tue 10:00 in America/New_York');
    assert.strictEqual(await page.inputValue('#at'), '2026-11-24T10:00');
    const lines = await harness.transcript();
    assert.ok(
      lines.some((l) => l.includes('Welcome to <img src=x onerror="window.__pwned=1"> Acme & co.')),
      lines.join('\n'),
    );
    assert.strictEqual(await page.locator('#transcript img').count(), 0);
    assert.strictEqual(await page.evaluate(() => window.__pwned), undefined);
    assert.deepStrictEqual(await harness.cspViolations(), []);
    const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    assert.match(csp!, /default-src 'none'; script-src 'nonce-/);
  });

  it('takes keys typed on the keyboard, chooses outcomes in one click, and ends as simulate does with the same inputs', async () => {
    assert.match(
      (await page.locator('#listening-text').textContent())!,
      /account listens: type the digits, then #.*Attempt 1 of 2/,
    );
    await page.keyboard.type('4711');
    await page.waitForFunction(() => document.getElementById('typed').textContent === '4711');
    assert.strictEqual(await page.locator('#listening').isVisible(), true, 'a collect listens until its finish key');
    await page.keyboard.press('#');
    // The http step asks what the request answers.
    await page.waitForSelector('#choice:not([hidden])');
    assert.match(
      (await page.locator('#choice-text').textContent())!,
      /GET https:\/\/crm\.example\.com\/accounts\/4711/,
    );
    assert.strictEqual(await page.locator('#live').isVisible(), true, 'the live request is offered, not sent');
    await page.getByRole('button', { name: '200 OK, no body' }).click();
    await page.waitForFunction(() => /menu listens/.test(document.getElementById('listening-text').textContent));
    await page.keyboard.press('1');
    await page.waitForSelector('#choice:not([hidden])');
    assert.match((await page.locator('#choice-text').textContent())!, /Queue sales/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'question.png') });
    await page.getByRole('button', { name: /^available/ }).click();
    await page.waitForSelector('#ending:not([hidden])');
    assert.strictEqual(await page.locator('#outcome').textContent(), 'Outcome: connected to queue sales');

    const lines = await harness.transcript();
    assert.ok(lines.includes('Pressed 4711#'), lines.join('\n'));
    assert.ok(lines.includes('Pressed 1'), lines.join('\n'));
    const simulated = simulatedWithTheSameInputs();
    assert.deepStrictEqual(harness.session.result(), simulated);
    // Every step simulate reports is a line of the transcript, in its order.
    const stepLines = lines.filter((l) => /^\S+ \(/.test(l)).map((l) => l.split(' ')[0]);
    assert.deepStrictEqual(
      stepLines,
      simulated.steps.map((s) => s.step),
    );
    assert.deepStrictEqual(harness.session.inputs().digits, ['4711#', '1']);
  });

  it('sends the dial pad keys, and a collect ends by itself at its max digits', async () => {
    for (const key of ['1', '2', '3', '4', '5', '6']) await page.locator(`.dial-key[data-key="${key}"]`).click();
    await page.waitForSelector('#choice:not([hidden])');
    assert.deepStrictEqual(harness.session.inputs().digits, ['123456']);
  });

  it('counts the listening step down and lets it time out by itself, then on "Let it time out", counting attempts as the runtime does', async () => {
    await page.locator('#time-out').click();
    // No key at the collect: attempt 2 of 2.
    await page.waitForFunction(() => /Attempt 2 of 2/.test(document.getElementById('listening-text').textContent));
    assert.ok((await harness.transcript()).includes('No key at account: it timed out'));
    await page.locator('#time-out').click();
    // The collect gave up: the menu listens, one second, and times out by itself twice.
    await page.waitForFunction(() => /menu listens/.test(document.getElementById('listening-text').textContent));
    assert.match((await page.locator('#countdown').textContent())!, /Times out in 1 s/);
    await page.waitForSelector('#ending:not([hidden])', { timeout: 10_000 });
    assert.strictEqual(await page.locator('#outcome').textContent(), 'Outcome: hung up');
    assert.deepStrictEqual(harness.session.inputs().digits, ['', '', '', '']);
    assert.deepStrictEqual(harness.session.result(), simulatedWithTheSameInputs());
  });

  it('at a transfer asks whether it connects; at the end Call Again places the same call afresh', async () => {
    await page.keyboard.type('1#');
    await page.getByRole('button', { name: '404 Not Found' }).click();
    await page.waitForFunction(() => /menu listens/.test(document.getElementById('listening-text').textContent));
    await page.keyboard.press('2');
    await page.waitForSelector('#choice:not([hidden])');
    assert.match((await page.locator('#choice-text').textContent())!, /Transfer to \+14155550199/);
    await page.keyboard.press('f'); // the choice's key
    await page.waitForSelector('#ending:not([hidden])');
    assert.strictEqual(await page.locator('#outcome').textContent(), 'Outcome: hung up');
    assert.strictEqual(harness.session.inputs().transfer, 'failed');
    assert.deepStrictEqual(harness.session.result(), simulatedWithTheSameInputs());

    await page.getByRole('button', { name: 'Call Again' }).click();
    await page.waitForFunction(() => document.body.dataset.state === 'keys');
    const again = harness.posted.filter((m) => m.type === 'callAgain');
    assert.deepStrictEqual(again, [{ type: 'callAgain', from: '+14155550123', at: '2026-11-24T10:00' }]);
    assert.strictEqual(harness.session.start.callNumber, 2);
    assert.strictEqual(harness.session.start.setup.at.toISOString(), AT.toISOString());
    assert.ok(!(await harness.transcript()).some((l) => l.startsWith('Pressed')), 'a new transcript');
  });

  it("offers the flow's own http answers first, from its call scenarios, and keeps the one chosen for the scenario", async () => {
    await page.close();
    page = await harness.open({
      definition,
      at: AT,
      zone: 'America/New_York',
      fixtures: [
        {
          source: 'calls.yaml "gold customer"',
          key: 'GET https://crm.example.com/accounts/42',
          fixture: { status: 200, body: { tier: 'gold' } },
        },
      ],
    });
    await page.keyboard.type('42#');
    await page.waitForSelector('#choice:not([hidden])');
    const labels = await page.locator('#choices button').allTextContents();
    assert.deepStrictEqual(labels, [
      '200 from calls.yaml "gold customer"',
      '200 OK, no body',
      '404 Not Found',
      '500 Server Error',
    ]);
    await page.locator('#choices button').first().click();
    await page.waitForFunction(() => /menu listens/.test(document.getElementById('listening-text').textContent));
    assert.deepStrictEqual(harness.session.inputs().http, {
      'GET https://crm.example.com/accounts/42': { status: 200, body: { tier: 'gold' } },
    });
  });

  it("takes the keys typed after clicking Sound as the caller's, but not those typed into the caller id", async () => {
    await page.locator('#from').focus();
    await page.keyboard.type('12');
    await page.locator('#sound').click();
    await page.keyboard.type('34');
    await page.waitForFunction(() => document.getElementById('typed').textContent === '34');
    assert.strictEqual(await page.inputValue('#from'), '+1415555012312');
  });

  it('links each step of the transcript to its YAML', async () => {
    await page.locator('#transcript .step-link', { hasText: 'welcome' }).first().click();
    await page.waitForFunction(() => true);
    assert.deepStrictEqual(
      harness.posted.filter((m) => m.type === 'reveal'),
      [{ type: 'reveal', flow: 'acme', step: 'welcome' }],
    );
  });

  it('hangs up when asked: no outcome to save, Call Again offered', async () => {
    await page.locator('#hang-up').click();
    await page.waitForSelector('#ending:not([hidden])');
    assert.strictEqual(await page.locator('#outcome').textContent(), 'Outcome: you hung up before the call ended');
    assert.strictEqual(harness.session.result(), undefined);
    assert.strictEqual(await page.locator('#hang-up').isVisible(), false);
  });
});

describe('Test Call page: a logged call, replayed (headless Chromium)', function () {
  this.timeout(60_000);
  const harness = new TestCallPageHarness();
  const definition = flowDefinition(FLOW);
  let page: Page;

  before(() => harness.launch());
  after(() => harness.close());
  afterEach(async () => {
    await page?.close();
  });

  /** The log's plan of a call that pressed 1 and was bridged to sales, as `callflow replay` reads it. */
  function loggedCall(): { plan: ReplayPlan; logged: ReturnType<typeof simulateCall> } {
    const inputs = {
      at: AT.toISOString(),
      from: '+14155550123',
      digits: ['', '', '1'],
      agents: { sales: 'available' as const },
    };
    const logged = simulateCall({ flow: { id: 'acme', version: 3, definition }, ...inputs });
    const plan: ReplayPlan = {
      call: 'CA123',
      flow: 'acme',
      version: 3,
      commit: '0123456789abcdef0123',
      ...inputs,
      dialed: '+14155550100',
      transfer: 'ok',
      http: {},
      steps: logged.steps.map((s) => ({ flow: s.flow, step: s.step, exit: s.exit })),
      outcome: logged.outcome,
    };
    return { plan, logged };
  }

  it("shows the call's transcript, what the log says it did, and that today's version routes it differently", async () => {
    const { plan, logged } = loggedCall();
    // Today's version sends 1 to support.
    const today = flowDefinition(FLOW.replace('{ "1": sales, "2": support }', '{ "1": support, "2": sales }'));
    const todayResult = simulateCall({
      ...replaySimulateInputs(plan),
      flow: { id: 'acme', version: 4, definition: today },
    });
    const view = replayView(
      plan,
      logged,
      { version: 'v4 (published)', result: todayResult, comparison: compareReplay(plan, todayResult) },
      'America/New_York',
    );
    page = await harness.open({ definition, at: AT, zone: 'America/New_York' });
    await harness.showFixed({ ...view, callNumber: 7 });
    await page.waitForFunction(() => document.body.dataset.mode === 'replay');
    assert.strictEqual(await page.locator('#title').textContent(), 'acme v3: logged call CA123');
    assert.strictEqual(
      await page.locator('#replay-call').textContent(),
      'Call CA123 to +14155550100, Tue 10:00 in America/New_York, on commit 0123456789ab.',
    );
    assert.strictEqual(await page.locator('#replay-logged').textContent(), 'It ran v3: connected to queue sales.');
    assert.strictEqual(
      await page.locator('#replay-today').textContent(),
      "Today's v4 (published) routes it differently: transferred to +14155550199.",
    );
    assert.match(
      (await page.locator('#replay-differences').textContent())!,
      /outcome kind: logged "connected", replayed "transferred"/,
    );
    const lines = await harness.transcript();
    assert.ok(lines.includes('No key at account: it timed out'), lines.join('\n'));
    assert.ok(lines.includes('Pressed 1'), lines.join('\n'));
    assert.ok(
      lines.some((l) => l.startsWith('sales (assign-dial)')),
      lines.join('\n'),
    );
    // No keys, no answers, no saving: a logged call is shown, not placed.
    for (const hidden of ['#listening', '#choice', '#call-again', '#save', '#hang-up', '#settings'])
      assert.strictEqual(await page.locator(hidden).isVisible(), false, hidden);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'replay.png') });
  });

  it('says when today routes the call the same way', async () => {
    const { plan, logged } = loggedCall();
    const view = replayView(
      plan,
      logged,
      { version: 'v3 (published)', result: logged, comparison: compareReplay(plan, logged) },
      'UTC',
    );
    page = await harness.open({ definition, at: AT });
    await harness.showFixed({ ...view, callNumber: 7 });
    await page.waitForFunction(() => document.body.dataset.mode === 'replay');
    assert.strictEqual(
      await page.locator('#replay-today').textContent(),
      "Today's v3 (published) routes it the same way: connected to queue sales.",
    );
    assert.strictEqual(await page.locator('#replay').getAttribute('data-same'), 'true');
  });
});
