/**
 * The one adapter that runs git. Implements the core's VersionControl port with simple-git.
 *
 * A lifecycle commit is made in a temporary index (GIT_INDEX_FILE) built from HEAD plus the
 * operation's paths, so the user's other staged and unstaged changes are neither committed nor
 * touched, while `git commit` still runs the user's pre-commit and commit-msg hooks. Only after
 * the commit and the tag succeed are the real index entries of those paths updated. Any failure
 * moves HEAD and the tag back, so refs, tags and the index end as they were.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { simpleGit, type SimpleGit } from 'simple-git';
import { VersionControlError } from '../core/errors';
import type { CommitInfo, CommitRequest, CommitResult, RevisionFile, VersionControl } from '../core/ports';
import { acquireLock, type LockOptions } from './workspaceLock';

export interface GitVersionControlOptions extends LockOptions {
  /** The git executable (default `git` on PATH). */
  binary?: string;
}

interface RepositoryInfo {
  /** Absolute git dir (per worktree). */
  gitDir: string;
  /** The workspace folder relative to the repository root, with a trailing slash ('' at the root). */
  prefix: string;
}

/**
 * simple-git refuses to pass environment variables such as EDITOR, PAGER or GIT_CONFIG_GLOBAL
 * unless allowed. They come from the user's own environment (their identity may live in
 * GIT_CONFIG_GLOBAL), and the arguments this adapter builds never carry -c, --template or
 * similar, so the user's environment is passed through as is.
 */
const USER_ENVIRONMENT = {
  allowUnsafeEditor: true,
  allowUnsafeAskPass: true,
  allowUnsafeConfigPaths: true,
  allowUnsafeConfigEnvCount: true,
  allowUnsafeDiffExternal: true,
  allowUnsafePager: true,
  allowUnsafeGitProxy: true,
  allowUnsafeTemplateDir: true,
  allowUnsafeSshCommand: true,
  allowUnsafeHooksPath: true,
  allowUnsafeFsMonitor: true,
  allowUnsafeCredentialHelper: true,
  allowUnsafeGpgProgram: true,
  allowUnsafeFilter: true,
};

const NOTHING_CHANGED = 'Nothing was changed: files, index, HEAD and tags are as they were.';

/** The environment git runs in: ours, minus variables that would redirect it to another index or repository. */
function gitEnvironment(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && key !== 'GIT_INDEX_FILE') env[key] = value;
  }
  return { ...env, GIT_TERMINAL_PROMPT: '0', ...extra };
}

/**
 * simple-git waits 50 ms after a command that printed nothing before it reports completion. Plumbing
 * commands (read-tree, update-index, tag, update-ref) print nothing, which would add 50 ms to each;
 * with GIT_TRACE they write a trace line to stderr and complete at once. Trace lines are removed
 * from error messages. Never used for `git commit`, so the user's hooks run in their usual environment.
 */
const QUIET_COMMAND_ENV = { GIT_TRACE: '1' };

export class GitVersionControl implements VersionControl {
  private readonly git: SimpleGit;
  private readonly plumbing: SimpleGit;
  private info?: RepositoryInfo;

  constructor(
    readonly root: string,
    private readonly options: GitVersionControlOptions = {},
  ) {
    this.git = this.client();
    this.plumbing = this.client(QUIET_COMMAND_ENV);
  }

  private client(extraEnv: Record<string, string> = {}): SimpleGit {
    return simpleGit({
      baseDir: this.root,
      binary: this.options.binary ?? 'git',
      maxConcurrentProcesses: 4,
      trimmed: false,
      unsafe: USER_ENVIRONMENT,
    }).env(gitEnvironment(extraEnv));
  }

