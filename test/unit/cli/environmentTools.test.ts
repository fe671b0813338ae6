import * as assert from 'assert';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

const SETTINGS = [
  'environments:',
  '  staging:',
  '    values:',
  '      line_name: Staging',
  '      support_number: "+14155550111"',
  '      crm_url: https://crm-staging.example.com',
  '  prod:',
  '    values:',
  '      line_name: Production',
  '      support_number: "+14155550199"',
  '      crm_url: https://crm.example.com',
  '    numbers: numbers.yaml',
  '',
].join('\n');

const STAGING_LINE = '+14155550101';
const PROD_LINE = '+14155550102';

/** A flow that says and dials what varies by environment, and looks the caller up with a secret. */
const FLOW = (greeting: string): string => `callflow: 1
trigger: incoming-call
start: welcome
steps:
  welcome:
    type: play
    say: "${greeting} {{env.line_name}}."
    next: lookup
  lookup:
    type: http
    method: GET
    url: "{{env.crm_url}}/customers?token={{secret.CRM_TOKEN}}"
    success: support
    failure: support
  support:
    type: transfer
    to: "{{env.support_number}}"
    failed: goodbye
  goodbye:
    type: hangup
`;

interface SimulationJson {
  flow: string;
  version: number;
  outcome: { kind: string; to?: string };
  steps: Array<{ step: string; request?: string }>;
}

