import * as assert from 'assert';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { CarrierEmulator, generateCarrierKeys, serverEnvironment, type CarrierKeys } from '../../support/carrier';
import type { RunningRuntime } from '../../../src/runtime';
import { loopbackService, type LoopbackService } from './loopbackServices';
import { cli, serve, STATE_SECRET, until, type LoggedLines } from './serveHarness';

const STAGING_LINE = '+14155550101';
const PROD_LINE = '+14155550102';
const CRM_TOKEN = 's3cret+token/never-logged';

/** A flow whose words, CRM and transfer number come from the environment, with a secret in its lookup. */
function lineFlow(greeting: string, pressOne: 'support' | 'goodbye' = 'support'): string {
  return `callflow: 1
trigger: incoming-call
start: welcome
steps:
  welcome:
    type: play
    say: "${greeting} {{env.line_name}}."
    next: lookup
  lookup:
    type: http
    method: POST
    url: "{{env.crm_url}}/customers?phone={{caller.number}}&token={{secret.CRM_TOKEN}}"
    body: '{"caller": "{{caller.number}}", "token": "{{secret.CRM_TOKEN}}"}'
    success: menu
    failure: menu
  menu:
    type: menu
    say: "Press 1 for support."
    options: { "1": ${pressOne} }
    timeout: 3
    attempts: 2
    no-input: goodbye
    invalid: goodbye
  support:
    type: transfer
    to: "{{env.support_number}}"
    failed: goodbye
  goodbye:
    type: hangup
`;
}

