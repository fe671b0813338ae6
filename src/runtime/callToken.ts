/**
 * A call's state between two carrier requests, carried in the URLs the server writes into its
 * TwiML (no session is kept in any process, so any replica continues any call): the deployment
 * commit, flow and version the call is pinned to, and the engine's snapshot, JSON,
 * signed with HMAC-SHA256 under the server's state secret: a token that was changed, or one made
 * for another call, is refused. A large state is compressed first.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CallSnapshot } from '../core';

/** What the engine waits for, as far as the server needs it to read the carrier's answer. */
export type PendingWait =
  | { kind: 'digits'; mode: 'menu' | 'collect' }
  | { kind: 'queue'; queue: string; timeout?: number }
  | { kind: 'dial'; to: string }
  | { kind: 'record' }
  /** An http request left for the next request of the call (the turn's time budget was spent). */
  | { kind: 'http'; method: string; url: string; body?: string };

export interface CallState {
  /** The carrier's call id (CallSid): a token is good for its own call only. */
  call: string;
  /** The deployment commit the call is pinned to. */
  commit: string;
  /** The flow and version the call started in. */
  flow: string;
  version: number | string;
  /** The number dialed and the caller. */
  number: string;
  from?: string;
  /** ISO time the call started. */
  startedAt: string;
  /** The step waiting, and what it waits for. */
  step: { flow: string; id: string };
  wait: PendingWait;
  /** Epoch ms the wait began (the waiting step's duration in the log). */
  since: number;
  snapshot: CallSnapshot;
}

/** Tokens above this are refused before they are inflated (a bound on the work a request can ask). */
const MAX_TOKEN_CHARS = 16_000;
const MAX_STATE_BYTES = 256 * 1024;
const COMPRESS_ABOVE_BYTES = 2_048;

export class CallTokens {
  /** Imported once: an HMAC made from raw key bytes imports them again on every request. */
  private readonly key: KeyObject;

  constructor(secret: Buffer) {
    this.key = createSecretKey(secret);
  }

  seal(state: CallState): string {
    const json = Buffer.from(JSON.stringify(state), 'utf8');
    // Compressing costs a zlib context per call: only worth it for a large state (many variables).
    const payload =
      json.length > COMPRESS_ABOVE_BYTES
        ? `z${deflateRawSync(json, { level: 1 }).toString('base64url')}`
        : `j${json.toString('base64url')}`;
    return `${payload}.${this.mac(payload)}`;
  }

  /** The state in a token, or undefined when it is not one this secret signed intact. */
  open(token: string): CallState | undefined {
    if (token.length > MAX_TOKEN_CHARS) return undefined;
    const dot = token.indexOf('.');
    if (dot <= 0) return undefined;
    const payload = token.slice(0, dot);
    const given = Buffer.from(token.slice(dot + 1), 'base64url');
    const expected = Buffer.from(this.mac(payload), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      const bytes = Buffer.from(payload.slice(1), 'base64url');
      const json =
        payload[0] === 'z'
          ? inflateRawSync(bytes, { maxOutputLength: MAX_STATE_BYTES })
          : payload[0] === 'j'
            ? bytes
            : undefined;
      if (!json) return undefined;
      const state = JSON.parse(json.toString('utf8')) as CallState;
      return state && typeof state === 'object' && typeof state.call === 'string' ? state : undefined;
    } catch {
      return undefined;
    }
  }

  /** The signature of a recording's URL: media requests are not signed by carriers, so the server signs them. */
  mediaSignature(commit: string, path: string): string {
    return this.mac(`media\n${commit}\n${path}`);
  }

  verifyMedia(commit: string, path: string, signature: string): boolean {
    const given = Buffer.from(signature, 'base64url');
    const expected = Buffer.from(this.mediaSignature(commit, path), 'base64url');
    return given.length === expected.length && timingSafeEqual(given, expected);
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}
