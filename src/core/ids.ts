import slugify from 'slugify';
import { InvalidInputError } from './errors';

export const FLOW_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
export const STEP_ID_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;
export const E164_PATTERN = /^\+[1-9][0-9]{1,14}$/;
export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 1000;

// Control characters (C0, DEL, C1) plus line/paragraph separators: invisible in a tree or a commit subject.
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// Bidirectional controls reorder what follows them on screen ("Trojan Source"): a name could read as another.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS_ALL = new RegExp(BIDI_CONTROLS.source, 'g');

declare const flowIdBrand: unique symbol;

/**
 * A flow id that has been checked. The core's operations and queries take this, never a raw
 * string: an id is parsed once where it enters (a CLI argument, a tree item, a file path, a
 * manifest or numbers.yaml), with parseFlowId or isFlowId, and trusted from there on.
 */
export type FlowId = string & { readonly [flowIdBrand]: true };

export function isFlowId(value: string): value is FlowId {
  return FLOW_ID_PATTERN.test(value);
}

/** `value` as a FlowId; a clear error saying what a flow id looks like when it is not one. */
export function parseFlowId(value: string): FlowId {
  if (!isFlowId(value)) {
    throw new InvalidInputError(
      'invalid-flow-id',
      `"${printable(value)}" is not a flow id.`,
      'Flow ids are 1-63 lowercase letters, digits and dashes, starting with a letter or digit (e.g. support-line).',
    );
  }
  return value;
}

/**
 * "Support Line" -> "support-line": letters transliterated by `slugify` ("Straße" -> "strasse",
 * "Łódź" -> "lodz"), every run of other characters one dash.
 */
export function flowIdFromName(name: string): string {
  // Separators become spaces first: slugify's strict mode would drop them and glue the words.
  const words = name.normalize('NFC').replace(/[^\p{L}\p{N}]+/gu, ' ');
  const slug = slugify(words, { lower: true, strict: true, trim: true })
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
  return slug;
}

export function validateFlowName(name: string): string | undefined {
  if (name.trim().length === 0) return 'A flow name cannot be empty.';
  if ([...name].length > MAX_NAME_LENGTH)
    return `A flow name is at most ${MAX_NAME_LENGTH} characters (this one has ${[...name].length}).`;
  if (CONTROL_CHARACTERS.test(name))
    return 'A flow name cannot contain control characters such as tabs or line breaks.';
  if (BIDI_CONTROLS.test(name))
    return 'A flow name cannot contain bidirectional control characters (such as U+202E), which make text display in another order.';
  return undefined;
}

export function assertFlowName(name: string): string {
  const problem = validateFlowName(name);
  if (problem)
    throw new InvalidInputError('invalid-flow-name', problem, 'Choose a name of 1-100 printable characters.');
  return name;
}

export function validateDescription(description: string): string | undefined {
  if ([...description].length > MAX_DESCRIPTION_LENGTH) {
    return `A description is at most ${MAX_DESCRIPTION_LENGTH} characters (this one has ${[...description].length}).`;
  }
  // Line breaks are fine in a description; other control characters are not.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(description))
    return 'A description cannot contain control characters.';
  if (BIDI_CONTROLS.test(description))
    return 'A description cannot contain bidirectional control characters (such as U+202E).';
  return undefined;
}

export function assertDescription(description: string): string {
  const problem = validateDescription(description);
  if (problem) throw new InvalidInputError('invalid-description', problem);
  return description;
}

export function isE164(value: string): boolean {
  return E164_PATTERN.test(value);
}

export function assertPhoneNumber(value: string): string {
  if (!isE164(value)) {
    const digits = value.replace(/[^0-9]/g, '');
    const hint =
      digits.length >= 2 && digits.length <= 15
        ? `Write it in E.164 form: a plus sign, the country code and the number, no spaces (e.g. +${digits.length === 10 ? '1' + digits : digits}).`
        : 'Write it in E.164 form: a plus sign, the country code and the number, no spaces (e.g. +14155550100).';
    throw new InvalidInputError(
      'invalid-phone-number',
      `"${printable(value)}" is not a phone number in E.164 form.`,
      hint,
    );
  }
  return value;
}

export const MAX_CALLER_ID_LENGTH = 256;
const CALLER_ID_EXAMPLES = '+14155550123, anonymous, restricted, client:alice or sip:alice@example.com';

/**
 * A caller id is whatever carriers send as `From` (`+1…`, `anonymous`, `restricted`,
 * `client:alice`, `sip:…`), so any text is one, except what no carrier sends and a terminal or
 * a log line should never receive: control characters, spaces, and absurd lengths.
 */
export function callerIdProblem(value: string): string | undefined {
  if (value.length > MAX_CALLER_ID_LENGTH)
    return `A caller id is at most ${MAX_CALLER_ID_LENGTH} characters (this one has ${value.length.toLocaleString('en-US')}).`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f]/.test(value) || BIDI_CONTROLS.test(value))
    return `"${printable(value)}" is not a caller id: it contains control characters.`;
  if (/\s/.test(value)) return `"${printable(value)}" is not a caller id: it contains spaces.`;
  return undefined;
}

export function assertCallerId(value: string): string {
  const problem = callerIdProblem(value);
  if (problem)
    throw new InvalidInputError(
      'invalid-caller-id',
      problem,
      `Give the caller id as a carrier sends it, e.g. ${CALLER_ID_EXAMPLES}; leave it out for a withheld number.`,
    );
  return value;
}

/** Accepts `3` or `v3`. */
export function parseVersionNumber(value: string | number): number {
  const text = String(value).trim();
  const match = /^v?([1-9][0-9]{0,8})$/.exec(text);
  if (!match) {
    throw new InvalidInputError(
      'invalid-version',
      `"${printable(text)}" is not a version number.`,
      'Give a version as a number such as 3 or v3.',
    );
  }
  return Number(match[1]);
}

/** For echoing user input in a message without letting it break the terminal. */
export function printable(value: string): string {
  const cleaned = escapeBidi(
    // eslint-disable-next-line no-control-regex
    value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?'),
  );
  return cleaned.length > 80 ? cleaned.slice(0, 77) + '...' : cleaned;
}

/**
 * Text from files (a name, a label, a description) as it may be shown in a terminal, a commit or a
 * tag: bidirectional controls (U+202E and kin), which make text display in another order than it
 * is stored, written as `\u{202E}`. Everything else is kept; JSON output keeps the text as it is.
 */
export function escapeBidi(value: string): string {
  return value.replace(BIDI_CONTROLS_ALL, (c) => `\\u{${c.charCodeAt(0).toString(16).toUpperCase()}}`);
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0]!;
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j]!;
      previous[j] = Math.min(above + 1, previous[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length]!;
}

/** The closest candidate within a distance that still looks like a typo, if any. */
export function closestMatch(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(value.length / 3));
  for (const candidate of candidates) {
    const distance = editDistance(value, candidate);
    if (distance < bestDistance && distance <= limit) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}
