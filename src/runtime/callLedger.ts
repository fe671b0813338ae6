/**
 * Where each call is, for the one request that carries no state of ours: the carrier's call
 * status callback (`POST /status`), which arrives when the caller hangs up while the flow still
 * waits (a Gather listening, a queue, a transfer ringing). Every request that leaves a call waiting
 * notes its step here; the call's end is claimed once, by the flow's end or by the status callback,
 * whichever comes first, so a call logs one call-end line however many replicas and retries see it.
 * Replicas share the ledger through Redis (serve --store); in memory it serves a single replica.
 */
import type { RedisClientType } from 'redis';

/** What a call-end line needs of a call that ends outside the flow: the call and the step it waited in. */
export interface CallPosition {
  call: string;
  number: string;
  from?: string;
  flow: string;
  version: number | string;
  commit: string;
  startedAt: string;
  step: { flow: string; id: string };
}

export interface CallLedger {
  /** The call waits in `position.step` now. */
  note(position: CallPosition): Promise<void>;
  /** Where the call last waited (undefined: it never waited here, or long ago). */
  position(call: string): Promise<CallPosition | undefined>;
  /** True for the first to claim the call's end (it logs the call-end line); false ever after. */
  claimEnd(call: string): Promise<boolean>;
}

/** Longer than any call lasts (Twilio ends a call after 4 hours at most). */
export const CALL_LEDGER_TTL_MS = 6 * 60 * 60 * 1000;

/**
 * How long a claimed call end is remembered: only the flow's end racing the status callback, and
 * the carrier's retries of that callback (within seconds), can claim it again. Kept for the call's
 * whole life, every ended call would stay in memory for hours, and memory grow with the calls.
 */
export const CALL_END_TTL_MS = 10 * 60 * 1000;
/** Ended calls remembered at most, in memory (at 16 calls ending a second, still the last ten minutes). */
const MAX_ENDED_CALLS = 10_000;

/**
 * A call's position as the in-memory ledger holds it: what it shares with other calls waiting in
 * the same step of the same deployment (the number, flow, version, commit and step) held once, and
 * its own fields in one short string. Every request that leaves a call waiting notes one, and a
 * call that never ends here (its status callback lost, another replica's) is held until the bound
 * pushes it out: as the position object it would cost ~900 bytes (its CallSid a slice of the whole
 * request body), so 100,000 of them grew a server by ~90 MB.
 */
interface NotedPosition {
  shared: SharedPosition;
  /** `expires`, `startedAt` and `from`, separated by NUL. */
  own: string;
}
type SharedPosition = Omit<CallPosition, 'call' | 'from' | 'startedAt'>;

const SEPARATOR = '\u0000';
/** Shared parts are kept for reuse up to this many, then forgotten (positions keep theirs). */
const MAX_SHARED_POSITIONS = 10_000;

export class MemoryCallLedger implements CallLedger {
  private readonly positions = new Map<string, NotedPosition>();
  private readonly ended = new Map<string, number>();
  private readonly shared = new Map<string, SharedPosition>();

  constructor(
    // Bounded so memory stays flat under any load; far more calls than one replica has in progress.
    private readonly maxCalls = 100_000,
    private readonly now: () => number = Date.now,
    private readonly maxEnded = MAX_ENDED_CALLS,
  ) {}

  async note(position: CallPosition): Promise<void> {
    // `from` last: it is the carrier's text, and may hold anything; the time is ours (an ISO date).
    const own = `${this.now() + CALL_LEDGER_TTL_MS}${SEPARATOR}${position.startedAt}${SEPARATOR}${position.from ?? ''}`;
    bounded(this.positions, ownCopy(position.call), { shared: this.share(position), own: ownCopy(own) }, this.maxCalls);
  }

  async position(call: string): Promise<CallPosition | undefined> {
    const noted = this.positions.get(call);
    if (!noted) return undefined;
    const [expires, startedAt, ...from] = noted.own.split(SEPARATOR) as [string, string, ...string[]];
    if (Number(expires) <= this.now()) return undefined;
    const caller = from.join(SEPARATOR);
    const { number, flow, version, commit, step } = noted.shared;
    return {
      call,
      number,
      ...(caller !== '' ? { from: caller } : {}),
      flow,
      version,
      commit,
      startedAt,
      step: { ...step },
    };
  }

  async claimEnd(call: string): Promise<boolean> {
    const expires = this.ended.get(call);
    if (expires !== undefined && expires > this.now()) return false;
    bounded(this.ended, ownCopy(call), this.now() + CALL_END_TTL_MS, this.maxEnded);
    this.positions.delete(call);
    return true;
  }

  private share(position: CallPosition): SharedPosition {
    const { number, flow, version, commit, step } = position;
    const key = JSON.stringify([number, flow, version, commit, step.flow, step.id]);
    let shared = this.shared.get(key);
    if (!shared) {
      if (this.shared.size >= MAX_SHARED_POSITIONS) this.shared.clear();
      shared = { number: ownCopy(number), flow, version, commit, step: { flow: step.flow, id: step.id } };
      this.shared.set(key, shared);
    }
    return shared;
  }
}

/**
 * The text as one string of its own: a form field is a slice of the request body, and a slice kept
 * in a long-lived map keeps the whole body alive with it; a string put together is a tree of its
 * pieces until flattened.
 */
function ownCopy(text: string): string {
  // Latin-1 or UTF-16 code units copied as they are: lossless for any string, lone surrogates included.
  // eslint-disable-next-line no-control-regex
  const encoding = /^[\u0000-\u00ff]*$/.test(text) ? 'latin1' : 'utf16le';
  return Buffer.from(text, encoding).toString(encoding);
}

export class RedisCallLedger implements CallLedger {
  constructor(private readonly client: RedisClientType) {}

  async note(position: CallPosition): Promise<void> {
    await this.client.set(positionKey(position.call), JSON.stringify(position), { PX: CALL_LEDGER_TTL_MS });
  }

  async position(call: string): Promise<CallPosition | undefined> {
    const text = await this.client.get(positionKey(call));
    if (text === null) return undefined;
    try {
      return JSON.parse(text) as CallPosition;
    } catch {
      return undefined;
    }
  }

  async claimEnd(call: string): Promise<boolean> {
    const set = await this.client.set(`callflow:ended:${call}`, '1', { NX: true, PX: CALL_END_TTL_MS });
    return set === 'OK';
  }
}

function positionKey(call: string): string {
  return `callflow:call:${call}`;
}

/** Sets a key last in a Map's order, dropping the oldest past `max`. */
function bounded<V>(map: Map<string, V>, key: string, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  while (map.size > max) map.delete(map.keys().next().value!);
}
