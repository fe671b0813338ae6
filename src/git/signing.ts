/**
 * Lifecycle commits and tags signed as `git commit` and `git tag` sign them (user.signingkey,
 * gpg.format, gpg.program and the rest are git's own business).
 *
 * `git commit-tree` does not read `commit.gpgsign` (git stopped it in 2.9), so the commit is
 * signed with `-S` when that setting is on. When git would sign the tag (`tag.gpgsign`,
 * `tag.forceSignAnnotated`), the tag object is made by `git tag` itself, so git signs it as it
 * would — but the tag ref
 * must not exist before HEAD moves (no tag for a commit HEAD never got): a `reference-transaction`
 * hook, for that one command, records the object git made and aborts git's own ref update. The
 * ref is then created in the same transaction that moves HEAD.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { SigningFailedError, VersionControlError } from '../core/errors';
import { cleanGitMessage, GitCommandError, NOTHING_CHANGED } from './gitState';
import type { GitVersionControl } from './gitVersionControl';

export interface SigningSettings {
  /** `commit.gpgsign`: `git commit` would sign, so commit-tree gets `-S`. */
  commits: boolean;
  /** `tag.gpgsign` or `tag.forceSignAnnotated`: `git tag -F` would sign, so the tag is made by `git tag`. */
  tags: boolean;
}

const SIGNING_KEYS = '^(commit\\.gpgsign|tag\\.gpgsign|tag\\.forcesignannotated)$';

/** What git would sign, as git reads its settings (every config file, includes), in one git call. */
export async function signingSettings(git: GitVersionControl): Promise<SigningSettings> {
  let listed: string;
  try {
    listed = await git.git(['config', '--type=bool', '--get-regexp', SIGNING_KEYS]);
  } catch (err) {
    if (err instanceof GitCommandError && err.exitCode === 1) return { commits: false, tags: false }; // none set
    throw err;
  }
  // The last value of a key wins, as for git itself.
  const values = new Map<string, boolean>();
  for (const line of listed.split('\n')) {
    const [key, value] = line.trim().split(/\s+/);
    if (key) values.set(key, value === 'true');
  }
  return {
    commits: values.get('commit.gpgsign') === true,
    tags: values.get('tag.gpgsign') === true || values.get('tag.forcesignannotated') === true,
  };
}

/** The hook that records the ref update `git tag` prepared, then refuses it. */
const RECORD_AND_ABORT = [
  '#!/bin/sh',
  '# callflow: record the tag object git made; its ref is created with the commit reaching HEAD.',
  'test "$1" = prepared || exit 0',
  'cat >"$CALLFLOW_TAG_UPDATE"',
  'exit 1',
  '',
].join('\n');

export interface TagRequest {
  name: string;
  message: string;
}

/**
 * Makes the annotated tag object for `commit` with `git tag` (signed when git signs tags), without
 * creating its ref; returns the object's id. `workDir` is an empty folder of the caller's.
 */
export async function makeTag(
  git: GitVersionControl,
  commit: string,
  tag: TagRequest,
  workDir: string,
): Promise<string> {
  const hooks = path.join(workDir, 'hooks');
  const messageFile = path.join(workDir, 'message');
  const update = path.join(workDir, 'update');
  await fs.mkdir(hooks, { recursive: true });
  await Promise.all([
    fs.writeFile(path.join(hooks, 'reference-transaction'), RECORD_AND_ABORT, { mode: 0o755 }),
    fs.writeFile(messageFile, tag.message),
  ]);
  const failure = await git
    .git(['-c', `core.hooksPath=${hooks}`, 'tag', '--cleanup=whitespace', '-F', messageFile, tag.name, commit], {
      env: { CALLFLOW_TAG_UPDATE: update },
      stoppable: true, // signing may wait on the user (a passphrase, a security key): an interruption stops it
    })
    .then(
      () => undefined, // not reached: the hook refuses the ref update (git >= 2.36 runs it, as `git hook run` needs)
      (err: unknown) => err,
    );
  const recorded = await fs.readFile(update, 'utf8').catch(() => '');
  const object = /^[0-9a-f]+ ([0-9a-f]{40,64}) refs\/tags\//.exec(recorded)?.[1];
  // git reports some signing failures but still makes an unsigned tag (ssh format, git 2.39): any error counts.
  const errors = errorLines(failure);
  if (object && errors.length === 0) return object;
  if (/already exists/.test(errors.join(' ')) || /already exists/.test(messageOf(failure))) throw tagExists(tag.name);
  if (signingWords(errors.join(' ') || messageOf(failure)))
    throw new SigningFailedError('tag', await tagSigningSetting(git), gitsWords(errors));
  throw failure instanceof Error ? failure : new VersionControlError(`git tag made no tag object. ${NOTHING_CHANGED}`);
}

/** The error of a commit-tree -S that failed: a signing failure when git says it could not sign. */
export function commitSigningFailure(err: unknown): SigningFailedError | undefined {
  const text = err instanceof GitCommandError ? err.stderr : messageOf(err);
  return signingWords(text)
    ? new SigningFailedError('commit', 'commit.gpgsign', gitsWords(text.split('\n')))
    : undefined;
}

export function tagExists(name: string): VersionControlError {
  return new VersionControlError(
    `Could not create tag ${name}: it exists already. ${NOTHING_CHANGED}`,
    `See it with \`git show ${name}\`; delete it (\`git tag -d ${name}\`) only if it is not a real publish.`,
  );
}

/** Lines git printed as errors (`error:`/`fatal:`), without the one our hook's refusal causes. */
function errorLines(err: unknown): string[] {
  const text = err instanceof GitCommandError ? err.stderr : '';
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^(error|fatal):/.test(line) && !/ref updates aborted by hook/.test(line));
}

/** What git said, as one sentence inside ours: without its `error:` prefixes and closing stops. */
function gitsWords(lines: readonly string[]): string {
  const said = lines.map((line) => line.trim().replace(/^(error|fatal|warning): /, '')).filter(Boolean);
  return cleanGitMessage(said.join('; ')).replace(/[.?!\s]+$/, '');
}

function signingWords(text: string): boolean {
  return /\b(sign|signing|signature)\b|gpg|ssh-keygen|public key|secret key/i.test(text);
}

/** Which setting made git sign the tag, for the message saying what to turn off. */
async function tagSigningSetting(git: GitVersionControl): Promise<string> {
  const on = async (key: string) =>
    (await git.git(['config', '--type=bool', '--get', key]).catch(() => '')).trim() === 'true';
  return !(await on('tag.gpgsign')) && (await on('tag.forceSignAnnotated')) ? 'tag.forceSignAnnotated' : 'tag.gpgsign';
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
