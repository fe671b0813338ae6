/**
 * A source transfer's ring time and caller id, as a transfer step's `ring-seconds` and
 * `caller-id`: what every dialect knows of them (Studio's connect-call-to `timeout` and
 * `caller_id`, Connect's ThirdPartyConnectionTimeoutSeconds and CallerId, Archy's calling party
 * number) goes through here, so the three read them the same way.
 */
import { isE164 } from '../ids';
import type { TransferStep } from '../model';

/** The ring times a transfer step takes (the carriers' Dial timeout range). */
const RING_SECONDS = { min: 5, max: 120 } as const;

/** How each dialect writes "the caller's number" and "the number the caller dialed". */
const CALLER_ID_WORDS: ReadonlyArray<[RegExp, 'caller' | 'dialed']> = [
  [/^\{\{\s*(trigger\.call\.(From|Caller)|contact\.channel\.from)\s*\}\}$/i, 'caller'],
  [/^\{\{\s*(trigger\.call\.(To|Called)|contact\.channel\.address)\s*\}\}$/i, 'dialed'],
  [/^\$\.CustomerEndpoint\.Address$/i, 'caller'],
  [/^\$\.SystemEndpoint\.Address$/i, 'dialed'],
  [/^Call\.(Ani|CallingAddress)$/i, 'caller'],
  [/^Call\.(Dnis|CalledAddress)$/i, 'dialed'],
];

export type TransferOptions = Pick<TransferStep, 'ring-seconds' | 'caller-id'>;

/**
 * The step fields for a source's ring time (seconds) and caller id (its text), with a note for
 * what could not be kept as it was (a ring time out of range, a caller id computed at run time).
 */
export function transferOptions(
  ringSeconds: number | undefined,
  callerId: string | undefined,
  notes: string[],
): TransferOptions {
  const options: TransferOptions = {};
  if (ringSeconds !== undefined && ringSeconds > 0) {
    const whole = Math.round(ringSeconds);
    const kept = Math.min(RING_SECONDS.max, Math.max(RING_SECONDS.min, whole));
    if (kept !== ringSeconds)
      notes.push(
        `it rings for ${ringSeconds} s; a transfer rings ${RING_SECONDS.min} to ${RING_SECONDS.max} s, so ${kept} s`,
      );
    options['ring-seconds'] = kept;
  }
  const text = callerId?.trim();
  if (text) {
    const word = CALLER_ID_WORDS.find(([pattern]) => pattern.test(text))?.[1];
    if (word) options['caller-id'] = word;
    else if (isE164(text)) options['caller-id'] = text;
    else notes.push(`its caller id ${text} is computed by the source; the carrier's default caller id is used`);
  }
  return options;
}
