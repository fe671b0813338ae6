/**
 * The server edge of `callflow serve`, on Node's own http module: the handful of routes a carrier
 * calls need no framework, and every guard is in view here. In order, for each request: route and
 * method (404, 405), body size (413), the carrier's signature over the public URL and the body
 * (403, logged: nothing runs), then the request's answer, recorded so a retry gets the same one.
 * `POST /status` is the carrier's call status callback, guarded the same way.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Deployments } from './deployments';
import type { ExecutionLog } from './executionLog';
import type { ReplyStore } from './replyStore';
import { sortedNames, verifyCarrierSignature, type Carrier, type CarrierSecrets } from './signatures';
import { TamperedStateError, type Params, type VoiceService } from './voice';

export const MAX_BODY_BYTES = 64 * 1024;
/** Slow clients: all headers within 10 s, the whole request within 15 s. */
export const HEADERS_TIMEOUT_MS = 10_000;
export const REQUEST_TIMEOUT_MS = 15_000;
/** How long a retry waits for the answer its first attempt is still computing. */
const PENDING_WAIT_MS = 12_000;
/** How long a drain waits for requests in flight before it closes their connections. */
export const DRAIN_TIMEOUT_MS = 25_000;

export interface RuntimeServerOptions {
  host: string;
  port: number;
  /** The URL the carrier calls (signatures are checked against it), without a trailing slash. */
  publicUrl: string;
  carrier: Carrier;
  secrets: CarrierSecrets;
  voice: VoiceService;
  deployments: Deployments;
  replies: ReplyStore;
  log: ExecutionLog;
  /** Tests shorten the slow-client limits. */
  timeouts?: { headersMs: number; requestMs: number };
}

type Route = 'incoming' | 'continue' | 'no-input' | 'hold' | 'status' | 'healthz';

const ROUTES: Record<string, { route: Route; method: 'POST' | 'GET' }> = {
  '/voice': { route: 'incoming', method: 'POST' },
  '/voice/continue': { route: 'continue', method: 'POST' },
  '/voice/no-input': { route: 'no-input', method: 'POST' },
  '/voice/hold': { route: 'hold', method: 'POST' },
  '/status': { route: 'status', method: 'POST' },
  '/healthz': { route: 'healthz', method: 'GET' },
};

const AUDIO_TYPES: Record<string, string> = {
  '.wav': 'audio/wav',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.aiff': 'audio/aiff',
  '.gsm': 'audio/x-gsm',
  '.ulaw': 'audio/basic',
};

class HttpRefusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class RuntimeServer {
  private readonly server: Server;
  private draining = false;
  private inFlight = 0;

  constructor(private readonly options: RuntimeServerOptions) {
    const timeouts = options.timeouts ?? { headersMs: HEADERS_TIMEOUT_MS, requestMs: REQUEST_TIMEOUT_MS };
    const serverOptions = {
      headersTimeout: timeouts.headersMs,
      requestTimeout: timeouts.requestMs,
      // How often Node looks for connections past those limits (its default, 30 s, would let them linger).
      connectionsCheckingInterval: Math.min(1_000, timeouts.headersMs),
    };
    this.server = createServer(serverOptions, (req, res) => {
      this.inFlight++;
      res.on('close', () => this.inFlight--);
      this.handle(req, res).catch((err: Error) => {
        options.log.record({ event: 'error', path: pathOf(req), message: err.message });
        if (!res.headersSent) send(res, 200, 'text/xml; charset=utf-8', options.voice.failure());
      });
    });
    this.server.keepAliveTimeout = 5_000;
  }

