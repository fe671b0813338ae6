import * as assert from 'assert';
import * as path from 'node:path';
import { versionFileGitDiff } from '../../../src/core/review';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

const BIN = path.resolve(__dirname, '../../../../bin/callflow.js');
const FILE = 'flows/support-line/v2.yaml';

describe("callflow git-setup: git's own tools show what changed for callers", () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Support Line');
    await callflow(repo.root, 'publish', 'support-line');
    await callflow(repo.root, 'edit', 'support-line');
  });
  afterEach(() => repo.cleanup());

  it('says what it writes, and --dry-run writes nothing', async () => {
    const dry = await callflow(repo.root, 'git-setup', '--dry-run');
    assert.strictEqual(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /diff\.callflow\.command = callflow git-diff/);
    assert.match(dry.stdout, /flows\/\*\/v\*\.yaml diff=callflow/);
    assert.strictEqual(await repo.read('.gitattributes'), undefined);
    assert.throws(() => repo.git('config', '--local', '--get', 'diff.callflow.command'));
  });

  it('warns when git could not run the command it writes (not on the PATH), and writes it all the same', async () => {
    const missing = await callflow(repo.root, 'git-setup', '--command', 'callflow-not-installed-here');
    assert.strictEqual(missing.code, 0, missing.stderr);
    assert.match(missing.stderr, /git runs `callflow-not-installed-here`, which is not on your PATH/);
    assert.match(missing.stderr, /npm link.*--command "node \/path\/to\/call-flow-studio\/bin\/callflow\.js"/);
    assert.strictEqual(
      repo.git('config', '--local', '--get', 'diff.callflow.command').trim(),
      'callflow-not-installed-here git-diff',
    );
    const found = await callflow(repo.root, 'git-setup', '--command', `"${process.execPath}" "${BIN}"`, '--dry-run');
    assert.strictEqual(found.code, 0, found.stderr);
    assert.doesNotMatch(found.stderr, /not on your PATH/);
  });

  it('makes git diff print the semantic diff above the line diff, and git log -p the journeys', async () => {
    const run = await callflow(repo.root, 'git-setup', '--command', `"${process.execPath}" "${BIN}"`);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual((await repo.read('.gitattributes'))!.trim(), 'flows/*/v*.yaml diff=callflow');
    assert.strictEqual((await callflow(repo.root, 'git-setup', '--command', 'x')).code, 0, 'runs twice');
    assert.strictEqual((await repo.read('.gitattributes'))!.trim(), 'flows/*/v*.yaml diff=callflow', 'one line');
    await callflow(repo.root, 'git-setup', '--command', `"${process.execPath}" "${BIN}"`);

    await repo.write(FILE, ((await repo.read(FILE)) ?? '').replace('queue: sales\n', 'queue: sales-east\n'));
    const diff = repo.git('diff', '--', FILE);
    assert.match(
      diff,
      /^# callflow: support-line v2 changed, for callers:\n# {3}changed sales\.queue: "sales" → "sales-east"/m,
    );
    assert.match(diff, /^- {4}queue: sales$/m);
    assert.ok(diff.indexOf('# callflow') < diff.indexOf('@@'), 'the semantic diff comes first');

    await callflow(repo.root, 'save', 'support-line');
    const log = repo.git('log', '-p', '-1', '--', FILE);
    assert.match(log, /^-# {3}pressing 1 during open hours → connected to queue sales$/m);
    assert.match(log, /^\+# {3}pressing 1 during open hours → connected to queue sales-east$/m);
  });
});

describe('the git diff driver for a version file', () => {
  const v1 = 'start: a\nsteps:\n  a: { type: play, say: Hi, next: b }\n  b: { type: hangup }\n';
  const v2 = v1.replace('say: Hi', 'say: Hello');

  it('says a new version file’s change against the version it was made from', () => {
    const out = versionFileGitDiff({
      path: 'flows/f/v2.yaml',
      flow: 'f',
      version: 2,
      oldText: undefined,
      newText: v2,
      predecessor: { version: 1, text: v1 },
    });
    assert.match(out, /^diff --git a\/flows\/f\/v2\.yaml b\/flows\/f\/v2\.yaml\nnew file mode 100644\n/);
    assert.match(out, /# callflow: f v2 against v1, for callers:\n# {3}changed a\.say: "Hi" → "Hello"/);
    assert.match(out, /^--- \/dev\/null\n\+\+\+ b\/flows\/f\/v2\.yaml$/m);
  });

  it('says when a change is none for callers', () => {
    const out = versionFileGitDiff({
      path: 'flows/f/v1.yaml',
      flow: 'f',
      version: 1,
      oldText: v1,
      newText: `# note\n${v1}`,
    });
    assert.match(out, /# {3}no change for callers/);
  });
});
