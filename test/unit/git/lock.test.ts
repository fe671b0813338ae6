import * as assert from 'assert';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceBusyError } from '../../../src/core/errors';
import { acquireLock, processStartTime } from '../../../src/git/workspaceLock';

describe('operation lock: stale locks', function () {
  let dir: string;
  let lock: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'callflow-lock-'));
    lock = path.join(dir, 'callflow.lock');
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  it('records host, pid and the process start time', async function () {
    const release = await acquireLock(lock);
    const owner = JSON.parse(await fs.readFile(lock, 'utf8')) as Record<string, unknown>;
    assert.strictEqual(owner.pid, process.pid);
    assert.strictEqual(owner.host, os.hostname());
    if (processStartTime(process.pid) === undefined) {
      console.log('      (no /proc here: the start time is not recorded)');
    } else {
      assert.strictEqual(owner.started, processStartTime(process.pid));
    }
    await release();
    await assert.rejects(fs.access(lock));
  });

  it('takes over a lock whose pid now belongs to another process (a reused pid)', async function () {
    // A live process that is not the lock's owner: same pid, another start time.
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      if (processStartTime(other.pid!) === undefined) this.skip();
      await fs.writeFile(
        lock,
        JSON.stringify({ pid: other.pid, host: os.hostname(), since: '2026-01-01T00:00:00Z', started: 'boot:1' }),
      );
      const release = await acquireLock(lock, { timeoutMs: 300 });
      assert.strictEqual((JSON.parse(await fs.readFile(lock, 'utf8')) as { pid: number }).pid, process.pid);
      await release();
    } finally {
      other.kill();
    }
  });

  it('waits for a live owner with the recorded start time, then says who holds it', async () => {
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await new Promise((r) => setTimeout(r, 100));
      const started = processStartTime(other.pid!);
      await fs.writeFile(
        lock,
        JSON.stringify({
          pid: other.pid,
          host: os.hostname(),
          since: '2026-01-01T00:00:00Z',
          ...(started ? { started } : {}),
        }),
      );
      await assert.rejects(
        acquireLock(lock, { timeoutMs: 200 }),
        (err: unknown) =>
          err instanceof WorkspaceBusyError && err.message.includes(`process ${other.pid} on ${os.hostname()}`),
      );
    } finally {
      other.kill();
    }
  });

  it("never takes over another host's lock, and names that host and the file to delete", async () => {
    await fs.writeFile(lock, JSON.stringify({ pid: 1, host: 'build-agent-7', since: '2026-01-01T00:00:00Z' }));
    await assert.rejects(
      acquireLock(lock, { timeoutMs: 200 }),
      (err: unknown) =>
        err instanceof WorkspaceBusyError &&
        err.message.includes('process 1 on another host, build-agent-7') &&
        err.message.includes(`delete ${lock}`),
    );
    assert.match(await fs.readFile(lock, 'utf8'), /build-agent-7/);
  });

  it('leaves no empty lock file when the lock cannot be written', async function () {
    if (process.getuid?.() === 0) {
      // Root writes anywhere: a read-only tmpfs is tested in test/unit/hostile/disk.test.ts.
      this.skip();
    }
    await fs.chmod(dir, 0o555);
    try {
      await assert.rejects(acquireLock(lock), /permission denied \(EACCES\)/);
    } finally {
      await fs.chmod(dir, 0o755);
    }
    assert.deepStrictEqual(await fs.readdir(dir), []);
  });
});
