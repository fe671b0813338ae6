import * as assert from 'assert';
import {
  apologyVerbs,
  CARRIER_PROFILES,
  DEFAULT_RUNTIME_SETTINGS,
  holdVerbs,
  parseRuntimeSettings,
  renderTwiml,
  turnVerbs,
  type CallLinks,
  type Wait,
} from '../../../src/core';
import { encodedUrl } from '../../../src/runtime/httpStepUrl';

const links: CallLinks = {
  action: 'https://voice.example.com/voice/continue?s=abc.def',
  noInput: 'https://voice.example.com/voice/no-input?s=abc.def',
  hold: 'https://voice.example.com/voice/hold?s=abc.def',
  audio: (value) => value,
};
const twilio = { profile: CARRIER_PROFILES.twilio };

describe('TwiML documents (pure)', () => {
  it('escapes every text and attribute, and drops characters XML cannot carry', () => {
    const xml = renderTwiml([{ verb: 'say', text: 'A <b>&"\'\u0007\uFFFE' }], { ...twilio, voice: 'x"y' });
    assert.strictEqual(
      xml,
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say voice="x&quot;y">A &lt;b&gt;&amp;"\'</Say></Response>',
    );
  });

  it('writes only absolute URLs', () => {
    assert.throws(() => renderTwiml([{ verb: 'redirect', url: '/voice/continue' }], twilio), /absolute/);
    assert.match(
      renderTwiml([{ verb: 'redirect', url: 'https://h.example/voice?s=a&b' }], twilio),
      /<Redirect method="POST">https:\/\/h\.example\/voice\?s=a&amp;b<\/Redirect>/,
    );
  });

  it('a menu is a one-key Gather with its prompt inside, then the no-input redirect', () => {
    const wait: Wait = {
      kind: 'digits',
      flow: 'acme',
      step: 'menu',
      mode: 'menu',
      prompt: [{ kind: 'say', text: 'Press 1.', flow: 'acme', step: 'menu' }],
      timeout: 7.5,
      attempt: 1,
      attempts: 3,
    };
    const xml = renderTwiml(
      turnVerbs({ say: [], wait }, links, DEFAULT_RUNTIME_SETTINGS, CARRIER_PROFILES.twilio),
      twilio,
    );
    assert.strictEqual(
      xml,
      '<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="dtmf" action="https://voice.example.com/voice/continue?s=abc.def" method="POST" timeout="8" numDigits="1" finishOnKey=""><Say>Press 1.</Say></Gather><Redirect method="POST">https://voice.example.com/voice/no-input?s=abc.def</Redirect></Response>',
    );
  });

  it("keeps each carrier profile's limits: Telnyx Gather 1-120 s and Dial 5-120 s", () => {
    const gather = { verb: 'gather' as const, action: links.action, timeout: 600, prompt: [] };
    assert.match(renderTwiml([gather], { profile: CARRIER_PROFILES.telnyx }), /timeout="120"/);
    assert.match(renderTwiml([gather], twilio), /timeout="600"/);
    const dial = { verb: 'dial' as const, number: '+14155550199', action: links.action, timeout: 2 };
    assert.match(renderTwiml([dial], { profile: CARRIER_PROFILES.telnyx }), /<Dial [^>]*timeout="5"/);
  });

  it("a transfer's Dial rings for the step's ring time and presents its caller id, escaped; none: the carrier's default", () => {
    const wait: Wait = {
      kind: 'dial',
      flow: 'acme',
      step: 'support',
      to: '+14155550199',
      ringSeconds: 20,
      callerId: '+14155550100',
    };
    const xml = renderTwiml(
      turnVerbs({ say: [], wait }, links, DEFAULT_RUNTIME_SETTINGS, CARRIER_PROFILES.twilio),
      twilio,
    );
    assert.match(xml, /<Dial [^>]*timeout="20" callerId="\+14155550100"><Number>\+14155550199<\/Number><\/Dial>/);
    const plain = { ...wait, callerId: undefined };
    delete plain.callerId;
    const fallback = renderTwiml(
      turnVerbs({ say: [], wait: plain }, links, DEFAULT_RUNTIME_SETTINGS, CARRIER_PROFILES.telnyx),
      { profile: CARRIER_PROFILES.telnyx },
    );
    assert.match(fallback, /<Dial [^>]*timeout="20"/);
    assert.doesNotMatch(fallback, /callerId/);
  });

  it('enqueues through TaskRouter with the priority only on Twilio, and only where configured', () => {
    const wait: Wait = { kind: 'queue', flow: 'acme', step: 'sales', queue: 'sales', priority: 5, timeout: 30 };
    const runtime = { ...DEFAULT_RUNTIME_SETTINGS, twilioWorkflowSid: 'WW' + '0'.repeat(32) };
    const onTwilio = renderTwiml(turnVerbs({ say: [], wait }, links, runtime, CARRIER_PROFILES.twilio), twilio);
    assert.match(
      onTwilio,
      /<Enqueue [^>]*workflowSid="WW0{32}"><Task priority="5">\{"queue":"sales"\}<\/Task><\/Enqueue>/,
    );
    const onTelnyx = renderTwiml(turnVerbs({ say: [], wait }, links, runtime, CARRIER_PROFILES.telnyx), {
      profile: CARRIER_PROFILES.telnyx,
    });
    assert.match(onTelnyx, /<Enqueue [^>]*>sales<\/Enqueue>/);
    assert.doesNotMatch(onTelnyx, /workflowSid|Task/);
    const unconfigured = renderTwiml(
      turnVerbs({ say: [], wait }, links, DEFAULT_RUNTIME_SETTINGS, CARRIER_PROFILES.twilio),
      twilio,
    );
    assert.doesNotMatch(unconfigured, /workflowSid/);
  });

  it('the hold document leaves the queue once the step timeout has passed', () => {
    assert.deepStrictEqual(holdVerbs(0, 30, DEFAULT_RUNTIME_SETTINGS)[1], { verb: 'pause', seconds: 10 });
    assert.deepStrictEqual(holdVerbs(25, 30, DEFAULT_RUNTIME_SETTINGS)[1], { verb: 'pause', seconds: 5 });
    assert.deepStrictEqual(holdVerbs(30, 30, DEFAULT_RUNTIME_SETTINGS), [{ verb: 'leave' }]);
    assert.strictEqual(
      holdVerbs(9_999, undefined, DEFAULT_RUNTIME_SETTINGS).length,
      2,
      'no timeout: hold until an agent answers',
    );
    assert.deepStrictEqual(
      holdVerbs(0, 30, { ...DEFAULT_RUNTIME_SETTINGS, holdMusic: 'https://cdn.example/hold.mp3' })[0],
      {
        verb: 'play',
        url: 'https://cdn.example/hold.mp3',
      },
    );
  });

  it('the apology is the configured text, then a hang-up', () => {
    assert.deepStrictEqual(apologyVerbs({ ...DEFAULT_RUNTIME_SETTINGS, apology: 'Closed.' }), [
      { verb: 'say', text: 'Closed.' },
      { verb: 'hangup' },
    ]);
  });

  it('percent-encodes every variable filled into an http step URL, and nothing else', () => {
    assert.strictEqual(
      encodedUrl('https://crm.example.com/c?phone={{caller.number}}&acct={{account}}', {
        'caller.number': '+1 415/555&x=1#frag',
        account: '12#',
      }),
      'https://crm.example.com/c?phone=%2B1%20415%2F555%26x%3D1%23frag&acct=12%23',
    );
  });

  it("reads callflow.yaml's runtime block, refusing what it cannot use", () => {
    assert.deepStrictEqual(parseRuntimeSettings('flowsDir: flows\n'), DEFAULT_RUNTIME_SETTINGS);
    const settings = parseRuntimeSettings(
      'runtime:\n  apology: "Closed today."\n  callbackWebhook: https://crm.example.com/cb\n',
    );
    assert.strictEqual(settings.apology, 'Closed today.');
    assert.strictEqual(settings.callbackWebhook, 'https://crm.example.com/cb');
    assert.throws(() => parseRuntimeSettings('runtime:\n  callbackWebhook: ftp://x\n'), /https:\/\//);
    assert.throws(() => parseRuntimeSettings('runtime:\n  apolgy: "x"\n'), /runtime\.apolgy is not a runtime setting/);
  });
});
