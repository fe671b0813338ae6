/**
 * The carrier emulator itself, against tiny fixed TwiML servers that check its signatures with the
 * runtime's verifier: the requests it makes, the TwiML it accepts and refuses, and the call
 * semantics tests of the runtime rely on.
 */
import * as assert from 'assert';
import {
  CARRIER_NAMES,
  CarrierEmulator,
  generateCarrierKeys,
  InvalidTwimlError,
  readTwiml,
  EMULATED_CARRIERS,
  type CarrierName,
} from '../../support/carrier';
import { startFixedTwimlServer, type FixedAnswer, type FixedTwimlServer } from '../../support/carrier/fixedTwimlServer';

const PUBLIC = 'https://ivr.example.com/cf';
const keys = generateCarrierKeys();
const doc = (verbs: string): string => `<?xml version="1.0" encoding="UTF-8"?><Response>${verbs}</Response>`;

describe('carrier emulator', () => {
  const servers: FixedTwimlServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  async function emulate(carrier: CarrierName, answers: Record<string, FixedAnswer>, replicas = 1) {
    const started = await Promise.all(
      Array.from({ length: replicas }, () => startFixedTwimlServer(carrier, keys, PUBLIC, answers)),
    );
    servers.push(...started);
    const emulator = new CarrierEmulator({ carrier, keys, publicUrl: PUBLIC, servers: started.map((s) => s.url) });
    return { emulator, server: started[0]!, replicas: started };
  }

  for (const carrier of CARRIER_NAMES) {
    it(`${carrier}: places a call with the carrier's parameters, signed with the public URL, and the server accepts it`, async () => {
      const { emulator, server } = await emulate(carrier, { '/voice': doc('<Say>Hello</Say>') });
      const call = await emulator.placeCall({ from: 'anonymous', to: '+15559870000' });
      assert.strictEqual(server.received.length, 1);
      const params = server.received[0]!.params;
      assert.deepStrictEqual(Object.keys(params).sort(), [
        'AccountSid',
        'ApiVersion',
        'CallSid',
        'CallStatus',
        'Direction',
        'From',
        'To',
      ]);
      assert.strictEqual(params['From'], 'anonymous');
      assert.strictEqual(params['CallStatus'], 'ringing');
      assert.strictEqual(server.received[0]!.path, '/voice');
      assert.deepStrictEqual(call.transcript, [{ kind: 'say', text: 'Hello' }]);
      assert.deepStrictEqual(call.ended, { reason: 'document-ended' });
    });

    it(`${carrier}: a request signed for another URL or other parameters, with another key, or unsigned, is refused`, async () => {
      const { emulator } = await emulate(carrier, { '/voice': doc('<Hangup/>') });
      const params = { CallSid: 'CA1', From: '+15550100100', To: '+15559870000' };
      const status = async (tampering: 'none' | 'url' | 'parameter' | 'key' | 'missing') =>
        (await emulator.request('POST', `${PUBLIC}/voice`, params, tampering)).answer.status;
      assert.strictEqual(await status('none'), 200);
      // Telnyx signs the body and a timestamp, not the URL.
      assert.strictEqual(await status('url'), carrier === 'telnyx' ? 200 : 403);
      assert.strictEqual(await status('parameter'), 403);
      assert.strictEqual(await status('key'), 403);
      assert.strictEqual(await status('missing'), 403);
    });
  }

  it('plays Say (voice, language) and Play, listens on a Gather and posts the pressed digits to its action', async () => {
    const { emulator, server } = await emulate('twilio', {
      '/voice': doc(
        `<Say voice="Polly.Joanna" language="en-US">Welcome &amp; hello</Say><Play>https://cdn.example.com/a.mp3</Play>` +
          `<Gather input="dtmf" action="${PUBLIC}/menu?s=a%2Bb&amp;x=1" timeout="7" numDigits="1" finishOnKey=""><Say>Press 1</Say></Gather>`,
      ),
      '/menu': doc('<Say>You pressed one</Say><Hangup/>'),
    });
    const call = await emulator.placeCall({ to: '+15559870000' });
    assert.deepStrictEqual(call.transcript, [
      { kind: 'say', text: 'Welcome & hello', voice: 'Polly.Joanna', language: 'en-US' },
      { kind: 'play', url: 'https://cdn.example.com/a.mp3' },
      { kind: 'say', text: 'Press 1' },
    ]);
    assert.deepStrictEqual(call.waiting, {
      kind: 'gather',
      numDigits: 1,
      timeout: 7,
      finishOnKey: '',
      actionOnEmptyResult: false,
      action: `${PUBLIC}/menu?s=a%2Bb&x=1`,
    });
    await call.press('1');
    const menu = server.received[1]!;
    assert.deepStrictEqual(menu.query, { s: 'a+b', x: '1' });
    assert.strictEqual(menu.params['Digits'], '1');
    assert.strictEqual(menu.params['CallStatus'], 'in-progress');
    assert.deepStrictEqual(call.lastHeard, [{ kind: 'say', text: 'You pressed one' }]);
    assert.deepStrictEqual(call.ended, { reason: 'hangup' });
  });

  it('ends an entry at numDigits or at finishOnKey (not sent), and treats finishOnKey alone as no input', async () => {
    const gather = (attributes: string) =>
      doc(`<Gather action="${PUBLIC}/got" ${attributes} actionOnEmptyResult="true"><Say>Enter</Say></Gather>`);
    const { emulator, server } = await emulate('twilio', {
      '/voice': (_r, n) => (n === 1 ? gather('numDigits="2"') : gather('finishOnKey="#"')),
      '/got': doc('<Hangup/>'),
    });
    await (await emulator.placeCall({ to: '+1' })).press('123');
    await (await emulator.placeCall({ to: '+1' })).press('45#6');
    await (await emulator.placeCall({ to: '+1' })).press('#');
    const got = server.received
      .filter((r) => r.path === '/got')
      .map((r) => [r.params['Digits'], r.params['FinishedOnKey']]);
    assert.deepStrictEqual(got, [
      ['12', ''],
      ['45', '#'],
      ['', undefined],
    ]);
  });

  it('on a timeout, posts empty Digits with actionOnEmptyResult, otherwise falls through to the next verb and follows a Redirect', async () => {
    const { emulator, server } = await emulate('signalwire', {
      '/voice': (_r, n) =>
        doc(
          `<Gather action="${PUBLIC}/got"${n === 1 ? ' actionOnEmptyResult="true"' : ''}><Say>Enter</Say></Gather>` +
            `<Say>Nothing heard</Say><Redirect method="POST">${PUBLIC}/again</Redirect>`,
        ),
      '/got': doc('<Say>got</Say>'),
      '/again': doc('<Say>Goodbye</Say><Hangup/>'),
    });
    const first = await emulator.placeCall({ to: '+1' });
    await first.timeOut();
    assert.deepStrictEqual(first.lastHeard, [{ kind: 'say', text: 'got' }]);
    assert.strictEqual(server.received[1]!.params['Digits'], '');
    const second = await emulator.placeCall({ to: '+1' });
    await second.timeOut();
    assert.deepStrictEqual(second.said, ['Enter', 'Nothing heard', 'Goodbye']);
    assert.deepStrictEqual(second.ended, { reason: 'hangup' });
    assert.strictEqual(server.received.at(-1)!.path, '/again');
  });

  it('holds in a queue, requesting the waitUrl with the queue time until it leaves, then reports QueueResult=leave', async () => {
    const { emulator, server } = await emulate('telnyx', {
      '/voice': doc(`<Say>Hold on</Say><Enqueue action="${PUBLIC}/after" waitUrl="${PUBLIC}/hold">sales</Enqueue>`),
      '/hold': (r) =>
        Number(r.params['QueueTime']) >= 20 ? doc('<Leave/>') : doc('<Say>Still waiting</Say><Pause length="10"/>'),
      '/after': (r) => doc(`<Say>${r.params['QueueResult']}</Say>`),
    });
    const call = await emulator.placeCall({ to: '+1' });
    assert.deepStrictEqual(call.waiting, {
      kind: 'enqueue',
      queue: 'sales',
      waitUrl: `${PUBLIC}/hold`,
      action: `${PUBLIC}/after`,
    });
    assert.strictEqual(await call.holdUntilLeave(), 3);
    const holds = server.received.filter((r) => r.path === '/hold');
    assert.deepStrictEqual(
      holds.map((r) => r.params['QueueTime']),
      ['0', '10', '20'],
    );
    assert.ok(holds.every((r) => r.params['QueueSid']?.startsWith('QU') && r.params['QueuePosition'] === '1'));
    assert.strictEqual(call.heardOnHold.filter((h) => h.kind === 'say').length, 2);
    assert.strictEqual(server.received.at(-1)!.params['QueueTime'], '20');
    assert.deepStrictEqual(call.lastHeard, [{ kind: 'say', text: 'leave' }]);

    const bridged = await emulator.placeCall({ to: '+1' });
    await bridged.agentAnswers({ queueSeconds: 42 });
    assert.deepStrictEqual(bridged.lastHeard, [{ kind: 'say', text: 'bridged' }]);
    assert.strictEqual(server.received.at(-1)!.params['QueueTime'], '42');
  });

  it('dials a number with timeout and callerId, and reports the dial status and duration', async () => {
    const { emulator, server } = await emulate('twilio', {
      '/voice': doc(
        `<Dial action="${PUBLIC}/dialed" timeout="20" callerId="+15550001111"><Number>+15552223333</Number></Dial>`,
      ),
      '/dialed': (r) => doc(`<Say>${r.params['DialCallStatus']}</Say>`),
    });
    for (const status of ['completed', 'busy', 'no-answer', 'failed'] as const) {
      const call = await emulator.placeCall({ to: '+1' });
      assert.deepStrictEqual(call.waiting, {
        kind: 'dial',
        number: '+15552223333',
        timeout: 20,
        callerId: '+15550001111',
        action: `${PUBLIC}/dialed`,
      });
      await call.dialResult(status, { seconds: 5 });
      assert.deepStrictEqual(call.lastHeard, [{ kind: 'say', text: status }]);
      const sent = server.received.at(-1)!.params;
      assert.strictEqual(sent['DialCallDuration'], status === 'completed' ? '5' : undefined);
    }
  });

  it('records a message and posts the recording URL, sid and duration', async () => {
    const { emulator, server } = await emulate('signalwire', {
      '/voice': doc(`<Say>Leave a message</Say><Record action="${PUBLIC}/recorded" maxLength="120" playBeep="true"/>`),
      '/recorded': doc('<Say>Thanks</Say><Hangup/>'),
    });
    const call = await emulator.placeCall({ to: '+1' });
    assert.deepStrictEqual(call.waiting, { kind: 'record', maxLength: 120, beep: true, action: `${PUBLIC}/recorded` });
    const recording = await call.recordingDone({ seconds: 9 });
    const sent = server.received.at(-1)!.params;
    assert.strictEqual(sent['RecordingUrl'], recording.url);
    assert.strictEqual(sent['RecordingSid'], recording.sid);
    assert.strictEqual(sent['RecordingDuration'], '9');
    assert.deepStrictEqual(call.ended, { reason: 'hangup' });
  });

  it('compares the answers of a retried request', async () => {
    const { emulator } = await emulate('twilio', {
      '/voice': (_r, n) => doc(`<Say>answer ${n === 1 ? 'one' : 'two'}</Say>`),
      '/fixed': doc('<Say>same</Say>'),
    });
    const changing = await emulator.placeCall({ to: '+1' });
    assert.strictEqual((await changing.retryLast()).same, false);
    const fixed = await emulator.placeCall({ to: '+1' });
    const redirect = await emulator.request('POST', `${PUBLIC}/fixed`, { CallSid: fixed.parties.callSid });
    assert.strictEqual((await emulator.resend(redirect)).answer.body, redirect.answer.body);
  });

  it('ends the call on an HTTP error, and spreads a call over replicas, skipping one that is down', async () => {
    const { emulator, replicas } = await emulate(
      'twilio',
      {
        '/voice': doc(`<Gather action="${PUBLIC}/next"><Say>Enter</Say></Gather>`),
        '/next': doc(`<Redirect>${PUBLIC}/broken</Redirect>`),
        '/broken': () => ({ status: 500, body: 'boom' }),
      },
      2,
    );
    const call = await emulator.placeCall({ to: '+1' });
    await replicas[0]!.close();
    await call.press('5');
    assert.deepStrictEqual(call.ended, { reason: 'http-error', status: 500, body: 'boom' });
    assert.deepStrictEqual(
      call.requests.map((r) => r.server),
      [replicas[0]!.url, replicas[1]!.url, replicas[1]!.url],
    );
  });

  describe('reading TwiML as a strict carrier', () => {
    const refuses = (
      document: string,
      problem: RegExp,
      carrier: CarrierName = 'twilio',
      context: 'call' | 'hold' = 'call',
    ) =>
      assert.throws(
        () => readTwiml(document, EMULATED_CARRIERS[carrier], context),
        (error: unknown) => error instanceof InvalidTwimlError && problem.test(error.problem),
      );

    it('refuses what a carrier would: bad XML, another root, unknown verbs and attributes, relative URLs, stray text', () => {
      refuses('<Response><Say>hi</Response>', /Not well-formed/);
      refuses('<Document><Say>hi</Say></Document>', /root element is <Document>/);
      refuses(doc('<Sms>hi</Sms>'), /<Sms> is not a verb/);
      refuses(doc('<Say colour="red">hi</Say>'), /unknown attribute "colour"/);
      refuses(doc('<Play>/audio/a.mp3</Play>'), /absolute http\(s\) URL/);
      refuses(doc('<Gather action="/menu"/>'), /absolute/);
      refuses(doc('<Redirect>next</Redirect>'), /absolute/);
      refuses(doc('<Say>a &nbsp; b</Say>'), /not an XML entity/);
      refuses(doc('<Say>a & b</Say>'), /Not well-formed|not an XML entity/);
      refuses(doc('hello<Hangup/>'), /text outside any verb/);
      refuses(doc('<Leave/>'), /waitUrl document/);
      refuses(doc('<Gather input="speech"/>'), /only DTMF/);
      refuses(doc('<Dial><Number>+1</Number><Number>+2</Number></Dial>'), /exactly one <Number>/);
      refuses(doc('<Say><prosody>x</prosody></Say>'), /only text/);
    });

    it("holds each carrier to its limits: Telnyx's Gather timeout 1-120 and Dial timeout 5-120, TaskRouter only on Twilio", () => {
      const longGather = doc(`<Gather action="${PUBLIC}/g" timeout="121"/>`);
      assert.strictEqual(readTwiml(longGather, EMULATED_CARRIERS.twilio).length, 1);
      refuses(longGather, /from 1 to 120/, 'telnyx');
      refuses(doc(`<Dial timeout="4"><Number>+1</Number></Dial>`), /from 5 to/, 'twilio');
      refuses(doc(`<Dial timeout="121"><Number>+1</Number></Dial>`), /from 5 to 120/, 'telnyx');
      const task = doc(`<Enqueue workflowSid="WW1"><Task priority="5">{"queue":"sales"}</Task></Enqueue>`);
      assert.deepStrictEqual(readTwiml(task, EMULATED_CARRIERS.twilio)[0], {
        verb: 'Enqueue',
        queue: '',
        method: 'POST',
        waitUrlMethod: 'POST',
        workflowSid: 'WW1',
        task: { text: '{"queue":"sales"}', priority: 5 },
      });
      refuses(task, /no TaskRouter/, 'signalwire');
      assert.deepStrictEqual(readTwiml(doc('<Leave/>'), EMULATED_CARRIERS.telnyx, 'hold'), [{ verb: 'Leave' }]);
    });

    it('decodes character references once: &amp;#10; stays text', () => {
      const [say] = readTwiml(doc('<Say>line&#10;two &amp;#10; &#x41;</Say>'), EMULATED_CARRIERS.twilio);
      assert.deepStrictEqual(say, { verb: 'Say', text: 'line\ntwo &#10; A', loop: 1 });
    });
  });
});
