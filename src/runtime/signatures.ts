/**
 * Checks that a webhook request really comes from the carrier, before anything else runs.
 *
 * Twilio and SignalWire sign the URL they requested plus the sorted form parameters with an HMAC
 * (SHA-1, or SHA-256 where the request announces it); Telnyx signs `timestamp|body` with Ed25519.
 * The constructions follow the official `twilio` package (lib/webhooks), which the tests use as
 * the oracle.
 */
import {
  createHash,
  createHmac,
  createPublicKey,
  createSecretKey,
  type KeyObject,
  timingSafeEqual,
  verify,
} from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';
import { InvalidInputError } from '../core';

export type Carrier = 'twilio' | 'signalwire' | 'telnyx';

export interface CarrierSecrets {
  twilioAuthToken?: string;
  /**
   * The secret of a Twilio SharedKey, for webhooks that announce `X-Twilio-Webhooks-Signature-Settings`.
   * Without it those are checked with the auth token.
   */
  twilioSharedKeySecret?: string;
  signalwireSigningKey?: string;
  /** Base64 of the raw 32-byte Ed25519 key, or a PEM public key. */
  telnyxPublicKey?: string;
}

export interface SignedRequest {
  /** The public URL the carrier requested (under --public-url), query string included. */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: Buffer;
  /** The form parameters of the body. */
  params: Record<string, string>;
}

export type SignatureFailure = 'missing-signature' | 'bad-signature' | 'stale-timestamp' | 'no-secret';
export type SignatureCheck = { ok: true } | { ok: false; reason: SignatureFailure };

/** How far a Telnyx timestamp may be from our clock, either way. */
export const TELNYX_TIMESTAMP_TOLERANCE_SECONDS = 300;

export const SIGNATURE_HEADERS = {
  twilio: 'x-twilio-signature',
  twilioSettings: 'x-twilio-webhooks-signature-settings',
  signalwire: 'x-signalwire-signature',
  telnyxSignature: 'telnyx-signature-ed25519',
  telnyxTimestamp: 'telnyx-timestamp',
} as const;

export function verifyCarrierSignature(
  carrier: Carrier,
  request: SignedRequest,
  secrets: CarrierSecrets,
  now: Date,
): SignatureCheck {
  switch (carrier) {
    case 'twilio':
      return verifyTwilioStyle(request, header(request, SIGNATURE_HEADERS.twilio), twilioSecret(request, secrets));
    case 'signalwire':
      return verifyTwilioStyle(
        request,
        header(request, SIGNATURE_HEADERS.signalwire) ?? header(request, SIGNATURE_HEADERS.twilio),
        secrets.signalwireSigningKey,
      );
    case 'telnyx':
      return verifyTelnyx(request, secrets.telnyxPublicKey, now);
  }
}

const fail = (reason: SignatureFailure): SignatureCheck => ({ ok: false, reason });

function header(request: SignedRequest, name: string): string | undefined {
  // Node's own request headers are lower-case already: look the name up before scanning for another case.
  let value = request.headers[name];
  if (value === undefined)
    for (const key in request.headers) {
      if (key.toLowerCase() !== name) continue;
      value = request.headers[key];
      break;
    }
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined || first === '' ? undefined : first;
}

function twilioSecret(request: SignedRequest, secrets: CarrierSecrets): string | undefined {
  const announcesSharedKey = header(request, SIGNATURE_HEADERS.twilioSettings) !== undefined;
  return announcesSharedKey ? (secrets.twilioSharedKeySecret ?? secrets.twilioAuthToken) : secrets.twilioAuthToken;
}

// ---- Twilio and SignalWire: HMAC over the URL and the sorted parameters ----

type HashName = 'sha1' | 'sha256';

