/**
 * The user's pre-commit, prepare-commit-msg and commit-msg hooks run during a lifecycle commit, on
 * its temporary index, as `git commit` runs them. A hook may act on the repository while it runs:
 * stage other files (`git add -A`), edit the operation's own files, or make a commit. Afterwards
 * the operation's commit must still hold only its own files, and the user's index and working tree
 * must end as they were plus the operation; where that cannot be had, the operation is undone and
 * the error says what the hook did.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LifecycleRefusedError, VersionControlError } from '../core/errors';
import { normalizeEol } from '../core/workspace/lockedFiles';
import type { CommitRequest } from '../core/ports';
import type { GitVersionControl, RepositoryInfo } from './gitVersionControl';

const UNDONE = 'The operation was undone: its files are as they were, and it made no commit.';
const HOOK_HINT =
  'callflow runs pre-commit, prepare-commit-msg and commit-msg as `git commit` does; change the hook so that it only checks, or run the command again once the hook is fixed.';

/** After one hook: HEAD is where it was, and the operation's files hold what the operation wrote. */
export async function requireUntouchedByHook(
  git: GitVersionControl,
  hook: string,
  parent: string | undefined,
  request: CommitRequest,
): Promise<void> {
  const head = await git.head();
  if (head !== parent) {
    const subject = head ? (await git.git(['log', '-1', '--format=%s', head]).catch(() => '')).trim() : '';
    // Another commit landed meanwhile: a refusal by the state of git (exit 3), as docs/flow-format.md says.
    throw new LifecycleRefusedError(
      'commit-during-hook',
      `A commit was made while the ${hook} hook ran (HEAD moved from ${short(parent)} to ${short(head)}${subject ? `, "${subject}"` : ''}), so this operation's commit would no longer be on top of what it checked. ${UNDONE} The commit made meanwhile is left as it is.`,
      `See what it holds with \`git show --stat ${short(head)}\`. ${HOOK_HINT}`,
    );
  }
  const changed: string[] = [];
  for (const [file, expected] of request.expected ?? new Map<string, string | undefined>()) {
    const now = await fs.readFile(path.join(git.root, file), 'utf8').catch(() => undefined);
    const same =
      now === undefined || expected === undefined ? now === expected : normalizeEol(now) === normalizeEol(expected);
    if (!same) changed.push(file);
  }
  if (changed.length > 0) {
    // Undone means the hook's edits too: each file gets back what callflow read (or wrote) and
    // validated, which is what it held before the hook ran; the operation's rollback does the rest.
    const expected = request.expected!;
    await Promise.all(
      changed.map((file) => {
        const text = expected.get(file);
        const target = path.join(git.root, file);
        return (text === undefined ? fs.rm(target, { force: true }) : fs.writeFile(target, text)).catch(
          () => undefined,
        );
      }),
    );
    throw new VersionControlError(
      `The ${hook} hook changed ${changed.join(', ')} while callflow committed ${changed.length === 1 ? 'it' : 'them'}, so what would be committed is not what callflow validated. ${UNDONE}`,
      `A hook that reformats files must leave flow files alone (or run \`callflow validate\` instead). ${HOOK_HINT}`,
    );
  }
}

/**
 * Paths the hooks staged in the temporary index besides the operation's own (a `git add -A`):
 * repository-relative, for `dropStaged`. One `diff-index` against the parent.
 */
export async function stagedBesides(
  git: GitVersionControl,
  repository: RepositoryInfo,
  parent: string | undefined,
  request: CommitRequest,
  staged: Record<string, string>,
): Promise<string[]> {
  const base = parent ?? (await git.git(['hash-object', '-t', 'tree', '/dev/null'])).trim();
  const out = await git.git(['diff-index', '--cached', '--name-only', '--no-renames', '-z', base], { env: staged });
  const own = new Set(request.paths.map((p) => `${repository.prefix}${p}`));
  return out.split('\0').filter((p) => p !== '' && !own.has(p));
}

function short(commit: string | undefined): string {
  return commit ? commit.slice(0, 12) : '(no commit)';
}
