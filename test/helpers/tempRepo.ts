/**
 * Temporary git repositories for tests: real git, local identity, cleaned up afterwards.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FlowWorkspace } from '../../src/core/lifecycle/flowWorkspace';
import type { Clock } from '../../src/core/ports';
import { GitVersionControl, type GitVersionControlOptions } from '../../src/git/gitVersionControl';
import { NodeWorkspaceFiles } from '../../src/platform/nodeWorkspaceFiles';

export interface TempRepo {
  /** Repository root. */
  repo: string;
  /** Workspace folder (repo root or a subfolder). */
  root: string;
  git(...args: string[]): string;
  read(relative: string): Promise<string | undefined>;
  write(relative: string, content: string): Promise<void>;
  cleanup: () => Promise<void>;
}

/** A steadily advancing clock, so timestamps are deterministic. */
export function fixedClock(start = '2026-01-05T09:00:00Z'): Clock {
  let t = Date.parse(start);
  return { now: () => new Date((t += 1000)) };
}

export function gitIn(cwd: string, ...args: string[]): string {
  const env = { ...process.env };
  delete env.GIT_INDEX_FILE;
  delete env.GIT_DIR;
  return execFileSync('git', args, { cwd, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
}

export async function makeTempRepo(
  options: { subfolder?: string; gitInit?: boolean; parent?: string } = {},
): Promise<TempRepo> {
  const repo = await fs.realpath(mkdtempSync(path.join(options.parent ?? os.tmpdir(), 'callflow-test-')));
  if (options.gitInit !== false) {
    gitIn(repo, 'init', '--quiet', '--initial-branch=main');
    configureIdentity(repo);
  }
  const root = options.subfolder ? path.join(repo, options.subfolder) : repo;
  await fs.mkdir(root, { recursive: true });
  return {
    repo,
    root,
    git: (...args) => gitIn(root, ...args),
    read: async (relative) => fs.readFile(path.join(root, relative), 'utf8').catch(() => undefined),
    write: async (relative, content) => {
      await fs.mkdir(path.dirname(path.join(root, relative)), { recursive: true });
      await fs.writeFile(path.join(root, relative), content);
    },
    cleanup: () => fs.rm(repo, { recursive: true, force: true }),
  };
}

export function configureIdentity(repo: string): void {
  gitIn(repo, 'config', 'user.name', 'Test Admin');
  gitIn(repo, 'config', 'user.email', 'admin@example.com');
  gitIn(repo, 'config', 'commit.gpgsign', 'false');
  gitIn(repo, 'config', 'tag.gpgsign', 'false');
}

export function workspaceOn(
  root: string,
  clock: Clock = fixedClock(),
  options: GitVersionControlOptions = {},
): FlowWorkspace {
  return new FlowWorkspace(new NodeWorkspaceFiles(root), new GitVersionControl(root, options), clock);
}

/** A temp repo with `callflow init` done. */
export async function makeWorkspace(
  options: { subfolder?: string; clock?: Clock; git?: GitVersionControlOptions; parent?: string } = {},
): Promise<TempRepo & { workspace: FlowWorkspace }> {
  const repo = await makeTempRepo(options);
  const clock = options.clock ?? fixedClock();
  const { workspace } = await FlowWorkspace.init(
    new NodeWorkspaceFiles(repo.root),
    new GitVersionControl(repo.root, options.git),
    clock,
  );
  return { ...repo, workspace };
}

/** Everything a failed operation must leave untouched. */
export function repositoryState(repo: TempRepo): {
  head: string;
  index: string;
  status: string;
  tags: string;
  refs: string;
} {
  const head = (() => {
    try {
      return repo.git('rev-parse', 'HEAD').trim();
    } catch {
      return '(unborn)';
    }
  })();
  return {
    head,
    index: repo.git('ls-files', '--stage'),
    status: repo.git('status', '--porcelain=v1', '--untracked-files=all'),
    tags: repo.git('tag', '--list'),
    refs: repo.git('for-each-ref', '--format=%(refname) %(objectname)'),
  };
}
