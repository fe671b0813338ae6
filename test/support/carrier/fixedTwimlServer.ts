/**
 * A tiny TwiML server for the emulator's own tests: fixed answers per path, every request's
 * signature checked with the runtime's verifier (403 when it fails), every request recorded.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { verifyCarrierSignature } from '../../../src/runtime/signatures';
import type { CarrierKeys, CarrierName } from './profiles';

export interface ReceivedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  params: Record<string, string>;
}

export type FixedAnswer =
  string | ((request: ReceivedRequest, count: number) => string | { status: number; body: string });

export interface FixedTwimlServer {
  url: string;
  received: ReceivedRequest[];
  close(): Promise<void>;
}

export async function startFixedTwimlServer(
  carrier: CarrierName,
  keys: CarrierKeys,
  publicUrl: string,
  answers: Record<string, FixedAnswer>,
): Promise<FixedTwimlServer> {
  const received: ReceivedRequest[] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const target = new URL(req.url ?? '/', 'http://loopback');
      const params = Object.fromEntries(new URLSearchParams(rawBody.toString('utf8')));
      const check = verifyCarrierSignature(
        carrier,
        { url: `${publicUrl}${req.url ?? ''}`, headers: req.headers, rawBody, params },
        {
          twilioAuthToken: keys.twilioAuthToken,
          signalwireSigningKey: keys.signalwireSigningKey,
          telnyxPublicKey: keys.telnyxPublicKey,
        },
        new Date(),
      );
      if (!check.ok) {
        res.writeHead(403, { 'content-type': 'text/plain' }).end(check.reason);
        return;
      }
      const request = {
        method: req.method ?? '',
        path: target.pathname,
        query: Object.fromEntries(target.searchParams),
        params,
      };
      received.push(request);
      const answer = answers[target.pathname];
      const count = (counts.get(target.pathname) ?? 0) + 1;
      counts.set(target.pathname, count);
      const result = typeof answer === 'function' ? answer(request, count) : answer;
      if (result === undefined) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      } else if (typeof result === 'string') {
        res.writeHead(200, { 'content-type': 'text/xml' }).end(result);
      } else {
        res.writeHead(result.status, { 'content-type': 'text/xml' }).end(result.body);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
