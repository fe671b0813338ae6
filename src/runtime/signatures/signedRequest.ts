/** What every carrier's check reads: the request as it arrived, its signature headers, and the verdict. */
export type Carrier = 'twilio' | 'signalwire' | 'telnyx';

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

export const SIGNATURE_HEADERS = {
  twilio: 'x-twilio-signature',
  twilioSettings: 'x-twilio-webhooks-signature-settings',
  signalwire: 'x-signalwire-signature',
  telnyxSignature: 'telnyx-signature-ed25519',
  telnyxTimestamp: 'telnyx-timestamp',
} as const;

export const fail = (reason: SignatureFailure): SignatureCheck => ({ ok: false, reason });

export function header(request: SignedRequest, name: string): string | undefined {
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
