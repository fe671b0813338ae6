import * as assert from 'assert';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

const CLI = path.resolve(__dirname, '../../../../bin/callflow.js');

interface Problem {
  severity: string;
  code: string;
  message: string;
}

describe('callflow CLI: numbers.yaml as assign and unassign leave it', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    await callflow(repo.root, 'save', 'support-line');
    await callflow(repo.root, 'publish', 'support-line');
  });
  afterEach(() => repo.cleanup());

  it('validates after the last number is unassigned, and assigns into the empty list', async () => {
    assert.strictEqual((await callflow(repo.root, 'assign', '+14155550100', 'support-line')).code, 0);
    assert.strictEqual((await callflow(repo.root, 'unassign', '+14155550100')).code, 0);
    assert.match((await repo.read('numbers.yaml'))!, /^numbers: \{\}$/m);
    const validated = await callflow(repo.root, 'validate', 'numbers.yaml');
    assert.strictEqual(validated.code, 0, validated.stdout + validated.stderr);
    assert.strictEqual((await callflow(repo.root, 'verify')).code, 0);

    assert.strictEqual((await callflow(repo.root, 'assign', '+14155550101', 'support-line')).code, 0);
    assert.match((await repo.read('numbers.yaml'))!, /^numbers:\n {2}"\+14155550101": support-line\n$/m);
    assert.strictEqual((await callflow(repo.root, 'validate', 'numbers.yaml')).code, 0);
  });

  it('reports anchors and aliases in validate, with the words list and verify use', async () => {
    await repo.write('numbers.yaml', 'numbers:\n  "+14155550100": &main support-line\n  "+14155550101": *main\n');
    const listed = await callflow(repo.root, 'list');
    const said = /numbers\.yaml: (.*)\. Run `callflow validate numbers\.yaml`/.exec(listed.stderr)?.[1];
    assert.ok(said, listed.stderr);
    const validated = await callflow(repo.root, 'validate', 'numbers.yaml', '--json');
    assert.strictEqual(validated.code, 1);
    assert.deepStrictEqual(
      validated.json<Problem[]>().map((p) => [p.code, p.message]),
      [['yaml-anchor', `${said}.`]],
    );
    const verified = await callflow(repo.root, 'verify', '--json');
    assert.strictEqual(verified.code, 1);
    assert.ok(verified.stdout.includes(said), verified.stdout);
    assert.strictEqual((await callflow(repo.root, 'assign', '+14155550102', 'support-line')).code, 2);
  });

  it('calls a number that rings an unpublished flow an error in validate and in verify alike', async () => {
    await callflow(repo.root, 'create', 'Billing');
    await repo.write('numbers.yaml', 'numbers:\n  "+14155550100": billing\n');
    const validated = await callflow(repo.root, 'validate', 'numbers.yaml', '--json');
    const verified = await callflow(repo.root, 'verify', '--json');
    assert.strictEqual(validated.code, 1, validated.stdout);
    assert.strictEqual(verified.code, 1, verified.stdout);
    assert.deepStrictEqual(
      validated.json<Problem[]>().map((p) => [p.severity, p.code]),
      [['error', 'unpublished-flow']],
    );
    assert.deepStrictEqual(
      verified.json<{ findings: Problem[] }>().findings.map((f) => [f.severity, f.code]),
      [['error', 'number-unpublished-flow']],
    );
    assert.strictEqual((await callflow(repo.root, 'validate')).code, 1);
  });
});

describe('callflow CLI: assign --no-label, spawned as a user runs it', () => {
  let repo: TempRepo;
  /** The built `callflow` in its own process, as a terminal runs it. */
  const run = (...argv: string[]) => {
    const result = spawnSync(process.execPath, [CLI, ...argv], { cwd: repo.root, encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  const head = () => repo.git('rev-parse', 'HEAD').trim();
  beforeEach(async () => {
    repo = await makeTempRepo();
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    await callflow(repo.root, 'publish', 'support-line');
    await callflow(repo.root, 'assign', '+14155550100', 'support-line', '--label', 'Main line');
  });
  afterEach(() => repo.cleanup());

  it('removes the label, writing the plain form, and says which label it removed', async () => {
    const removed = run('assign', '+14155550100', 'support-line', '--no-label');
    assert.strictEqual(removed.code, 0, removed.stderr);
    assert.match(
      removed.stdout,
      /^Assigned \+14155550100 to support-line; its label "Main line" is removed\. \[[0-9a-f]{7}\]$/m,
    );
    assert.match((await repo.read('numbers.yaml'))!, /^numbers:\n {2}"\+14155550100": support-line\n$/m);
    assert.strictEqual(
      repo.git('log', '-1', '--format=%s').trim(),
      'callflow(support-line): assign +14155550100 (label removed)',
    );
    const validated = run('validate', 'numbers.yaml');
    assert.strictEqual(validated.code, 0, validated.stdout + validated.stderr);
    const before = head();
    const again = run('assign', '+14155550100', 'support-line', '--no-label', '--json');
    assert.strictEqual(again.code, 0, again.stderr);
    assert.deepStrictEqual(JSON.parse(again.stdout), {
      action: 'assign',
      number: '+14155550100',
      flowId: 'support-line',
    });
    assert.strictEqual(head(), before, 'no label to remove: nothing committed');
  });

  it('--json names the removed label', () => {
    const removed = run('assign', '+14155550100', 'support-line', '--no-label', '--json');
    assert.strictEqual(removed.code, 0, removed.stderr);
    const result = JSON.parse(removed.stdout) as { label?: string; removedLabel?: string; commit?: string };
    assert.deepStrictEqual(
      [result.label, result.removedLabel, typeof result.commit],
      [undefined, 'Main line', 'string'],
    );
  });

  it('refuses --label with --no-label (exit 2, in either order), changing nothing', async () => {
    const before = head();
    const numbers = await repo.read('numbers.yaml');
    for (const argv of [
      ['--label', 'Billing', '--no-label'],
      ['--no-label', '--label', 'Billing'],
    ]) {
      const refused = run('assign', '+14155550100', 'support-line', ...argv);
      assert.strictEqual(refused.code, 2, argv.join(' '));
      assert.strictEqual(
        refused.stderr,
        'callflow: --label and --no-label cannot be used together.\n' +
          '  Give --label TEXT to set the label, or --no-label to remove it.\n',
      );
    }
    assert.strictEqual(head(), before);
    assert.strictEqual(await repo.read('numbers.yaml'), numbers);
  });

  it('an empty --label is refused, pointing at --no-label; --help and completion offer it', () => {
    const empty = run('assign', '+14155550100', 'support-line', '--label', '');
    assert.strictEqual(empty.code, 2);
    assert.match(
      empty.stderr,
      /A label cannot be empty\.\n {2}To remove the label, assign with no label \(`--no-label`\)/,
    );
    const help = run('assign', '--help');
    assert.match(help.stdout, /--no-label +remove the label the number has/);
    assert.match(help.stdout, /callflow assign \+14155550100 support-line --no-label/);
    assert.match(run('completion', 'bash').stdout, /assign\) opts="--label --no-label --move --json"/);
  });
});
