/**
 * Hostile corpus, crashes and exit codes: output that cannot be written after a publish succeeded
 * (a closed pipe, a full disk), validate --json with a broken manifest, init in a bare repository,
 * restore in a shallow clone, a hook that fails without a word. The real CLI runs as a process
 * where the process itself matters (its stdout, its exit status).
 */
import * as assert from 'assert';
import { spawn } from 'node:child_process';
import { existsSync, openSync, closeSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { gitIn, makeTempRepo } from '../../helpers/tempRepo';
import { callflow } from '../cli/cliHarness';
import { CALLFLOW_BIN, installHook } from './harness';
import {
  assertNoInternalError,
  refusedWithoutChange,
  workspaceWithPublishedFlow,
  type HostileRepo,
} from './fileCorpus';
import { parseFlowId } from '../../../src/core';

/** Runs the built CLI with stdout set up by `stdout`; resolves to its exit status and stderr. */
function runWithStdout(
  cwd: string,
  args: string[],
  stdout: 'closed-pipe' | number,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [CALLFLOW_BIN, ...args], {
    cwd,
    stdio: ['ignore', stdout === 'closed-pipe' ? 'pipe' : stdout, 'pipe'],
  });
  // The reader goes away at once, as `callflow … | head -0` does.
  if (stdout === 'closed-pipe') child.stdout!.destroy();
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr })));
}

async function readyDraft(repo: HostileRepo): Promise<void> {
  await repo.workspace.edit(parseFlowId('support-line'));
  const file = 'flows/support-line/v2.yaml';
  await repo.write(file, (await repo.read(file))!.replace(/Thanks for calling[^"]*/, 'Thanks for calling, v2.'));
  await repo.workspace.save(parseFlowId('support-line'));
}

describe('hostile: crashes and exit codes', function () {
  this.timeout(60_000);
  let repo: HostileRepo;
  beforeEach(async () => {
    repo = await workspaceWithPublishedFlow();
  });
  afterEach(() => repo.cleanup());

  it('a publish whose stdout is a closed pipe exits 0 without a stack trace, and is published', async () => {
    await readyDraft(repo);
    const run = await runWithStdout(repo.root, ['publish', 'support-line', '--json'], 'closed-pipe');
    assert.strictEqual(run.code, 0, run.stderr);
    assert.doesNotMatch(run.stderr, /EPIPE|\n\s+at /);
    assert.strictEqual((await repo.workspace.show(parseFlowId('support-line'))).published, 2);
    assert.strictEqual(repo.git('tag', '--list', 'callflow/support-line/v2').trim(), 'callflow/support-line/v2');
  });

  it('a publish whose stdout is a full disk (/dev/full) is published, and exits 4 saying its output is lost, without a stack trace', async function () {
    if (!existsSync('/dev/full')) this.skip();
    await readyDraft(repo);
    const full = openSync('/dev/full', 'w');
    try {
      const run = await runWithStdout(repo.root, ['publish', 'support-line'], full);
      assert.strictEqual(run.code, 4, run.stderr);
      assert.match(
        run.stderr,
        /the output could not be written \(ENOSPC: no space left on the device\); it is incomplete/,
      );
      assert.match(run.stderr, /What the command did is done/);
      assert.doesNotMatch(run.stderr, /\n\s+at /);
    } finally {
      closeSync(full);
    }
    assert.strictEqual((await repo.workspace.show(parseFlowId('support-line'))).published, 2);
  });

  it('validate --json with one broken manifest prints the problem list (exit 1), the other flows included', async () => {
    await repo.workspace.create('Billing');
    await repo.write('flows/billing/flow.yaml', 'name: Billing\nversions: [oops\n');
    const run = await refusedWithoutChange(repo, 'validate', '--json');
    assert.strictEqual(run.code, 1, run.stderr);
    const problems = run.json<{ file: string; code: string }[]>();
    assert.ok(
      problems.some((p) => p.file === 'flows/billing/flow.yaml' && p.code === 'yaml-syntax'),
      JSON.stringify(problems),
    );
    const flow = await refusedWithoutChange(repo, 'validate', 'billing', '--json');
    assert.strictEqual(flow.code, 1, flow.stderr);
    assert.ok(flow.json<{ file: string }[]>().length > 0);
  });

  it('a lifecycle operation on a broken manifest is bad input (exit 2), not a git failure', async () => {
    await repo.write('flows/support-line/flow.yaml', 'name: Support Line\nversions: 3\n');
    const run = await refusedWithoutChange(repo, 'edit', 'support-line');
    assert.strictEqual(run.code, 2, run.stderr);
    assert.match(run.stderr, /flows\/support-line\/flow\.yaml is not a valid flow manifest: versions must be a list\./);
  });

  it('init in a bare repository (or its .git folder) is refused (exit 2) and writes nothing into the git dir', async () => {
    const bare = await makeTempRepo({ gitInit: false });
    try {
      gitIn(bare.repo, 'init', '--quiet', '--bare');
      const before = (await fs.readdir(bare.repo)).sort();
      const run = await callflow(bare.repo, 'init');
      assert.strictEqual(run.code, 2, run.stderr);
      assert.match(run.stderr, /is inside a git directory \(a bare repository or a \.git folder\), not a working tree/);
      assert.deepStrictEqual((await fs.readdir(bare.repo)).sort(), before);
      const inGitDir = await callflow(path.join(repo.repo, '.git'), 'init');
      assert.strictEqual(inGitDir.code, 2, inGitDir.stderr);
      assert.ok(!existsSync(path.join(repo.repo, '.git', 'callflow.yaml')));
    } finally {
      await bare.cleanup();
    }
  });

  it('restore of a discarded version in a shallow clone says the history is missing (exit 2)', async () => {
    await repo.workspace.edit(parseFlowId('support-line'));
    await repo.workspace.discard(parseFlowId('support-line'));
    for (let i = 0; i < 3; i++) await repo.workspace.assign(`+1415555010${i}`, parseFlowId('support-line'));
    const clone = await makeTempRepo({ gitInit: false });
    try {
      await fs.rm(clone.repo, { recursive: true, force: true });
      gitIn(path.dirname(clone.repo), 'clone', '--quiet', '--depth', '1', `file://${repo.repo}`, clone.repo);
      const run = await callflow(clone.repo, 'restore', 'support-line', '2');
      assert.strictEqual(run.code, 2, run.stderr);
      assert.match(run.stderr, /this clone is shallow: that history is missing here\.\n {2}Fetch the full history/);
      assertNoInternalError(run);
    } finally {
      await clone.cleanup();
    }
  });

  it('a hook that fails without a word: the operation is rolled back with a message naming the hook', async () => {
    await readyDraft(repo);
    await installHook(repo, 'pre-commit', 'exit 1');
    const run = await refusedWithoutChange(repo, 'publish', 'support-line');
    assert.ok(run.code === 3 || run.code === 4, run.stderr);
    assert.match(run.stderr, /pre-commit/);
    assertNoInternalError(run);
  });
});
