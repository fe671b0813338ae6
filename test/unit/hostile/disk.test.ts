/**
 * Hostile corpus, disk faults: a full disk at every point of a publish (a small tmpfs, as root),
 * a read-only file system, no permission, a folder where a file belongs and a file where a folder
 * belongs, and a rollback that itself fails. Each: exit code, a true message, and a repository
 * that is as before, published, or put right by the command the message names.
 */
import * as assert from 'assert';
import { execFileSync } from 'node:child_process';
import { promises as fs, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FlowWorkspace } from '../../../src/core/lifecycle';
import { GitVersionControl } from '../../../src/git/gitVersionControl';
import { NodeWorkspaceFiles } from '../../../src/platform/nodeWorkspaceFiles';
import { fixedClock, makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { installHook, runCallflow, snapshot, withDraftReady, type RepoSnapshot } from './harness';
import { parseFlowId } from '../../../src/core';

const PAGE = 4096;

/** A fresh small tmpfs, or the reason there cannot be one here. */
function mountTmpfs(sizeKb: number): { dir: string; unmount: () => void } | string {
  if (process.getuid?.() !== 0) return 'not running as root (mount -t tmpfs needs it)';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'callflow-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (err) {
    return `mount -t tmpfs failed: ${String((err as { stderr?: Buffer }).stderr ?? err).trim()}`;
  }
  return {
    dir,
    unmount: () => {
      execFileSync('umount', ['-l', dir], { stdio: 'pipe' });
      execFileSync('rmdir', [dir]);
    },
  };
}

function skipBecause(context: Mocha.Context, reason: string): never {
  console.log(`      (skipped: ${reason})`);
  context.skip();
}

/** Fills the file system holding `dir` until only `freePages` pages are left. */
async function fill(dir: string, freePages: number): Promise<void> {
  const reserve = path.join(dir, 'reserve');
  await fs.writeFile(reserve, Buffer.alloc(freePages * PAGE));
  execFileSync('sh', ['-c', `dd if=/dev/zero of="${dir}/filler" bs=${PAGE} 2>/dev/null; true`]);
  execFileSync('sh', ['-c', `dd if=/dev/zero of="${dir}/filler-small" bs=64 2>/dev/null; true`]);
  await fs.rm(reserve);
}

async function unfill(dir: string): Promise<void> {
  for (const f of ['filler', 'filler-small', 'reserve']) await fs.rm(path.join(dir, f), { force: true });
}

