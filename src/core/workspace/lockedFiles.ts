/**
 * Published and archived files are locked (docs/flow-format.md, the lifecycle): before one is copied
 * into a new draft or run by the simulator its text is checked against the sha256 the ledger
 * recorded and, where git is at hand, against its content at the publish tag. A tampered file is
 * refused, so a change nobody reviewed never reaches a draft or a test result.
 */
import { LockedFileChangedError } from '../errors';
import type { VersionEntry } from '../model';
import type { VersionControl } from '../ports';
import { sha256, type WorkspaceStore } from './store';

export async function requireUnchangedLockedFile(
  store: WorkspaceStore,
  flowId: string,
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
