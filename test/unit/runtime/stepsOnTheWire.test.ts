/**
 * Every step type, over real HTTP, on every carrier profile: `callflow serve` answers the carrier
 * emulator, which signs each request as that carrier does and reads every answer as a strict
 * carrier would (a real XML parser, known verbs and attributes, absolute URLs, the carrier's
 * limits). What the caller hears and what the log records are asserted per step.
 */
import * as assert from 'assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CARRIER_NAMES, type CarrierName, type EmulatedCall } from '../../support/carrier';
import { CALLBACK_STEP, crmLookupStep } from './acmeFlow';
import * as harness from './carrierHarness';
import type { ServedCarrier, Workspace } from './carrierHarness';

const { NUMBER, PUBLIC_URL, WEEKDAY_OPEN, publishedWorkspace, serveFor, traceOf } = harness;
const CALLER = '+14155550123';
/** An http answer that would end the call if it reached the document unescaped. */
const HOSTILE_TIER = `</Say><Hangup/><Say a="1'&amp;`;

const mainFlow = (crm: string): string => `callflow: 1
trigger: incoming-call
start: welcome
steps:
  welcome:
    type: play
    say: "Welcome to {{dialed.number}}."
    audio: https://cdn.example.com/welcome.wav
    next: lookup
${crmLookupStep(crm, 'greet')}  greet:
    type: set
    values: { greeting: "Hello {{tier}} caller" }
    next: check
  check:
    type: condition
    branches:
      - when: { variable: tier, equals: gold }
        next: hours
    else: hours
  hours:
    type: business-hours
    timezone: America/New_York
    hours: { mon-fri: ["09:00-17:00"] }
    holidays: ["2026-12-25"]
    open: menu
    closed: voicemail
  menu:
    type: menu
    say: "{{greeting}}. Sales 1, support 2, account 3, callback 4, other line 5, goodbye 9."
    options: { "1": sales, "2": support, "3": account, "4": callback, "5": other, "9": goodbye }
    timeout: 4
    attempts: 2
    no-input: voicemail
    invalid: voicemail
  account:
    type: collect
    say: "Enter your account number, then pound."
    variable: account
    min-digits: 4
    max-digits: 8
    finish-on: "#"
    timeout: 6
    attempts: 2
    next: confirm
    no-input: voicemail
  confirm:
    type: play
    say: "Account {{account}}."
    next: goodbye
  sales:
    type: assign-dial
    queue: sales
    timeout: 30
    no-answer: voicemail
  support:
    type: transfer
    to: "+14155550199"
    ring-seconds: 20
    caller-id: dialed
    failed: voicemail
${CALLBACK_STEP}  other:
    type: goto-flow
    flow: other
  voicemail:
    type: voicemail
    say: "Leave a message."
    mailbox: support
    next: goodbye
  goodbye:
    type: hangup
    say: "Goodbye."
`;

const OTHER_FLOW = `callflow: 1
trigger: incoming-call
start: hello
steps:
  hello:
    type: play
    say: "This is the other line."
    next: bye
  bye:
    type: hangup
`;

interface Received {
  path: string;
  body: string;
}

