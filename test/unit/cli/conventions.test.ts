import * as assert from 'assert';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

const PACKAGE = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../package.json'), 'utf8')) as {
  version: string;
};

describe('callflow CLI conventions', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
  });
  afterEach(() => repo.cleanup());

  it('--version and -V print the version of package.json', async () => {
    for (const flag of ['--version', '-V']) {
      const run = await callflow(repo.root, flag);
      assert.strictEqual(run.code, 0);
      assert.strictEqual(run.stdout.trim(), PACKAGE.version);
    }
  });

  it('validate --strict and verify --strict exit 1 on warnings; without --strict warnings pass', async () => {
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    const file = 'flows/support-line/v1.yaml';
    // An unreachable step is a warning, not an error.
    await repo.write(file, ((await repo.read(file)) ?? '') + '  orphan:\n    type: hangup\n');
    const plain = await callflow(repo.root, 'validate', 'support-line');
    assert.strictEqual(plain.code, 0, plain.stdout + plain.stderr);
    assert.match(plain.stdout, /warning\s+unreachable-step/);
    assert.strictEqual((await callflow(repo.root, 'validate', '--strict', 'support-line')).code, 1);

    // A folder not named like a flow id is a verify warning.
    await repo.write('flows/Not A Flow/readme.txt', 'notes');
    assert.strictEqual((await callflow(repo.root, 'verify')).code, 0);
    const strict = await callflow(repo.root, 'verify', '--strict');
    assert.strictEqual(strict.code, 1, strict.stdout + strict.stderr);
    assert.match(strict.stdout, /folder-not-a-flow-id/);
  });
});