describe('--env: simulate, test, journeys and call run what an environment serves (real git)', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const run = async (...argv: string[]) => {
    const result = await callflow(repo.root, ...argv);
    assert.strictEqual(result.code, 0, `callflow ${argv.join(' ')}: ${result.stdout}${result.stderr}`);
    return result;
  };
  const publish = async (version: number, greeting: string): Promise<void> => {
    if (version > 1) await run('edit', 'support-line');
    await repo.write(`flows/support-line/v${version}.yaml`, FLOW(greeting));
    await run('save', 'support-line');
    await run('publish', 'support-line');
  };
  const simulate = async (...argv: string[]): Promise<SimulationJson> =>
    (await run('simulate', ...argv, '--json')).json<SimulationJson>();

  beforeEach(async () => {
    repo = await makeTempRepo();
    await run('init');
    await repo.write('callflow.yaml', SETTINGS);
    await repo.write('numbers.staging.yaml', `numbers:\n  "${STAGING_LINE}": support-line\n`);
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'environments');
    await run('create', 'Support Line');
    await publish(1, 'Welcome to');
    await repo.write('numbers.yaml', `numbers:\n  "${PROD_LINE}": support-line\n`);
    repo.git('commit', '-qam', 'the production line');
    await run('deploy', 'staging', '--yes');
    await run('deploy', 'prod', '--yes');
  });
  afterEach(() => repo.cleanup());

  it("simulate: each environment's caller hears and is transferred to its own values, at its own numbers", async () => {
    const staging = await simulate(STAGING_LINE, '--env', 'staging');
    assert.strictEqual(staging.outcome.kind, 'transferred');
    assert.strictEqual(staging.outcome.to, '+14155550111');
    const prod = await simulate(PROD_LINE, '--env', 'prod');
    assert.strictEqual(prod.outcome.to, '+14155550199');

    const words = await run('simulate', STAGING_LINE, '--env', 'staging');
    assert.match(words.stdout, /^Call to support-line v1 in staging/m);
    assert.match(words.stdout, /Welcome to Staging\./);

    // Each environment rings only its own numbers.
    const elsewhere = await callflow(repo.root, 'simulate', PROD_LINE, '--env', 'staging');
    assert.strictEqual(elsewhere.code, 2, elsewhere.stderr);
    assert.match(elsewhere.stderr, /No flow is assigned to \+14155550102 in staging \(numbers\.staging\.yaml/);
  });

  it('a secret is a placeholder in a simulated request, never its value', async () => {
    const previous = process.env['CRM_TOKEN'];
    process.env['CRM_TOKEN'] = 'do-not-print-me';
    try {
      const result = await run('simulate', 'support-line', '--env', 'prod', '--json');
      assert.doesNotMatch(result.stdout, /do-not-print-me/);
      const { steps } = result.json<SimulationJson>();
      assert.strictEqual(
        steps.find((s) => s.step === 'lookup')?.request,
        'GET https://crm.example.com/customers?token=[secret:CRM_TOKEN]',
      );
    } finally {
      if (previous === undefined) delete process.env['CRM_TOKEN'];
      else process.env['CRM_TOKEN'] = previous;
    }
  });

  it("runs the environment's deployed commit: a publish reaches an environment only when it is deployed there", async () => {
    await publish(2, 'Hello from');
    await run('deploy', 'staging', '--yes');
    const staging = await simulate('support-line', '--env', 'staging');
    const prod = await simulate('support-line', '--env', 'prod');
    assert.deepStrictEqual([staging.version, prod.version], [2, 1]);

    // The working tree, without --env, is what it always was (and its draft is not any environment's).
    await run('edit', 'support-line');
    await repo.write('flows/support-line/v3.yaml', FLOW('Draft of'));
    const working = await callflow(repo.root, 'simulate', 'support-line');
    assert.match(working.stdout, /^Call to support-line v3/m);
    assert.strictEqual((await simulate('support-line', '--env', 'staging')).version, 2);
  });

  it("test and journeys: an environment's scenarios and journeys with its values", async () => {
    await repo.write(
      'flows/support-line/calls.yaml',
      `calls:\n  - name: reaches the staging desk\n    at: 2026-11-24T15:00:00Z\n    expect: { outcome: transferred, to: "+14155550111" }\n`,
    );
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'a scenario');
    await run('deploy', 'staging', '--yes');

    const staging = await run('test', 'support-line', '--env', 'staging');
    assert.match(staging.stdout, /Call scenarios of support-line v1 \(published\) in staging/);
    assert.match(staging.stdout, /1 passed, 0 failed/);
    // prod's deployed commit has no scenario yet: it was deployed before the scenario was committed.
    const prod = await run('test', 'support-line', '--env', 'prod');
    assert.match(prod.stdout, /support-line has no call scenarios/);

    const journeys = await run('journeys', 'support-line', '--env', 'prod', '--json');
    const listed = journeys.json<{ journeys: Array<{ outcome: string }> }>().journeys.map((j) => j.outcome);
    assert.ok(
      listed.some((o) => o.includes('+14155550199')),
      JSON.stringify(listed),
    );
    assert.ok(!listed.some((o) => o.includes('{{env.')), JSON.stringify(listed));
  });

  it('review --env: what deploying the head to an environment would change for its callers', async () => {
    const base = repo.git('rev-parse', 'HEAD').trim();
    await publish(2, 'Hello from');
    const markdown = await run('review', base, '--env', 'prod');
    assert.match(markdown.stdout, /^### Deploying `[0-9a-f]{7}` to prod$/m);
    assert.match(markdown.stdout, /Support Line \(support-line\): v1 → v2/);
    const json = (await run('review', base, '--env', 'prod', '--format', 'json')).json<{
      deployment: { environment: string; from: string; flows: Array<{ flow: string; now: number; after: number }> };
    }>();
    assert.strictEqual(json.deployment.environment, 'prod');
    assert.deepStrictEqual(
      json.deployment.flows.map((f) => [f.flow, f.now, f.after]),
      [['support-line', 1, 2]],
    );
    const unknown = await callflow(repo.root, 'review', base, '--env', 'qa');
    assert.strictEqual(unknown.code, 2);
  });

  it('refuses an unknown environment, one never deployed, and --env in a workspace without environments (exit 2)', async () => {
    const unknown = await callflow(repo.root, 'simulate', 'support-line', '--env', 'qa');
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /There is no environment "qa"\.\n\s+Give one of: staging, prod\./);

    await repo.write(
      'callflow.yaml',
      `${SETTINGS}  qa:\n    values: { line_name: QA, support_number: "+14155550122", crm_url: https://qa.example.com }\n`,
    );
    const never = await callflow(repo.root, 'test', 'support-line', '--env', 'qa');
    assert.strictEqual(never.code, 2);
    assert.match(never.stderr, /qa has never been deployed[\s\S]*callflow deploy qa/);

    await repo.write('callflow.yaml', '');
    for (const verb of ['simulate', 'test', 'journeys']) {
      const none = await callflow(repo.root, verb, 'support-line', '--env', 'prod');
      assert.strictEqual(none.code, 2, verb);
      assert.match(none.stderr, /defines no environments[\s\S]*leave out --env/, verb);
    }
    const call = await callflow(repo.root, 'call', 'support-line', '--env', 'prod', '--save-scenario');
    assert.strictEqual(call.code, 2);
    assert.match(call.stderr, /--save-scenario cannot be used with --env/);
  });
});
