/**
 * Webhook signatures, checked against the official `twilio` package as the oracle (its
 * getExpectedTwilioSignature signs, its validateRequest judges), and Telnyx's Ed25519 with a key
 * pair made here.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import * as webhooks from 'twilio/lib/webhooks/webhooks';
import {
  loadCarrierSecrets,
  verifyCarrierSignature,
  type CarrierSecrets,
  type SignedRequest,
} from '../../../src/runtime/signatures';

const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const URL_SIGNED = 'https://ivr.example.com/voice?flow=main&v=3';
const PARAMS = {
  CallSid: 'CA0123456789abcdef0123456789abcdef',
  AccountSid: 'AC0123456789abcdef0123456789abcdef',
  From: '+15551230000',
  To: '+15559870000',
  CallStatus: 'ringing',
  Direction: 'inbound',
  ApiVersion: '2010-04-01',
};
const NOW = new Date('2026-12-07T03:00:00Z');

function formBody(params: Record<string, string>): Buffer {
  return Buffer.from(new URLSearchParams(params).toString());
}

function twilioRequest(
  options: {
    url?: string;
    params?: Record<string, string>;
    token?: string;
    signedUrl?: string;
    algorithm?: 'HMAC_SHA1' | 'HMAC_SHA256';
    headerName?: string;
  } = {},
): SignedRequest {
  const params = options.params ?? PARAMS;
  const url = options.url ?? URL_SIGNED;
  const signature = webhooks.getExpectedTwilioSignature(
    options.token ?? TOKEN,
    options.signedUrl ?? url,
    params,
    options.algorithm,
  );
  const headers: Record<string, string> = { [options.headerName ?? 'x-twilio-signature']: signature };
  if (options.algorithm) headers['x-twilio-webhooks-signature-settings'] = `key=KS123,algorithm=${options.algorithm}`;
  return { url, headers, rawBody: formBody(params), params };
}

const twilioSecrets: CarrierSecrets = { twilioAuthToken: TOKEN };

describe('carrier signatures', () => {
  describe('Twilio (cross-checked with the twilio package)', () => {
    it('accepts a request signed by the twilio package', () => {
      assert.deepStrictEqual(verifyCarrierSignature('twilio', twilioRequest(), twilioSecrets, NOW), { ok: true });
    });

    it('refuses a tampered URL, a tampered parameter, a wrong key, and says when the signature is missing', () => {
      const valid = twilioRequest();
      const tamperedUrl = { ...valid, url: 'https://ivr.example.com/voice?flow=main&v=4' };
      const tamperedParam = { ...valid, params: { ...PARAMS, From: '+15550000000' } };
      const wrongKey = twilioRequest({ token: 'ffffffffffffffffffffffffffffffff' });
      const missing = { ...valid, headers: {} };
      for (const request of [tamperedUrl, tamperedParam, wrongKey]) {
        assert.deepStrictEqual(verifyCarrierSignature('twilio', request, twilioSecrets, NOW), {
          ok: false,
          reason: 'bad-signature',
        });
        const header = request.headers['x-twilio-signature'] as string;
        assert.strictEqual(webhooks.validateRequest(TOKEN, header, request.url, request.params), false);
      }
      assert.deepStrictEqual(verifyCarrierSignature('twilio', missing, twilioSecrets, NOW), {
        ok: false,
        reason: 'missing-signature',
      });
    });

    it('says no-secret when no auth token is configured, rather than accepting', () => {
      assert.deepStrictEqual(verifyCarrierSignature('twilio', twilioRequest(), {}, NOW), {
        ok: false,
        reason: 'no-secret',
      });
    });

    it('accepts the URL signed with or without the default port, as the twilio package does', () => {
      const withPort = twilioRequest({ url: URL_SIGNED, signedUrl: 'https://ivr.example.com:443/voice?flow=main&v=3' });
      const withoutPort = twilioRequest({
        url: 'https://ivr.example.com:443/voice?flow=main&v=3',
        signedUrl: URL_SIGNED,
      });
      for (const request of [withPort, withoutPort]) {
        assert.deepStrictEqual(verifyCarrierSignature('twilio', request, twilioSecrets, NOW), { ok: true });
        const header = request.headers['x-twilio-signature'] as string;
        assert.strictEqual(webhooks.validateRequest(TOKEN, header, request.url, request.params), true);
      }
    });

    it('checks the HMAC-SHA256 scheme when X-Twilio-Webhooks-Signature-Settings announces it', () => {
      const sha256 = twilioRequest({ algorithm: 'HMAC_SHA256' });
      assert.deepStrictEqual(verifyCarrierSignature('twilio', sha256, twilioSecrets, NOW), { ok: true });
      // A SHA-1 signature presented as SHA-256 (or the reverse) is not accepted.
      const downgraded = {
        ...sha256,
        headers: { ...twilioRequest().headers, ...pick(sha256.headers, 'x-twilio-webhooks-signature-settings') },
      };
      assert.deepStrictEqual(verifyCarrierSignature('twilio', downgraded, twilioSecrets, NOW), {
        ok: false,
        reason: 'bad-signature',
      });
      const unknown = {
        ...sha256,
        headers: { ...sha256.headers, 'x-twilio-webhooks-signature-settings': 'algorithm=HMAC_MD5' },
      };
      assert.deepStrictEqual(verifyCarrierSignature('twilio', unknown, twilioSecrets, NOW), {
        ok: false,
        reason: 'bad-signature',
      });
    });

    it('uses the SharedKey secret for SharedKey-signed webhooks when one is configured', () => {
      const shared = twilioRequest({ algorithm: 'HMAC_SHA256', token: 'shared-key-secret' });
      const secrets = { twilioAuthToken: TOKEN, twilioSharedKeySecret: 'shared-key-secret' };
      assert.deepStrictEqual(verifyCarrierSignature('twilio', shared, secrets, NOW), { ok: true });
      assert.strictEqual(verifyCarrierSignature('twilio', shared, twilioSecrets, NOW).ok, false);
    });

    it('checks a JSON body through bodySHA256 in the URL', () => {
      const body = '{"CallSid":"CA1","To":"+15559870000"}';
      const url = `https://ivr.example.com/voice?bodySHA256=${webhooks.getExpectedBodyHash(body)}`;
      const signature = webhooks.getExpectedTwilioSignature(TOKEN, url, {});
      const request = { url, headers: { 'X-Twilio-Signature': signature }, rawBody: Buffer.from(body), params: {} };
      assert.strictEqual(webhooks.validateRequestWithBody(TOKEN, signature, url, body), true);
      assert.deepStrictEqual(verifyCarrierSignature('twilio', request, twilioSecrets, NOW), { ok: true });
      const tampered = { ...request, rawBody: Buffer.from(body.replace('CA1', 'CA2')) };
      assert.deepStrictEqual(verifyCarrierSignature('twilio', tampered, twilioSecrets, NOW), {
        ok: false,
        reason: 'bad-signature',
      });
    });

    it('agrees with validateRequest on generated URLs, parameters and signatures', () => {
      const text = fc.string({ unit: 'grapheme', maxLength: 12 });
      const name = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,10}$/);
      fc.assert(
        fc.property(
          fc.record({
            token: fc.stringMatching(/^[0-9a-f]{32}$/),
            host: fc.constantFrom('ivr.example.com', 'ivr.example.com:8443', '127.0.0.1:8080', '[::1]:9000'),
            scheme: fc.constantFrom('https', 'http'),
            path: fc.constantFrom('/voice', '/voice/step', "/v/it's", '/v/a%20b'),
            query: fc.dictionary(name, text, { maxKeys: 3 }),
            params: fc.dictionary(name, text, { maxKeys: 6 }),
            signWith: fc.constantFrom('same', 'other-token', 'other-param', 'other-url'),
            algorithm: fc.constantFrom(undefined, 'HMAC_SHA1', 'HMAC_SHA256'),
          }),
          (c) => {
            const query = new URLSearchParams(c.query).toString();
            const url = `${c.scheme}://${c.host}${c.path}${query ? `?${query}` : ''}`;
            const signToken = c.signWith === 'other-token' ? `${c.token}x` : c.token;
            const signParams = c.signWith === 'other-param' ? { ...c.params, Extra: '1' } : c.params;
            const signUrl = c.signWith === 'other-url' ? `${url}${query ? '&' : '?'}x=1` : url;
            const signature = webhooks.getExpectedTwilioSignature(signToken, signUrl, signParams, c.algorithm);
            const headers: Record<string, string> = { 'X-Twilio-Signature': signature };
            if (c.algorithm) headers['X-Twilio-Webhooks-Signature-Settings'] = `algorithm=${c.algorithm}`;
            const request = { url, headers, rawBody: formBody(c.params), params: c.params };
            const ours = verifyCarrierSignature('twilio', request, { twilioAuthToken: c.token }, NOW).ok;
            const oracle = webhooks.validateRequest(c.token, signature, url, c.params, c.algorithm);
            assert.strictEqual(ours, oracle);
            assert.strictEqual(ours, c.signWith === 'same');
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('SignalWire', () => {
    const secrets = { signalwireSigningKey: 'PSK_signalwire_key' };

    it('checks X-SignalWire-Signature (and the Twilio header name) with the signing key', () => {
      const ownHeader = twilioRequest({ token: 'PSK_signalwire_key', headerName: 'X-SignalWire-Signature' });
      const twilioHeader = twilioRequest({ token: 'PSK_signalwire_key' });
      assert.deepStrictEqual(verifyCarrierSignature('signalwire', ownHeader, secrets, NOW), { ok: true });
      assert.deepStrictEqual(verifyCarrierSignature('signalwire', twilioHeader, secrets, NOW), { ok: true });
    });

    it('refuses a tampered URL, a tampered parameter, a wrong key and a missing signature', () => {
      const valid = twilioRequest({ token: 'PSK_signalwire_key', headerName: 'X-SignalWire-Signature' });
      const cases: [SignedRequest, string][] = [
        [{ ...valid, url: `${URL_SIGNED}&x=1` }, 'bad-signature'],
        [{ ...valid, params: { ...PARAMS, Digits: '1' } }, 'bad-signature'],
        [twilioRequest({ token: TOKEN, headerName: 'X-SignalWire-Signature' }), 'bad-signature'],
        [{ ...valid, headers: {} }, 'missing-signature'],
      ];
      for (const [request, reason] of cases) {
        assert.deepStrictEqual(verifyCarrierSignature('signalwire', request, secrets, NOW), { ok: false, reason });
      }
      // A Twilio auth token is not a SignalWire signing key.
      assert.deepStrictEqual(
        verifyCarrierSignature('signalwire', valid, { twilioAuthToken: 'PSK_signalwire_key' }, NOW),
        {
          ok: false,
          reason: 'no-secret',
        },
      );
    });
  });

  describe('Telnyx (Ed25519)', () => {
    const pair = generateKeyPairSync('ed25519');
    const rawPublic = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url').toString('base64');
    const pemPublic = pair.publicKey.export({ format: 'pem', type: 'spki' }).toString();
    const body = formBody(PARAMS);
    const timestamp = String(Math.floor(NOW.getTime() / 1000));

    function telnyxRequest(privateKey: KeyObject = pair.privateKey, at = timestamp, rawBody = body): SignedRequest {
      const signature = sign(null, Buffer.concat([Buffer.from(`${at}|`), rawBody]), privateKey).toString('base64');
      return {
        url: 'https://ivr.example.com/voice',
        headers: { 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': at },
        rawBody,
        params: PARAMS,
      };
    }

    it('accepts a request signed with the private key, the public key given raw (base64) or as PEM', () => {
      for (const telnyxPublicKey of [rawPublic, pemPublic]) {
        assert.deepStrictEqual(verifyCarrierSignature('telnyx', telnyxRequest(), { telnyxPublicKey }, NOW), {
          ok: true,
        });
      }
    });

    it('refuses a tampered body, a tampered timestamp, a wrong key and a missing signature', () => {
      const secrets = { telnyxPublicKey: rawPublic };
      const valid = telnyxRequest();
      const cases: [SignedRequest, string][] = [
        [{ ...valid, rawBody: formBody({ ...PARAMS, From: '+15550000000' }) }, 'bad-signature'],
        [
          { ...valid, headers: { ...valid.headers, 'telnyx-timestamp': String(Number(timestamp) + 1) } },
          'bad-signature',
        ],
        [telnyxRequest(generateKeyPairSync('ed25519').privateKey), 'bad-signature'],
        [{ ...valid, headers: { 'telnyx-timestamp': timestamp } }, 'missing-signature'],
        [{ ...valid, headers: pick(valid.headers, 'telnyx-signature-ed25519') }, 'missing-signature'],
        [
          { ...valid, headers: { ...valid.headers, 'telnyx-signature-ed25519': 'bm90IGEgc2lnbmF0dXJl' } },
          'bad-signature',
        ],
      ];
      for (const [request, reason] of cases) {
        assert.deepStrictEqual(verifyCarrierSignature('telnyx', request, secrets, NOW), { ok: false, reason });
      }
      assert.deepStrictEqual(verifyCarrierSignature('telnyx', valid, {}, NOW), { ok: false, reason: 'no-secret' });
    });

    it('refuses a correctly signed request whose timestamp is more than five minutes away', () => {
      const secrets = { telnyxPublicKey: rawPublic };
      const seconds = Number(timestamp);
      assert.strictEqual(
        verifyCarrierSignature('telnyx', telnyxRequest(undefined, String(seconds - 299)), secrets, NOW).ok,
        true,
      );
      for (const at of [seconds - 301, seconds + 301]) {
        assert.deepStrictEqual(verifyCarrierSignature('telnyx', telnyxRequest(undefined, String(at)), secrets, NOW), {
          ok: false,
          reason: 'stale-timestamp',
        });
      }
    });
  });

  describe('loadCarrierSecrets', () => {
    it('reads each secret from its variable or from the file its _FILE variable names', () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'callflow-secrets-'));
      try {
        const file = path.join(dir, 'signing-key');
        writeFileSync(file, 'PSK_from_file\n');
        const secrets = loadCarrierSecrets({
          TWILIO_AUTH_TOKEN: TOKEN,
          SIGNALWIRE_SIGNING_KEY_FILE: file,
          TELNYX_PUBLIC_KEY: Buffer.alloc(32, 7).toString('base64'),
        });
        assert.deepStrictEqual(secrets, {
          twilioAuthToken: TOKEN,
          signalwireSigningKey: 'PSK_from_file',
          telnyxPublicKey: Buffer.alloc(32, 7).toString('base64'),
        });
        assert.deepStrictEqual(loadCarrierSecrets({}), {});
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('names the variable in its errors and never the value', () => {
      const secret = 'S3CRET-value-never-shown';
      const cases: [Record<string, string>, RegExp][] = [
        [{ TWILIO_AUTH_TOKEN: secret, TWILIO_AUTH_TOKEN_FILE: '/x' }, /TWILIO_AUTH_TOKEN and TWILIO_AUTH_TOKEN_FILE/],
        [{ SIGNALWIRE_SIGNING_KEY_FILE: `/nonexistent/${secret}` }, /SIGNALWIRE_SIGNING_KEY_FILE cannot be read/],
        [{ TELNYX_PUBLIC_KEY: secret }, /TELNYX_PUBLIC_KEY is not an Ed25519 public key/],
      ];
      for (const [env, message] of cases) {
        assert.throws(
          () => loadCarrierSecrets(env),
          (error: Error & { hint?: string }) => {
            assert.match(error.message, message);
            assert.ok(!`${error.message} ${error.hint ?? ''}`.includes(secret), error.message);
            return true;
          },
        );
      }
    });
  });
});

function pick(headers: SignedRequest['headers'], name: string): Record<string, string> {
  return { [name]: headers[name] as string };
}
