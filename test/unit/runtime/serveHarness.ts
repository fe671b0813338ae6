/**
 * `callflow serve` in tests: a real flow workspace in a temporary git repository, the real server
 * on a loopback port (started and stopped by the test), and requests signed as Twilio signs them.
 */
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from '../cli/cliHarness';
import { ExecutionLog, startRuntime, type RunningRuntime, type RuntimeConfig } from '../../../src/runtime';
import { hmacSignature } from '../../../src/runtime/signatures';

export const STATE_SECRET = 'test-state-secret-0123456789abcdef0123456789';
export const AUTH_TOKEN = 'test-twilio-auth-token-0123456789';
export const NUMBER = '+14155550100';

export interface LoggedLines {
  lines: Array<Record<string, unknown>>;
  of(event: string): Array<Record<string, unknown>>;
}

export function memoryLog(keepDigits = false): { log: ExecutionLog; logged: LoggedLines } {
  const lines: Array<Record<string, unknown>> = [];
  const log = new ExecutionLog(
    { write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>), close: async () => {} },
    { keepDigits },
  );
  return { log, logged: { lines, of: (event) => lines.filter((l) => l['event'] === event) } };
}

/** A workspace whose flow `acme` (the given text) is published as v1 and rings NUMBER. */
export async function servedWorkspace(flowText: string, flowId = 'acme'): Promise<TempRepo> {
  const repo = await makeTempRepo();
  await cli(repo, 'init');
  await cli(repo, 'create', flowId === 'acme' ? 'Acme' : flowId, '--id', flowId);
  await publishText(repo, flowId, 1, flowText);
  await cli(repo, 'assign', NUMBER, flowId);
  return repo;
}

/** Writes the draft vN, saves and publishes it. */
export async function publishText(repo: TempRepo, flowId: string, version: number, text: string): Promise<void> {
  await repo.write(`flows/${flowId}/v${version}.yaml`, text);
  await cli(repo, 'save', flowId);
  await cli(repo, 'publish', flowId);
}

export async function cli(repo: TempRepo, ...argv: string[]): Promise<void> {
  const run = await callflow(repo.root, ...argv);
  if (run.code !== 0) throw new Error(`callflow ${argv.join(' ')} exited ${run.code}: ${run.stderr}`);
}

export async function serve(
  repo: TempRepo,
  options: Partial<RuntimeConfig> = {},
): Promise<{ runtime: RunningRuntime; logged: LoggedLines }> {
  const { log, logged } = memoryLog();
  const runtime = await startRuntime({
    cwd: repo.root,
    host: '127.0.0.1',
    port: 0,
    carrier: 'twilio',
    log,
    env: { CALLFLOW_STATE_SECRET: STATE_SECRET, TWILIO_AUTH_TOKEN: AUTH_TOKEN },
    pollMs: 100,
    ...options,
  });
  return { runtime, logged };
}

export interface Reply {
  status: number;
  body: string;
  headers: Headers;
}

/** POSTs form parameters to a path (or an absolute URL the server wrote), signed as Twilio signs them. */
export async function post(
  runtime: RunningRuntime,
  pathOrUrl: string,
  params: Record<string, string>,
  options: { token?: string; signatureUrl?: string; unsigned?: boolean } = {},
): Promise<Reply> {
  const publicUrl = pathOrUrl.startsWith('http') ? pathOrUrl : `${runtime.publicUrl}${pathOrUrl}`;
  const local = runtime.url + publicUrl.slice(runtime.publicUrl.length);
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (!options.unsigned)
    headers['x-twilio-signature'] = hmacSignature(
      'sha1',
      options.token ?? AUTH_TOKEN,
      options.signatureUrl ?? publicUrl,
      params,
    );
  const response = await fetch(local, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

export function callParams(callSid: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CallSid: callSid,
    AccountSid: 'AC00000000000000000000000000000000',
    From: '+14155550123',
    To: NUMBER,
    CallStatus: 'in-progress',
    Direction: 'inbound',
    ApiVersion: '2010-04-01',
    ...extra,
  };
}

/** The first URL a verb of the document reports to (an action, a Redirect). */
export function urlIn(
  xml: string,
  verb: 'Gather' | 'Enqueue' | 'Dial' | 'Record' | 'Redirect',
  attribute = 'action',
): string {
  const match =
    verb === 'Redirect'
      ? /<Redirect[^>]*>([^<]+)<\/Redirect>/.exec(xml)
      : new RegExp(`<${verb}[^>]*\\s${attribute}="([^"]+)"`).exec(xml);
  if (!match) throw new Error(`no ${verb} ${attribute} in ${xml}`);
  return match[1]!.replace(/&amp;/g, '&');
}

export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
