import * as assert from 'assert';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

describe('callflow CLI: nothing lost, nothing live changed by surprise', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
    await callflow(repo.root, 'init');
  });
  afterEach(() => repo.cleanup());

  async function published(name: string, id: string): Promise<void> {
    assert.strictEqual((await callflow(repo.root, 'create', name)).code, 0);
    assert.strictEqual((await callflow(repo.root, 'publish', id)).code, 0);
  }

  it('discard of a draft with changes not yet saved exits 3 saying how to keep them; --force discards them', async () => {
    await callflow(repo.root, 'create', 'Sales');
    await repo.write('flows/sales/v1.yaml', ((await repo.read('flows/sales/v1.yaml')) ?? '') + '# edit\n');
    const refused = await callflow(repo.root, 'discard', 'sales');
    assert.strictEqual(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, /has changes not yet saved as v1/);
    assert.match(refused.stderr, /callflow save sales.*--force/s);
    assert.ok(await repo.read('flows/sales/v1.yaml'));
    const forced = await callflow(repo.root, 'discard', 'sales', '--force');
    assert.strictEqual(forced.code, 0, forced.stderr);
    assert.match(
      forced.stdout,
      /Discarded draft v1 of sales\. Its changes not yet saved are lost: no commit holds them\./,
    );
    assert.match(forced.stderr, /callflow restore sales 1` brings back v1 as last saved only, without those changes/);
  });

  it('discard --force --json says the changes not yet saved were lost, and only then', async () => {
    await callflow(repo.root, 'create', 'Sales');
    await repo.write('flows/sales/v1.yaml', ((await repo.read('flows/sales/v1.yaml')) ?? '') + '# edit\n');
    const forced = await callflow(repo.root, 'discard', 'sales', '--force', '--json');
    assert.strictEqual(forced.json<{ lostUnsavedChanges?: boolean }>().lostUnsavedChanges, true);
    const restored = await callflow(repo.root, 'restore', 'sales', '1');
    assert.strictEqual(restored.code, 0, restored.stderr);
    assert.ok(!(await repo.read('flows/sales/v2.yaml'))!.includes('# edit'), 'the unsaved edit is gone');

    const clean = await callflow(repo.root, 'discard', 'sales', '--force', '--json');
    assert.strictEqual(clean.code, 0, clean.stderr);
    assert.strictEqual(clean.json<{ lostUnsavedChanges?: boolean }>().lostUnsavedChanges, undefined);
    const plain = await callflow(repo.root, 'restore', 'sales', '2');
    assert.strictEqual(plain.code, 0, plain.stderr);
    const again = await callflow(repo.root, 'discard', 'sales', '--force');
    assert.doesNotMatch(again.stdout + again.stderr, /lost/);
  });

  it('assign of a number that rings another flow exits 3 naming it; --move moves it and keeps the label', async () => {
    await published('Support', 'support');
    await published('Billing', 'billing');
    assert.strictEqual((await callflow(repo.root, 'assign', '+14155550110', 'support', '--label', 'Holiday')).code, 0);
    const refused = await callflow(repo.root, 'assign', '+14155550110', 'billing');
    assert.strictEqual(refused.code, 3);
    assert.match(refused.stderr, /\+14155550110 \(Holiday\) rings "support" now/);
    assert.match(refused.stderr, /callflow assign \+14155550110 billing --move/);
    const moved = await callflow(repo.root, 'assign', '+14155550110', 'billing', '--move');
    assert.strictEqual(moved.code, 0, moved.stderr);
    assert.match(moved.stdout, /Assigned \+14155550110 "Holiday" to billing \(it rang support\)/);
    const subject = /^callflow\(billing\): assign \+14155550110 \(was support\)$/;
    for (const flow of ['billing', 'support']) {
      const history = (await callflow(repo.root, 'history', flow, '--json')).json<Array<{ subject: string }>>();
      assert.match(history[0]!.subject, subject, `history ${flow}`);
    }
    const removed = await callflow(repo.root, 'unassign', '+14155550110');
    assert.match(
      removed.stdout,
      /Unassigned \+14155550110 "Holiday": it rang billing; calls to it are no longer routed/,
    );
  });

  it('rollback publishes a copy of the previous version; without one it exits 3', async () => {
    await published('Support', 'support');
    const nothing = await callflow(repo.root, 'rollback', 'support');
    assert.strictEqual(nothing.code, 3);
    assert.match(nothing.stderr, /nothing to roll back to/);
    await callflow(repo.root, 'edit', 'support');
    await callflow(repo.root, 'publish', 'support');
    const rolled = await callflow(repo.root, 'rollback', 'support');
    assert.strictEqual(rolled.code, 0, rolled.stderr);
    assert.match(
      rolled.stdout,
      /Rolled support back to v1: published v3 \(archived v2\); tagged callflow\/support\/v3/,
    );
    const unknown = await callflow(repo.root, 'rollback', 'support', '9');
    assert.strictEqual(unknown.code, 2);
    const help = await callflow(repo.root, 'rollback', '--help');
    assert.match(help.stdout, /Examples:\n {2}callflow rollback support-line/);
  });
});