describe('callflow serve --env: each environment served at its deployed commit, with its values (real HTTP)', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  let crm: LoopbackService;
  let keys: CarrierKeys;
  const runtimes: RunningRuntime[] = [];

  const run = async (...argv: string[]): Promise<void> => cli(repo, ...argv);
  const publish = async (version: number, text: string): Promise<void> => {
    if (version > 1) await run('edit', 'support-line');
    await repo.write(`flows/support-line/v${version}.yaml`, text);
    await run('save', 'support-line');
    await run('publish', 'support-line');
  };
  const serveEnvironment = async (
    environment: string,
    env: Record<string, string> = { CRM_TOKEN },
  ): Promise<{ runtime: RunningRuntime; logged: LoggedLines; carrier: CarrierEmulator }> => {
    const { runtime, logged } = await serve(repo, {
      environment,
      publicUrl: `https://voice.example.com/${environment}`,
      env: { CALLFLOW_STATE_SECRET: STATE_SECRET, ...serverEnvironment(keys), ...env },
    });
    runtimes.push(runtime);
    return {
      runtime,
      logged,
      carrier: new CarrierEmulator({ carrier: 'twilio', keys, publicUrl: runtime.publicUrl, servers: runtime.url }),
    };
  };

  before(async () => {
    keys = generateCarrierKeys();
    crm = await loopbackService(() => ({ status: 200, json: {} }));
  });
  after(() => crm.close());

  beforeEach(async () => {
    crm.requests.length = 0;
    repo = await makeTempRepo();
    await run('init');
    await repo.write(
      'callflow.yaml',
      [
        'environments:',
        '  staging:',
        `    values: { line_name: Staging, support_number: "+14155550111", crm_url: "${crm.url}/staging" }`,
        '  prod:',
        `    values: { line_name: Production, support_number: "+14155550199", crm_url: "${crm.url}/prod" }`,
        '    numbers: numbers.yaml',
        '',
      ].join('\n'),
    );
    await repo.write('numbers.staging.yaml', `numbers:\n  "${STAGING_LINE}": support-line\n`);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'environments');
    await run('create', 'Support Line');
    await publish(1, lineFlow('You reached'));
    await repo.write('numbers.yaml', `numbers:\n  "${PROD_LINE}": support-line\n`);
    repo.git('commit', '-qam', 'the production line');
    await run('deploy', 'staging', '--yes');
    await run('deploy', 'prod', '--yes');
  });
  afterEach(async () => {
    await Promise.all(runtimes.splice(0).map((r) => r.stop()));
    await repo.cleanup();
  });

  it("a staging caller hears staging's values and is transferred to staging's number; prod's, prod's; secrets only in the request", async () => {
    const staging = await serveEnvironment('staging');
    const prod = await serveEnvironment('prod');

    const stagingCall = await staging.carrier.placeCall({ to: STAGING_LINE, from: '+14155550123' });
    assert.deepStrictEqual(stagingCall.said, ['You reached Staging.', 'Press 1 for support.']);
    await stagingCall.press('1');
    assert.strictEqual(stagingCall.waiting?.kind === 'dial' && stagingCall.waiting.number, '+14155550111');

    const prodCall = await prod.carrier.placeCall({ to: PROD_LINE, from: '+14155550123' });
    assert.deepStrictEqual(prodCall.said, ['You reached Production.', 'Press 1 for support.']);
    await prodCall.press('1');
    assert.strictEqual(prodCall.waiting?.kind === 'dial' && prodCall.waiting.number, '+14155550199');

    // Each environment's CRM, asked with the secret from serve's environment (percent-encoded in the URL).
    const token = encodeURIComponent(CRM_TOKEN);
    assert.deepStrictEqual(
      crm.requests.map((r) => r.url),
      [`/staging/customers?phone=%2B14155550123&token=${token}`, `/prod/customers?phone=%2B14155550123&token=${token}`],
    );
    assert.deepStrictEqual(JSON.parse(crm.requests[0]!.body), { caller: '+14155550123', token: CRM_TOKEN });
    for (const { logged } of [staging, prod]) {
      const log = JSON.stringify(logged.lines);
      assert.ok(!log.includes('s3cret'), `the secret is not logged: ${log}`);
    }
    assert.deepStrictEqual(
      staging.logged.of('deployment').map((l) => l['environment']),
      ['staging'],
    );

    // Each environment rings only its own numbers: prod's line is not staging's.
    const wrongLine = await staging.carrier.placeCall({ to: PROD_LINE });
    assert.strictEqual(wrongLine.waiting, undefined);
    assert.deepStrictEqual(
      staging.logged.of('apology').map((l) => l['reason']),
      ['unknown-number'],
    );
  });

  it("follows prod's deployments: a deploy of staging changes nothing for it; a deploy of prod reaches new calls while a call in progress keeps its version", async () => {
    const prod = await serveEnvironment('prod');
    const servedAtStart = prod.runtime.deployments.current?.commit;
    const inProgress = await prod.carrier.placeCall({ to: PROD_LINE });
    assert.deepStrictEqual(inProgress.said, ['You reached Production.', 'Press 1 for support.']);

    // v2: pressing 1 hangs up. Published and deployed to staging only.
    await publish(2, lineFlow('Hello from', 'goodbye'));
    await run('deploy', 'staging', '--yes');
    await prod.runtime.deployments.poll();
    assert.strictEqual(prod.runtime.deployments.current?.commit, servedAtStart, "staging's deploy is not prod's");
    assert.deepStrictEqual((await prod.carrier.placeCall({ to: PROD_LINE })).said[0], 'You reached Production.');

    await run('promote', 'staging', 'prod', '--yes');
    const deployed = (await repo.read('deployments.yaml'))!.match(/^prod:\n {2}commit: ([0-9a-f]{40})$/m)![1]!;
    await until(() => prod.runtime.deployments.current?.commit === deployed);
    assert.deepStrictEqual(
      prod.logged
        .of('deployment')
        .map((l) => [l['environment'], l['commit'], (l['flows'] as Record<string, number>)['support-line']]),
      [
        ['prod', servedAtStart, 1],
        ['prod', deployed, 2],
      ],
    );

    await inProgress.press('1');
    assert.strictEqual(
      inProgress.waiting?.kind === 'dial' && inProgress.waiting.number,
      '+14155550199',
      'the call in progress finishes on v1',
    );
    const after = await prod.carrier.placeCall({ to: PROD_LINE });
    assert.deepStrictEqual(after.said, ['Hello from Production.', 'Press 1 for support.']);
    await after.press('1');
    assert.deepStrictEqual(after.ended, { reason: 'hangup' });
  });

  it('refuses to start, saying what to do: an unknown environment, one never deployed, no environments, a secret not set', async () => {
    const refusal = (environment: string, env?: Record<string, string>) =>
      serveEnvironment(environment, env).then(
        () => assert.fail('serve started'),
        (err: { code?: string; message: string; hint?: string }) => err,
      );
    const unknown = await refusal('qa');
    assert.strictEqual(unknown.code, 'unknown-environment');
    assert.match(unknown.hint!, /Give one of: staging, prod/);

    const missing = await refusal('prod', {});
    assert.strictEqual(missing.code, 'missing-secret');
    assert.match(missing.message, /\{\{secret\.CRM_TOKEN\}\}, and CRM_TOKEN is not set in serve's environment/);

    await repo.write(
      'callflow.yaml',
      `${await repo.read('callflow.yaml')}  qa:\n    values: { line_name: QA, support_number: "+14155550122", crm_url: https://qa.example.com }\n`,
    );
    repo.git('commit', '-qam', 'qa');
    const never = await refusal('qa');
    assert.strictEqual(never.code, 'never-deployed');
    assert.match(never.hint!, /callflow deploy qa/);

    await repo.write('callflow.yaml', '');
    repo.git('commit', '-qam', 'no environments');
    const none = await refusal('prod');
    assert.strictEqual(none.code, 'unknown-environment');
    assert.match(none.hint!, /defines no environments/);
  });
});
