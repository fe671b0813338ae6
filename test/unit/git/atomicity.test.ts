import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DiskError, VersionControlError } from '../../../src/core/errors';
import { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';
import { GitVersionControl } from '../../../src/git/gitVersionControl';
import { NodeWorkspaceFiles } from '../../../src/platform/nodeWorkspaceFiles';
import { fixedClock, makeTempRepo, makeWorkspace, repositoryState, type TempRepo } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';

async function hook(repo: TempRepo, name: string, script: string): Promise<void> {
  const file = path.join(repo.repo, '.git', 'hooks', name);
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, `#!/bin/sh\n${script}\n`, { mode: 0o755 });
}

/** A user mid-work: a staged new file, an unstaged change to a tracked file, an untracked file. */
async function userChanges(repo: TempRepo): Promise<void> {
  await repo.write('README.md', 'flows\n');
  repo.git('add', 'README.md');
  repo.git('commit', '-q', '-m', 'readme');
  await repo.write('README.md', 'flows, edited but not staged\n');
  await repo.write('notes.txt', 'staged notes\n');
  repo.git('add', 'notes.txt');
  await repo.write('scratch.txt', 'untracked\n');
}

async function snapshot(repo: TempRepo) {
  const files: Record<string, string | undefined> = {};
  for (const f of [
    'flows/support-line/flow.yaml',
    'flows/support-line/v1.yaml',
    'flows/support-line/v2.yaml',
    'numbers.yaml',
    'README.md',
    'notes.txt',
  ]) {
    files[f] = await repo.read(f);
  }
  return { ...repositoryState(repo), cached: repo.git('diff', '--cached'), unstaged: repo.git('diff'), files };
}

describe('git adapter: one commit per operation, all or nothing', function () {
  let repo: TempRepo & { workspace: FlowWorkspace };
  let ws: FlowWorkspace;

  beforeEach(async () => {
    repo = await makeWorkspace();
    ws = repo.workspace;
    await ws.create('Support Line');
    await ws.publish(parseFlowId('support-line'));
    await userChanges(repo);
  });
  afterEach(() => repo.cleanup());

  it("commits only the operation's files and leaves other staged and unstaged changes as they were", async () => {
    const cachedBefore = repo.git('diff', '--cached');
    const unstagedBefore = repo.git('diff');
    const result = await ws.edit(parseFlowId('support-line'));
    assert.deepStrictEqual(repo.git('show', '--name-only', '--format=', result.commit!).trim().split('\n').sort(), [
      'flows/support-line/flow.yaml',
      'flows/support-line/v2.yaml',
    ]);
    assert.strictEqual(repo.git('diff', '--cached'), cachedBefore);
    assert.strictEqual(repo.git('diff'), unstagedBefore);
    assert.strictEqual(await repo.read('scratch.txt'), 'untracked\n');
    // The operation's own files are committed and clean in the index.
    assert.strictEqual(repo.git('status', '--porcelain', '--', 'flows'), '');
  });

  it("runs the user's pre-commit and commit-msg hooks, which see only the operation's files", async () => {
    await hook(repo, 'pre-commit', 'git diff --cached --name-only > "$(git rev-parse --git-dir)/pre-commit-saw"');
    await hook(repo, 'commit-msg', 'grep -q "^Callflow-Flow: " "$1" || exit 1');
    await ws.edit(parseFlowId('support-line'));
    const saw = await fs.readFile(path.join(repo.repo, '.git', 'pre-commit-saw'), 'utf8');
    assert.deepStrictEqual(saw.trim().split('\n').sort(), [
      'flows/support-line/flow.yaml',
      'flows/support-line/v2.yaml',
    ]);
  });

  it('a rejecting pre-commit hook leaves working tree, index, HEAD and tags exactly as before', async () => {
    await hook(repo, 'pre-commit', 'echo "lint: flows must be reviewed" >&2; exit 1');
    const before = await snapshot(repo);
    await assert.rejects(
      ws.edit(parseFlowId('support-line')),
      (err: unknown) =>
        err instanceof VersionControlError &&
        /lint: flows must be reviewed/.test(err.message) &&
        /Nothing was changed/.test(err.message) &&
        /hook/.test(err.hint ?? ''),
    );
    assert.deepStrictEqual(await snapshot(repo), before);
  });

  it('a rejecting hook during publish creates no tag and archives nothing', async () => {
    await ws.edit(parseFlowId('support-line'));
    await hook(repo, 'commit-msg', 'exit 1');
    const before = await snapshot(repo);
    await assert.rejects(ws.publish(parseFlowId('support-line')), VersionControlError);
    assert.deepStrictEqual(await snapshot(repo), before);
    assert.deepStrictEqual(
      (await ws.show(parseFlowId('support-line'))).versions.map((v) => v.status),
      ['published', 'draft'],
    );
  });

  it('a held index.lock refuses the operation and changes nothing', async () => {
    const lock = path.join(repo.repo, '.git', 'index.lock');
    await fs.writeFile(lock, '');
    const before = await snapshot(repo);
    await assert.rejects(
      ws.edit(parseFlowId('support-line')),
      (err: unknown) => err instanceof VersionControlError && /index\.lock/.test(err.message),
    );
    await fs.rm(lock);
    assert.deepStrictEqual(await snapshot(repo), before);
    await ws.edit(parseFlowId('support-line'));
  });

  it('a failing tag rolls the commit back', async () => {
    await ws.edit(parseFlowId('support-line'));
    repo.git('tag', 'callflow/support-line/v2', 'HEAD~1'); // in the way of publish's tag
    const before = await snapshot(repo);
    await assert.rejects(
      ws.publish(parseFlowId('support-line')),
      (err: unknown) => err instanceof VersionControlError && /tag callflow\/support-line\/v2/.test(err.message),
    );
    assert.deepStrictEqual(await snapshot(repo), before);
  });

  it('a failing disk write restores the files already written', async () => {
    const files = new NodeWorkspaceFiles(repo.root);
    const failing = Object.assign(Object.create(files) as NodeWorkspaceFiles, {
      writeText: async (p: string, content: string) => {
        if (p.endsWith('flow.yaml'))
          throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
        return files.writeText(p, content);
      },
    });
    const broken = new FlowWorkspace(failing, new GitVersionControl(repo.root), fixedClock());
    const before = await snapshot(repo);
    await assert.rejects(
      broken.edit(parseFlowId('support-line')),
      (err: unknown) =>
        err instanceof DiskError &&
        err.code === 'disk-full' &&
        /Could not write flows\/support-line\/flow\.yaml: the disk is full \(ENOSPC\)\. Nothing was changed\.$/.test(
          err.message,
        ),
    );
    assert.deepStrictEqual(await snapshot(repo), before);
  });
});

