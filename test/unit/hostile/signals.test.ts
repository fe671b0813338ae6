/**
 * Hostile corpus, signals: a real `callflow publish` child killed with SIGKILL, SIGTERM or SIGINT
 * at its slowest moment (a pre-commit hook that sleeps), or right after HEAD moved (a
 * reference-transaction hook). Afterwards verify, recover or the next command bring the repository
 * to exactly the promised state: as before the publish, or published.
 */
import * as assert from 'assert';
import { promises as fs, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FlowWorkspace } from '../../../src/core/lifecycle';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import {
  installHook,
  removeHook,
  runCallflow,
  snapshot,
  startCallflow,
  waitForFile,
  withDraftReady,
  type RepoSnapshot,
} from './harness';

describe('hostile: signals', function () {
  this.timeout(90_000);
  let repo: TempRepo & { workspace: FlowWorkspace };
  let marker: string;
  let before: RepoSnapshot;
  const sleepers: number[] = [];

  beforeEach(async () => {
    repo = await makeWorkspace();
    await withDraftReady(repo);
    marker = path.join(repo.repo, '.git', 'hook-running');
    before = await snapshot(repo);
  });
  afterEach(async () => {
    for (const pid of sleepers.splice(0)) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await repo.cleanup();
  });

  /** A pre-commit hook that says it runs (with its pid), then sleeps far longer than any test. */
  async function slowPreCommit(): Promise<void> {
    await installHook(repo, 'pre-commit', `echo $$ > "${marker}.tmp" && mv "${marker}.tmp" "${marker}"\nexec sleep 60`);
  }

  async function publishStoppedBy(signal: NodeJS.Signals) {
    const running = startCallflow(repo.root, ['publish', 'support-line']);
    sleepers.push(Number(await waitForFile(marker)));
    running.child.kill(signal);
    return running.done;
  }

  /** The publish as promised: one commit on top of the old HEAD, tagged, and a clean tree. */
  async function assertPublished(): Promise<void> {
    assert.strictEqual(repo.git('rev-parse', 'HEAD~1').trim(), before.head);
    assert.strictEqual(repo.git('log', '-1', '--format=%s').trim(), 'callflow(support-line): publish v2 (archives v1)');
    assert.strictEqual(repo.git('rev-parse', 'callflow/support-line/v2^{commit}'), repo.git('rev-parse', 'HEAD'));
    assert.strictEqual(repo.git('status', '--porcelain', '--untracked-files=all'), '');
    assert.deepStrictEqual((await snapshot(repo)).leftovers, []);
    const verify = await runCallflow(repo.root, ['verify']);
    assert.strictEqual(verify.code, 0, verify.stdout);
  }

  it('SIGKILL during a slow pre-commit hook: verify names the interruption and recover; recover undoes it exactly', async () => {
    await slowPreCommit();
    const killed = await publishStoppedBy('SIGKILL');
    assert.strictEqual(killed.signal, 'SIGKILL');
    // What the kill left: the manifest written, a journal and the lock; HEAD, tags and index untouched.
    const left = await snapshot(repo);
    assert.strictEqual(left.head, before.head);
    assert.strictEqual(left.refs, before.refs);
    assert.strictEqual(left.index, before.index);
    assert.notStrictEqual(left.files['flows/support-line/flow.yaml'], before.files['flows/support-line/flow.yaml']);
    assert.ok(left.leftovers.includes('callflow.journal'), left.leftovers.join());

    const verify = await runCallflow(repo.root, ['verify']);
    assert.strictEqual(verify.code, 1, verify.stdout);
    assert.match(
      verify.stdout,
      /interrupted-operation {2}An operation was interrupted: .*\(it wrote flows\/support-line\/flow\.yaml\)\. Run `callflow recover`/,
    );
    assert.match(verify.stdout, /ledger-not-committed/);

    const recover = await runCallflow(repo.root, ['recover']);
    assert.strictEqual(recover.code, 0, recover.stderr);
    assert.match(recover.stdout, /Undid the interrupted operation ".*": put back flows\/support-line\/flow\.yaml\./);
    assert.deepStrictEqual(await snapshot(repo), before);
    const clean = await runCallflow(repo.root, ['verify']);
    assert.strictEqual(clean.code, 0, clean.stdout);
    const nothing = await runCallflow(repo.root, ['recover', '--json']);
    assert.strictEqual(JSON.parse(nothing.stdout).outcome, 'none');
  });

  it('SIGKILL during a slow hook, then the same publish again: it recovers first and publishes', async () => {
    await slowPreCommit();
    await publishStoppedBy('SIGKILL');
    await removeHook(repo, 'pre-commit');
    const again = await runCallflow(repo.root, ['publish', 'support-line']);
    assert.strictEqual(again.code, 0, again.stderr);
    // The recovery is said, not done silently.
    assert.match(
      again.stderr,
      /Before this command: Undid the interrupted operation .*: put back flows\/support-line\/flow\.yaml/,
    );
    await assertPublished();
  });

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} during a slow hook rolls the publish back at once (exit ${code}) and stops the hook`, async () => {
      await slowPreCommit();
      const stopped = await publishStoppedBy(signal);
      assert.strictEqual(stopped.code, code, stopped.stderr);
      assert.match(stopped.stderr, new RegExp(`${signal} received: stopping the operation in flight`));
      assert.match(
        stopped.stderr,
        new RegExp(`Interrupted by ${signal}; the operation was rolled back: nothing was changed\\.`),
      );
      assert.deepStrictEqual(await snapshot(repo), before);
      const hook = sleepers[sleepers.length - 1]!;
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(!running(hook), 'the hook was stopped');
      const verify = await runCallflow(repo.root, ['verify']);
      assert.strictEqual(verify.code, 0, verify.stdout);
    });
  }

  /** A signing program that waits, as gpg does for a passphrase typed into a pinentry nobody sees. */
  async function signingThatWaits(): Promise<void> {
    const program = path.join(repo.repo, '.git', 'waiting-gpg');
    await fs.writeFile(
      program,
      `#!/bin/sh\necho $$ > "${marker}.tmp" && mv "${marker}.tmp" "${marker}"\nexec sleep 60\n`,
      {
        mode: 0o755,
      },
    );
    repo.git('config', 'gpg.program', program);
    repo.git('config', 'commit.gpgsign', 'true');
  }

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`${signal} while signing waits for a passphrase rolls the publish back (exit ${code}) and stops the signer`, async () => {
      await signingThatWaits();
      const withSigning = await snapshot(repo);
      const stopped = await publishStoppedBy(signal);
      assert.strictEqual(stopped.code, code, stopped.stderr);
      assert.match(
        stopped.stderr,
        new RegExp(`Interrupted by ${signal}; the operation was rolled back: nothing was changed\\.`),
      );
      assert.deepStrictEqual(await snapshot(repo), withSigning);
      const signer = sleepers[sleepers.length - 1]!;
      await new Promise((r) => setTimeout(r, 200));
      assert.ok(!running(signer), 'the signing program was stopped');
    });
  }

  it('SIGKILL while signing waits: nothing is committed, and recover puts the files back', async () => {
    await signingThatWaits();
    const withSigning = await snapshot(repo);
    const killed = await publishStoppedBy('SIGKILL');
    assert.strictEqual(killed.signal, 'SIGKILL');
    assert.strictEqual(repo.git('rev-parse', 'HEAD').trim(), before.head, 'no commit landed');
    const recover = await runCallflow(repo.root, ['recover']);
    assert.strictEqual(recover.code, 0, recover.stderr);
    assert.deepStrictEqual(await snapshot(repo), withSigning);
  });

  it('SIGKILL right after HEAD and the tag moved: recover completes the publish (index included)', async () => {
    // reference-transaction runs inside update-ref; in state "committed" the refs have moved.
    await installHook(
      repo,
      'reference-transaction',
      `if [ "$1" = committed ]; then echo $$ > "${marker}.tmp" && mv "${marker}.tmp" "${marker}"; exec sleep 60; fi`,
    );
    const killed = await publishStoppedBy('SIGKILL');
    assert.strictEqual(killed.signal, 'SIGKILL');
    await removeHook(repo, 'reference-transaction');
    // Commit and tag are there together; the index is not updated yet.
    assert.strictEqual(repo.git('rev-parse', 'callflow/support-line/v2^{commit}'), repo.git('rev-parse', 'HEAD'));
    assert.notStrictEqual(repo.git('status', '--porcelain'), '');
    const verify = await runCallflow(repo.root, ['verify']);
    assert.strictEqual(verify.code, 1, verify.stdout);
    assert.match(verify.stdout, /interrupted-operation .*callflow\(support-line\): publish v2/);
    const recover = await runCallflow(repo.root, ['recover']);
    assert.strictEqual(recover.code, 0, recover.stderr);
    assert.match(
      recover.stdout,
      /Completed the interrupted operation "callflow\(support-line\): publish v2 \(archives v1\)"/,
    );
    await assertPublished();
  });
});

/** Whether a process runs (a zombie waiting for its parent to reap it does not count). */
function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}
