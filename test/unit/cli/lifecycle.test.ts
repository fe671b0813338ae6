import * as assert from 'assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

const REPO_ROOT = path.resolve(__dirname, '../../../..');

describe('callflow CLI: lifecycle verbs', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
  });
  afterEach(() => repo.cleanup());

  it('runs a flow from create to a second publish, one commit per verb, tag on publish', async () => {
    assert.strictEqual((await callflow(repo.root, 'init')).code, 0);
    const created = await callflow(repo.root, 'create', 'Support Line', '--description', 'Main line');
    assert.strictEqual(created.code, 0, created.stderr);
    assert.match(created.stdout, /support-line.*v1 draft at flows\/support-line\/v1\.yaml/);
    assert.match(created.stderr, /callflow save support-line/);

    await repo.write(
      'flows/support-line/v1.yaml',
      ((await repo.read('flows/support-line/v1.yaml')) ?? '').replace('Thanks for calling', 'Welcome to'),
    );
    assert.strictEqual((await callflow(repo.root, 'save', 'support-line')).code, 0);
    const published = await callflow(repo.root, 'publish', 'support-line', '--json');
    assert.strictEqual(published.code, 0, published.stderr);
    assert.deepStrictEqual(
      (({ action, flowId, version, tag }) => ({ action, flowId, version, tag }))(
        published.json<Record<string, unknown>>(),
      ),
      { action: 'publish', flowId: 'support-line', version: 1, tag: 'callflow/support-line/v1' },
    );

    assert.strictEqual((await callflow(repo.root, 'edit', 'support-line')).code, 0);
    const second = await callflow(repo.root, 'publish', 'support-line');
    assert.strictEqual(second.code, 0, second.stderr);
    assert.match(second.stdout, /Published v2 of support-line \(archived v1\)/);

    const subjects = repo.git('log', '--format=%s').trim().split('\n');
    assert.deepStrictEqual(subjects.length, 6, subjects.join('\n')); // init, create, save, publish, edit, publish
    assert.match(subjects[0]!, /^callflow\(support-line\): publish v2 \(archives v1\)$/);
    assert.strictEqual(repo.git('tag', '--list').trim(), 'callflow/support-line/v1\ncallflow/support-line/v2');
  });

  it('prints list --json in the contract shape', async () => {
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    await callflow(repo.root, 'save', 'support-line');
    await callflow(repo.root, 'publish', 'support-line');
    assert.strictEqual(
      (await callflow(repo.root, 'assign', '+14155550100', 'support-line', '--label', 'Main')).code,
      0,
    );
    const list = await callflow(repo.root, 'list', '--json');
    assert.strictEqual(list.code, 0);
    const flows =
      list.json<
        Array<{ id: string; name: string; versions: Array<{ version: number; status: string }>; numbers: string[] }>
      >();
    assert.strictEqual(flows.length, 1);
    assert.strictEqual(flows[0]!.id, 'support-line');
    assert.strictEqual(flows[0]!.name, 'Support Line');
    assert.deepStrictEqual(
      flows[0]!.versions.map((v) => [v.version, v.status]),
      [[1, 'published']],
    );
    assert.deepStrictEqual(flows[0]!.numbers, ['+14155550100']);
  });

  it('lists a flow whose flow.yaml cannot be read, with a warning, instead of hiding it', async () => {
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    await callflow(repo.root, 'create', 'Billing');
    await repo.write('flows/billing/flow.yaml', 'name: [\n');
    await repo.write('numbers.yaml', 'numbers: [\n');
    const human = await callflow(repo.root, 'list');
    assert.strictEqual(human.code, 0);
    assert.match(human.stdout, /^billing +\(flow\.yaml cannot be read\)/m);
    assert.match(human.stdout, /^support-line +Support Line +v1/m);
    assert.match(human.stderr, /warning: flows\/billing\/flow\.yaml cannot be read/);
    assert.match(human.stderr, /warning: numbers\.yaml/);
    const flows = (await callflow(repo.root, 'list', '--json')).json<
      Array<{ id: string; problem?: string; versions: unknown[] }>
    >();
    assert.deepStrictEqual(
      flows.map((f) => [f.id, f.problem !== undefined, f.versions.length]),
      [
        ['billing', true, 0],
        ['support-line', false, 1],
      ],
    );
  });

  it('exits 3 with what to do next when a lifecycle rule refuses', async () => {
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    await repo.write(
      'flows/support-line/v1.yaml',
      ((await repo.read('flows/support-line/v1.yaml')) ?? '').replace('Thanks for calling', 'Welcome to'),
    );
    const unsaved = await callflow(repo.root, 'publish', 'support-line');
    assert.strictEqual(unsaved.code, 3);
    assert.match(unsaved.stderr, /cannot be published/);
    assert.match(unsaved.stderr, /callflow save support-line/);
    await repo.write(
      'flows/support-line/v1.yaml',
      'callflow: 1\ntrigger: incoming-call\nstart: nowhere\nsteps:\n  a:\n    type: hangup\n',
    );
    assert.strictEqual((await callflow(repo.root, 'save', 'support-line')).code, 1);
    const invalid = await callflow(repo.root, 'publish', 'support-line');
    assert.strictEqual(invalid.code, 3);
    assert.match(invalid.stderr, /error/);
    await repo.write(
      'flows/support-line/v1.yaml',
      'callflow: 1\ntrigger: incoming-call\nstart: a\nsteps:\n  a:\n    type: hangup\n',
    );

    await callflow(repo.root, 'save', 'support-line');
    await callflow(repo.root, 'publish', 'support-line');
    await callflow(repo.root, 'edit', 'support-line');
    const again = await callflow(repo.root, 'edit', 'support-line');
    assert.strictEqual(again.code, 3);
    assert.match(again.stderr, /v2 of "support-line" is a draft already/);
    assert.match(again.stderr, /callflow discard support-line/);
    const taken = await callflow(repo.root, 'create', 'Support Line Two', '--id', 'support-line');
    assert.strictEqual(taken.code, 3);
    assert.match(taken.stderr, /A flow with id "support-line" already exists/);
    assert.match(taken.stderr, /give another id with --id/);
  });

  it('says counts in words: "1 error", "1 flow", never "1 error(s)"', async () => {
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    assert.match((await callflow(repo.root, 'verify')).stdout, /^Verified 1 flow: all invariants hold\.$/m);
    const file = 'flows/support-line/v1.yaml';
    await repo.write(file, ((await repo.read(file)) ?? '').replace('next: hours', 'next: hour'));
    const saved = await callflow(repo.root, 'save', 'support-line');
    assert.strictEqual(saved.code, 1, saved.stderr);
    assert.match(saved.stdout, /^Saved v1 of support-line: 1 error\./m);
    assert.match((await callflow(repo.root, 'show', 'support-line')).stdout, /saved, 1 error /);
    assert.doesNotMatch(saved.stdout + (await callflow(repo.root, 'show', 'support-line')).stdout, /\(s\)/);
  });

  it('exits 2 on bad input and bad usage', async () => {
    await callflow(repo.root, 'init');
    const unknown = await callflow(repo.root, 'save', 'nope');
    assert.strictEqual(unknown.code, 2);
    assert.match(unknown.stderr, /There is no flow "nope"/);
    const number = await callflow(repo.root, 'assign', '415 555 0100', 'nope');
    assert.strictEqual(number.code, 2);
    assert.match(number.stderr, /E\.164/);
    assert.strictEqual((await callflow(repo.root, 'publish')).code, 2);
    assert.strictEqual((await callflow(repo.root, 'frobnicate')).code, 2);
    const hostile = await callflow(repo.root, 'save', '../../etc');
    assert.strictEqual(hostile.code, 2);
    assert.match(hostile.stderr, /not a flow id/);
  });

  it('init makes a missing folder, and refuses an unknown time zone leaving nothing behind', async () => {
    const fresh = path.join(repo.root, 'team', 'flows-repo');
    const made = await callflow(repo.root, '--cwd', fresh, 'init', '--timezone', 'Europe/London');
    assert.strictEqual(made.code, 0, made.stderr);
    assert.match((await repo.read('team/flows-repo/callflow.yaml')) ?? '', /^timezone: Europe\/London$/m);
    const refused = await callflow(
      repo.root,
      '--cwd',
      path.join(repo.root, 'other'),
      'init',
      '--timezone',
      'Mars/Olympus',
    );
    assert.strictEqual(refused.code, 2);
    assert.match(refused.stderr, /"Mars\/Olympus" is not a time zone/);
    assert.strictEqual(existsSync(path.join(repo.root, 'other')), false);
  });

  it('says how to start when run outside a flow workspace', async () => {
    const outside = await callflow(repo.root, 'list');
    assert.strictEqual(outside.code, 2);
    assert.match(outside.stderr, /callflow init/);
  });

  it('says to run git init in a workspace that is in no git repository (a copy without .git): exit 2, nothing written', async () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'callflow-no-git-'));
    try {
      writeFileSync(path.join(copy, 'callflow.yaml'), '');
      writeFileSync(path.join(copy, 'numbers.yaml'), 'numbers: {}\n');
      const create = await callflow(copy, 'create', 'Support Line');
      assert.strictEqual(create.code, 2, create.stderr);
      assert.match(create.stderr, /has a callflow\.yaml but is not inside a git repository/);
      assert.match(create.stderr, /Run `git init` there/);
      assert.doesNotMatch(create.stderr, /callflow init|fatal:/);
      assert.strictEqual(existsSync(path.join(copy, 'flows')), false);
      for (const verb of ['verify', 'recover', 'git-setup']) {
        const run = await callflow(copy, verb);
        assert.strictEqual(run.code, 2, `${verb}: ${run.stderr}`);
        assert.match(run.stderr, /is not inside a git repository.*\n.*Run `git init` there/, verb);
        assert.strictEqual(run.stdout, '', `${verb} says nothing it would do`);
      }
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });

  it('says that a --cwd folder does not exist, rather than only that it is not a workspace', async () => {
    const run = await callflow(repo.root, '--cwd', 'no-such-folder', 'list');
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /no-such-folder does not exist, so it is not a flow workspace\./);
    assert.match(run.stderr, /Check the folder \(--cwd\)/);
  });

  it('finds the workspace from a subfolder and with --cwd', async () => {
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    const fromSub = await callflow(path.join(repo.root, 'flows'), 'list', '--json');
    assert.strictEqual(fromSub.json<unknown[]>().length, 1);
    const withCwd = await callflow('/', '--cwd', repo.root, 'list', '--json');
    assert.strictEqual(withCwd.json<unknown[]>().length, 1);
  });

  it('shows history newest first and diffs two versions', async () => {
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    await callflow(repo.root, 'publish', 'support-line');
    await callflow(repo.root, 'edit', 'support-line');
    const file = 'flows/support-line/v2.yaml';
    await repo.write(file, ((await repo.read(file)) ?? '').replace('Thanks for calling', 'Welcome to'));
    await callflow(repo.root, 'save', 'support-line');
    const history = await callflow(repo.root, 'history', 'support-line', '--json');
    const actions = history.json<Array<{ action: string }>>().map((e) => e.action);
    assert.deepStrictEqual(actions, ['save', 'edit', 'publish', 'create']);
    const diff = await callflow(repo.root, 'diff', 'support-line', '1', 'v2', '--format', 'unified');
    assert.strictEqual(diff.code, 0);
    assert.match(diff.stdout, /^-.*Thanks for calling/m);
    assert.match(diff.stdout, /^\+.*Welcome to/m);
  });

  it('verify exits 1 when a published file was changed by hand', async () => {
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    await callflow(repo.root, 'save', 'support-line');
    await callflow(repo.root, 'publish', 'support-line');
    assert.strictEqual((await callflow(repo.root, 'verify')).code, 0);
    await repo.write('flows/support-line/v1.yaml', 'callflow: 1\n');
    const verify = await callflow(repo.root, 'verify', '--json');
    assert.strictEqual(verify.code, 1);
    const report = verify.json<{ ok: boolean; findings: Array<{ code: string }> }>();
    assert.strictEqual(report.ok, false);
    assert.ok(report.findings.length > 0);
  });

  it('runs the bundle itself as the CLI: node dist/cli.js prints the version and exits 2 outside a workspace', () => {
    execFileSync('node', ['esbuild.js'], { cwd: REPO_ROOT });
    const bundle = path.join(REPO_ROOT, 'dist/cli.js');
    const version = spawnSync('node', [bundle, '--version'], { encoding: 'utf8' });
    assert.strictEqual(version.status, 0, version.stderr);
    assert.match(version.stdout, /^\d+\.\d+\.\d+\n$/);
    const outside = spawnSync('node', [bundle, 'list'], { cwd: repo.root, encoding: 'utf8' });
    assert.strictEqual(outside.status, 2, outside.stderr);
    assert.match(outside.stderr, /is not a flow workspace/);
  });

  it('installs a runnable bin: node bin/callflow.js --help', () => {
    execFileSync('node', ['esbuild.js'], { cwd: REPO_ROOT });
    const run = spawnSync('node', [path.join(REPO_ROOT, 'bin/callflow.js'), 'create', '--help'], { encoding: 'utf8' });
    assert.strictEqual(run.status, 0, run.stderr);
    assert.match(run.stdout, /--description <text>/);
  });
});