describe('git adapter: repositories of every shape', function () {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0)) await c();
  });

  it('works when the workspace is a subfolder of the repository (with spaces and unicode)', async () => {
    const repo = await makeWorkspace({ subfolder: 'telephony/my flows é' });
    cleanups.push(repo.cleanup);
    const ws = repo.workspace;
    await ws.create('Support Line');
    const published = await ws.publish(parseFlowId('support-line'));
    await ws.edit(parseFlowId('support-line'));
    assert.match(
      repo.git('-c', 'core.quotepath=false', 'show', '--name-only', '--format=', published.commit!),
      /telephony\/my flows é\/flows\/support-line\/flow\.yaml/,
    );
    assert.strictEqual((await ws.history(parseFlowId('support-line'))).length, 3);
    assert.deepStrictEqual((await ws.verify()).findings, []);
  });

  it('initializes in a repository with no commits, and a hook failure there leaves it unborn', async () => {
    const repo = await makeTempRepo();
    cleanups.push(repo.cleanup);
    await hook(repo, 'pre-commit', 'exit 1');
    const files = new NodeWorkspaceFiles(repo.root);
    await assert.rejects(
      FlowWorkspace.init(files, new GitVersionControl(repo.root), fixedClock()),
      VersionControlError,
    );
    assert.throws(() => repo.git('rev-parse', '--verify', 'HEAD'));
    assert.strictEqual(await repo.read('callflow.yaml'), undefined);
    assert.strictEqual(
      repo
        .git('status', '--porcelain', '--untracked-files=all')
        .split('\n')
        .filter((l) => !l.includes('.git'))
        .join(''),
      '',
    );
    await fs.rm(path.join(repo.repo, '.git', 'hooks', 'pre-commit'));
    const { result } = await FlowWorkspace.init(files, new GitVersionControl(repo.root), fixedClock());
    assert.strictEqual(result.createdRepository, false);
    assert.strictEqual(repo.git('rev-list', '--count', 'HEAD').trim(), '1');
  });

  it('an init that fails in a folder that was no repository (no git identity) leaves no .git behind', async () => {
    const repo = await makeTempRepo({ gitInit: false });
    cleanups.push(repo.cleanup);
    const globalConfig = path.join(repo.repo, 'gitconfig-without-identity');
    await fs.writeFile(globalConfig, '[user]\n\tuseConfigOnly = true\n');
    const identity = ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL', 'EMAIL'];
    const saved = Object.fromEntries(['GIT_CONFIG_GLOBAL', ...identity].map((k) => [k, process.env[k]]));
    process.env.GIT_CONFIG_GLOBAL = globalConfig;
    for (const key of identity) delete process.env[key];
    try {
      await assert.rejects(
        FlowWorkspace.init(new NodeWorkspaceFiles(repo.root), new GitVersionControl(repo.root), fixedClock()),
        (err: Error & { hint?: string }) => {
          assert.match(err.message, /git does not know who you are/);
          assert.match(String(err.hint), /git config user\.name/);
          return true;
        },
      );
      assert.deepStrictEqual(await fs.readdir(repo.root), ['gitconfig-without-identity']);
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });

  it('init runs git init in a folder that is no repository', async () => {
    const repo = await makeTempRepo({ gitInit: false });
    cleanups.push(repo.cleanup);
    const saved = { ...process.env };
    Object.assign(process.env, {
      GIT_AUTHOR_NAME: 'A',
      GIT_AUTHOR_EMAIL: 'a@example.com',
      GIT_COMMITTER_NAME: 'A',
      GIT_COMMITTER_EMAIL: 'a@example.com',
    });
    try {
      const { result, workspace } = await FlowWorkspace.init(
        new NodeWorkspaceFiles(repo.root),
        new GitVersionControl(repo.root),
        fixedClock(),
      );
      assert.strictEqual(result.createdRepository, true);
      await workspace.create('Support Line');
      assert.strictEqual(repo.git('rev-list', '--count', 'HEAD').trim(), '2');
    } finally {
      for (const key of ['GIT_AUTHOR_NAME', 'GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_NAME', 'GIT_COMMITTER_EMAIL']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
  });
});
