/**
 * Hostile corpus: numbers.yaml with 100,000 numbers. In the shape callflow writes (one line per
 * number) it is read as lines, so list, validate and assign work on it (how fast: `npm run bench`,
 * suite "numbers"); in any other shape it takes the full YAML parse, and above 1 MB every reader
 * refuses it saying which shape is read at that size.
 */
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { manyNumbersText } from '../../helpers/manyNumbers';
import { callflow } from '../cli/cliHarness';
import { assertNoInternalError, workspaceWithPublishedFlow, type HostileRepo } from './fileCorpus';

const COUNT = 100_000;

describe('hostile: numbers.yaml with 100,000 numbers', function () {
  this.timeout(180_000);
  let repo: HostileRepo;
  beforeEach(async () => {
    repo = await workspaceWithPublishedFlow();
  });
  afterEach(() => repo.cleanup());

  it('in callflow shape (over 3 MB): list, validate and assign work', async () => {
    await repo.write('numbers.yaml', manyNumbersText(COUNT, 'support-line'));
    repo.git('commit', '-qam', `${COUNT} numbers`);
    const list = await callflow(repo.root, 'list', '--json');
    assert.strictEqual(list.code, 0, list.stderr);
    assert.strictEqual(list.json<Array<{ numbers: string[] }>>()[0]!.numbers.length, COUNT);
    const validate = await callflow(repo.root, 'validate', 'numbers.yaml');
    assert.strictEqual(validate.code, 0, validate.stdout + validate.stderr);
    const assign = await callflow(repo.root, 'assign', '+19995550100', 'support-line', '--label', 'New line');
    assert.strictEqual(assign.code, 0, assign.stderr);
    const text = (await repo.read('numbers.yaml'))!;
    assert.ok(text.endsWith('  "+19995550100": { flow: support-line, label: New line }\n'));
    assert.strictEqual(text.split('\n').length, COUNT + 4);
  });

  it('in another shape over 1 MB: every reader says which shape is read at that size; nothing changes', async () => {
    // The same numbers as one flow mapping per entry, each on its own lines: valid YAML, not callflow's lines.
    const lines = manyNumbersText(COUNT, 'support-line')
      .split('\n')
      .map((line) => line.replace(/^ {2}("\+\d+"): (\S+)$/, '  $1:\n    flow: $2'));
    await repo.write('numbers.yaml', lines.join('\n'));
    repo.git('commit', '-qam', 'another shape');
    const shape = /it is [\d.,]+ (MB|KB) and not in the shape callflow writes .*limited to 1 MB/;
    const list = await callflow(repo.root, 'list');
    assert.strictEqual(list.code, 0, list.stderr);
    assert.match(list.stderr, shape);
    const validate = await callflow(repo.root, 'validate', 'numbers.yaml');
    assert.strictEqual(validate.code, 1);
    assert.match(validate.stdout, shape);
    const assign = await callflow(repo.root, 'assign', '+19995550100', 'support-line');
    assertNoInternalError(assign);
    assert.strictEqual(assign.code, 2, assign.stderr);
    assert.match(assign.stderr, shape);
    assert.strictEqual(await fs.readFile(path.join(repo.root, 'numbers.yaml'), 'utf8'), lines.join('\n'));
  });
});
