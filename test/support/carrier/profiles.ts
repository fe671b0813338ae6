/**
 * What the emulator knows of each carrier: the limits it holds TwiML to and how it signs a
 * request. Twilio and SignalWire sign with the official `twilio` package's own function (the
 * oracle the runtime's check is tested against); Telnyx with an Ed25519 private key.
 */
import { generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import * as webhooks from 'twilio/lib/webhooks/webhooks';

export type CarrierName = 'twilio' | 'signalwire' | 'telnyx';
export const CARRIER_NAMES: readonly CarrierName[] = ['twilio', 'signalwire', 'telnyx'];

export interface CarrierProfile {
  name: CarrierName;
  gatherTimeout: { min: number; max: number };
  dialTimeout: { min: number; max: number };
  /** Enqueue workflowSid / Task. */
  taskRouter: boolean;
}

/** From the carriers' documentation (see docs carriers.md: Telnyx holds Gather to 1–120 s, Dial to 5–120 s). */
export const EMULATED_CARRIERS: Readonly<Record<CarrierName, CarrierProfile>> = {
  twilio: { name: 'twilio', gatherTimeout: { min: 1, max: 600 }, dialTimeout: { min: 5, max: 600 }, taskRouter: true },
  signalwire: {
    name: 'signalwire',
    gatherTimeout: { min: 1, max: 600 },
    dialTimeout: { min: 5, max: 600 },
    taskRouter: false,
  },
  telnyx: { name: 'telnyx', gatherTimeout: { min: 1, max: 120 }, dialTimeout: { min: 5, max: 120 }, taskRouter: false },
};

/** The keys of one test's carriers: what the emulator signs with, and what the server is given. */
export interface CarrierKeys {
  twilioAuthToken: string;
  signalwireSigningKey: string;
  telnyxPrivateKey: KeyObject;
  /** Base64 of the raw 32-byte public key, as the Telnyx portal shows it. */
  telnyxPublicKey: string;
}

export function generateCarrierKeys(): CarrierKeys {
  const pair = generateKeyPairSync('ed25519');
  const jwk = pair.publicKey.export({ format: 'jwk' });
  return {
    twilioAuthToken: randomBytes(16).toString('hex'),
    signalwireSigningKey: `PSK_${randomBytes(12).toString('hex')}`,
    telnyxPrivateKey: pair.privateKey,
    telnyxPublicKey: Buffer.from(jwk.x!, 'base64url').toString('base64'),
  };
}

/** The environment `callflow serve` reads its secrets from. */
export function serverEnvironment(keys: CarrierKeys): Record<string, string> {
  return {
    TWILIO_AUTH_TOKEN: keys.twilioAuthToken,
    SIGNALWIRE_SIGNING_KEY: keys.signalwireSigningKey,
    TELNYX_PUBLIC_KEY: keys.telnyxPublicKey,
  };
}

/** How a request is to be spoiled, for tests of the server's refusal. */
export type Tampering = 'none' | 'url' | 'parameter' | 'key' | 'missing';

export interface RequestToSign {
  /** The public URL, as the carrier requests it. */
  url: string;
  params: Record<string, string>;
  /** The body as sent (form-encoded params for POST, empty for GET). */
  body: Buffer;
}

/** The signature headers the carrier sends with a request. */
export function signatureHeaders(
  carrier: CarrierName,
  keys: CarrierKeys,
  request: RequestToSign,
  tampering: Tampering = 'none',
  now: Date = new Date(),
): Record<string, string> {
  if (tampering === 'missing') return {};
  // A tampered request is signed as the carrier sent it, then changed on the way.
  const url = tampering === 'url' ? `${request.url}${request.url.includes('?') ? '&' : '?'}tampered=1` : request.url;
  const params = tampering === 'parameter' ? { ...request.params, From: '+15550009999' } : request.params;
  switch (carrier) {
    case 'twilio':
    case 'signalwire': {
      const secret = tampering === 'key' ? `${keys.twilioAuthToken}x` : secretOf(carrier, keys);
      const signature = webhooks.getExpectedTwilioSignature(secret, url, params);
      return carrier === 'twilio' ? { 'X-Twilio-Signature': signature } : { 'X-SignalWire-Signature': signature };
    }
    case 'telnyx': {
      const timestamp = String(Math.floor(now.getTime() / 1000));
      const body = tampering === 'parameter' ? Buffer.from(new URLSearchParams(params).toString()) : request.body;
      const key = tampering === 'key' ? generateKeyPairSync('ed25519').privateKey : keys.telnyxPrivateKey;
      // Telnyx signs the body, not the URL: a tampered URL goes unnoticed by design, as on the real carrier.
      const signature = sign(null, Buffer.concat([Buffer.from(`${timestamp}|`), body]), key).toString('base64');
      return { 'telnyx-signature-ed25519': signature, 'telnyx-timestamp': timestamp };
    }
  }
}

function secretOf(carrier: 'twilio' | 'signalwire', keys: CarrierKeys): string {
  return carrier === 'twilio' ? keys.twilioAuthToken : keys.signalwireSigningKey;
}
