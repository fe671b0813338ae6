/**
 * The carrier's side of a voice call, for tests: places calls against a server's loopback address
 * while signing every request with the public URL the carrier would have requested, the way a
 * carrier reaches a server behind a proxy. One emulator per carrier profile and key set.
 */
import { randomBytes } from 'node:crypto';
import { EmulatedCall, type CallParties } from './emulatedCall';
import { send, ServerUnreachableError, type HttpAnswer } from './http';
import {
  EMULATED_CARRIERS,
  signatureHeaders,
  type CarrierKeys,
  type CarrierName,
  type CarrierProfile,
  type Tampering,
} from './profiles';

export interface CarrierEmulatorOptions {
  carrier: CarrierName;
  keys: CarrierKeys;
  /** The URL the server is published under (what `serve --public-url` is given), no trailing slash. */
  publicUrl: string;
  /**
   * The loopback address(es) of the server: `http://127.0.0.1:PORT`. With several (replicas
   * behind a load balancer), requests take turns; one that does not answer is skipped, as a load
   * balancer's health check would.
   */
  servers: string | readonly string[];
  /**
   * The call status callback URL set on the number (`{publicUrl}/status`): when given, every call
   * posts its end there (CallStatus=completed), whichever way it ended.
   */
  statusCallback?: string;
}

/** One request the carrier made, and what it got. */
export interface CarrierRequest {
  method: 'GET' | 'POST';
  /** The public URL requested (and signed). */
  url: string;
  params: Record<string, string>;
  headers: Record<string, string>;
  body: Buffer;
  /** Which loopback server answered. */
  server: string;
  answer: HttpAnswer;
}

export class CarrierEmulator {
  readonly profile: CarrierProfile;
  private readonly servers: string[];
  private turn = 0;

  constructor(readonly options: CarrierEmulatorOptions) {
    this.profile = EMULATED_CARRIERS[options.carrier];
    this.servers = (typeof options.servers === 'string' ? [options.servers] : [...options.servers]).map((s) =>
      s.replace(/\/+$/, ''),
    );
    if (this.servers.length === 0) throw new Error('The carrier emulator needs at least one server address.');
  }

  get carrier(): CarrierName {
    return this.options.carrier;
  }

  /** A call comes in: POST {publicUrl}/voice, then the conversation goes on through the returned call. */
  async placeCall(parties: Partial<CallParties> & { to: string }): Promise<EmulatedCall> {
    const call = new EmulatedCall(this, {
      from: parties.from ?? '+15550100100',
      to: parties.to,
      callSid: parties.callSid ?? `CA${randomBytes(16).toString('hex')}`,
      accountSid: parties.accountSid ?? 'AC00000000000000000000000000000001',
    });
    await call.start(`${this.options.publicUrl}/voice`);
    return call;
  }

  /**
   * Sends one signed request to the public URL `url` (mapped to a loopback server), optionally
   * spoiled for a test of the server's refusal. GET requests carry their parameters in the query,
   * as carriers send them, and are signed over that URL.
   */
  async request(
    method: 'GET' | 'POST',
    url: string,
    params: Record<string, string>,
    tampering: Tampering = 'none',
  ): Promise<CarrierRequest> {
    const requestedUrl = method === 'GET' ? withQuery(url, params) : url;
    const signedParams = method === 'GET' ? {} : params;
    const body = method === 'GET' ? Buffer.alloc(0) : Buffer.from(new URLSearchParams(params).toString());
    const headers = signatureHeaders(
      this.options.carrier,
      this.options.keys,
      { url: requestedUrl, params: signedParams, body },
      tampering,
    );
    return this.sendAs({ method, url: requestedUrl, params, headers, body });
  }

  /** Sends a request again exactly as it was (a carrier's retry). */
  async resend(
    request: Pick<CarrierRequest, 'method' | 'url' | 'params' | 'headers' | 'body'>,
  ): Promise<CarrierRequest> {
    return this.sendAs(request);
  }

  private async sendAs(
    request: Pick<CarrierRequest, 'method' | 'url' | 'params' | 'headers' | 'body'>,
  ): Promise<CarrierRequest> {
    const path = this.loopbackPath(request.url);
    let lastError: ServerUnreachableError | undefined;
    for (let tries = 0; tries < this.servers.length; tries++) {
      const server = this.servers[this.turn++ % this.servers.length]!;
      try {
        const answer = await send(request.method, `${server}${path}`, request.headers, request.body);
        return { ...request, server, answer };
      } catch (error) {
        if (!(error instanceof ServerUnreachableError)) throw error;
        lastError = error;
      }
    }
    throw lastError!;
  }

  /** The path and query under the public URL; a URL elsewhere is one the carrier could not reach here. */
  private loopbackPath(url: string): string {
    const base = this.options.publicUrl;
    if (!url.startsWith(`${base}/`) && !url.startsWith(`${base}?`)) {
      throw new Error(`The server sent the carrier to ${url}, which is not under its public URL ${base}.`);
    }
    return url.slice(base.length);
  }
}

function withQuery(url: string, params: Record<string, string>): string {
  const query = new URLSearchParams(params).toString();
  if (query === '') return url;
  return `${url}${url.includes('?') ? '&' : '?'}${query}`;
}
