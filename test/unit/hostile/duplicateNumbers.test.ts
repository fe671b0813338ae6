/**
 * Hostile corpus: numbers.yaml with the same number twice (a careless merge does it). Every reader
 * names the number and its lines: list, validate, verify, assign and unassign, and simulate of that
 * number, which must not say the number has no flow.
 */
import * as assert from 'assert';
import { callflow } from '../cli/cliHarness';
import { assertNoInternalError, workspaceWithPublishedFlow, type HostileRepo } from './fileCorpus';

const NUMBER = '+14155550100';
const TWICE = [
  'numbers:',
  `  "${NUMBER}": support-line`,
  '  "+14155550199": support-line',
  `  "${NUMBER}": { flow: support-line, label: Sales }`,
  '',
].join('\n');

describe('hostile: numbers.yaml lists a number twice', function () {
  this.timeout(120_000);
  let repo: HostileRepo;
  beforeEach(async () => {
    repo = await workspaceWithPublishedFlow();
    await repo.write('numbers.yaml', TWICE);
    repo.git('commit', '-qam', 'a merge that kept both');
  });
  afterEach(() => repo.cleanup());

  it('every verb names the duplicate and its lines, never "no flow is assigned"', async () => {
    const named = new RegExp(`\\${NUMBER} is listed twice \\(lines 2 and 4\\)`);
    for (const argv of [
      ['list'],
      ['verify'],
      ['simulate', NUMBER],
      ['unassign', NUMBER],
      ['assign', '+14155550123', 'support-line'],
    ]) {
      const run = await callflow(repo.root, ...argv);
      assertNoInternalError(run);
      const said = run.stdout + run.stderr;
      assert.match(said, named, `${argv.join(' ')}: ${said}`);
      assert.doesNotMatch(said, /No flow is assigned|Map keys must be unique/, argv.join(' '));
    }
    const validate = await callflow(repo.root, 'validate', 'numbers.yaml');
    assert.strictEqual(validate.code, 1);
    assert.match(validate.stdout, new RegExp(`numbers.yaml:4:3 .*duplicate-key .*"\\${NUMBER}"`));
  });

  it('simulate of the duplicated number is refused with the reason (exit 2), leaving the file as it is', async () => {
    const run = await callflow(repo.root, 'simulate', NUMBER);
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /numbers.yaml cannot be read/);
    assert.strictEqual(await repo.read('numbers.yaml'), TWICE);
  });
});
