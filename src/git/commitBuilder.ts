/**
 * How one lifecycle commit is made, in the order that keeps every interruption recoverable:
 * objects first (tree, commit, tag), then one ref transaction that moves HEAD only if it is still
 * the commit's parent and creates the tag with it, then the user's index. Until the ref
 * transaction nothing visible has changed; after it the operation is done.
 */
import { constants as fsConstants, promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  CallflowError,
  HeadMovedError,
  InterruptedError,
  StoredContentMismatchError,
  VersionControlError,
} from '../core/errors';
import type { CommitRequest, CommitResult } from '../core/ports';
import { normalizeEol } from '../core/workspace/lockedFiles';
import { runGit, stopRunningHooks } from './gitProcess';
import { gitStepFailure, hookFailure, NOTHING_CHANGED, stepFailure, unmergedError } from './gitState';
import { requireUntouchedByHook, stagedBesides } from './hookGuard';
import { commitSigningFailure, makeTag, signingSettings, tagExists } from './signing';
import type { GitVersionControl, RepositoryInfo } from './gitVersionControl';

const ZERO = '0000000000000000000000000000000000000000';

interface BuildOptions {
  tempIndex: string;
  messageFile: string;
  /** A folder (not yet made) for making the tag object. */
  tagDir: string;
  signal?: AbortSignal;
}

