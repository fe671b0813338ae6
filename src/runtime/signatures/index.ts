/**
 * Checks that a webhook request really comes from the carrier, before anything else runs.
 *
 * Twilio and SignalWire sign the URL they requested plus the sorted form parameters with an HMAC
 * (SHA-1, or SHA-256 where the request announces it): twilioHmac.ts; Telnyx signs `timestamp|body`
 * with Ed25519: telnyxEd25519.ts. The constructions follow the official `twilio` package
 * (lib/webhooks), which the tests use as the oracle. Callers enter here.
 */
import type { CarrierSecrets } from './carrierSecrets';
import { header, SIGNATURE_HEADERS, type Carrier, type SignatureCheck, type SignedRequest } from './signedRequest';
import { verifyTelnyx } from './telnyxEd25519';
import { verifyTwilioStyle } from './twilioHmac';

export { CARRIER_SECRET_VARIABLE, loadCarrierSecrets, type CarrierSecrets } from './carrierSecrets';
export {
  SIGNATURE_HEADERS,
  type Carrier,
  type SignatureCheck,
  type SignatureFailure,
  type SignedRequest,
} from './signedRequest';
export { parseEd25519PublicKey, TELNYX_TIMESTAMP_TOLERANCE_SECONDS } from './telnyxEd25519';
export { hmacSignature, sortedNames } from './twilioHmac';

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

function twilioSecret(request: SignedRequest, secrets: CarrierSecrets): string | undefined {
  const announcesSharedKey = header(request, SIGNATURE_HEADERS.twilioSettings) !== undefined;
  return announcesSharedKey ? (secrets.twilioSharedKeySecret ?? secrets.twilioAuthToken) : secrets.twilioAuthToken;
}