  async listen(): Promise<AddressInfo> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    return this.server.address() as AddressInfo;
  }

  /** Stops taking connections, answers what is in flight, then resolves (SIGTERM). */
  async drain(timeoutMs = DRAIN_TIMEOUT_MS): Promise<void> {
    this.draining = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const idle = setInterval(() => this.server.closeIdleConnections(), 100);
    const timer = setTimeout(() => this.server.closeAllConnections(), timeoutMs);
    await closed;
    clearInterval(idle);
    clearTimeout(timer);
    await Promise.allSettled([...this.options.voice.pending]);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { log } = this.options;
    const target = requestTarget(req.url);
    if (target.pathname.startsWith('/audio/')) return this.audio(req, res, target);
    const entry = ROUTES[target.pathname];
    if (!entry) return send(res, 404, 'text/plain', 'Not found.\n');
    if (entry.route === 'healthz' && (req.method === 'GET' || req.method === 'HEAD')) return this.health(res);
    if (req.method !== entry.method) {
      res.setHeader('allow', entry.method === 'GET' ? 'GET, HEAD' : 'POST');
      return send(res, 405, 'text/plain', `Use ${entry.method}.\n`);
    }
    let body: Buffer;
    try {
      body = await readBody(req);
    } catch (err) {
      if (!(err instanceof HttpRefusal)) throw err;
      log.record({ event: 'rejected', path: target.pathname, status: err.status, reason: err.message });
      res.setHeader('connection', 'close');
      return send(res, err.status, 'text/plain', `${err.message}\n`);
    }
    const params = formParams(body);
    const url = `${this.options.publicUrl}${req.url ?? ''}`;
    const check = verifyCarrierSignature(
      this.options.carrier,
      { url, headers: req.headers, rawBody: body, params },
      this.options.secrets,
      new Date(),
    );
    if (!check.ok) {
      log.record({ event: 'rejected', path: target.pathname, status: 403, reason: check.reason });
      return send(res, 403, 'text/plain', 'Forbidden: the request is not signed by the carrier.\n');
    }
    if (entry.route === 'status') {
      // The call status callback: the carrier reads no document from it (a retry is deduplicated by the call ledger).
      await this.options.voice.status(params);
      return send(res, 204, 'text/plain', '');
    }
    const reply = await this.answerOnce(url, params, () => this.answer(entry.route, target, params));
    if (reply === undefined) {
      log.record({
        event: 'rejected',
        path: target.pathname,
        status: 403,
        reason: 'tampered-state',
        call: params['CallSid'],
      });
      return send(res, 403, 'text/plain', 'Forbidden: the call state in this URL is not valid.\n');
    }
    return send(res, 200, 'text/xml; charset=utf-8', reply);
  }

  private async answer(route: Route, target: RequestTarget, params: Params): Promise<string | undefined> {
    const { voice } = this.options;
    const token = target.searchParams.get('s') ?? '';
    try {
      if (route === 'incoming') return await voice.incoming(params);
      if (route === 'hold') return await voice.hold(token, params);
      return await voice.resume(token, params, route === 'no-input');
    } catch (err) {
      if (err instanceof TamperedStateError) return undefined;
      throw err;
    }
  }

  /**
   * The answer to a request, computed once across retries and replicas: a retry gets the recorded
   * answer, or waits for the one its first attempt is computing.
   */
  private async answerOnce(
    url: string,
    params: Params,
    compute: () => Promise<string | undefined>,
  ): Promise<string | undefined> {
    const { replies } = this.options;
    const key = requestKey(url, params);
    const deadline = Date.now() + PENDING_WAIT_MS;
    for (;;) {
      const claim = await replies.claim(key);
      if (claim.kind === 'answered') return claim.reply;
      if (claim.kind === 'claimed') break;
      if (Date.now() > deadline) throw new Error('a retried request is still being answered by its first attempt');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    let reply: string | undefined;
    try {
      reply = await compute();
    } catch (err) {
      await replies.release(key).catch(() => undefined);
      throw err;
    }
    if (reply === undefined) await replies.release(key);
    else await replies.save(key, reply);
    return reply;
  }

  /** A recording of the workspace, at the commit in its URL, for the carrier's <Play>. */
  private async audio(req: IncomingMessage, res: ServerResponse, target: RequestTarget): Promise<void> {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return send(res, 405, 'text/plain', 'Use GET.\n');
    }
    const [commit = '', ...parts] = target.pathname.slice('/audio/'.length).split('/');
    let path: string;
    try {
      path = parts.map(decodeURIComponent).join('/');
    } catch {
      return send(res, 404, 'text/plain', 'Not found.\n');
    }
    const bytes = await this.options.voice.media(commit, path, target.searchParams.get('sig') ?? '');
    if (!bytes) return send(res, 404, 'text/plain', 'Not found.\n');
    res.writeHead(200, {
      'content-type': AUDIO_TYPES[path.slice(path.lastIndexOf('.')).toLowerCase()] ?? 'application/octet-stream',
      'content-length': bytes.length,
      'cache-control': 'public, max-age=86400, immutable',
    });
    res.end(req.method === 'HEAD' ? undefined : bytes);
  }

  private health(res: ServerResponse): void {
    const current = this.options.deployments.current;
    if (this.draining)
      return sendJson(res, 503, { status: 'draining', ...(current ? { commit: current.commit } : {}) });
    if (!current) return sendJson(res, 503, { status: 'starting', ref: this.options.deployments.ref });
    sendJson(res, 200, {
      status: 'ok',
      ref: this.options.deployments.ref,
      commit: current.commit,
      flows: Object.fromEntries([...current.flows.values()].map((f) => [f.id, f.version])),
      store: this.options.replies.shared ? 'shared' : 'memory',
    });
  }

  get requestsInFlight(): number {
    return this.inFlight;
  }
}

