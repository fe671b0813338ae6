/** Telnyx: Ed25519 over `timestamp|body`, with the timestamp kept close to our clock. */
import { createPublicKey, type KeyObject, verify } from 'node:crypto';
import { fail, header, SIGNATURE_HEADERS, type SignatureCheck, type SignedRequest } from './signedRequest';

/** How far a Telnyx timestamp may be from our clock, either way. */
export const TELNYX_TIMESTAMP_TOLERANCE_SECONDS = 300;

export function verifyTelnyx(request: SignedRequest, publicKey: string | undefined, now: Date): SignatureCheck {
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