describe('hostile: disk faults', function () {
  this.timeout(180_000);

  describe('a full disk (tmpfs)', function () {
    let mount: { dir: string; unmount: () => void };
    let repo: TempRepo & { workspace: FlowWorkspace };

    before(function () {
      const mounted = mountTmpfs(2048);
      if (typeof mounted === 'string') skipBecause(this, mounted);
      mount = mounted;
    });
    after(() => mount?.unmount());
    beforeEach(async function () {
      if (!mount) this.skip();
      repo = await makeWorkspace({ parent: mount.dir });
      await withDraftReady(repo);
    });
    afterEach(async () => {
      if (!mount) return;
      await unfill(mount.dir);
      await repo?.cleanup();
    });

    it('publish at every amount of space left: published, or refused with "the disk is full" and as before (or recoverable as named)', async function () {
      const outcomes: string[] = [];
      for (let free = 0; free <= 24; free++) {
        const before: RepoSnapshot = await snapshot(repo);
        await fill(mount.dir, free);
        const run = await runCallflow(repo.root, ['publish', 'support-line']);
        await unfill(mount.dir);
        if (run.code === 0) {
          outcomes.push(`${free}: published`);
          assert.strictEqual(repo.git('rev-parse', 'HEAD~1').trim(), before.head);
          assert.strictEqual(repo.git('rev-parse', 'callflow/support-line/v2^{commit}'), repo.git('rev-parse', 'HEAD'));
          assert.strictEqual(repo.git('status', '--porcelain', '--untracked-files=all'), '');
          assert.deepStrictEqual((await snapshot(repo)).leftovers, []);
          break;
        }
        assert.strictEqual(run.code, 4, `${free} pages free: ${run.stderr}`);
        assert.match(run.stderr, /the disk is full \(ENOSPC\)/, `${free} pages free: ${run.stderr}`);
        assert.doesNotMatch(run.stderr, /bug in callflow|index\.lock/, `${free} pages free`);
        if (/callflow recover/.test(run.stderr)) {
          outcomes.push(`${free}: refused, recover named`);
          const recover = await runCallflow(repo.root, ['recover']);
          assert.strictEqual(recover.code, 0, recover.stderr);
        } else {
          outcomes.push(`${free}: refused, nothing changed`);
          assert.match(run.stderr, /Nothing was changed/);
        }
        assert.deepStrictEqual(await snapshot(repo), before, `${free} pages free: ${run.stderr}`);
      }
      assert.match(outcomes[outcomes.length - 1]!, /published/, outcomes.join('; '));
      const verify = await runCallflow(repo.root, ['verify']);
      assert.strictEqual(verify.code, 0, verify.stdout);
    });

    it('the disk fills up after HEAD and the tag moved, before the index is updated: verify names the command, and it recovers', async () => {
      // reference-transaction "committed": the refs have moved; the disk is then full for the index update.
      await installHook(
        repo,
        'reference-transaction',
        `if [ "$1" = committed ]; then dd if=/dev/zero of="${mount.dir}/filler" bs=${PAGE} 2>/dev/null; dd if=/dev/zero of="${mount.dir}/filler-small" bs=64 2>/dev/null; fi; exit 0`,
      );
      const run = await runCallflow(repo.root, ['publish', 'support-line']);
      await fs.rm(path.join(repo.repo, '.git', 'hooks', 'reference-transaction'));
      // Published: the commit and its tag are there together, whatever the index.
      assert.strictEqual(repo.git('rev-parse', 'callflow/support-line/v2^{commit}'), repo.git('rev-parse', 'HEAD'));
      assert.doesNotMatch(run.stderr, /bug in callflow/);
      const verifyFull = await runCallflow(repo.root, ['verify']);
      await unfill(mount.dir);
      assert.strictEqual(run.code, 0, run.stderr); // published: what is left is the index, which the journal names
      assert.notStrictEqual(
        repo.git('status', '--porcelain', '--untracked-files=all'),
        '',
        'the index was not updated',
      );
      assert.notStrictEqual(verifyFull.code, 0, verifyFull.stdout);
      assert.match(verifyFull.stdout + verifyFull.stderr, /callflow recover/);
      const verify = await runCallflow(repo.root, ['verify']);
      assert.strictEqual(verify.code, 1, verify.stdout);
      assert.match(verify.stdout, /interrupted-operation .*publish v2.*Run `callflow recover`/);
      const recover = await runCallflow(repo.root, ['recover']);
      assert.strictEqual(recover.code, 0, recover.stderr);
      assert.strictEqual(repo.git('status', '--porcelain', '--untracked-files=all'), '');
      assert.deepStrictEqual((await snapshot(repo)).leftovers, []);
      const clean = await runCallflow(repo.root, ['verify']);
      assert.strictEqual(clean.code, 0, clean.stdout);
    });

    it('a read-only file system (EROFS) refuses with a true message, leaving no lock file', async function () {
      const before = await snapshot(repo);
      execFileSync('mount', ['-o', 'remount,ro', mount.dir]);
      try {
        const run = await runCallflow(repo.root, ['publish', 'support-line']);
        assert.strictEqual(run.code, 4, run.stderr);
        assert.match(run.stderr, /the file system is read-only \(EROFS\)\. Nothing was changed\./);
        assert.match(run.stderr, /remount it read-write/);
      } finally {
        execFileSync('mount', ['-o', 'remount,rw', mount.dir]);
      }
      assert.deepStrictEqual(await snapshot(repo), before);
    });
  });

  describe('permissions and file kinds', function () {
    let repo: TempRepo & { workspace: FlowWorkspace };
    beforeEach(async () => {
      repo = await makeWorkspace();
      await withDraftReady(repo);
    });
    afterEach(() => repo.cleanup());

    it('no permission to write the git dir (EACCES) is said as such, with nothing left behind', async function () {
      const before = await snapshot(repo);
      const gitDir = path.join(repo.repo, '.git');
      // Root ignores permission bits: run that callflow as nobody, in a repository it may read but not write.
      const asNobody = process.getuid?.() === 0;
      const home = await fs.mkdtemp(path.join(os.tmpdir(), 'callflow-home-'));
      await fs.writeFile(path.join(home, '.gitconfig'), '[safe]\n\tdirectory = *\n');
      execFileSync('chmod', ['-R', 'a+rX', repo.repo, home]);
      await fs.chmod(gitDir, 0o555);
      try {
        const args = [path.resolve(__dirname, '../../../../bin/callflow.js'), 'publish', 'support-line'];
        let code = 0;
        let stderr = '';
        try {
          execFileSync(process.execPath, args, {
            cwd: repo.root,
            env: { PATH: process.env.PATH ?? '', HOME: home },
            stdio: 'pipe',
            ...(asNobody ? { uid: 65534, gid: 65534 } : {}),
          });
        } catch (err) {
          const failed = err as { status: number; stderr: Buffer };
          code = failed.status;
          stderr = failed.stderr.toString();
        }
        assert.strictEqual(code, 4, stderr);
        assert.match(stderr, /permission denied \(EACCES\)\. Nothing was changed\./);
        assert.match(stderr, /Check the owner and permissions/);
      } finally {
        await fs.chmod(gitDir, 0o755);
        await fs.rm(home, { recursive: true, force: true });
      }
      assert.deepStrictEqual(await snapshot(repo), before);
    });

    it('a folder where the new version file belongs (EISDIR), a file where a folder belongs (ENOTDIR)', async () => {
      await repo.workspace.publish(parseFlowId('support-line'));
      await fs.mkdir(path.join(repo.root, 'flows/support-line/v3.yaml'));
      await fs.writeFile(path.join(repo.root, 'flows/support-line/v3.yaml/keep'), 'x\n');
      let before = await snapshot(repo);
      const edit = await runCallflow(repo.root, ['edit', 'support-line']);
      // Found before anything is written: bad input from the repository (exit 2), not a disk failure.
      assert.strictEqual(edit.code, 2, edit.stderr);
      assert.match(edit.stderr, /flows\/support-line\/v3\.yaml is a folder, but a file is expected here\./);
      assert.match(edit.stderr, /Move or rename the folder/);
      assert.deepStrictEqual(await snapshot(repo), before);

      // A file where the new flow's folder belongs.
      await repo.write('flows/other-line', 'not a folder\n');
      before = await snapshot(repo);
      const create = await runCallflow(repo.root, ['create', 'Other Line']);
      assert.strictEqual(create.code, 4, create.stderr);
      assert.match(
        create.stderr,
        /Could not write flows\/other-line\/v1\.yaml: a part of its path is a file where a folder belongs \(ENOTDIR\)\. Nothing was changed\./,
      );
      assert.deepStrictEqual(await snapshot(repo), before);
    });

    it('a rollback that fails says exactly what is left and how to repair it; recover then repairs it', async () => {
      await installHook(repo, 'pre-commit', 'echo "hook says no" >&2; exit 1');
      const before = await snapshot(repo);
      const files = new NodeWorkspaceFiles(repo.root);
      let writes = 0;
      const fillsUp = Object.assign(Object.create(files) as NodeWorkspaceFiles, {
        writeText: async (p: string, content: string) => {
          if (writes++ > 0)
            throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
          return files.writeText(p, content);
        },
      });
      await assert.rejects(
        new FlowWorkspace(fillsUp, new GitVersionControl(repo.root), fixedClock()).publish(parseFlowId('support-line')),
        (err: unknown) =>
          err instanceof Error &&
          /rejected by the pre-commit hook: hook says no/.test(err.message) &&
          /Putting the files back also failed \(flows\/support-line\/flow\.yaml: Could not restore it: the disk is full \(ENOSPC\)\.\)/.test(
            err.message,
          ) &&
          /so flows\/support-line\/flow\.yaml holds what the operation wrote, uncommitted; HEAD, tags and the index are unchanged\. Once the disk is writable again, run `callflow recover`/.test(
            err.message,
          ),
      );
      const left = await snapshot(repo);
      assert.strictEqual(left.head, before.head);
      assert.strictEqual(left.refs, before.refs);
      assert.strictEqual(left.index, before.index);
      assert.deepStrictEqual(left.leftovers, ['callflow.journal']);
      const verify = await runCallflow(repo.root, ['verify']);
      assert.match(verify.stdout, /interrupted-operation/);
      const recover = await runCallflow(repo.root, ['recover']);
      assert.strictEqual(recover.code, 0, recover.stderr);
      assert.deepStrictEqual(await snapshot(repo), before);
    });
  });
});
