/**
 * The runner every git command goes through (simple-git, and a process group of its own for the
 * few that need one): git's answer is data — its bytes, its words and its exit status — and git
 * that cannot start is said as such.
 */
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { GitStartError, runGit } from '../../../src/git/gitProcess';
import { GitVersionControl } from '../../../src/git/gitVersionControl';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';

describe('git adapter: the git runner', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
  });
  afterEach(() => repo.cleanup());

  it('returns a non-zero exit as data, also when git says nothing (simple-git alone would resolve)', async () => {
    const unset = await runGit(['config', '--get', 'callflow.nothing'], { cwd: repo.root });
    assert.strictEqual(unset.code, 1);
    assert.strictEqual(unset.stderr, '');
    const refused = await runGit(['rev-parse', '--verify', 'no-such-rev'], { cwd: repo.root });
    assert.strictEqual(refused.code, 128);
    assert.match(refused.stderr, /fatal: Needed a single revision/);
  });

  it('feeds standard input and reads stdout as bytes, not decoded text', async () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x0a, 0xc3, 0x28, 0x80]);
    const id = (await runGit(['hash-object', '-w', '--stdin'], { cwd: repo.root, input: bytes })).stdout
      .toString('utf8')
      .trim();
    const back = await new GitVersionControl(repo.root).readBlobs([id, 'HEAD:missing']);
    assert.deepStrictEqual(back[0], bytes);
    assert.strictEqual(back[1], undefined);
  });

  it('runs the ref transaction in a process group of its own, with its input, its answer as data', async () => {
    const blob = repo.git('hash-object', '-w', '--stdin');
    const tree = (await runGit(['mktree'], { cwd: repo.root, input: `100644 blob ${blob.trim()}\ta\n` })).stdout
      .toString('utf8')
      .trim();
    const commit = repo.git('commit-tree', tree, '-m', 'one').trim();
    const zero = '0'.repeat(40);
    const moved = await runGit(['update-ref', '--stdin'], {
      cwd: repo.root,
      input: `update HEAD ${commit} ${zero}\n`,
      group: 'shielded',
    });
    assert.strictEqual(moved.code, 0, moved.stderr);
    assert.strictEqual(repo.git('rev-parse', 'HEAD').trim(), commit);
    const again = await runGit(['update-ref', '--stdin'], {
      cwd: repo.root,
      input: `update HEAD ${commit} ${zero}\n`,
      group: 'shielded',
    });
    assert.notStrictEqual(again.code, 0, 'HEAD is no longer unborn: the compare-and-swap refuses');
  });

  it('does not redirect git to another repository named in the environment (callflow run from a hook)', async () => {
    const other = await makeTempRepo();
    const saved = { GIT_DIR: process.env.GIT_DIR, GIT_INDEX_FILE: process.env.GIT_INDEX_FILE };
    try {
      process.env.GIT_DIR = path.join(other.repo, '.git');
      process.env.GIT_INDEX_FILE = path.join(other.repo, '.git', 'index');
      const run = await runGit(['rev-parse', '--absolute-git-dir'], { cwd: repo.root });
      assert.strictEqual(run.stdout.toString('utf8').trim(), path.join(repo.repo, '.git'));
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      await other.cleanup();
    }
  });

  it('says that git could not start, and the adapter says to check that git is installed', async () => {
    await assert.rejects(
      runGit(['status'], { cwd: repo.root, binary: path.join(repo.repo, 'no-git-here') }),
      GitStartError,
    );
    const vcs = new GitVersionControl(repo.root, { binary: path.join(repo.repo, 'no-git-here') });
    await assert.rejects(vcs.git(['status']), (err: Error & { hint?: string }) => {
      assert.match(err.message, /Could not run git/);
      assert.match(String(err.hint), /Check that git is installed/);
      return true;
    });
    await fs.rm(path.join(repo.repo, 'gone'), { force: true });
    await assert.rejects(runGit(['status'], { cwd: path.join(repo.repo, 'gone') }), GitStartError);
  });

  it('writes a configuration key it is told it writes, and nothing warns', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.message);
    process.on('warning', onWarning);
    try {
      const vcs = new GitVersionControl(repo.root);
      await vcs.setLocalConfig('diff.callflow.textconv', 'callflow git-textconv');
      assert.strictEqual(await vcs.localConfig('diff.callflow.textconv'), 'callflow git-textconv');
      await new Promise((r) => setImmediate(r));
      assert.deepStrictEqual(warnings, []);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
