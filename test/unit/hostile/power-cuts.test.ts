/**
 * Hostile corpus, power cuts: the operation journal is written durably (synced before the rename
 * that makes it the journal, the folder synced after), before the workspace file it describes is
 * touched; and a journal that is empty or cut short anyway (an older callflow, a damaged disk) is
 * refused by operations and removed by `callflow recover`, with what to check, never a crash.
 */
import * as assert from 'assert';
import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FlowWorkspace } from '../../../src/core/lifecycle';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { CALLFLOW_BIN, runCallflow, snapshot, withDraftReady, type RepoSnapshot } from './harness';

describe('hostile: power cuts', function () {
  this.timeout(90_000);
  let repo: TempRepo & { workspace: FlowWorkspace };
  let journal: string;
  let before: RepoSnapshot;

  beforeEach(async () => {
    repo = await makeWorkspace();
    await withDraftReady(repo);
    journal = path.join(repo.repo, '.git', 'callflow.journal');
    before = await snapshot(repo);
  });
  afterEach(() => repo.cleanup());

  const damagedJournals: Array<[string, string, string]> = [
    ['empty', '', 'empty'],
    [
      'cut short',
      '{"operation":"callflow(support-line): publish v2","startedAt":"2026-12-01T10:00:00.000Z","pid":4242,"files":[{"path":"flows/sup',
      'cut short',
    ],
    ['not a journal', '[1, 2, 3]', 'not a callflow journal'],
  ];

  for (const [name, text, damaged] of damagedJournals) {
    it(`a journal that is ${name}: operations refuse (exit 3, nothing changed), verify says so, recover removes it`, async () => {
      await fs.writeFile(journal, text);
      const withJournal = await snapshot(repo);

      const publish = await runCallflow(repo.root, ['publish', 'support-line']);
      assert.strictEqual(publish.code, 3, publish.stderr);
      assert.match(
        publish.stderr,
        new RegExp(
          `An earlier callflow operation was interrupted, and its journal \\(\\.git/callflow\\.journal\\) is ${damaged}, so callflow cannot tell which files it changed\\. Nothing was changed\\.`,
        ),
      );
      assert.match(publish.stderr, /Run `callflow verify` .* `git status` .* then `callflow recover`/);
      assert.doesNotMatch(publish.stderr, /bug in callflow|at .*\.js:\d+/);
      assert.deepStrictEqual(await snapshot(repo), withJournal, 'the refused publish changed nothing');

      const verify = await runCallflow(repo.root, ['verify']);
      assert.strictEqual(verify.code, 1, verify.stdout);
      assert.match(
        verify.stdout,
        new RegExp(`interrupted-operation {2}An operation was interrupted, and its journal .* is ${damaged}`),
      );

      const recover = await runCallflow(repo.root, ['recover', '--json']);
      assert.strictEqual(recover.code, 0, recover.stderr);
      const report = JSON.parse(recover.stdout) as { outcome: string; damaged: string };
      assert.deepStrictEqual([report.outcome, report.damaged], ['unreadable', damaged]);
      assert.deepStrictEqual(await snapshot(repo), before, 'recover removed the journal and nothing else');

      const again = await runCallflow(repo.root, ['publish', 'support-line']);
      assert.strictEqual(again.code, 0, again.stderr);
    });
  }

  it('recover says in words what an unreadable journal means', async () => {
    await fs.writeFile(journal, '');
    const recover = await runCallflow(repo.root, ['recover']);
    assert.strictEqual(recover.code, 0, recover.stderr);
    assert.match(
      recover.stdout,
      /The interrupted operation's journal was empty, so callflow could not tell which files it wrote; the journal is removed\. Check `git status`/,
    );
  });

  /** The fsync and rename calls of `callflow save support-line` after an edit of the draft, one per line. */
  async function traceSave(context: Mocha.Context): Promise<string[]> {
    if (spawnSync('strace', ['-V']).status !== 0) {
      console.log('      (skipped: strace is not installed; Debian package strace)');
      context.skip();
    }
    const trace = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'callflow-strace-')), 'trace');
    try {
      const file = 'flows/support-line/v2.yaml';
      await repo.write(file, (await repo.read(file))!.replace('v2.', 'v2, traced.'));
      const run = spawnSync(
        'strace',
        [
          '-f',
          '-y',
          '-qq',
          '-o',
          trace,
          '-e',
          'trace=fsync,fdatasync,rename,renameat,renameat2',
          process.execPath,
        ].concat([CALLFLOW_BIN, 'save', 'support-line']),
        { cwd: repo.root, encoding: 'utf8' },
      );
      assert.strictEqual(run.status, 0, run.stderr);
      return (await fs.readFile(trace, 'utf8')).split('\n');
    } finally {
      await fs.rm(path.dirname(trace), { recursive: true, force: true });
    }
  }

  it('the journal is synced, renamed into place and its folder synced before the file it describes is written', async function () {
    const lines = await traceSave(this);
    const at = (pattern: RegExp): number => lines.findIndex((line) => pattern.test(line));
    const synced = at(/fsync\(\d+<[^>]*\/\.git\/callflow\.journal\.\d+\.tmp>\)\s+= 0/);
    const renamed = at(/rename.*\.git\/callflow\.journal\.\d+\.tmp".*\.git\/callflow\.journal"/);
    const folderSynced = lines.findIndex((line, i) => i > renamed && /fsync\(\d+<[^>]*\/\.git>\)\s+= 0/.test(line));
    const fileWritten = at(/rename.*flows\/support-line\/(flow|v2)\.yaml"/);
    assert.ok(synced >= 0, `no fsync of the journal's temporary file:\n${lines.join('\n')}`);
    assert.ok(renamed > synced, `the journal was renamed before it was synced:\n${lines.join('\n')}`);
    assert.ok(folderSynced > renamed, `the git dir was not synced after the rename:\n${lines.join('\n')}`);
    if (fileWritten >= 0) assert.ok(fileWritten > folderSynced, 'a flow file was written before its journal');
  });

  it('a flow file written by an operation is synced before its rename, and its folder after', async function () {
    const lines = await traceSave(this);
    // save rewrites the manifest (the ledger's savedAt and hash).
    const renamed = lines.findIndex((line) =>
      /rename.*flows\/support-line\/flow\.yaml\.[0-9a-f]+\.tmp".*flow\.yaml"/.test(line),
    );
    assert.ok(renamed >= 0, `the manifest was not replaced by a rename:\n${lines.join('\n')}`);
    const temp = /"([^"]*flow\.yaml\.[0-9a-f]+\.tmp)"/.exec(lines[renamed]!)![1]!;
    const synced = lines.findIndex((line) => line.includes(`<${temp}>`) && /fsync\(/.test(line) && /= 0$/.test(line));
    const folderSynced = lines.findIndex(
      (line, i) => i > renamed && /fsync\(\d+<[^>]*\/flows\/support-line>\)\s+= 0/.test(line),
    );
    assert.ok(
      synced >= 0 && synced < renamed,
      `the manifest's new bytes were not synced before the rename:\n${lines.join('\n')}`,
    );
    assert.ok(folderSynced > renamed, `the flow's folder was not synced after the rename:\n${lines.join('\n')}`);
  });
});
