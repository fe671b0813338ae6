/**
 * Checks a simulate request up front, so that a bad input is one clear InvalidInputError
 * before the call starts rather than a confusing trace.
 */
import { InvalidInputError } from '../errors';
import { checkCallNumbers, checkMaxSteps, DTMF_ENTRY } from '../engine';
import { printable } from '../ids';
import type { AgentAvailability, HttpFixture, SimulateCallRequest, TransferResult } from './types';

export { DEFAULT_MAX_STEPS } from '../engine';

// Date and time (seconds and fraction optional), then Z or an offset.
const ISO_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * An ISO 8601 instant with its zone (`2026-11-24T15:00:00Z`, `2026-11-24T10:00-05:00`).
 * A time without a zone is refused: it would mean a different instant on every machine.
 */
export function parseCallTime(at: string | Date): Date {
  if (at instanceof Date) {
    if (Number.isNaN(at.getTime())) throw invalidTime(String(at));
    return at;
  }
  if (typeof at !== 'string') throw invalidTime(String(at));
  return new Date(parseCallTimeCached(at).ms);
}

interface ParsedTime {
  ms: number;
  iso: string;
}

const MAX_CACHED_TIMES = 1_000;
// Scenario runs and benchmarks give the same few call times again and again.
const parsedTimes = new Map<string, ParsedTime>();

/** The call time's instant and its ISO text (`call.time`), parsed once per distinct text. */
export function callTimeOf(at: string | Date): ParsedTime {
  if (typeof at === 'string') return parseCallTimeCached(at);
  const date = parseCallTime(at);
  return { ms: date.getTime(), iso: date.toISOString() };
}

function parseCallTimeCached(at: string): ParsedTime {
  let parsed = parsedTimes.get(at);
  if (parsed) return parsed;
  const ms = parseIsoInstant(at);
  parsed = { ms, iso: new Date(ms).toISOString() };
  if (parsedTimes.size >= MAX_CACHED_TIMES) parsedTimes.clear();
  parsedTimes.set(at, parsed);
  return parsed;
}

function parseIsoInstant(at: string): number {
  const text = at.trim();
  const match = ISO_INSTANT.exec(text);
  if (!match) throw invalidTime(text);
  const [, year, month, day, hour, minute, second] = match;
  const ms = Date.parse(text);
  // Date.parse rolls 2026-02-30 over to March; a calendar check refuses it instead.
  const probe = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (
    Number.isNaN(ms) ||
    probe.getUTCMonth() !== Number(month) - 1 ||
    probe.getUTCDate() !== Number(day) ||
    Number(hour) > 23 ||
    Number(minute) > 59 ||
    Number(second ?? 0) > 59
  ) {
    throw invalidTime(text);
  }
  return ms;
}

function invalidTime(text: string): InvalidInputError {
  return new InvalidInputError(
    'invalid-call-time',
    `"${printable(text)}" is not a call time.`,
    'Give the call time as a date and time with its zone, in one of these forms: 2026-12-25T10:00-05:00, 2026-12-25T10:00:00-05:00 or 2026-12-25T15:00:00Z (UTC).',
  );
}

export interface CheckedInputs {
  at: Date;
  /** `at` as ISO 8601 in UTC: the value of `call.time`. */
  atIso: string;
  digits: readonly string[];
  busyQueues: ReadonlySet<string>;
  transfer: TransferResult;
  http: ReadonlyMap<string, HttpFixture>;
  maxSteps: number;
}

const NO_DIGITS: readonly string[] = [];
const NO_QUEUES: ReadonlySet<string> = new Set();
const NO_FIXTURES: ReadonlyMap<string, HttpFixture> = new Map();

