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

/**
 * A claim, or an answer: its bytes in a slab (as the slab was on that lap), or the answer itself
 * when it is larger than a slab. Flat numbers: one small object per request outlives it, no more.
 */
interface MemoryEntry {
  expires: number;
  slot: number;
  /** PENDING while claimed; '' when the answer is in a slab; else the answer. */
  text: string;
  slab: number;
  lap: number;
  offset: number;
  length: number;
}

export interface MemoryReplyStoreLimits {
  /** Answers (and claims) held at most. */
  entries: number;
  /** Bytes of answers held at most: so many slabs of so many bytes, written in turn. */
  slabs: number;
  slabBytes: number;
}

/**
 * Bounded so memory stays flat under any load: at a thousand requests a second this still holds
 * the last ten seconds, longer than a carrier waits before it retries.
 */
export const MEMORY_REPLY_LIMITS: MemoryReplyStoreLimits = { entries: 10_000, slabs: 32, slabBytes: 1024 * 1024 };

export class MemoryReplyStore implements ReplyStore {
  readonly shared = false;
  private readonly limits: MemoryReplyStoreLimits;
  private readonly entries = new Map<string, MemoryEntry>();
  /**
   * The keys in the order they were first claimed, in a ring: the oldest is dropped when a new one
   * comes, in constant time (taking the first key of a Map that many deletes have holed scans the holes).
   */
  private readonly order: Array<string | undefined>;
  private next = 0;
  /**
   * Answers are written as bytes into a fixed set of slabs, in turn, the oldest slab written over
   * when all are full (its answers are then forgotten). Held as strings on the heap, every answer
   * would outlive the young generation and be garbage of the old one once dropped, and the
   * process would grow between full collections. The slabs are made and written once when the
   * store is, so their memory is resident from the start and the same at every moment after (made
   * as first needed, they grew the process by their size over its first tens of thousands of calls).
   */
  private readonly slabs: Buffer[];
  private readonly laps: number[];
  /** The slab being written; -1 before the first answer. */
  private slab = -1;
  private written = 0;

  constructor(
    limits: Partial<MemoryReplyStoreLimits> = {},
    private readonly now: () => number = Date.now,
  ) {
    this.limits = { ...MEMORY_REPLY_LIMITS, ...limits };
    this.order = new Array<string | undefined>(this.limits.entries);
    this.slabs = Array.from({ length: this.limits.slabs }, () => Buffer.allocUnsafeSlow(this.limits.slabBytes).fill(0));
    this.laps = this.slabs.map(() => -1);
  }

  async claim(key: string): Promise<Claim> {
    const entry = this.entries.get(key);
    if (entry && entry.expires > this.now()) {
      if (entry.text === PENDING) return { kind: 'pending' };
      const reply = this.read(entry);
      if (reply !== undefined) return { kind: 'answered', reply };
    }
    this.place(key, CLAIM_TTL_MS).text = PENDING;
    return { kind: 'claimed' };
  }

  async save(key: string, reply: string): Promise<void> {
    this.write(this.place(key, REPLY_TTL_MS), reply);
  }

  async release(key: string): Promise<void> {
    this.entries.delete(key);
  }

  async close(): Promise<void> {}

  /** How many answers and claims are held (never more than the entries limit). */
  get size(): number {
    return this.entries.size;
  }

  /** The key's entry, kept until `ttl` from now: the live one (a claim answered keeps its place), or a new one. */
  private place(key: string, ttl: number): MemoryEntry {
    const expires = this.now() + ttl;
    const entry = this.entries.get(key);
    if (entry && entry.expires > this.now()) {
      entry.expires = expires;
      return entry;
    }
    const slot = this.next;
    this.next = (slot + 1) % this.limits.entries;
    const oldest = this.order[slot];
    // The key in this slot may have been released and claimed again since: it is the oldest only if its entry still says so.
    if (oldest !== undefined && this.entries.get(oldest)?.slot === slot) this.entries.delete(oldest);
    this.order[slot] = key;
    const created: MemoryEntry = { expires, slot, text: PENDING, slab: 0, lap: 0, offset: 0, length: 0 };
    this.entries.set(key, created);
    return created;
  }

  private write(entry: MemoryEntry, reply: string): void {
    const length = Buffer.byteLength(reply, 'utf8');
    const { slabBytes, slabs } = this.limits;
    if (length > slabBytes) {
      entry.text = reply;
      return;
    }
    if (this.slab === -1 || this.written + length > slabBytes) {
      // The next slab, in turn: a new lap forgets the answers of the last.
      this.slab = (this.slab + 1) % slabs;
      this.laps[this.slab]!++;
      this.written = 0;
    }
    this.slabs[this.slab]!.write(reply, this.written, length, 'utf8');
    entry.text = '';
    entry.slab = this.slab;
    entry.lap = this.laps[this.slab]!;
    entry.offset = this.written;
    entry.length = length;
    this.written += length;
  }

  /** The answer, or undefined when its slab has been written over since. */
  private read(entry: MemoryEntry): string | undefined {
    if (entry.text !== '') return entry.text;
    if (this.laps[entry.slab] !== entry.lap) return undefined;
    return this.slabs[entry.slab]!.toString('utf8', entry.offset, entry.offset + entry.length);
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
