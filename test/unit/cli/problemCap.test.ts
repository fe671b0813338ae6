import * as assert from 'assert';
import { MAX_PROBLEMS_PER_FILE } from '../../../src/core/validation';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

describe('callflow CLI: a draft with more warnings than the cap shows', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
  });
  afterEach(() => repo.cleanup());

  it('validates with exit 0, saves as valid and publishes', async () => {
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    const steps = [
      'callflow: 1',
      'trigger: incoming-call',
      'start: welcome',
      'steps:',
      '  welcome:',
      '    type: hangup',
    ];
    for (let i = 0; i <= MAX_PROBLEMS_PER_FILE; i++) steps.push(`  lonely-${i}:`, '    type: hangup');
    await repo.write('flows/support-line/v1.yaml', steps.join('\n') + '\n');

    const validated = await callflow(repo.root, 'validate', 'flows/support-line/v1.yaml', '--json');
    assert.strictEqual(validated.code, 0, validated.stdout);
    assert.match(validated.stdout, /too-many-problems/);
    assert.strictEqual((await callflow(repo.root, 'validate', 'support-line', '--strict')).code, 1);

    const saved = await callflow(repo.root, 'save', 'support-line');
    assert.strictEqual(saved.code, 0, saved.stderr);
    const published = await callflow(repo.root, 'publish', 'support-line');
    assert.strictEqual(published.code, 0, published.stderr);
  });
});
