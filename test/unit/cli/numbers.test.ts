import * as assert from 'assert';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

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
});