/** One request, as carriers retry it: the URL and its form parameters. */
function requestKey(url: string, params: Params): string {
  let text = url;
  for (const name of sortedNames(params)) text += `\n${name}=${params[name]}`;
  return `callflow:reply:${createHash('sha256').update(text).digest('base64url')}`;
}

/** Read with listeners rather than an async iterator: the iterator's machinery cost more than the rest of the read. */
function readBody(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_BODY_BYTES)
    return Promise.reject(new HttpRefusal(413, `The request body is over ${MAX_BODY_BYTES} bytes.`));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const refuse = (error: Error): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', refuse);
      // Drain the rest without keeping it, so the refusal can still be answered.
      req.resume();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES)
        return refuse(new HttpRefusal(413, `The request body is over ${MAX_BODY_BYTES} bytes.`));
      chunks.push(chunk);
    };
    const onEnd = (): void => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size));
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', refuse);
  });
}

/** A request's path and query, split without the cost of a URL object (the path is matched as sent). */
interface RequestTarget {
  pathname: string;
  readonly searchParams: URLSearchParams;
}

function requestTarget(url: string | undefined): RequestTarget {
  const text = url ?? '/';
  const queryAt = text.indexOf('?');
  const hashAt = text.indexOf('#');
  const pathEnd = queryAt !== -1 ? queryAt : hashAt !== -1 ? hashAt : text.length;
  const query = queryAt === -1 ? '' : text.slice(queryAt + 1, hashAt > queryAt ? hashAt : text.length);
  let params: URLSearchParams | undefined;
  return {
    pathname: text.slice(0, pathEnd),
    get searchParams() {
      return (params ??= new URLSearchParams(query));
    },
  };
}

/**
 * The form's fields, decoded as URLSearchParams decodes them (a repeated name keeps its last value).
 * Split by hand, which costs a fraction of URLSearchParams on every request; a body whose escapes
 * decodeURIComponent refuses (not UTF-8) is read by URLSearchParams itself, as before.
 */
export function formParams(body: Buffer): Record<string, string> {
  const text = body.toString('utf8');
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  try {
    for (const field of text.split('&')) {
      if (field === '') continue;
      const equals = field.indexOf('=');
      const name = equals === -1 ? field : field.slice(0, equals);
      const value = equals === -1 ? '' : field.slice(equals + 1);
      params[formDecode(name)] = formDecode(value);
    }
    return params;
  } catch {
    const slow: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const [name, value] of new URLSearchParams(text)) slow[name] = value;
    return slow;
  }
}

function formDecode(text: string): string {
  const spaced = text.includes('+') ? text.replace(/\+/g, ' ') : text;
  return spaced.includes('%') ? decodeURIComponent(spaced) : spaced;
}

function pathOf(req: IncomingMessage): string {
  return requestTarget(req.url).pathname;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(body),
  });
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  send(res, status, 'application/json', JSON.stringify(value) + '\n');
}
