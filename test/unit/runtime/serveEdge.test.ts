import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import { request } from 'node:http';
import * as path from 'node:path';
import type { TempRepo } from '../../helpers/tempRepo';
import type { RunningRuntime } from '../../../src/runtime';
import { HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../../../src/runtime/server';
import {
  AUTH_TOKEN,
  callParams,
  cli,
  NUMBER,
  post,
  publishText,
  serve,
  servedWorkspace,
  STATE_SECRET,
  until,
  type LoggedLines,
} from './serveHarness';

const GREETING = `callflow: 1
trigger: incoming-call
start: hello
steps:
  hello:
    type: hangup
    say: "Hello from version one."
`;

describe('callflow serve: the server edge', () => {
  let repo: TempRepo;
  let runtime: RunningRuntime | undefined;
  let logged: LoggedLines;
  beforeEach(async () => {
    repo = await servedWorkspace(GREETING);
  });
  afterEach(async () => {
    await runtime?.stop();
    runtime = undefined;
    await repo.cleanup();
  });
  const start = async (options = {}): Promise<RunningRuntime> => {
    ({ runtime, logged } = await serve(repo, options));
    return runtime;
  };

  it("answers a call to an assigned number with its flow's published version, and /healthz names the commit", async () => {
    const server = await start();
    const health = await fetch(`${server.url}/healthz`);
    assert.strictEqual(health.status, 200);
    const body = (await health.json()) as Record<string, unknown>;
    assert.strictEqual(body['commit'], repo.git('rev-parse', 'HEAD').trim());
    assert.deepStrictEqual(body['flows'], { acme: 1 });
    const reply = await post(server, '/voice', callParams('CA1'));
    assert.strictEqual(reply.status, 200);
    assert.match(reply.headers.get('content-type') ?? '', /text\/xml/);
    assert.match(reply.body, /<Response><Say>Hello from version one\.<\/Say><Hangup\/><\/Response>/);
    const end = logged.of('call-end')[0]!;
    assert.strictEqual(end['call'], 'CA1');
    assert.strictEqual(end['commit'], repo.git('rev-parse', 'HEAD').trim());
    assert.deepStrictEqual((end['outcome'] as Record<string, unknown>)['kind'], 'hangup');
  });

  it('/healthz answers 503 until a deployment has loaded', async () => {
    repo.git('checkout', '--quiet', '--orphan', 'empty');
    repo.git('rm', '-rq', '--cached', '.');
    repo.git('commit', '--quiet', '--allow-empty', '-m', 'nothing here');
    const server = await start({ ref: 'empty' });
    const health = await fetch(`${server.url}/healthz`);
    assert.strictEqual(health.status, 503);
    assert.match(await health.text(), /"status":"starting"/);
    assert.match(String(logged.of('deployment-failed')[0]!['message']), /no callflow\.yaml/);
    const reply = await post(server, '/voice', callParams('CA2'));
    assert.strictEqual(reply.status, 200);
    assert.match(reply.body, /<Say>Sorry, this number cannot take calls right now\./);
    assert.match(reply.body, /<Hangup\/><\/Response>$/);
  });

  it('an unknown number hears the apology from callflow.yaml, and the call ends; never a 500', async () => {
    await repo.write(
      'callflow.yaml',
      `${await repo.read('callflow.yaml')}runtime:\n  apology: "We are closed for <maintenance> & back soon."\n`,
    );
    repo.git('commit', '-qam', 'apology');
    const server = await start();
    const reply = await post(server, '/voice', callParams('CA3', { To: '+14155559999' }));
    assert.strictEqual(reply.status, 200);
    assert.strictEqual(
      reply.body,
      '<?xml version="1.0" encoding="UTF-8"?><Response><Say>We are closed for &lt;maintenance&gt; &amp; back soon.</Say><Hangup/></Response>',
    );
    assert.strictEqual(logged.of('apology')[0]!['reason'], 'unknown-number');
  });

  it('serves what is committed on the branch, never the working tree, and a new publish goes live without a restart', async () => {
    const server = await start();
    // A hand edit of the published file and an unpublished draft: neither is heard.
    await repo.write('flows/acme/v1.yaml', GREETING.replace('version one', 'a hand edit'));
    assert.match((await post(server, '/voice', callParams('CA4'))).body, /version one/);
    await repo.write('flows/acme/v1.yaml', GREETING);
    await cli(repo, 'edit', 'acme');
    await repo.write('flows/acme/v2.yaml', GREETING.replace('version one', 'version two'));
    await cli(repo, 'save', 'acme');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.match((await post(server, '/voice', callParams('CA5'))).body, /version one/);
    await cli(repo, 'publish', 'acme');
    const published = repo.git('rev-parse', 'HEAD').trim();
    await until(
      async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { commit: string }).commit === published,
    );
    assert.match((await post(server, '/voice', callParams('CA6'))).body, /version two/);
  });

  it('a request without a valid signature gets 403 and a log line, and runs nothing', async () => {
    const server = await start();
    const unsigned = await post(server, '/voice', callParams('CA7'), { unsigned: true });
    assert.strictEqual(unsigned.status, 403);
    const wrongKey = await post(server, '/voice', callParams('CA8'), { token: 'not-the-token-0000000000000000' });
    assert.strictEqual(wrongKey.status, 403);
    // Signed for the socket's address instead of the public URL.
    const wrongUrl = await post(server, '/voice', callParams('CA9'), { signatureUrl: `${server.url}/voice?x=1` });
    assert.strictEqual(wrongUrl.status, 403);
    assert.deepStrictEqual(
      logged.of('rejected').map((l) => [l['status'], l['reason']]),
      [
        [403, 'missing-signature'],
        [403, 'bad-signature'],
        [403, 'bad-signature'],
      ],
    );
    assert.deepStrictEqual(logged.of('call-end'), []);
    assert.ok(
      !JSON.stringify(logged.lines).includes(AUTH_TOKEN) && !JSON.stringify(logged.lines).includes(STATE_SECRET),
    );
  });

  it('validates signatures against --public-url, not the address it listens on', async () => {
    const server = await start({ publicUrl: 'https://voice.example.com/acme/' });
    assert.strictEqual(server.publicUrl, 'https://voice.example.com/acme');
    const reply = await post(server, '/voice', callParams('CA10'));
    assert.strictEqual(reply.status, 200, reply.body);
  });

  it('refuses unknown paths (404), other methods (405) and bodies over 64 KiB (413)', async () => {
    const server = await start();
    assert.strictEqual((await fetch(`${server.url}/admin`)).status, 404);
    assert.strictEqual((await fetch(`${server.url}/voice`)).status, 405);
    assert.strictEqual((await fetch(`${server.url}/healthz`, { method: 'POST' })).status, 405);
    const big = await post(server, '/voice', callParams('CA11', { Padding: 'x'.repeat(70 * 1024) }));
    assert.strictEqual(big.status, 413);
  });

  it('a slow client is cut off (request timeout)', async () => {
    const server = await start({ timeouts: { headersMs: 300, requestMs: 600 } });
    assert.ok(HEADERS_TIMEOUT_MS <= 10_000 && REQUEST_TIMEOUT_MS <= 15_000);
    // A client that sends its headers and then never its body: the server ends the request.
    const closed = await new Promise<boolean>((resolve) => {
      const req = request(`${server.url}/voice`, { method: 'POST', headers: { 'content-length': '10' } });
      req.on('error', () => resolve(true));
      req.on('response', (res) => resolve(res.statusCode === 408));
      req.flushHeaders();
      setTimeout(() => resolve(false), 5_000).unref();
    });
    assert.ok(closed);
  });

  it('refuses to start without a state secret, saying how to make one', async () => {
    await assert.rejects(
      serve(repo, { env: { TWILIO_AUTH_TOKEN: AUTH_TOKEN } }),
      (err: Error & { hint?: string }) =>
        /state secret/.test(err.message) && /openssl rand -hex 32/.test(err.hint ?? ''),
    );
    await assert.rejects(serve(repo, { env: { CALLFLOW_STATE_SECRET: STATE_SECRET } }), (err: Error) =>
      /TWILIO_AUTH_TOKEN is not set/.test(err.message),
    );
  });

  it("plays a recording of the workspace from git at the call's commit, under a URL only the server can sign", async () => {
    const wav = Buffer.from([0x52, 0x49, 0x46, 0x46, 0x00, 0xff, 0x10, 0x80]);
    await fs.mkdir(path.join(repo.root, 'prompts'), { recursive: true });
    await fs.writeFile(path.join(repo.root, 'prompts/welcome.wav'), wav);
    repo.git('add', 'prompts/welcome.wav');
    repo.git('commit', '-qm', 'a recording');
    await cli(repo, 'edit', 'acme');
    await publishText(
      repo,
      'acme',
      2,
      GREETING.replace(
        '    type: hangup\n',
        '    type: play\n    audio: prompts/welcome.wav\n    next: bye\n  bye:\n    type: hangup\n',
      ),
    );
    const server = await start();
    const reply = await post(server, '/voice', callParams('CA14'));
    const url = /<Play>([^<]+)<\/Play>/.exec(reply.body)![1]!.replace(/&amp;/g, '&');
    assert.ok(url.startsWith(`${server.publicUrl}/audio/`), url);
    const local = server.url + url.slice(server.publicUrl.length);
    const audio = await fetch(local);
    assert.strictEqual(audio.status, 200);
    assert.strictEqual(audio.headers.get('content-type'), 'audio/wav');
    assert.deepStrictEqual(Buffer.from(await audio.arrayBuffer()), wav);
    assert.strictEqual((await fetch(local.replace(/sig=.{4}/, 'sig=AAAA'))).status, 404);
    assert.strictEqual((await fetch(local.replace('welcome.wav', 'other.wav'))).status, 404);
  });

  it('a published file changed by a commit (not a publish) is not served: its number hears the apology', async () => {
    await repo.write('flows/acme/v1.yaml', GREETING.replace('version one', 'an unreviewed edit'));
    repo.git('commit', '-qam', 'edit the published file by hand');
    const server = await start();
    const reply = await post(server, '/voice', callParams('CA13'));
    assert.match(reply.body, /<Say>Sorry/);
    assert.doesNotMatch(reply.body, /unreviewed/);
    assert.match(String(logged.of('apology')[0]!['detail']), /sha256 differs/);
    assert.match(
      String((logged.of('deployment')[0]!['problems'] as Record<string, string>)['acme']),
      /not the text published as v1/,
    );
  });

  it('a number whose flow has nothing published, or fails to load, hears the apology', async () => {
    await cli(repo, 'create', 'Billing', '--id', 'billing');
    await repo.write('numbers.yaml', `numbers:\n  "${NUMBER}": acme\n  "+14155550101": billing\n`);
    repo.git('commit', '-qam', 'hand-assign an unpublished flow');
    const server = await start();
    const reply = await post(server, '/voice', callParams('CA12', { To: '+14155550101' }));
    assert.match(reply.body, /<Say>Sorry/);
    assert.match(String(logged.of('apology')[0]!['detail']), /no published version/);
    void publishText;
  });
});