/** `algorithm=` in X-Twilio-Webhooks-Signature-Settings; absent means the legacy HMAC-SHA1. */
function signatureHash(request: SignedRequest): HashName | undefined {
  const settings = header(request, SIGNATURE_HEADERS.twilioSettings) ?? '';
  for (const part of settings.split(',')) {
    const separator = part.indexOf('=');
    if (separator === -1 || part.slice(0, separator).trim() !== 'algorithm') continue;
    const algorithm = part
      .slice(separator + 1)
      .trim()
      .toUpperCase();
    if (algorithm === '') break;
    if (algorithm === 'HMAC_SHA1') return 'sha1';
    if (algorithm === 'HMAC_SHA256') return 'sha256';
    return undefined;
  }
  return 'sha1';
}

function verifyTwilioStyle(
  request: SignedRequest,
  signature: string | undefined,
  secret: string | undefined,
): SignatureCheck {
  if (signature === undefined) return fail('missing-signature');
  if (!secret) return fail('no-secret');
  const hash = signatureHash(request);
  if (!hash) return fail('bad-signature');
  // A JSON body is signed through its hash in the URL (bodySHA256), not through parameters.
  const bodyHash = bodySha256Of(request.url);
  const params = bodyHash === undefined ? request.params : {};
  const given = Buffer.from(signature);
  const signedParams = concatenatedParams(params);
  const signedOver = (url: string): boolean =>
    sameBytes(given, Buffer.from(hmacBase64(hash, secret, url + signedParams)));
  // Nearly every request is signed over the URL as requested (without a port): tried before the other forms are made.
  const first = withoutPort(request.url);
  let signed = signedOver(first);
  if (!signed)
    for (const url of signedUrlCandidates(request.url)) {
      if (url !== first && signedOver(url)) {
        signed = true;
        break;
      }
    }
  if (!signed) return fail('bad-signature');
  if (bodyHash !== undefined) {
    const actual = createHash('sha256').update(request.rawBody).digest('hex');
    if (!sameBytes(Buffer.from(bodyHash), Buffer.from(actual))) return fail('bad-signature');
  }
  return { ok: true };
}

export function hmacSignature(hash: HashName, secret: string, url: string, params: Record<string, string>): string {
  return hmacBase64(hash, secret, url + concatenatedParams(params));
}

/** Each parameter's name and value, sorted by name, concatenated: what follows the URL in the signed text. */
function concatenatedParams(params: Record<string, string>): string {
  let signed = '';
  for (const name of sortedNames(params)) signed += name + params[name];
  return signed;
}

/**
 * A record's keys in code-unit order (what Array#sort gives), by insertion: a carrier's form has
 * a dozen fields, and on every request Array#sort's scratch space cost more than the sorting.
 */
export function sortedNames(record: Readonly<Record<string, unknown>>): string[] {
  const names = Object.keys(record);
  if (names.length > 32) return names.sort();
  for (let i = 1; i < names.length; i++) {
    const name = names[i]!;
    let j = i - 1;
    while (j >= 0 && names[j]! > name) {
      names[j + 1] = names[j]!;
      j--;
    }
    names[j + 1] = name;
  }
  return names;
}

function hmacBase64(hash: HashName, secret: string, data: string): string {
  return createHmac(hash, secretKey(secret)).update(data, 'utf8').digest('base64');
}

/** Secrets as imported keys, made once: an HMAC keyed with a string imports it again each time. */
const secretKeys = new Map<string, KeyObject>();

function secretKey(secret: string): KeyObject {
  let key = secretKeys.get(secret);
  if (!key) {
    // A server has one or two secrets; tests make many: keep the map from growing without end.
    if (secretKeys.size >= 16) secretKeys.clear();
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    secretKeys.set(secret, key);
  }
  return key;
}

function bodySha256Of(url: string): string | undefined {
  if (!url.includes('bodySHA256')) return undefined;
  try {
    return new URL(url).searchParams.get('bodySHA256') ?? '';
  } catch {
    return '';
  }
}

