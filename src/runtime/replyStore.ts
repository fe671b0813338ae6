/**
 * Carriers retry a request they got no answer to; the retry must get the same answer and repeat
 * no side effect (no second http request, no second callback). Every answer is recorded under
 * the request's key before it is sent, and a request already answered, or being answered, on any
 * replica gets that answer. Replicas share the record through Redis; the in-memory store is the
 * single-replica fallback (a retry that reaches another replica would run again).
 */
import { createClient, type RedisClientType } from 'redis';
import { RedisCallLedger } from './callLedger';

export type Claim = { kind: 'claimed' } | { kind: 'answered'; reply: string } | { kind: 'pending' };

export interface ReplyStore {
  /** `claimed`: this request runs now (save or release it). Else it ran, or runs elsewhere. */
  claim(key: string): Promise<Claim>;
  save(key: string, reply: string): Promise<void>;
  /** The request failed before it had an answer: a retry may run it again. */
  release(key: string): Promise<void>;
  close(): Promise<void>;
  readonly shared: boolean;
}

/**
 * How long an answer is kept for retries (carriers retry within seconds: Twilio once, inside its
 * 15 s), and how long a claim holds while its request runs.
 */
export const REPLY_TTL_MS = 10 * 60 * 1000;
export const CLAIM_TTL_MS = 30 * 1000;
const PENDING = '\u0000pending';

export class MemoryReplyStore implements ReplyStore {
  readonly shared = false;
  private readonly entries = new Map<string, { value: string; expires: number }>();

  constructor(
    // Bounded so memory stays flat under any load: at a thousand requests a second this still
    // holds the last ten seconds, longer than a carrier waits before it retries.
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  async claim(key: string): Promise<Claim> {
    const entry = this.entries.get(key);
    if (entry && entry.expires > this.now())
      return entry.value === PENDING ? { kind: 'pending' } : { kind: 'answered', reply: entry.value };
    this.set(key, PENDING, CLAIM_TTL_MS);
    return { kind: 'claimed' };
  }

  async save(key: string, reply: string): Promise<void> {
    this.set(key, reply, REPLY_TTL_MS);
  }

  async release(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {}

  private set(key: string, value: string, ttl: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + ttl });
    // Oldest first: a Map iterates in insertion order, and every write re-inserts.
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }
}

export class RedisReplyStore implements ReplyStore {
  readonly shared = true;

  private constructor(private readonly client: RedisClientType) {}

  static async connect(url: string, onError: (message: string) => void): Promise<RedisReplyStore> {
    const client = createClient({
      url,
      socket: { connectTimeout: 5_000, reconnectStrategy: (retries) => Math.min(retries * 100, 2_000) },
    }) as RedisClientType;
    client.on('error', (err: Error) => onError(err.message));
    await client.connect();
    return new RedisReplyStore(client);
  }

  /** The call ledger the replicas share, on the same connection. */
  callLedger(): RedisCallLedger {
    return new RedisCallLedger(this.client);
  }

  async claim(key: string): Promise<Claim> {
    const set = await this.client.set(key, PENDING, { NX: true, PX: CLAIM_TTL_MS });
    if (set === 'OK') return { kind: 'claimed' };
    const value = await this.client.get(key);
    if (value === null) return this.claim(key); // expired between the two calls
    return value === PENDING ? { kind: 'pending' } : { kind: 'answered', reply: value };
  }

  async save(key: string, reply: string): Promise<void> {
    await this.client.set(key, reply, { PX: REPLY_TTL_MS });
  }

  async release(key: string): Promise<void> {
    await this.client.del(key);
  }

  async close(): Promise<void> {
    await this.client.quit().catch(() => undefined);
  }
}
