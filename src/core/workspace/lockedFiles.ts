/**
 * Published and archived files are locked (docs/flow-format.md, the lifecycle): before one is copied
 * into a new draft or run by the simulator its text is checked against the sha256 the ledger
 * recorded and, where git is at hand, against its content at the publish tag. A tampered file is
 * refused, so a change nobody reviewed never reaches a draft or a test result.
 */
import type { FlowId } from '../ids';
import { LockedFileChangedError, WorkspaceCorruptError, WrongVersionStatusError } from '../errors';
import type { VersionEntry } from '../model';
import type { VersionControl } from '../ports';
import { sha256, type WorkspaceStore } from './store';

export async function requireUnchangedLockedFile(
  store: WorkspaceStore,
  flowId: FlowId,
  entry: VersionEntry,
  text: string,
  vcs?: VersionControl,
): Promise<void> {
  if (entry.status !== 'published' && entry.status !== 'archived') return;
  const { layout } = store;
  const file = layout.versionPath(flowId, entry.version);
  const tag = layout.tagName(flowId, entry.version);
  const refuse = (): never => {
    throw new LockedFileChangedError(file, flowId, entry.version, entry.status, tag);
  };
  if (entry.sha256 !== undefined && !hashesTo(text, entry.sha256)) refuse();
  if (vcs) {
    const [tagged] = await vcs.readAtRevisions([{ rev: tag, path: file }]);
    if (tagged !== undefined && normalizeEol(tagged) !== normalizeEol(text)) refuse();
  }
}

/**
 * A checkout with CRLF line ends (core.autocrlf) is the same text (docs/flow-format.md, section 2):
 * the one comparison of a locked file, for the copying verbs and for verify.
 */
export function hashesTo(text: string, expected: string): boolean {
  return sha256(text) === expected || sha256(normalizeEol(text)) === expected;
}

/** Texts that differ in line endings alone are the same text (see hashesTo); git's stored bytes are compared so too. */
export function normalizeEol(text: string): string {
  return text.replace(/\r\n/g, '\n');
}

/**
 * Puts a published or archived file back to its content at its publish tag, after a change on disk
 * (verify's `locked-file-changed`). No commit: it undoes a change that was never committed, so the
 * file, `git status` and verify are clean again. Returns whether the file changed.
 */
export async function restoreLockedFile(
  store: WorkspaceStore,
  flowId: FlowId,
  entry: VersionEntry,
  vcs: VersionControl,
): Promise<{ file: string; tag: string; changed: boolean }> {
  if (entry.status !== 'published' && entry.status !== 'archived') {
    throw new WrongVersionStatusError(
      flowId,
      entry.version,
      entry.status,
      'restore the locked file of',
      'Only published and archived versions are locked; a draft is changed by editing it and saving it.',
    );
  }
  const file = store.layout.versionPath(flowId, entry.version);
  const tag = store.layout.tagName(flowId, entry.version);
  const [tagged] = await vcs.readAtRevisions([{ rev: tag, path: file }]);
  if (tagged === undefined) {
    throw new WorkspaceCorruptError(
      'tag-missing-file',
      `Tag ${tag} does not hold ${file}, so v${entry.version} of "${flowId}" cannot be put back from it.`,
      `Run \`callflow verify\`; find the published text with \`git log -- ${file}\`.`,
    );
  }
  const before = await store.files.readText(file);
  const changed = before === undefined || normalizeEol(before) !== normalizeEol(tagged);
  if (changed) await store.files.writeText(file, tagged);
  return { file, tag, changed };
}
