/** The emulator's HTTP client: exact bytes out, status and text back, on loopback only. */
import { Agent, request as httpRequest } from 'node:http';

export interface HttpAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** Connection refused or reset: the server is not there (a killed replica). */
export class ServerUnreachableError extends Error {
  constructor(
    readonly url: string,
    readonly code: string,
  ) {
    super(`${url} did not answer (${code}).`);
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** Carriers give up on a webhook after 15 s; so does the emulator. */
export const CARRIER_TIMEOUT_MS = 15_000;

export async function send(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs = CARRIER_TIMEOUT_MS,
): Promise<HttpAnswer> {
  try {
    return await sendOnce(method, url, headers, body, timeoutMs);
  } catch (error) {
    // A kept-alive connection the server closed as it was reused: Node's documented race. Send
    // again on a new connection (the request never reached the server's handler).
    if (!(error instanceof StaleConnectionError)) throw error;
    return sendOnce(method, url, headers, body, timeoutMs);
  }
}

class StaleConnectionError extends Error {}

function sendOnce(
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  body: Buffer,
  timeoutMs: number,
): Promise<HttpAnswer> {
  const target = new URL(url);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
    return Promise.reject(new Error(`The carrier emulator only calls loopback servers, not ${target.hostname}.`));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      target,
      {
        method,
        agent,
        headers: {
          ...headers,
          ...(method === 'POST'
            ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) }
            : {}),
          'user-agent': 'TwilioProxy/1.1 (callflow carrier emulator)',
        },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url} took longer than ${timeoutMs} ms to answer.`)));
    req.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      if (req.reusedSocket && code === 'ECONNRESET') reject(new StaleConnectionError(error.message));
      else if (['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOTFOUND'].includes(code))
        reject(new ServerUnreachableError(url, code));
      else reject(error);
    });
    if (method === 'POST') req.end(body);
    else req.end();
  });
}
