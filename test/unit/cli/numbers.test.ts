import * as assert from 'assert';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

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