  async ensureRepository(): Promise<{ created: boolean }> {
    try {
      const inside = await this.git.raw(['rev-parse', '--is-inside-work-tree']);
      if (inside.trim() === 'true') return { created: false };
    } catch {
      // not a repository: make one below
    }
    try {
      await this.git.raw(['init', '--quiet']);
    } catch (err) {
      throw new VersionControlError(
        `git init failed in ${this.root}: ${gitMessage(err)}`,
        'Check that git is installed and the folder is writable.',
        err,
      );
    }
    this.info = undefined;
    return { created: true };
  }

  private async repository(): Promise<RepositoryInfo> {
    if (!this.info) {
      try {
        const [gitDir, prefix] = (await this.git.raw(['rev-parse', '--absolute-git-dir', '--show-prefix'])).split('\n');
        this.info = { gitDir: gitDir!.trim(), prefix: (prefix ?? '').trim() };
      } catch (err) {
        throw new VersionControlError(
          `${this.root} is not inside a git repository: ${gitMessage(err)}`,
          'Run `git init` (or `callflow init`) there first.',
          err,
        );
      }
    }
    return this.info;
  }

  async exclusive<T>(operation: () => Promise<T>): Promise<T> {
    const { gitDir } = await this.repository();
    const release = await acquireLock(path.join(gitDir, 'callflow.lock'), this.options);
    try {
      return await operation();
    } finally {
      await release();
    }
  }

  async commit(request: CommitRequest): Promise<CommitResult> {
    if (request.paths.length === 0) throw new VersionControlError('Nothing to commit.', undefined);
    for (const p of request.paths) assertWorkspacePath(p);
    if (request.tag) assertTagName(request.tag.name);
    const { gitDir } = await this.repository();
    if (existsSync(path.join(gitDir, 'index.lock'))) {
      throw new VersionControlError(
        `Another git process is using this repository (${path.join(gitDir, 'index.lock')} exists). ${NOTHING_CHANGED}`,
        'Wait for it to finish and try again. If no git process is running, delete that index.lock file.',
      );
    }
    const token = `${process.pid}-${randomBytes(4).toString('hex')}`;
    const tempIndex = path.join(gitDir, `callflow-index-${token}`);
    const messageFile = path.join(gitDir, `callflow-msg-${token}`);
    const staged = this.client({ GIT_INDEX_FILE: tempIndex });
    const stagedPlumbing = this.client({ GIT_INDEX_FILE: tempIndex, ...QUIET_COMMAND_ENV });
    const previous = await this.head();
    let created: string | undefined;
    let tagged = false;
    try {
      await fs.writeFile(messageFile, request.message);
      await this.step('prepare the commit', () =>
        stagedPlumbing.raw(previous ? ['read-tree', previous] : ['read-tree', '--empty']),
      );
      await this.step('stage the files', () =>
        stagedPlumbing.raw(['update-index', '--add', '--remove', '--', ...request.paths]),
      );
      try {
        // Not --quiet: its summary line is output, so simple-git sees the command finish at once.
        await staged.raw(['commit', '--no-edit', '-F', messageFile]);
      } catch (err) {
        throw commitFailure(err);
      }
      created = await this.head();
      if (!created || created === previous)
        throw new VersionControlError(`git commit did not create a commit. ${NOTHING_CHANGED}`);
      if (request.tag) {
        await fs.writeFile(messageFile, request.tag.message);
        await this.step(`create tag ${request.tag.name}`, () =>
          this.plumbing.raw(['tag', '--annotate', '--file', messageFile, request.tag!.name, created!]),
        );
        tagged = true;
      }
      await this.step('update the index', () =>
        this.plumbing.raw(['update-index', '--add', '--remove', '--', ...request.paths]),
      );
      return { commit: created, ...(request.tag ? { tag: request.tag.name } : {}) };
    } catch (err) {
      const undo = await this.undo(previous, created, tagged ? request.tag?.name : undefined);
      if (err instanceof VersionControlError) {
        if (undo) err.message += ` ${undo}`;
        throw err;
      }
      throw new VersionControlError(`git failed: ${gitMessage(err)}. ${undo ?? NOTHING_CHANGED}`, undefined, err);
    } finally {
      await Promise.all([tempIndex, `${tempIndex}.lock`, messageFile].map((f) => fs.rm(f, { force: true })));
    }
  }

