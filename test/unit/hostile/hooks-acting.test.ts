/**
 * Hostile corpus, git hooks that act during an operation: a pre-commit hook that stages other
 * files or edits the operation's file, one that makes a commit, a post-commit hook that leaves
 * index.lock. The operation's commit holds only its own files and the index and the tree end as
 * they were plus the operation, or the operation is undone with a message saying what the hook did.
 */
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { FlowWorkspace } from '../../../src/core/lifecycle';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { installHook, runCallflow, snapshot, withDraftReady } from './harness';
import { parseFlowId } from '../../../src/core';

describe('hostile: hooks that act during an operation', function () {
  this.timeout(60_000);
  let repo: TempRepo & { workspace: FlowWorkspace };
  beforeEach(async () => {
    repo = await makeWorkspace();
    await withDraftReady(repo);
    // The user's own work in progress, which no lifecycle commit may take.
    await fs.writeFile(path.join(repo.root, 'notes.txt'), 'mine\n');
    repo.git('add', 'notes.txt');
    repo.git('commit', '-qm', 'notes');
    await fs.writeFile(path.join(repo.root, 'notes.txt'), 'mine, edited\n');
    await fs.writeFile(path.join(repo.root, 'scratch.txt'), 'untracked\n');
  });
  afterEach(() => repo.cleanup());

  it('a pre-commit hook that stages everything (git add -A): the commit holds only the operation’s files', async () => {
    await installHook(repo, 'pre-commit', 'git add -A');
    const result = await repo.workspace.publish(parseFlowId('support-line'));
    const committed = repo.git('show', '--name-only', '--format=', 'HEAD').trim().split('\n').sort();
    assert.deepStrictEqual(committed, ['flows/support-line/flow.yaml']); // v2.yaml was committed by its save
    assert.strictEqual(result.tag, 'callflow/support-line/v2');
    // The index and the tree: as they were, plus the operation.
    assert.strictEqual(repo.git('diff', '--cached', '--name-only'), '');
    assert.strictEqual(repo.git('status', '--porcelain'), ' M notes.txt\n?? scratch.txt\n');
    assert.strictEqual(await repo.read('notes.txt'), 'mine, edited\n');
  });

  it('a pre-commit hook that edits the operation’s file: undone, and the message says which hook changed which file', async () => {
    const before = await snapshot(repo);
    await installHook(repo, 'pre-commit', 'printf "# touched by a hook\\n" >> flows/support-line/flow.yaml');
    await assert.rejects(repo.workspace.publish(parseFlowId('support-line')), (err: Error & { hint?: string }) => {
      assert.match(
        err.message,
        /The pre-commit hook changed flows\/support-line\/flow\.yaml while callflow committed it/,
      );
      assert.match(err.message, /The operation was undone/);
      assert.match(String(err.hint), /change the hook so that it only checks/);
      return true;
    });
    assert.deepStrictEqual(await snapshot(repo), before);
  });

  it('a pre-commit hook that edits and stages the operation’s file: undone as well', async () => {
    const before = await snapshot(repo);
    await installHook(
      repo,
      'pre-commit',
      'printf "# touched\\n" >> flows/support-line/v2.yaml && git add flows/support-line/v2.yaml',
    );
    await assert.rejects(
      repo.workspace.publish(parseFlowId('support-line')),
      /The pre-commit hook changed flows\/support-line\/v2\.yaml/,
    );
    assert.deepStrictEqual(await snapshot(repo), before);
  });

  it('a commit made while a hook runs: undone, naming the commit; the operation’s files are as they were', async () => {
    const before = await snapshot(repo);
    await installHook(repo, 'commit-msg', 'git commit -q --no-verify --allow-empty -m "made by a hook"');
    await assert.rejects(repo.workspace.publish(parseFlowId('support-line')), (err: Error & { hint?: string }) => {
      assert.match(
        err.message,
        /A commit was made while the commit-msg hook ran \(HEAD moved from [0-9a-f]{12} to [0-9a-f]{12}, "made by a hook"\)/,
      );
      assert.match(String(err.hint), /git show --stat [0-9a-f]{12}/);
      return true;
    });
    const after = await snapshot(repo);
    assert.deepStrictEqual(after.files, before.files);
    assert.deepStrictEqual(after.leftovers, []);
    assert.strictEqual(repo.git('tag', '--list', 'callflow/support-line/v2'), '');
    assert.strictEqual(repo.git('rev-parse', 'HEAD~1').trim(), before.head);
  });

  it('a post-commit hook that leaves index.lock: the operation is whole, and the next command says what to do', async () => {
    await installHook(repo, 'post-commit', 'touch "$(git rev-parse --git-dir)/index.lock"');
    await repo.workspace.publish(parseFlowId('support-line'));
    assert.strictEqual(repo.git('rev-parse', 'callflow/support-line/v2^{commit}'), repo.git('rev-parse', 'HEAD'));
    assert.strictEqual(repo.git('diff', '--cached', '--name-only', 'HEAD'), '');
    assert.strictEqual(repo.git('status', '--porcelain'), ' M notes.txt\n?? scratch.txt\n');
    const before = await snapshot(repo);
    const next = await runCallflow(repo.root, ['edit', 'support-line']);
    assert.notStrictEqual(next.code, 0);
    assert.match(next.stderr, /index\.lock exists/);
    assert.match(next.stderr, /If no git process is running, delete \.git\/index\.lock/);
    assert.deepStrictEqual(await snapshot(repo), before);
  });
});
