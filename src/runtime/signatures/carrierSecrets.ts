/** The secrets signatures are checked with, from the environment (never from a flow or a request). */
import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../../core';
import type { Carrier } from './signedRequest';
import { parseEd25519PublicKey } from './telnyxEd25519';

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