  /** Moves HEAD back and deletes the tag; returns a warning when that itself failed. */
  private async undo(
    previous: string | undefined,
    created: string | undefined,
    tag: string | undefined,
  ): Promise<string | undefined> {
    const failures: string[] = [];
    if (tag) {
      await this.plumbing
        .raw(['tag', '--delete', tag])
        .catch((e) => failures.push(`delete tag ${tag} (${gitMessage(e)})`));
    }
    if (created) {
      const args = previous
        ? ['update-ref', '-m', 'callflow: roll back failed operation', 'HEAD', previous, created]
        : ['update-ref', '-d', 'HEAD', created];
      await this.plumbing
        .raw(args)
        .catch((e) => failures.push(`move HEAD back to ${previous ?? 'no commit'} (${gitMessage(e)})`));
    }
    return failures.length > 0
      ? `Rolling back also failed: could not ${failures.join(' and ')}; check \`git log\` and \`git tag\`.`
      : undefined;
  }

  private async head(): Promise<string | undefined> {
    const out = await this.git.raw(['rev-parse', '--quiet', '--verify', 'HEAD^{commit}']).catch(() => '');
    return out.trim() || undefined;
  }

  private async step<T>(what: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (err) {
      const text = gitMessage(err);
      if (/index\.lock/.test(text)) {
        throw new VersionControlError(
          `Could not ${what}: another git process is using this repository (index.lock exists). ${NOTHING_CHANGED}`,
          'Wait for it to finish and try again. If no git process is running, delete .git/index.lock.',
          err,
        );
      }
      throw new VersionControlError(`Could not ${what}: ${text}. ${NOTHING_CHANGED}`, undefined, err);
    }
  }

  async commitsWithTrailer(key: string, value: string): Promise<CommitInfo[]> {
    if (!/^[A-Za-z0-9-]+$/.test(key)) throw new RangeError(`Bad trailer key: ${key}`);
    if (!(await this.head())) return [];
    const pattern = `^${escapeRegExp(key)}: ${escapeRegExp(value)}$`;
    const out = await this.git.raw([
      'log',
      '--format=%H%x1f%an%x1f%aI%x1f%s%x1f%B%x1e',
      '--extended-regexp',
      `--grep=${pattern}`,
      'HEAD',
      '--',
      '.',
    ]);
    return out
      .split('\x1e')
      .map((r) => r.replace(/^\n/, ''))
      .filter((r) => r.trim() !== '')
      .map((record) => {
        const [commit, author, date, subject, message] = record.split('\x1f');
        return { commit: commit!, author: author!, date: date!, subject: subject!, message: (message ?? '').trim() };
      });
  }

  async tags(prefix: string): Promise<Map<string, string>> {
    const tags = new Map<string, string>();
    const pattern = `refs/tags/${prefix.replace(/\/+$/, '')}`;
    const out = await this.git.raw([
      'for-each-ref',
      '--format=%(refname:strip=2)%09%(*objectname)%09%(objectname)',
      pattern,
    ]);
    for (const line of out.split('\n')) {
      const [name, peeled, object] = line.split('\t');
      if (name && name.startsWith(prefix)) tags.set(name, peeled || object!);
    }
    return tags;
  }

  async readAtRevisions(files: readonly RevisionFile[]): Promise<(string | undefined)[]> {
    if (files.length === 0) return [];
    const { prefix } = await this.repository();
    for (const f of files) {
      assertWorkspacePath(f.path);
      if (/[\n\s]/.test(f.rev) || f.rev.startsWith('-')) throw new RangeError(`Bad revision: ${f.rev}`);
    }
    const input = files.map((f) => `${f.rev}:${prefix}${f.path}\n`).join('');
    const output = await this.batch(['cat-file', '--batch'], input);
    return parseBatch(output, files.length);
  }

