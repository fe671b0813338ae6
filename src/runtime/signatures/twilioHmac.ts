/**
 * Twilio and SignalWire: an HMAC over the URL the carrier requested plus the sorted form
 * parameters (SHA-1, or SHA-256 where the request announces it), or over a JSON body's hash
 * carried in the URL. The construction follows the official `twilio` package (lib/webhooks).
 */
import { createHash, createHmac, createSecretKey, type KeyObject, timingSafeEqual } from 'node:crypto';
import { parse as parseQuery, stringify as stringifyQuery } from 'node:querystring';
import { fail, header, SIGNATURE_HEADERS, type SignatureCheck, type SignedRequest } from './signedRequest';

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

export function verifyTwilioStyle(
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
