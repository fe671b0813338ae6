/**
 * The server's state secret, which signs the call state in its URLs. Every replica that may take a
 * call's next request needs the same one. Only from the environment or a file (a secret store's
 * mount), never from the repository, never logged.
 */
import { readFileSync } from 'node:fs';
import { InvalidInputError } from '../core';

const MIN_SECRET_CHARS = 32;
const HOW_TO_MAKE =
  "Make one with `openssl rand -hex 32` (or `node -e \"console.log(require('crypto').randomBytes(32).toString('hex'))\"`), " +
  'then set CALLFLOW_STATE_SECRET to it, or CALLFLOW_STATE_SECRET_FILE to a file holding it; give every replica the same one.';

export function loadStateSecret(env: NodeJS.ProcessEnv): Buffer {
  const file = env['CALLFLOW_STATE_SECRET_FILE'];
  let value = env['CALLFLOW_STATE_SECRET'];
  let origin = 'CALLFLOW_STATE_SECRET';
  if (file) {
    if (value)
      throw new InvalidInputError(
        'state-secret',
        'Both CALLFLOW_STATE_SECRET and CALLFLOW_STATE_SECRET_FILE are set.',
        'Set only one of them.',
      );
    try {
      value = readFileSync(file, 'utf8').trim();
    } catch (err) {
      throw new InvalidInputError(
        'state-secret',
        `CALLFLOW_STATE_SECRET_FILE names ${file}, which cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'}).`,
        'Point it at a readable file holding the secret.',
      );
    }
    origin = `the file ${file}`;
  }
  if (!value)
    throw new InvalidInputError(
      'state-secret',
      'callflow serve needs a state secret to sign the call state it puts in its URLs.',
      HOW_TO_MAKE,
    );
  if (value.length < MIN_SECRET_CHARS)
    throw new InvalidInputError(
      'state-secret',
      `The state secret from ${origin} is too short (${value.length} characters; at least ${MIN_SECRET_CHARS}).`,
      HOW_TO_MAKE,
    );
  return Buffer.from(value, 'utf8');
}