/** Constant time for equal lengths; a length says nothing secret (it is fixed by the algorithm). */
function sameBytes(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The URL strings the carrier may have signed: as requested, with and without the default port
 * (carriers differ on whether they sign `:443`), then as `new URL()` normalises it, also with the
 * query re-encoded the legacy way, for URLs whose characters a proxy or the carrier escaped.
 */
function* signedUrlCandidates(url: string): Generator<string> {
  // Made one at a time: nearly every request is signed over the URL as requested, the first one.
  const seen = new Set<string>();
  const fresh = (candidate: string): boolean => !seen.has(candidate) && seen.add(candidate).size > 0;
  for (const candidate of [withoutPort(url), withDefaultPort(url)]) if (fresh(candidate)) yield candidate;
  let normalised: string;
  try {
    normalised = new URL(url).toString();
  } catch {
    return;
  }
  const bare = withoutPort(normalised);
  const ported = withDefaultPort(normalised);
  for (const candidate of [bare, ported, withLegacyQuery(bare), withLegacyQuery(ported)]) {
    if (fresh(candidate)) yield candidate;
  }
}

interface UrlParts {
  prefix: string;
  userInfo: string;
  host: string;
  port: string;
  rest: string;
}

/** Splits without normalising, so the path and query keep the exact characters that were signed. */
function splitUrl(url: string): UrlParts | undefined {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)/i.exec(url);
  if (!match) return undefined;
  const scheme = match[1]!;
  const authority = match[2]!;
  const userInfoEnd = authority.lastIndexOf('@');
  const hostAndPort = authority.slice(userInfoEnd + 1);
  // In an IPv6 literal the port's colon comes after the closing bracket.
  const portStart = hostAndPort.indexOf(':', hostAndPort.lastIndexOf(']') + 1);
  return {
    prefix: scheme,
    userInfo: authority.slice(0, userInfoEnd + 1),
    host: portStart === -1 ? hostAndPort : hostAndPort.slice(0, portStart),
    port: portStart === -1 ? '' : hostAndPort.slice(portStart),
    rest: url.slice(match[0].length),
  };
}

function withoutPort(url: string): string {
  const parts = splitUrl(url);
  return parts ? parts.prefix + parts.userInfo + parts.host + parts.rest : url;
}

function withDefaultPort(url: string): string {
  const parts = splitUrl(url);
  if (!parts || parts.port) return url;
  const port = parts.prefix.toLowerCase() === 'https://' ? ':443' : ':80';
  return parts.prefix + parts.userInfo + parts.host + port + parts.rest;
}

function withLegacyQuery(url: string): string {
  const queryStart = url.indexOf('?');
  if (queryStart === -1 || queryStart === url.length - 1) return url;
  return `${url.slice(0, queryStart)}?${stringifyQuery(parseQuery(url.slice(queryStart + 1)))}`;
}

// ---- Telnyx: Ed25519 over `timestamp|body` ----

function verifyTelnyx(request: SignedRequest, publicKey: string | undefined, now: Date): SignatureCheck {
  const signature = header(request, SIGNATURE_HEADERS.telnyxSignature);
  const timestamp = header(request, SIGNATURE_HEADERS.telnyxTimestamp);
  if (signature === undefined || timestamp === undefined) return fail('missing-signature');
  if (!publicKey) return fail('no-secret');
  const key = telnyxKey(publicKey);
  if (!key) return fail('no-secret');
  if (!/^\d{1,15}$/.test(timestamp)) return fail('bad-signature');
  const signedBytes = Buffer.concat([Buffer.from(`${timestamp}|`, 'utf8'), request.rawBody]);
  const signatureBytes = Buffer.from(signature, 'base64');
  if (signatureBytes.length !== 64 || !verify(null, signedBytes, key, signatureBytes)) return fail('bad-signature');
  // Checked after the signature, so that a forged request is told "bad", not how our clock reads.
  const skewSeconds = Math.abs(now.getTime() / 1000 - Number(timestamp));
  if (skewSeconds > TELNYX_TIMESTAMP_TOLERANCE_SECONDS) return fail('stale-timestamp');
  return { ok: true };
}

