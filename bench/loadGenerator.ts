/**
 * A closed-loop HTTP load generator for loopback servers: a fixed number of requests, prepared
 * (and signed) before the clock starts, sent over keep-alive connections by a fixed number of
 * workers. Reports throughput, latency percentiles and failures. Bounded: it stops after its
 * requests, or at its deadline, whichever comes first.
 */
import { Agent, request as httpRequest } from 'node:http';

export interface PreparedRequest {
  path: string;
  headers: Record<string, string>;
  body: Buffer;
}

export interface LoadResult {
  requests: number;
  failures: number;
  /** The first failure, said (a status and the start of its body, or an error). */
  firstFailure?: string;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface LoadOptions {
  /** http://127.0.0.1:PORT */
  server: string;
  requests: readonly PreparedRequest[];
  concurrency: number;
  /** A request whose answer fails this is counted as failed. */
  accept?: (status: number, body: string) => boolean;
  deadlineMs?: number;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.server);
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latencies = new Float64Array(options.requests.length);
  const accept = options.accept ?? ((status) => status === 200);
  let next = 0;
  let done = 0;
  let failures = 0;
  let firstFailure: string | undefined;
  const started = performance.now();
  const deadline = started + (options.deadlineMs ?? 120_000);
  const worker = async (): Promise<void> => {
    while (next < options.requests.length && performance.now() < deadline) {
      const index = next++;
      const prepared = options.requests[index]!;
      const sent = performance.now();
      try {
        const answer = await post(target, agent, prepared);
        if (!accept(answer.status, answer.body)) {
          failures++;
          firstFailure ??= `${answer.status}: ${answer.body.slice(0, 200)}`;
        }
      } catch (error) {
        failures++;
        firstFailure ??= (error as Error).message;
      }
      latencies[done++] = performance.now() - sent;
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  const measured = Array.from(latencies.subarray(0, done)).sort((a, b) => a - b);
  return {
    requests: done,
    failures,
    ...(firstFailure !== undefined ? { firstFailure } : {}),
    seconds,
    perSecond: done / seconds,
    p50Ms: percentile(measured, 0.5),
    p99Ms: percentile(measured, 0.99),
  };
}

export function percentile(sorted: readonly number[], fraction: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

function post(target: URL, agent: Agent, prepared: PreparedRequest): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        path: prepared.path,
        method: 'POST',
        agent,
        headers: {
          ...prepared.headers,
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': String(prepared.body.length),
        },
        timeout: 15_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 15 s')));
    req.on('error', reject);
    req.end(prepared.body);
  });
}
