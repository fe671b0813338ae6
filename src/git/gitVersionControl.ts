/**
 * The one adapter that runs git. Implements the core's VersionControl port.
 *
 * A lifecycle commit is built without touching HEAD or the user's index: a temporary index
 * (GIT_INDEX_FILE) made from HEAD plus the operation's paths, the user's pre-commit,
 * prepare-commit-msg and commit-msg hooks run on it as `git commit` would, then `commit-tree` with
 * exactly that HEAD as parent and the tag object. Only then are HEAD and the tag ref moved, in one
 * `update-ref --stdin` transaction that checks HEAD is still the parent: no commit is ever visible
 * without its tag, and a commit that landed meanwhile (another terminal, an IDE, a bot) is never
 * undone. The real index entries of the operation's paths are updated last.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { NotARepositoryError, NotAWorkTreeError, VersionControlError } from '../core/errors';
import type {
  CommitInfo,
  CommitRequest,
  CommitResult,
  OperationJournal,
  RevisionFile,
  VersionControl,
} from '../core/ports';
import { buildCommit } from './commitBuilder';
import { runGit } from './gitProcess';
import { assertConfigKey, assertRevision, assertTagName, assertWorkspacePath, escapeRegExp } from './gitArguments';
import { COMMIT_RECORD_FORMAT, parseBatch, parseCommitRecords, parseTagRefs, TAG_REF_FORMAT } from './gitOutput';
import { cleanGitMessage, GitCommandError, inProgressOperation, stepFailure } from './gitState';
import { readJournalFile, removeLeftovers, writeJournalFile } from './journalFile';
import { acquireLock, ownerAlive, readLockOwner, type LockOptions } from './workspaceLock';

export interface GitVersionControlOptions extends LockOptions {
  /** The git executable (default `git` on PATH). */
  binary?: string;
  /** Aborted by an interruption (SIGINT, SIGTERM): the commit in flight stops before HEAD moves. */
  signal?: AbortSignal;
}

export interface RepositoryInfo {
  /** Absolute git dir (per worktree). */
  gitDir: string;
  /** The workspace folder relative to the repository root, with a trailing slash ('' at the root). */
  prefix: string;
}

export interface GitOptions {
  env?: Record<string, string>;
  input?: string;
  /** It may wait on the user (signing: a passphrase, a security key): an interruption stops it like a hook. */
  stoppable?: boolean;
  /** The ref transaction: in a process group of its own, so that a terminal's Ctrl-C does not cut it short. */
  shielded?: boolean;
  /** Configuration keys the command writes. */
  configWrites?: readonly string[];
}

let operationsInFlight = 0;

/** Whether an operation of this process holds a workspace lock now (the CLI's signal handler asks). */
export function operationInFlight(): boolean {
  return operationsInFlight > 0;
}

export class GitVersionControl implements VersionControl {
  private info?: RepositoryInfo;
  /** The git dir `ensureRepository` made, until the first commit in it is made or undone. */
  private createdGitDir: string | undefined;

  constructor(
    readonly root: string,
    private readonly options: GitVersionControlOptions = {},
  ) {}

  /** Runs git in the workspace; throws GitCommandError when it exits non-zero. */
  async git(args: readonly string[], options: GitOptions = {}): Promise<string> {
    return (await this.gitBytes(args, options)).toString('utf8');
  }

  async gitBytes(args: readonly string[], { stoppable, shielded, ...options }: GitOptions = {}) {
    const run = await runGit(args, {
      cwd: this.root,
      ...(this.options.binary ? { binary: this.options.binary } : {}),
      ...options,
      ...(stoppable ? { group: 'stoppable' as const } : shielded ? { group: 'shielded' as const } : {}),
    }).catch((err: Error) => {
      throw new VersionControlError(`Could not run git: ${err.message}`, 'Check that git is installed.', err);
    });
    if (run.code !== 0) throw new GitCommandError(args, run.stderr, run.code);
    return run.stdout;
  }

  async ensureRepository(): Promise<{ created: boolean }> {
    try {
      const inside = await this.git(['rev-parse', '--is-inside-work-tree']);
      if (inside.trim() === 'true') return { created: false };
      // In a repository but in no working tree: a bare repository or the .git folder itself.
      if (inside.trim() === 'false') throw new NotAWorkTreeError(this.root);
    } catch (err) {
      if (err instanceof NotAWorkTreeError) throw err;
      // not a repository: make one below
    }
    try {
      await this.git(['init', '--quiet']);
    } catch (err) {
      throw new VersionControlError(
        `git init failed in ${this.root}: ${cleanGitMessage(String((err as Error).message))}`,
        'Check that git is installed and the folder is writable.',
        err,
      );
    }
    this.info = undefined;
    this.createdGitDir = (await this.repository()).gitDir;
    return { created: true };
  }

