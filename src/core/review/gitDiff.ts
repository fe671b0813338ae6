/**
 * What `git diff`, `git log -p` and `git show` print for a version file once `callflow
 * git-setup` made callflow its diff driver: git's header, the semantic diff in words (as
 * `#` lines, so nothing reads it as a hunk), then the line diff of the file.
 */
import { unifiedDiff } from '../lifecycle/unifiedDiff';
import { compareVersions, isSameForCallers, readVersionText } from './compare';
import { comparisonLines, versionLabel } from './format';
import { listJourneys } from './journeys';

export interface VersionFileDiff {
  /** The path git gives (repository-relative). */
  path: string;
  flow: string;
  version: number;
  /** Undefined: the file is new (or deleted, for `newText`). */
  oldText: string | undefined;
  newText: string | undefined;
  /** For a new file: the version it was made from (`createdFrom`), to say what changed against it. */
  predecessor?: { version: number; text: string };
}

export function versionFileGitDiff(input: VersionFileDiff): string {
  const { path } = input;
  const lines = [`diff --git a/${path} b/${path}`];
  if (input.oldText === undefined) lines.push('new file mode 100644');
  if (input.newText === undefined) lines.push('deleted file mode 100644');
  const before =
    input.oldText !== undefined
      ? { version: input.version, text: input.oldText }
      : (input.predecessor ?? { version: 'none', text: '' });
  if (input.newText !== undefined) {
    const after = { version: input.version, text: input.newText };
    const comparison = compareVersions(input.flow, before, after);
    const title =
      input.oldText === undefined
        ? `# callflow: ${input.flow} ${versionLabel(after.version)} against ${versionLabel(before.version)}, for callers:`
        : `# callflow: ${input.flow} ${versionLabel(after.version)} changed, for callers:`;
    lines.push(title);
    if (isSameForCallers(comparison)) lines.push('#   no change for callers');
    else for (const line of comparisonLines(comparison)) lines.push(`#   ${line}`);
  }
  const text = unifiedDiff(
    input.oldText ?? '',
    input.newText ?? '',
    input.oldText === undefined ? '/dev/null' : `a/${path}`,
    input.newText === undefined ? '/dev/null' : `b/${path}`,
  );
  return `${lines.join('\n')}\n${text}`;
}

/**
 * The textconv of a version file (what `git log -p` and `git show` diff, as they run no
 * external driver without --ext-diff): its journeys as `#` lines, then the file. A changed
 * route then shows as a changed journey line above the changed YAML.
 */
export function versionFileTextconv(flow: string, text: string): string {
  const plain = readVersionText(text);
  if (plain === undefined) return text;
  const { journeys, truncated } = listJourneys(plain, flow);
  const lines = ['# callflow: how calls go through this version (the file follows)'];
  for (const journey of journeys) lines.push(`#   ${journey.description} → ${journey.outcomeText}`);
  if (truncated) lines.push('#   … (more journeys than listed)');
  return `${lines.join('\n')}\n${text}`;
}
