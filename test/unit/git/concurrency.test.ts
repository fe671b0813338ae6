import * as assert from 'assert';
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WorkspaceBusyError } from '../../../src/core/errors';
import { fixedClock, makeWorkspace, workspaceOn, type TempRepo } from '../../helpers/tempRepo';
import type { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';

/** The compiled wiring, as a separate process would load it. */
const OPEN_MODULE = path.resolve(__dirname, '../../../src/platform/openFlowWorkspace.js');

function runChild(root: string, names: string[]): Promise<{ code: number | null; stderr: string }> {
  const script = `
    const { openFlowWorkspace } = require(${JSON.stringify(OPEN_MODULE)});
    (async () => {
      const ws = openFlowWorkspace(${JSON.stringify(root)}, { timeoutMs: 60000 });
      for (const name of ${JSON.stringify(names)}) {
        const { flowId } = await ws.create(name);
        await ws.publish(flowId);
      }
    })().catch((err) => { console.error(err); process.exit(1); });`;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('git adapter: concurrent operations', function () {
  let repo: TempRepo & { workspace: FlowWorkspace };
  beforeEach(async () => {
    repo = await makeWorkspace();
  });
  afterEach(() => repo.cleanup());

  it('operations from two processes serialize into a linear history without corruption', async () => {
    const [a, b] = await Promise.all([
      runChild(repo.root, ['Alpha One', 'Alpha Two', 'Alpha Three']),
      runChild(repo.root, ['Beta One', 'Beta Two', 'Beta Three']),
    ]);
    assert.strictEqual(a.code, 0, a.stderr);
    assert.strictEqual(b.code, 0, b.stderr);
    assert.strictEqual(repo.git('rev-list', '--count', 'HEAD').trim(), '13'); // init + 6 x (create, publish)
    assert.strictEqual(repo.git('rev-list', '--merges', 'HEAD').trim(), '');
    for (const commit of repo.git('rev-list', 'HEAD~12..HEAD').trim().split('\n')) {
      const flow = /Callflow-Flow: (\S+)/.exec(repo.git('log', '-1', '--format=%B', commit))![1]!;
      for (const file of repo.git('show', '--name-only', '--format=', commit).trim().split('\n')) {
        assert.ok(file.startsWith(`flows/${flow}/`), `${commit} touches ${file}, not only ${flow}`);
      }
    }
    repo.git('fsck', '--no-progress');
    assert.strictEqual(repo.git('status', '--porcelain'), '');
    const report = await repo.workspace.verify();
    assert.deepStrictEqual(report.findings, []);
    assert.strictEqual(report.flows, 6);
    assert.strictEqual(repo.git('tag', '--list').trim().split('\n').length, 6);
  });

  it('a lock held by a live process makes the operation wait, then fail with WorkspaceBusyError', async () => {
    const lock = path.join(repo.repo, '.git', 'callflow.lock');
    await fs.writeFile(
      lock,
      JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }),
    );
    const ws = workspaceOn(repo.root, fixedClock(), { timeoutMs: 300 });
    const started = Date.now();
    await assert.rejects(
      ws.create('Support Line'),
      (err: unknown) => err instanceof WorkspaceBusyError && new RegExp(`process ${process.pid}`).test(err.message),
    );
    assert.ok(Date.now() - started >= 250);
    assert.strictEqual(await repo.read('flows/support-line/flow.yaml'), undefined);
    await fs.rm(lock);
    await ws.create('Support Line');
  });

  it('a lock left by a process that died is taken over', async () => {
    const lock = path.join(repo.repo, '.git', 'callflow.lock');
    const dead = spawn(process.execPath, ['-e', '0']);
    await new Promise((resolve) => dead.on('close', resolve));
    await fs.writeFile(lock, JSON.stringify({ pid: dead.pid, host: os.hostname(), since: '2026-01-01T00:00:00Z' }));
    const ws = workspaceOn(repo.root, fixedClock(), { timeoutMs: 300 });
    await ws.create('Support Line');
    await assert.rejects(fs.access(lock));
  });
});