export function checkInputs(request: SimulateCallRequest): CheckedInputs {
  const { flow } = request;
  if (!flow || typeof flow.id !== 'string' || !isObject(flow.definition) || !isObject(flow.definition.steps)) {
    throw new InvalidInputError(
      'invalid-flow-definition',
      `Flow "${printable(String(flow?.id))}" cannot be simulated: its definition has no \`steps\` map.`,
      'Fix the flow file so that it validates (`callflow validate`), then simulate again.',
    );
  }
  checkCallNumbers(request);
  const at = callTimeOf(request.at);
  return {
    at: new Date(at.ms),
    atIso: at.iso,
    digits: request.digits === undefined ? NO_DIGITS : checkDigits(request.digits),
    busyQueues: request.agents === undefined ? NO_QUEUES : checkAgents(request.agents),
    transfer: checkTransfer(request.transfer),
    http: request.http === undefined ? NO_FIXTURES : checkHttpFixtures(request.http),
    maxSteps: checkMaxSteps(request.maxSteps),
  };
}

function checkDigits(digits: unknown): readonly string[] {
  if (!Array.isArray(digits))
    throw new InvalidInputError('invalid-digits', 'DTMF entries must be a list such as ["1", "1234#"].');
  const entries: unknown[] = digits;
  for (const entry of entries) {
    if (typeof entry !== 'string' || !DTMF_ENTRY.test(entry)) {
      throw new InvalidInputError(
        'invalid-digits',
        `"${printable(String(entry))}" is not a DTMF entry.`,
        'Each entry is the keys pressed at one prompt: digits 0-9, * and #, e.g. "1" or "1234#" ("" for no key).',
      );
    }
  }
  return entries as string[];
}

function checkAgents(agents: Readonly<Record<string, AgentAvailability | boolean>>): ReadonlySet<string> {
  if (!isObject(agents))
    throw new InvalidInputError('invalid-agents', 'Agent availability must map queues to available or busy.');
  const busy = new Set<string>();
  for (const [queue, value] of Object.entries(agents)) {
    if (value === 'busy' || value === false) busy.add(queue);
    else if (value !== 'available' && value !== true) {
      throw new InvalidInputError(
        'invalid-agents',
        `Queue "${printable(queue)}" has availability "${printable(String(value))}".`,
        'Say `available` or `busy` for each queue, e.g. sales=busy.',
      );
    }
  }
  return busy;
}

function checkTransfer(transfer: TransferResult | undefined): TransferResult {
  if (transfer === undefined) return 'ok';
  if (transfer !== 'ok' && transfer !== 'failed') {
    throw new InvalidInputError(
      'invalid-transfer-result',
      `"${printable(String(transfer))}" is not a transfer outcome.`,
      'Use ok or failed.',
    );
  }
  return transfer;
}

/** Also used for fixture files and scenario `http` maps. */
export function checkHttpFixtures(fixtures: Readonly<Record<string, HttpFixture>>): ReadonlyMap<string, HttpFixture> {
  if (!isObject(fixtures)) {
    throw new InvalidInputError(
      'invalid-http-fixtures',
      'HTTP fixtures must map "METHOD url" (or a url) to { status, body }.',
    );
  }
  const map = new Map<string, HttpFixture>();
  for (const [key, fixture] of Object.entries(fixtures)) {
    if (!isObject(fixture) || !Number.isInteger(fixture.status) || fixture.status < 100 || fixture.status > 599) {
      throw new InvalidInputError(
        'invalid-http-fixtures',
        `The HTTP fixture for "${printable(key)}" needs a status between 100 and 599.`,
        'Write it as { status: 200, body: { ... } }.',
      );
    }
    map.set(normalizeFixtureKey(key), fixture);
  }
  return map;
}

/** "get  https://x" and "GET https://x" are the same key. */
export function normalizeFixtureKey(key: string): string {
  const match = /^\s*([A-Za-z]+)\s+(\S.*?)\s*$/.exec(key);
  return match ? `${match[1]!.toUpperCase()} ${match[2]}` : key.trim();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- narrows parsed JSON/YAML, whose values are untyped
function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