export async function buildCommit(
  git: GitVersionControl,
  repository: RepositoryInfo,
  request: CommitRequest,
  options: BuildOptions,
): Promise<CommitResult> {
  const { signal, tempIndex, messageFile, tagDir } = options;
  const checkInterrupted = (): void => {
    if (signal?.aborted) throw interruption(signal);
  };
  const step = stepsIn(repository.gitDir);
  const onAbort = (): void => stopRunningHooks();
  signal?.addEventListener('abort', onAbort);
  try {
    checkInterrupted();
    // Independent reads, in parallel: each git process costs a few milliseconds.
    const [{ head: parent, hooks }, unmerged, signing, tagger] = await Promise.all([
      step('read HEAD', () => git.headAndHooks()),
      git.unmergedPaths(),
      step('read the signing settings', () => signingSettings(git)),
      request.tag ? step('read your identity', () => git.git(['var', 'GIT_COMMITTER_IDENT'])) : undefined,
    ]);
    const sign = signing.commits;
    if (unmerged.length > 0) throw unmergedError(unmerged);
    const staged = { GIT_INDEX_FILE: tempIndex };
    const stage = async (): Promise<void> => {
      await step('prepare the commit', () =>
        git.git(parent ? ['read-tree', parent] : ['read-tree', '--empty'], { env: staged }),
      );
      await step('stage the files', () =>
        git.git(['update-index', '--add', '--remove', '--', ...request.paths], { env: staged }),
      );
    };
    await stage();
    await fs.writeFile(messageFile, request.message).catch((err: unknown) => {
      throw stepFailure('write the commit message', err);
    });

    // The hooks `git commit` runs, as it runs them: on the index being committed, with the message file.
    // After each, HEAD and the operation's files must be as they were (hookGuard.ts).
    let hooksRan = false;
    for (const [hook, args] of [
      ['pre-commit', []],
      ['prepare-commit-msg', [messageFile, 'message']],
      ['commit-msg', [messageFile]],
    ] as const) {
      if (!(await runHook(git, hooks, hook, [...args], staged, checkInterrupted))) continue;
      hooksRan = true;
      await requireUntouchedByHook(git, hook, parent, request);
    }
    // Files a hook staged besides the operation's own (`git add -A`) are not this operation's: the
    // index is made again, so the commit holds the operation's files only.
    if (hooksRan && (await stagedBesides(git, repository, parent, request, staged)).length > 0) await stage();
    const message = cleanupMessage(await fs.readFile(messageFile, 'utf8'));
    if (message === '')
      throw new VersionControlError(`The commit-msg hook emptied the commit message. ${NOTHING_CHANGED}`);
    await fs.writeFile(messageFile, message);

    const tree = (await step('write the tree', () => git.git(['write-tree'], { env: staged }))).trim();
    // The commit object is made while the stored bytes are checked; if they differ it is left dangling, unreferenced.
    const [, made] = await Promise.all([
      checkStoredContent(git, repository, tree, request, step),
      step('create the commit', async () => {
        const args = [
          'commit-tree',
          tree,
          ...(parent ? ['-p', parent] : []),
          ...(sign ? ['-S'] : []),
          '-F',
          messageFile,
        ];
        try {
          return await git.git(args, { stoppable: sign });
        } catch (err) {
          checkInterrupted();
          throw (sign && commitSigningFailure(err)) || err;
        }
      }),
    ]);
    const commit = made.trim();
    const tagObject = request.tag
      ? await step(`create tag ${request.tag.name}`, async () => {
          try {
            return signing.tags
              ? await makeTag(git, commit, request.tag!, tagDir)
              : await makeUnsignedTag(git, commit, request.tag!, tagger!.trim());
          } catch (err) {
            checkInterrupted();
            throw err;
          }
        })
      : undefined;

    await request.prepared?.({
      commit,
      ...(parent ? { parent } : {}),
      ...(request.tag ? { tag: request.tag.name } : {}),
    });
    checkInterrupted(); // the last moment at which an interruption still changes nothing

    const subject = message.split('\n')[0] ?? '';
    const updates =
      `update HEAD ${commit} ${parent ?? ZERO}\n` +
      (request.tag && tagObject ? `create refs/tags/${request.tag.name} ${tagObject}\n` : '');
    try {
      await git.git(['update-ref', '-m', `commit${parent ? '' : ' (initial)'}: ${subject}`, '--stdin'], {
        input: updates,
        shielded: true,
      });
    } catch (err) {
      // A transaction reported as failed may still have been applied (git killed after it): HEAD says.
      if ((await git.head()) !== commit) throw await refFailure(git, err, request.tag?.name, parent, repository.gitDir);
    }

    // Done: from here on nothing is undone. The user's index gets the committed entries of these paths.
    const indexUpdated = await git
      .git(['update-index', '--add', '--remove', '--', ...request.paths])
      .then(() => true)
      .catch(() => false);
    if (await hookExists(hooks, 'post-commit'))
      await runGit(['hook', 'run', '--ignore-missing', 'post-commit'], { cwd: git.root, group: 'stoppable' }).catch(
        () => undefined,
      );
    return {
      commit,
      ...(request.tag ? { tag: request.tag.name } : {}),
      ...(indexUpdated ? {} : { indexPending: true }),
    };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

type Step = <T>(what: string, run: () => Promise<T>) => Promise<T>;

/**
 * Runs one git step; its failure becomes a typed error saying what could not be done (and that
 * nothing changed), unless the step already said it in the core's terms.
 */
function stepsIn(gitDir: string): Step {
  return async (what, run) => {
    try {
      return await run();
    } catch (err) {
      throw err instanceof CallflowError ? err : await gitStepFailure(what, err, gitDir);
    }
  };
}

function interruption(signal: AbortSignal): InterruptedError {
  const reason: unknown = signal.reason;
  return reason instanceof InterruptedError
    ? reason
    : new InterruptedError(typeof reason === 'string' ? reason : 'an interruption');
}

/** git runs a hook only when its file is executable; checking first saves starting git for each absent one. */
async function hookExists(dir: string, hook: string): Promise<boolean> {
  return fs
    .access(path.join(dir, hook), fsConstants.X_OK)
    .then(() => true)
    .catch(() => false);
}

async function runHook(
  git: GitVersionControl,
  dir: string,
  hook: string,
  args: string[],
  env: Record<string, string>,
  checkInterrupted: () => void,
): Promise<boolean> {
  if (!(await hookExists(dir, hook))) return false;
  const run = await runGit(['hook', 'run', '--ignore-missing', hook, '--', ...args], {
    cwd: git.root,
    env: { ...env, GIT_EDITOR: ':' },
    group: 'stoppable',
  }).catch((err: unknown) => {
    throw stepFailure(`run the ${hook} hook`, err);
  });
  checkInterrupted();
  if (run.code !== 0) throw hookFailure(hook, `${run.stderr}\n${run.stdout.toString('utf8')}`);
  return true;
}

/** git commit's default cleanup of a message given with -F: trailing spaces, runs of blank lines, blank ends. */
/**
 * An unsigned annotated tag object for `commit`, as `git tag -F` makes it when it does not sign: one
 * `mktag` and no hook, so the common case costs what it did before signing was supported.
 */
async function makeUnsignedTag(
  git: GitVersionControl,
  commit: string,
  tag: { name: string; message: string },
  tagger: string,
): Promise<string> {
  const object = `object ${commit}\ntype commit\ntag ${tag.name}\ntagger ${tagger}\n\n${cleanupMessage(tag.message)}`;
  return (await git.git(['mktag'], { input: object })).trim();
}

function cleanupMessage(text: string): string {
  const lines = text.split('\n').map((l) => l.replace(/\s+$/, ''));
  const kept = lines.filter((line, i) => line !== '' || (i > 0 && lines[i - 1] !== ''));
  while (kept.length > 0 && kept[0] === '') kept.shift();
  while (kept.length > 0 && kept[kept.length - 1] === '') kept.pop();
  return kept.length > 0 ? kept.join('\n') + '\n' : '';
}

/** What git put in the tree for the validated paths must be those bytes (line endings aside). */
async function checkStoredContent(
  git: GitVersionControl,
  repository: RepositoryInfo,
  tree: string,
  request: CommitRequest,
  step: Step,
): Promise<void> {
  const expected = [...(request.expected ?? new Map<string, string | undefined>())];
  if (expected.length === 0) return;
  const stored = await step('read back the staged files', () =>
    git.readBlobs(expected.map(([p]) => `${tree}:${repository.prefix}${p}`)),
  );
  const changed = expected
    .filter(([, text], i) => {
      const blob = stored[i];
      if (text === undefined) return blob !== undefined;
      return blob === undefined || normalizeEol(blob.toString('utf8')) !== normalizeEol(text);
    })
    .map(([p]) => p);
  if (changed.length > 0) throw new StoredContentMismatchError(changed);
}

async function refFailure(
  git: GitVersionControl,
  err: unknown,
  tag: string | undefined,
  parent: string | undefined,
  gitDir: string,
): Promise<Error> {
  const text = err instanceof Error ? err.message : String(err);
  if (tag && text.includes(`refs/tags/${tag}`) && /exists/.test(text)) return tagExists(tag);
  if (/'HEAD'|HEAD/.test(text) && /(is at|expected|exists|unable to resolve)/i.test(text)) {
    const branch = (await git.git(['symbolic-ref', '--short', '-q', 'HEAD']).catch(() => 'HEAD')).trim() || 'HEAD';
    return new HeadMovedError(branch, parent, await git.head());
  }
  return gitStepFailure('move HEAD and the tag', err, gitDir);
}
