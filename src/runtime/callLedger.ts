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

export class MemoryCallLedger implements CallLedger {
  private readonly positions = new Map<string, { value: CallPosition; expires: number }>();
  private readonly ended = new Map<string, number>();

  constructor(
    // Bounded so memory stays flat under any load; far more calls than one replica has in progress.
    private readonly maxCalls = 100_000,
    private readonly now: () => number = Date.now,
  ) {}

  async note(position: CallPosition): Promise<void> {
    bounded(
      this.positions,
      position.call,
      { value: position, expires: this.now() + CALL_LEDGER_TTL_MS },
      this.maxCalls,
    );
  }

  async position(call: string): Promise<CallPosition | undefined> {
    const entry = this.positions.get(call);
    return entry && entry.expires > this.now() ? entry.value : undefined;
  }

  async claimEnd(call: string): Promise<boolean> {
    const expires = this.ended.get(call);
    if (expires !== undefined && expires > this.now()) return false;
    bounded(this.ended, call, this.now() + CALL_LEDGER_TTL_MS, this.maxCalls);
    this.positions.delete(call);
    return true;
  }
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
    const set = await this.client.set(`callflow:ended:${call}`, '1', { NX: true, PX: CALL_LEDGER_TTL_MS });
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