  /** `git cat-file --batch` needs stdin, which simple-git does not offer: this one command is spawned directly. */
  private batch(args: string[], input: string): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const child = spawn(this.options.binary ?? 'git', args, {
        cwd: this.root,
        env: gitEnvironment(),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      const chunks: Buffer[] = [];
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => chunks.push(c));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('error', (err) =>
        reject(new VersionControlError(`Could not run git: ${err.message}`, 'Check that git is installed.', err)),
      );
      child.on('close', (code) => {
        if (code === 0) resolve(Buffer.concat(chunks));
        else reject(new VersionControlError(`git ${args.join(' ')} failed: ${stderr.trim()}`));
      });
      child.stdin.end(input);
    });
  }
}

function parseBatch(output: Buffer, count: number): (string | undefined)[] {
  const results: (string | undefined)[] = [];
  let offset = 0;
  while (results.length < count && offset < output.length) {
    const newline = output.indexOf(0x0a, offset);
    const header = output.subarray(offset, newline).toString('utf8');
    offset = newline + 1;
    const match = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!match) {
      results.push(undefined); // "<object> missing" or "ambiguous"
      continue;
    }
    const size = Number(match[2]);
    results.push(match[1] === 'blob' ? output.subarray(offset, offset + size).toString('utf8') : undefined);
    offset += size + 1;
  }
  while (results.length < count) results.push(undefined);
  return results;
}

function commitFailure(err: unknown): VersionControlError {
  const text = gitMessage(err);
  if (/index\.lock/.test(text)) {
    return new VersionControlError(
      `git commit failed: another git process is using this repository (index.lock exists). ${NOTHING_CHANGED}`,
      'Wait for it to finish and try again. If no git process is running, delete .git/index.lock.',
      err,
    );
  }
  if (/tell me who you are|user\.email|user\.name/i.test(text)) {
    return new VersionControlError(
      `git commit failed: git does not know who you are. ${NOTHING_CHANGED}`,
      'Set your name and email: `git config user.name "Your Name"` and `git config user.email you@example.com`.',
      err,
    );
  }
  return new VersionControlError(
    `git commit was rejected (a pre-commit or commit-msg hook, or git itself): ${text || 'no output'}. ${NOTHING_CHANGED}`,
    'Fix what the hook reports (or run the hook by hand to see why it fails), then run the operation again.',
    err,
  );
}

function gitMessage(err: unknown): string {
  const text = (err instanceof Error ? err.message : String(err))
    .split('\n')
    .filter((line) => !TRACE_LINE.test(line))
    .join('\n');
  return text
    .trim()
    .replace(/\s*\n\s*/g, ' | ')
    .slice(0, 2000);
}

const TRACE_LINE = /^\d\d:\d\d:\d\d\.\d+ \S+:\d+ +trace: /;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A workspace-relative path the core built: no absolute paths, no `..`, no leading dash, no control characters. */
function assertWorkspacePath(p: string): void {
  if (
    p === '' ||
    p.startsWith('/') ||
    p.startsWith('-') ||
    /(^|\/)\.\.?(\/|$)/.test(p) ||
    // eslint-disable-next-line no-control-regex -- control characters are what this check rejects
    /[\u0000-\u001f\\]/.test(p)
  ) {
    throw new RangeError(`Refusing an unsafe path: ${JSON.stringify(p)}`);
  }
}

/** The tag names the core builds; checked again here because they reach a git argument. */
function assertTagName(name: string): void {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_/-]*\/v[1-9][0-9]*$/.test(name) || name.includes('//') || name.includes('..')) {
    throw new RangeError(`Refusing an unsafe tag name: ${JSON.stringify(name)}`);
  }
}