describe('serve: every step on every carrier (through the carrier emulator)', function () {
  this.timeout(120_000);
  let repo: Workspace;
  let sideServer: Server;
  const received: Received[] = [];
  const served = new Map<CarrierName, ServedCarrier>();

  before(async () => {
    sideServer = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        received.push({ path: req.url ?? '', body });
        const url = req.url ?? '';
        const tier = url.includes(encodeURIComponent(CALLER)) ? 'gold' : url.includes('evil') ? HOSTILE_TIER : 'silver';
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ customer: { tier } }));
      });
    });
    await new Promise<void>((resolve) => sideServer.listen(0, '127.0.0.1', resolve));
    const side = `http://127.0.0.1:${(sideServer.address() as AddressInfo).port}`;
    repo = await publishedWorkspace(
      { other: OTHER_FLOW, main: mainFlow(side) },
      { [NUMBER]: 'main' },
      `runtime:\n  voice: Polly.Joanna\n  language: en-US\n  callbackWebhook: ${side}/callbacks\n`,
    );
    for (const carrier of CARRIER_NAMES) served.set(carrier, await serveFor(repo, carrier, { at: WEEKDAY_OPEN }));
  });

  after(async () => {
    await Promise.all([...served.values()].map((s) => s.stop()));
    sideServer?.closeAllConnections();
    await new Promise((resolve) => sideServer?.close(resolve));
    await repo?.cleanup();
  });

  for (const carrier of CARRIER_NAMES) {
    describe(carrier, () => {
      const place = async (from = CALLER): Promise<{ call: EmulatedCall; s: ServedCarrier }> => {
        const s = served.get(carrier)!;
        return { call: await s.emulator.placeCall({ from, to: NUMBER }), s };
      };
      const trace = (s: ServedCarrier, call: EmulatedCall) => traceOf(s.logged.lines, call.parties.callSid);

      it('play, http, set, condition, business-hours and menu: the greeting, the CRM answer in the menu, a Gather of one key', async () => {
        const { call, s } = await place();
        assert.deepStrictEqual(call.transcript.slice(0, 3), [
          { kind: 'say', text: `Welcome to ${NUMBER}.`, voice: 'Polly.Joanna', language: 'en-US' },
          { kind: 'play', url: 'https://cdn.example.com/welcome.wav' },
          {
            kind: 'say',
            text: 'Hello gold caller. Sales 1, support 2, account 3, callback 4, other line 5, goodbye 9.',
            voice: 'Polly.Joanna',
            language: 'en-US',
          },
        ]);
        const gather = call.waiting;
        assert.ok(gather?.kind === 'gather');
        assert.strictEqual(gather.numDigits, 1);
        assert.strictEqual(gather.timeout, 4);
        assert.ok(gather.action?.startsWith(`${PUBLIC_URL}/`), gather.action);
        // The caller id went into the CRM's URL percent-encoded.
        assert.ok(received.some((r) => r.path === `/customers?phone=${encodeURIComponent(CALLER)}`));
        await call.press('9');
        assert.deepStrictEqual(call.ended, { reason: 'hangup' });
        assert.deepStrictEqual(
          trace(s, call).steps.map((t) => [t.step, t.exit]),
          [
            ['welcome', 'next'],
            ['lookup', 'success'],
            ['greet', 'next'],
            ['check', 'branch-1'],
            ['hours', 'open'],
            ['menu', '9'],
            ['goodbye', null],
          ],
        );
      });

      it('text from an http answer and a caller id reaches the document as text, never as TwiML', async () => {
        const { call } = await place('sip:evil@example.com');
        assert.strictEqual(call.waiting?.kind, 'gather', 'the call still listens');
        assert.ok(
          call.said.includes(
            `Hello ${HOSTILE_TIER} caller. Sales 1, support 2, account 3, callback 4, other line 5, goodbye 9.`,
          ),
          call.said.join(' | '),
        );
        assert.deepStrictEqual(call.said[0], 'Welcome to +14155550100.');
      });

      it('menu: attempts are counted across requests; no input twice takes no-input', async () => {
        const { call, s } = await place('anonymous');
        await call.timeOut();
        assert.strictEqual(call.waiting?.kind, 'gather', 'the menu listens a second time');
        await call.timeOut();
        assert.strictEqual(call.waiting?.kind, 'record');
        // The voicemail step is traced once its recording is done; the menu's exit is already there.
        assert.deepStrictEqual(trace(s, call).steps.at(-1), { flow: 'main', step: 'menu', exit: 'no-input' });
        const menu = trace(s, call).lines.find((l) => l['step'] === 'menu');
        assert.deepStrictEqual(
          (menu?.['attempts'] as Array<{ result: string }>).map((a) => a.result),
          ['no-input', 'no-input'],
        );
      });

      it('collect: finishOnKey ends the entry, min-digits is checked by the server, the value reaches the next prompt', async () => {
        const { call, s } = await place();
        await call.press('3');
        const gather = call.waiting;
        assert.ok(gather?.kind === 'gather');
        assert.strictEqual(gather.finishOnKey, '#');
        assert.strictEqual(gather.numDigits, 8);
        await call.press('12#');
        assert.strictEqual(call.waiting?.kind, 'gather', 'too short: the step listens again');
        await call.press('123456#');
        assert.deepStrictEqual(call.said.slice(-2), ['Account 123456.', 'Goodbye.']);
        assert.deepStrictEqual(call.ended, { reason: 'hangup' });
        assert.deepStrictEqual(trace(s, call).outcome?.['kind'], 'hangup');
      });

      it('assign-dial: Enqueue on the named queue; an agent bridges it and the call is connected', async () => {
        const { call, s } = await place();
        await call.press('1');
        const enqueue = call.waiting;
        assert.ok(enqueue?.kind === 'enqueue');
        assert.strictEqual(enqueue.queue, 'sales');
        assert.ok(enqueue.waitUrl?.startsWith(`${PUBLIC_URL}/`), enqueue.waitUrl);
        await call.agentAnswers({ queueSeconds: 12 });
        assert.ok(call.ended);
        assert.deepStrictEqual(trace(s, call).outcome, {
          kind: 'connected',
          queue: 'sales',
          flow: 'main',
          step: 'sales',
        });
      });

      it("assign-dial: the waitUrl leaves after the step's timeout and the call follows no-answer to voicemail (Record, the URL logged)", async () => {
        const { call, s } = await place();
        await call.press('1');
        const holds = await call.holdUntilLeave();
        assert.ok(holds >= 2, `held through ${holds} wait documents`);
        const waitedTimes = call.requests
          .filter((r) => r.params['QueueTime'] !== undefined)
          .map((r) => Number(r.params['QueueTime']));
        assert.ok(Math.max(...waitedTimes) >= 30, `left at ${Math.max(...waitedTimes)} s`);
        const record = call.waiting;
        assert.ok(record?.kind === 'record');
        assert.strictEqual(record.beep, true);
        assert.ok(record.maxLength >= 30 && record.maxLength <= 3600);
        const recording = await call.recordingDone({ seconds: 7 });
        assert.deepStrictEqual(call.ended, { reason: 'hangup' });
        const { steps, outcome, lines } = trace(s, call);
        assert.deepStrictEqual(
          steps.slice(-3).map((t) => [t.step, t.exit]),
          [
            ['sales', 'no-answer'],
            ['voicemail', 'next'],
            ['goodbye', null],
          ],
        );
        assert.strictEqual(outcome?.['kind'], 'voicemail');
        assert.ok(JSON.stringify(lines).includes(recording.url), 'the recording URL is in the log');
      });

      it("transfer: Dial/Number with the step's ring time and caller id; busy takes failed, an answer transfers", async () => {
        const busy = await place();
        await busy.call.press('2');
        const dial = busy.call.waiting;
        assert.ok(dial?.kind === 'dial');
        assert.strictEqual(dial.number, '+14155550199');
        // The step's ring-seconds and caller-id (dialed: the number the caller called).
        assert.strictEqual(dial.timeout, 20);
        assert.strictEqual(dial.callerId, NUMBER);
        await busy.call.dialResult('busy');
        assert.strictEqual(busy.call.waiting?.kind, 'record');

        const answered = await place();
        await answered.call.press('2');
        await answered.call.dialResult('completed', { seconds: 90 });
        assert.ok(answered.call.ended);
        assert.deepStrictEqual(trace(answered.s, answered.call).outcome, {
          kind: 'transferred',
          to: '+14155550199',
          flow: 'main',
          step: 'support',
        });
      });

      it('callback: recorded in the log and posted once to the webhook from callflow.yaml', async () => {
        const { call, s } = await place();
        const before = received.filter((r) => r.path === '/callbacks').length;
        await call.press('4');
        assert.deepStrictEqual(call.said.slice(-2), ['We will call you back.', 'Goodbye.']);
        const logged = s.logged.of('callback').filter((l) => l['call'] === call.parties.callSid);
        assert.strictEqual(logged.length, 1);
        assert.strictEqual(logged[0]!['queue'], 'sales');
        await until(() => received.filter((r) => r.path === '/callbacks').length > before);
        const posted = received.filter((r) => r.path === '/callbacks').slice(before);
        assert.strictEqual(posted.length, 1);
        assert.strictEqual(JSON.parse(posted[0]!.body).caller, CALLER);
      });

      it("goto-flow: the call continues in the other flow's published version", async () => {
        const { call, s } = await place();
        await call.press('5');
        assert.deepStrictEqual(call.said.slice(-1), ['This is the other line.']);
        assert.deepStrictEqual(call.ended, { reason: 'hangup' });
        assert.deepStrictEqual(
          trace(s, call)
            .steps.slice(-3)
            .map((t) => [t.flow, t.step]),
          [
            ['main', 'other'],
            ['other', 'hello'],
            ['other', 'bye'],
          ],
        );
      });
    });
  }
});

async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
