import * as assert from 'assert';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

interface PlanJson {
  plan: {
    environment: string;
    from?: string;
    to: string;
    flows: Array<{ flow: string; now?: number; after?: number; journeys: string[] }>;
    numbers: Array<{ number: string; from: string | null; to: string | null }>;
    values: Array<{ name: string; now?: string; after?: string }>;
  };
  deployed: boolean;
  result?: { environment: string; commit: string; previous?: string; deployment?: string };
}

const SETTINGS = [
  'environments:',
  '  staging:',
  '    values:',
  '      support_number: "+14155550111"',
  '  prod:',
  '    values:',
  '      support_number: "+14155550199"',
  '    numbers: numbers.yaml',
  '',
].join('\n');

describe('callflow deploy, promote and environments (real git)', function () {
  this.timeout(60_000);
  let repo: TempRepo;
  const head = (): string => repo.git('rev-parse', 'HEAD').trim();

  beforeEach(async () => {
    repo = await makeTempRepo();
    await callflow(repo.root, 'init');
    await repo.write('callflow.yaml', SETTINGS);
    await repo.write('numbers.staging.yaml', 'numbers:\n  "+14155550101": support-line\n');
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'environments');
    await callflow(repo.root, 'create', 'Support Line');
    await callflow(repo.root, 'publish', 'support-line');
  });
  afterEach(() => repo.cleanup());

  it('prints the plan and changes nothing without a terminal and without --yes (exit 3)', async () => {
    const before = head();
    const run = await callflow(repo.root, 'deploy', 'staging');
    assert.strictEqual(run.code, 3, run.stderr);
    assert.match(run.stdout, /^Deploy staging: nothing → [0-9a-f]{7}$/m);
    assert.match(run.stdout, /Support Line \(support-line\): nothing published → v1/);
    assert.match(run.stdout, /\+14155550101: now rings support-line/);
    assert.match(run.stdout, /\{\{env\.support_number\}\}: \(no value\) → \+14155550111/);
    assert.match(run.stderr, /Not deployed\. Run it again with --yes/);
    assert.strictEqual(head(), before, 'no commit');
    assert.strictEqual(await repo.read('deployments.yaml'), undefined);
  });

  it('deploys with --yes in one commit, and a second environment is untouched', async () => {
    const target = head();
    const run = await callflow(repo.root, 'deploy', 'staging', '--yes', '--json');
    assert.strictEqual(run.code, 0, run.stderr);
    const { deployed, result } = run.json<PlanJson>();
    assert.ok(deployed);
    assert.strictEqual(result?.commit, target);
    assert.match((await repo.read('deployments.yaml'))!, new RegExp(`^staging:\\n  commit: ${target}$`, 'm'));
    assert.doesNotMatch((await repo.read('deployments.yaml'))!, /^prod:/m);
    assert.match(
      repo.git('log', '-1', '--format=%B'),
      /deploy staging [0-9a-f]{7}[\s\S]*Callflow-Environment: staging/,
    );
    assert.strictEqual(repo.git('status', '--porcelain'), '');

    const listed = (await callflow(repo.root, 'environments', '--json')).json<{
      environments: Array<{
        environment: string;
        commit: string | null;
        flows: Array<{ flow: string; version: number }>;
      }>;
    }>();
    assert.deepStrictEqual(
      listed.environments.map((e) => [e.environment, e.commit, e.flows.map((f) => `${f.flow}@${f.version}`)]),
      [
        ['staging', target, ['support-line@1']],
        ['prod', null, []],
      ],
    );
  });

  it('promotes what staging serves to prod, with the journeys that change; rolls back by deploying an earlier revision', async () => {
    const v1 = head();
    await callflow(repo.root, 'deploy', 'staging', '--yes');
    await callflow(repo.root, 'deploy', 'prod', v1, '--yes');
    // A v2 that transfers support to {{env.support_number}}, published and deployed to staging.
    await callflow(repo.root, 'edit', 'support-line');
    const draft = (await repo.read('flows/support-line/v2.yaml'))!;
    const changed = draft.replace(
      /( {2}support:\n)(?: {4}.*\n)+/,
      '$1    type: transfer\n    to: "{{env.support_number}}"\n    failed: goodbye\n',
    );
    assert.notStrictEqual(changed, draft, 'the starter flow has a support step to change');
    await repo.write('flows/support-line/v2.yaml', changed);
    const saved = await callflow(repo.root, 'save', 'support-line');
    assert.strictEqual(saved.code, 0, saved.stdout + saved.stderr);
    assert.strictEqual((await callflow(repo.root, 'publish', 'support-line')).code, 0);
    const v2 = head();
    await callflow(repo.root, 'deploy', 'staging', v2, '--yes');

    const promoted = await callflow(repo.root, 'promote', 'staging', 'prod', '--yes', '--json');
    assert.strictEqual(promoted.code, 0, promoted.stderr);
    const { plan } = promoted.json<PlanJson>();
    assert.strictEqual(plan.from, v1);
    assert.strictEqual(plan.to, v2);
    assert.deepStrictEqual(
      plan.flows.map((f) => [f.flow, f.now, f.after]),
      [['support-line', 1, 2]],
    );
    assert.ok(
      plan.flows[0]!.journeys.some((j) => /transferred to/.test(j)),
      JSON.stringify(plan.flows[0]!.journeys),
    );

    const rollback = await callflow(repo.root, 'deploy', 'prod', v1, '--yes', '--json');
    assert.strictEqual(rollback.code, 0, rollback.stderr);
    assert.deepStrictEqual(
      rollback.json<PlanJson>().plan.flows.map((f) => [f.now, f.after]),
      [[2, 1]],
    );
    assert.match((await repo.read('deployments.yaml'))!, new RegExp(`^prod:\\n  commit: ${v1}$`, 'm'));
    assert.match((await repo.read('deployments.yaml'))!, new RegExp(`^staging:\\n  commit: ${v2}$`, 'm'));
  });

  it('refuses an unknown environment, an unknown revision, and promoting an environment never deployed', async () => {
    const unknown = await callflow(repo.root, 'deploy', 'qa', '--yes');
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /There is no environment "qa"[\s\S]*Give one of: staging, prod/);
    const badRev = await callflow(repo.root, 'deploy', 'staging', 'no-such-branch', '--yes');
    assert.strictEqual(badRev.code, 2);
    assert.match(badRev.stderr, /is not a commit of this repository/);
    const never = await callflow(repo.root, 'promote', 'staging', 'prod', '--yes');
    assert.strictEqual(never.code, 2);
    assert.match(never.stderr, /staging has never been deployed/);
  });

  it('a workspace without environments is as before: environments says publishing is live, deploy and promote change nothing (exit 2)', async () => {
    await repo.write('callflow.yaml', '');
    repo.git('commit', '-qam', 'no environments');
    const before = head();
    const listed = await callflow(repo.root, 'environments');
    assert.strictEqual(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /defines no environments: publishing is live/);
    for (const args of [
      ['deploy', 'staging', '--yes'],
      ['promote', 'staging', 'prod', '--yes'],
    ]) {
      const run = await callflow(repo.root, ...args);
      assert.strictEqual(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /defines no environments: add environments: to callflow\.yaml/);
    }
    assert.strictEqual(head(), before, 'no commit');
    assert.strictEqual(await repo.read('deployments.yaml'), undefined);
    // Publishing stays live: the next publish is what serve (following the branch) serves.
    await callflow(repo.root, 'edit', 'support-line');
    const published = await callflow(repo.root, 'publish', 'support-line');
    assert.strictEqual(published.code, 0, published.stderr);
    assert.strictEqual(await repo.read('deployments.yaml'), undefined);
  });
});
