/**
 * Hostile corpus, git states: a commit landing mid-operation, merges, cherry-picks, reverts,
 * rebases and conflicts in progress, environment variables pointing at another repository,
 * filters and hooks that change what git stores. Each case: exit code, message, exact state.
 */
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FlowWorkspace } from '../../../src/core/lifecycle';
import { makeTempRepo, makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { installHook, runCallflow, snapshot, withDraftReady } from './harness';
import { parseFlowId } from '../../../src/core';

describe('hostile: git states', function () {
  this.timeout(60_000);
  let repo: TempRepo & { workspace: FlowWorkspace };

  beforeEach(async () => {
    repo = await makeWorkspace();
    await withDraftReady(repo);
  });
  afterEach(() => repo.cleanup());

  it('a commit landing while publishing is kept: publish refuses (exit 3), nothing else changes', async () => {
    // Another terminal (or a bot) commits while the pre-commit hook runs: with its own index.
    await installHook(
      repo,
      'pre-commit',
      'unset GIT_INDEX_FILE; echo bot > bot.txt; git add bot.txt; git -c core.hooksPath=/dev/null commit -q -m "bot commit"',
    );
    const run = await runCallflow(repo.root, ['publish', 'support-line']);
    assert.strictEqual(run.code, 3, run.stderr);
    assert.match(run.stderr, /A commit was made while the pre-commit hook ran[\s\S]*The operation was undone/);
    assert.strictEqual(repo.git('log', '-1', '--format=%s').trim(), 'bot commit');
    assert.strictEqual(repo.git('tag', '--list', 'callflow/support-line/v2'), '');
    assert.strictEqual(repo.git('status', '--porcelain'), '');
    assert.strictEqual((await repo.workspace.show(parseFlowId('support-line'))).draft, 2);
    await fs.rm(path.join(repo.repo, '.git/hooks/pre-commit'));
    const again = await runCallflow(repo.root, ['publish', 'support-line']);
    assert.strictEqual(again.code, 0, again.stderr);
    assert.strictEqual(repo.git('log', '-2', '--format=%s').trim().split('\n')[1], 'bot commit');
    assert.deepStrictEqual((await repo.workspace.verify()).findings, []);
  });

  /** A conflicting change to README.md on a side branch, so merges, picks and rebases stop half-way. */
  async function sideBranchConflict(): Promise<void> {
    await repo.write('README.md', 'base\n');
    repo.git('add', 'README.md');
    repo.git('commit', '-q', '-m', 'readme');
    repo.git('checkout', '-q', '-b', 'side');
    await repo.write('README.md', 'side\n');
    repo.git('commit', '-q', '-am', 'side readme');
    repo.git('checkout', '-q', 'main');
    await repo.write('README.md', 'main\n');
    repo.git('commit', '-q', '-am', 'main readme');
  }

  const stopped = (...args: string[]) => {
    try {
      repo.git(...args);
    } catch {
      // the conflict is the point
    }
  };

  for (const { name, start, hint, marker } of [
    { name: 'merge', start: ['merge', 'side'], hint: /git merge --continue.*git merge --abort/, marker: 'MERGE_HEAD' },
    {
      name: 'cherry-pick',
      start: ['cherry-pick', 'side'],
      hint: /git cherry-pick --continue.*git cherry-pick --abort/,
      marker: 'CHERRY_PICK_HEAD',
    },
    { name: 'revert', start: ['revert', '--no-edit', 'HEAD~1'], hint: /git revert --continue/, marker: 'REVERT_HEAD' },
    {
      name: 'rebase',
      start: ['rebase', 'side'],
      hint: /git rebase --continue.*git rebase --abort/,
      marker: 'rebase-merge',
    },
  ]) {
    it(`every lifecycle verb refuses during a ${name} with conflicts (exit 3), leaving git's state as it was`, async () => {
      await sideBranchConflict();
      if (name === 'revert') {
        // Revert "main readme"'s parent change: conflicts with main's own edit.
        await repo.write('README.md', 'main again\n');
        repo.git('commit', '-q', '-am', 'main again');
      }
      stopped(...start);
      assert.ok(await exists(path.join(repo.repo, '.git', marker)), `${marker} after git ${start.join(' ')}`);
      const before = await snapshot(repo);
      for (const args of [
        ['publish', 'support-line'],
        ['discard', 'support-line'],
        ['create', 'Other Line'],
      ]) {
        const run = await runCallflow(repo.root, args);
        assert.strictEqual(run.code, 3, `${args.join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, new RegExp(`A git ${name === 'rebase' ? 'rebase' : name} is in progress`));
        assert.match(run.stderr, /Nothing was changed\./);
        assert.match(run.stderr, hint);
      }
      assert.deepStrictEqual(await snapshot(repo), before);
    });
  }

  it('a merge stopped with --no-commit (no conflicts) is refused too', async () => {
    await sideBranchConflict();
    repo.git('reset', '-q', '--hard', 'HEAD~1');
    stopped('merge', '--no-commit', '--no-ff', 'side');
    const before = await snapshot(repo);
    const run = await runCallflow(repo.root, ['publish', 'support-line']);
    assert.strictEqual(run.code, 3, run.stderr);
    assert.match(run.stderr, /A git merge is in progress/);
    assert.deepStrictEqual(await snapshot(repo), before);
  });

  it('unmerged index entries without a merge (a conflicting stash pop) are refused, naming the files', async () => {
    await sideBranchConflict();
    await repo.write('README.md', 'stashed\n');
    repo.git('stash', '-q');
    await repo.write('README.md', 'other\n');
    repo.git('commit', '-q', '-am', 'other');
    stopped('stash', 'pop', '-q');
    assert.notStrictEqual(repo.git('ls-files', '--unmerged'), '');
    const before = await snapshot(repo);
    const run = await runCallflow(repo.root, ['publish', 'support-line']);
    assert.strictEqual(run.code, 3, run.stderr);
    assert.match(run.stderr, /unresolved conflicts \(README\.md\)/);
    assert.match(run.stderr, /git add/);
    assert.deepStrictEqual(await snapshot(repo), before);
  });

  it('GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE, GIT_COMMON_DIR and GIT_OBJECT_DIRECTORY of another repository are ignored', async () => {
    const other = await makeTempRepo();
    try {
      await other.write('x.txt', 'other\n');
      other.git('add', 'x.txt');
      other.git('commit', '-q', '-m', 'other');
      const otherBefore = await snapshot(other);
      const otherGit = path.join(other.repo, '.git');
      const run = await runCallflow(repo.root, ['publish', 'support-line'], {
        GIT_DIR: otherGit,
        GIT_WORK_TREE: other.repo,
        GIT_INDEX_FILE: path.join(otherGit, 'index'),
        GIT_COMMON_DIR: otherGit,
        GIT_OBJECT_DIRECTORY: path.join(otherGit, 'objects'),
        GIT_NAMESPACE: 'elsewhere',
        GIT_CEILING_DIRECTORIES: path.dirname(repo.repo),
      });
      assert.strictEqual(run.code, 0, run.stderr);
      assert.deepStrictEqual(await snapshot(other), otherBefore);
      assert.strictEqual(
        repo.git('log', '-1', '--format=%s').trim(),
        'callflow(support-line): publish v2 (archives v1)',
      );
      assert.strictEqual(repo.git('rev-parse', 'callflow/support-line/v2^{commit}'), repo.git('rev-parse', 'HEAD'));
      assert.strictEqual(repo.git('status', '--porcelain'), '');
    } finally {
      await other.cleanup();
    }
  });

  it('a clean filter that changes flow files is caught before anything is committed (exit 4)', async () => {
    repo.git('config', 'filter.spam.clean', 'sed s/Thanks/Spam/');
    repo.git('config', 'filter.spam.smudge', 'cat');
    await fs.writeFile(path.join(repo.repo, '.git', 'info', 'attributes'), '*.yaml filter=spam\n');
    const before = await snapshot(repo);
    const run = await runCallflow(repo.root, ['publish', 'support-line']);
    assert.strictEqual(run.code, 4, run.stderr);
    assert.match(run.stderr, /git would store other bytes than callflow validated for flows\/support-line\/v2\.yaml/);
    assert.match(run.stderr, /nothing was changed/);
    assert.match(run.stderr, /git check-attr/);
    assert.deepStrictEqual(await snapshot(repo), before);
  });

  it('a pre-commit hook that rewrites a staged flow file is caught (exit 4); a hook editing the message is honoured', async () => {
    await installHook(
      repo,
      'pre-commit',
      'sed -i s/Thanks/Spam/ flows/support-line/v2.yaml && git add flows/support-line/v2.yaml',
    );
    const before = await snapshot(repo);
    const run = await runCallflow(repo.root, ['publish', 'support-line']);
    assert.strictEqual(run.code, 4, run.stderr);
    assert.match(run.stderr, /pre-commit hook changed flows\/support-line\/v2\.yaml while callflow committed it/);
    const after = await snapshot(repo);
    const v2 = 'flows/support-line/v2.yaml';
    // The hook's edit is put back: the file holds what callflow validated (hooks-acting.test.ts).
    assert.doesNotMatch(after.files[v2]!, /Spam/);
    assert.deepStrictEqual(
      { ...after, status: '', files: { ...after.files, [v2]: '' } },
      { ...before, status: '', files: { ...before.files, [v2]: '' } },
    );
    await repo.write('flows/support-line/v2.yaml', before.files['flows/support-line/v2.yaml']!);
    await installHook(repo, 'pre-commit', 'exit 0');
    await installHook(repo, 'commit-msg', 'echo "Reviewed-by: hook" >> "$1"');
    await installHook(repo, 'post-commit', 'git rev-parse HEAD > "$(git rev-parse --git-dir)/post-commit-saw"');
    const ok = await runCallflow(repo.root, ['publish', 'support-line']);
    assert.strictEqual(ok.code, 0, ok.stderr);
    assert.match(repo.git('log', '-1', '--format=%B'), /Callflow-Version: 2\nReviewed-by: hook\n/);
    assert.strictEqual(
      (await fs.readFile(path.join(repo.repo, '.git', 'post-commit-saw'), 'utf8')).trim(),
      repo.git('rev-parse', 'HEAD').trim(),
    );
  });

  it('a detached HEAD gets the commit and the tag, and no branch moves', async () => {
    repo.git('checkout', '-q', '--detach');
    const main = repo.git('rev-parse', 'main');
    const run = await runCallflow(repo.root, ['publish', 'support-line']);
    assert.strictEqual(run.code, 0, run.stderr);
    assert.strictEqual(repo.git('rev-parse', 'main'), main);
    assert.strictEqual(repo.git('rev-parse', 'HEAD~1'), main);
    assert.strictEqual(repo.git('rev-parse', 'callflow/support-line/v2^{commit}'), repo.git('rev-parse', 'HEAD'));
  });
});

async function exists(file: string): Promise<boolean> {
  return fs
    .access(file)
    .then(() => true)
    .catch(() => false);
}