  async removeCreatedRepository(): Promise<void> {
    const gitDir = this.createdGitDir;
    if (!gitDir) return;
    this.createdGitDir = undefined;
    this.info = undefined;
    // Only the folder `git init` made here: never a repository found above the workspace.
    if (path.dirname(gitDir) === (await fs.realpath(this.root))) await fs.rm(gitDir, { recursive: true, force: true });
  }

  async repository(): Promise<RepositoryInfo> {
    if (!this.info) {
      try {
        const [gitDir, prefix] = (await this.git(['rev-parse', '--absolute-git-dir', '--show-prefix'])).split('\n');
        this.info = { gitDir: gitDir!.trim(), prefix: (prefix ?? '').trim() };
      } catch (err) {
        if (/not a git repository/i.test((err as Error).message)) throw new NotARepositoryError(this.root);
        throw new VersionControlError(
          `${this.root} is not inside a git repository: ${cleanGitMessage((err as Error).message)}`,
          'Run `git init` (or `callflow init`) there first.',
          err,
        );
      }
    }
    return this.info;
  }

  private lockFile(gitDir: string): string {
    return path.join(gitDir, 'callflow.lock');
  }

  async exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const { gitDir } = await this.repository();
    operationsInFlight++;
    try {
      const release = await acquireLock(this.lockFile(gitDir), this.options);
      try {
        // Unresolved conflicts in the index are checked when committing (see commitBuilder).
        const inProgress = inProgressOperation(gitDir);
        if (inProgress) throw inProgress;
        return await operation();
      } finally {
        await release();
      }
    } finally {
      operationsInFlight--;
    }
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    if (request.paths.length === 0) throw new VersionControlError('Nothing to commit.', undefined);
    for (const p of request.paths) assertWorkspacePath(p);
    if (request.tag) assertTagName(request.tag.name);
    const repository = await this.repository();
    const { gitDir } = repository;
    if (existsSync(path.join(gitDir, 'index.lock'))) {
      throw stepFailure('commit', new Error(`${path.join(gitDir, 'index.lock')} exists`));
    }
    const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
    const tempIndex = path.join(gitDir, `callflow-index-${token}`);
    const messageFile = path.join(gitDir, `callflow-msg-${token}`);
    const tagDir = path.join(gitDir, `callflow-tag-${token}`);
    try {
      return await buildCommit(this, repository, request, {
        tempIndex,
        messageFile,
        tagDir,
        ...(this.options.signal ? { signal: this.options.signal } : {}),
      });
    } finally {
      await Promise.all(
        [tempIndex, `${tempIndex}.lock`, messageFile, tagDir].map((f) => fs.rm(f, { force: true, recursive: true })),
      );
    }
  }

  /** Paths of the index entries that have conflicts. */
  async unmergedPaths(): Promise<string[]> {
    const out = await this.git(['ls-files', '--unmerged', '-z']).catch(() => '');
    return [
      ...new Set(
        out
          .split('\0')
          .filter(Boolean)
          .map((line) => line.split('\t')[1] ?? line),
      ),
    ];
  }

  /** HEAD's commit (undefined on an unborn branch) and the folder git runs hooks from, in one git call. */
  async headAndHooks(): Promise<{ head?: string; hooks: string }> {
    const run = await runGit(['rev-parse', '--git-path', 'hooks', '--verify', '--quiet', 'HEAD^{commit}'], {
      cwd: this.root,
      ...(this.options.binary ? { binary: this.options.binary } : {}),
    });
    const [hooks, head] = run.stdout.toString('utf8').split('\n');
    if (!hooks) throw new GitCommandError(['rev-parse'], run.stderr, run.code);
    return { hooks: path.resolve(this.root, hooks), ...(run.code === 0 && head ? { head } : {}) };
  }

  async head(): Promise<string | undefined> {
    const out = await this.git(['rev-parse', '--quiet', '--verify', 'HEAD^{commit}']).catch(() => '');
    return out.trim() || undefined;
  }

  /** The branch checked out (`main`), or undefined on a detached HEAD. */
  async currentBranch(): Promise<string | undefined> {
    const out = await this.git(['symbolic-ref', '--quiet', '--short', 'HEAD']).catch(() => '');
    return out.trim() || undefined;
  }

  async commitsWithTrailer(key: string, value: string): Promise<CommitInfo[]> {
    if (!/^[A-Za-z0-9-]+$/.test(key)) throw new RangeError(`Bad trailer key: ${key}`);
    if (!(await this.head())) return [];
    const pattern = `^${escapeRegExp(key)}: ${escapeRegExp(value)}$`;
    const out = await this.git([
      'log',
      `--format=${COMMIT_RECORD_FORMAT}`,
      '--extended-regexp',
      `--grep=${pattern}`,
      'HEAD',
      '--',
      '.',
    ]);
    return parseCommitRecords(out);
  }

  async tags(prefix: string): Promise<Map<string, string>> {
    await this.repository(); // a workspace in no repository is said as such, not as a failed for-each-ref
    const pattern = `refs/tags/${prefix.replace(/\/+$/, '')}`;
    const out = await this.git(['for-each-ref', `--format=${TAG_REF_FORMAT}`, pattern]);
    return parseTagRefs(out, prefix);
  }

  async isShallow(): Promise<boolean> {
    return (await this.git(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  }

  async readAtRevisions(files: readonly RevisionFile[]): Promise<(string | undefined)[]> {
    if (files.length === 0) return [];
    const { prefix } = await this.repository();
    for (const f of files) {
      assertWorkspacePath(f.path);
      assertRevision(f.rev);
    }
    const blobs = await this.readBlobs(files.map((f) => `${f.rev}:${prefix}${f.path}`));
    return blobs.map((b) => b?.toString('utf8'));
  }

  /** The bytes of a workspace file in a revision (a recording), or undefined when there is none. */
  async readBytesAtRevision(rev: string, path: string): Promise<Buffer | undefined> {
    assertWorkspacePath(path);
    assertRevision(rev);
    const { prefix } = await this.repository();
    const [blob] = await this.readBlobs([`${rev}:${prefix}${path}`]);
    return blob;
  }

  async resolveRevision(rev: string): Promise<string | undefined> {
    assertRevision(rev);
    const out = await this.git(['rev-parse', '--quiet', '--verify', `${rev}^{commit}`]).catch(() => '');
    return out.trim() || undefined;
  }

  async listFilesAtRevision(rev: string, folder: string): Promise<string[]> {
    assertRevision(rev);
    assertWorkspacePath(folder);
    const { prefix } = await this.repository();
    // -z: paths verbatim (no quoting of unusual names); --full-tree: relative to the repository root.
    const out = await this.git([
      'ls-tree',
      '-r',
      '-z',
      '--name-only',
      '--full-tree',
      rev,
      '--',
      `${prefix}${folder}`,
    ]).catch(() => '');
    return out
      .split('\0')
      .filter((p) => p !== '' && p.startsWith(prefix))
      .map((p) => p.slice(prefix.length));
  }

  async localConfig(key: string): Promise<string | undefined> {
    assertConfigKey(key);
    await this.repository(); // outside the catch below: no repository is an error, not an unset key
    const out = await this.git(['config', '--local', '--get', key]).catch(() => '');
    return out.replace(/\n$/, '') || undefined;
  }

  async setLocalConfig(key: string, value: string): Promise<void> {
    assertConfigKey(key);
    await this.repository();
    await this.git(['config', '--local', key, value], { configWrites: [key] });
  }

  /** The bytes of `<rev>:<path>` objects (undefined when missing or not a blob), in one `cat-file --batch`. */
  async readBlobs(objects: readonly string[]): Promise<(Buffer | undefined)[]> {
    if (objects.length === 0) return [];
    const output = await this.gitBytes(['cat-file', '--batch'], { input: objects.map((o) => `${o}\n`).join('') });
    return parseBatch(output, objects.length);
  }

  async readJournal(): Promise<{ journal: OperationJournal; live: boolean } | undefined> {
    const { gitDir } = await this.repository();
    const journal = await readJournalFile(gitDir);
    if (!journal) return undefined;
    const owner = await readLockOwner(this.lockFile(gitDir));
    const live = owner !== 'gone' && owner !== undefined && owner.pid !== process.pid && ownerAlive(owner);
    return { journal, live };
  }

  async writeJournal(journal: OperationJournal): Promise<void> {
    await writeJournalFile((await this.repository()).gitDir, journal);
  }

  async clearJournal(): Promise<void> {
    await removeLeftovers((await this.repository()).gitDir);
  }

  async reachableFromHead(commit: string): Promise<boolean> {
    if (!/^[0-9a-f]{40,64}$/.test(commit)) return false;
    try {
      await this.git(['merge-base', '--is-ancestor', commit, 'HEAD']);
      return true;
    } catch {
      return false;
    }
  }

  async syncIndex(paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    for (const p of paths) assertWorkspacePath(p);
    try {
      await this.git(['reset', '--quiet', 'HEAD', '--', ...paths]);
    } catch (err) {
      throw stepFailure('update the index', err);
    }
  }
}
