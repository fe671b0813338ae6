/**
 * Hostile corpus: bidirectional controls (U+202E and kin) in text callflow reads from files, which
 * make a line display in another order than it holds. A name typed at the CLI is refused (inputs
 * test); one edited into flow.yaml or numbers.yaml by hand is shown escaped wherever callflow prints
 * it (list, show, messages), in the commits and tags it writes, and raw (valid) in JSON.
 */
import * as assert from 'assert';
import { formatCommitMessage } from '../../../src/core/lifecycle/commitMessage';
import { callflow } from '../cli/cliHarness';
import { assertNoInternalError, workspaceWithPublishedFlow, type HostileRepo } from './fileCorpus';

const RLO = '\u202e';
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('hostile: bidirectional controls in names and labels', function () {
  this.timeout(120_000);
  let repo: HostileRepo;
  beforeEach(async () => {
    repo = await workspaceWithPublishedFlow();
    const manifest = (await repo.read('flows/support-line/flow.yaml'))!;
    await repo.write('flows/support-line/flow.yaml', manifest.replace(/^name: .*$/m, `name: "Sales \\u202Eenil"`));
    await repo.write('numbers.yaml', `numbers:\n  "+14155550100": { flow: support-line, label: "Main \\u2067line" }\n`);
    repo.git('commit', '-qam', 'hand edits');
  });
  afterEach(() => repo.cleanup());

  it('list and show print them escaped; --json keeps them raw and valid', async () => {
    for (const argv of [['list'], ['show', 'support-line']]) {
      const run = await callflow(repo.root, ...argv);
      assertNoInternalError(run);
      assert.doesNotMatch(run.stdout + run.stderr, BIDI, argv.join(' '));
      assert.match(run.stdout, /Sales \\u\{202E\}enil/, argv.join(' '));
    }
    const json = await callflow(repo.root, 'list', '--json');
    const flows = json.json<Array<{ name: string }>>();
    assert.strictEqual(flows[0]!.name, `Sales ${RLO}enil`);
  });

  it('the commits and tags callflow writes show them escaped', async () => {
    assert.strictEqual((await callflow(repo.root, 'edit', 'support-line')).code, 0);
    assert.strictEqual((await callflow(repo.root, 'publish', 'support-line')).code, 0);
    assert.strictEqual((await callflow(repo.root, 'unassign', '+14155550100')).code, 0);
    const tags = repo.git('tag', '-n99', '--list', 'callflow/*');
    assert.match(tags, /Sales \\u\{202E\}enil: v2 published/);
    const log = repo.git('log', '--format=%B', '-n', '3');
    assert.doesNotMatch(tags + log, BIDI);
  });

  it('a commit message never carries one, whatever its summary holds', () => {
    const message = formatCommitMessage({ flowId: 'support-line', action: 'assign', summary: `label Main ${RLO}enil` });
    assert.match(message, /^callflow\(support-line\): label Main \\u\{202E\}enil\n/);
    assert.doesNotMatch(message, BIDI);
  });
});