let lastTelnyxKey: { text: string; key: KeyObject | undefined } | undefined;

/** The key is parsed once per distinct value, not per request. */
function telnyxKey(text: string): KeyObject | undefined {
  if (lastTelnyxKey?.text !== text) lastTelnyxKey = { text, key: parseEd25519PublicKey(text) };
  return lastTelnyxKey.key;
}

export function parseEd25519PublicKey(text: string): KeyObject | undefined {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('-----BEGIN')) {
      const key = createPublicKey(trimmed);
      return key.asymmetricKeyType === 'ed25519' ? key : undefined;
    }
    const raw = Buffer.from(trimmed, 'base64');
    if (raw.length !== 32 || raw.toString('base64').replace(/=+$/, '') !== trimmed.replace(/=+$/, '')) return undefined;
    return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  } catch {
    return undefined;
  }
}

// ---- Secrets from the environment ----

const SECRET_VARIABLES = {
  twilioAuthToken: 'TWILIO_AUTH_TOKEN',
  twilioSharedKeySecret: 'TWILIO_SHARED_KEY_SECRET',
  signalwireSigningKey: 'SIGNALWIRE_SIGNING_KEY',
  telnyxPublicKey: 'TELNYX_PUBLIC_KEY',
} as const satisfies Record<keyof CarrierSecrets, string>;

/** Which variable holds the secret a carrier's signatures are checked with (for messages). */
export const CARRIER_SECRET_VARIABLE: Record<Carrier, string> = {
  twilio: SECRET_VARIABLES.twilioAuthToken,
  signalwire: SECRET_VARIABLES.signalwireSigningKey,
  telnyx: SECRET_VARIABLES.telnyxPublicKey,
};

/**
 * Reads each secret from its variable, or from the file its `_FILE` variable names (container
 * secrets). Errors name the variable and never quote a value.
 */
export function loadCarrierSecrets(
  env: Record<string, string | undefined>,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): CarrierSecrets {
  const secrets: CarrierSecrets = {};
  for (const [field, variable] of Object.entries(SECRET_VARIABLES) as [keyof CarrierSecrets, string][]) {
    const value = secretValue(env, variable, readFile);
    if (value !== undefined) secrets[field] = value;
  }
  if (secrets.telnyxPublicKey !== undefined && !parseEd25519PublicKey(secrets.telnyxPublicKey)) {
    throw new InvalidInputError(
      'carrier-secret-invalid',
      `${SECRET_VARIABLES.telnyxPublicKey} is not an Ed25519 public key.`,
      'Set it to the public key shown in the Telnyx portal (base64 of 32 bytes), or to a PEM public key.',
    );
  }
  return secrets;
}

function secretValue(
  env: Record<string, string | undefined>,
  variable: string,
  readFile: (path: string) => string,
): string | undefined {
  const direct = env[variable];
  const fileVariable = `${variable}_FILE`;
  const file = env[fileVariable];
  if (direct !== undefined && direct !== '' && file !== undefined && file !== '') {
    throw new InvalidInputError(
      'carrier-secret-twice',
      `Both ${variable} and ${fileVariable} are set.`,
      `Set only one of them: ${variable} holds the secret itself, ${fileVariable} the path of a file holding it.`,
    );
  }
  if (file !== undefined && file !== '') {
    let text: string;
    try {
      text = readFile(file);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new InvalidInputError(
        'carrier-secret-unreadable',
        `The file named by ${fileVariable} cannot be read${code ? ` (${code})` : ''}.`,
        `Check that ${fileVariable} names an existing file this process may read.`,
      );
    }
    const value = text.trim();
    if (value === '') {
      throw new InvalidInputError(
        'carrier-secret-empty',
        `The file named by ${fileVariable} is empty.`,
        `Put the secret in that file, or unset ${fileVariable}.`,
      );
    }
    return value;
  }
  if (direct === undefined || direct.trim() === '') return undefined;
  return direct.trim();
}
