/**
 * Parsers of git's output, pure so that they are tested with strings: `cat-file --batch`, the log
 * records of lifecycle commits and the tags of `for-each-ref`. Each format sits beside its parser.
 */
import type { CommitInfo } from '../core/ports';

/** One commit per record (ends with RS), its fields separated by US: the message may hold newlines. */
export const COMMIT_RECORD_FORMAT = '%H%x1f%an%x1f%aI%x1f%s%x1f%B%x1e';

export function parseCommitRecords(out: string): CommitInfo[] {
  return out
    .split('\x1e')
    .map((r) => r.replace(/^\n/, ''))
    .filter((r) => r.trim() !== '')
    .map((record) => {
      const [commit, author, date, subject, message] = record.split('\x1f');
      return { commit: commit!, author: author!, date: date!, subject: subject!, message: (message ?? '').trim() };
    });
}

/** A tag's name, the commit an annotated tag points to (empty for a lightweight one), and the object. */
export const TAG_REF_FORMAT = '%(refname:strip=2)%09%(*objectname)%09%(objectname)';

/** Tag name to commit, for the tags under `prefix`. */
export function parseTagRefs(out: string, prefix: string): Map<string, string> {
  const tags = new Map<string, string>();
  for (const line of out.split('\n')) {
    const [name, peeled, object] = line.split('\t');
    if (name && name.startsWith(prefix)) tags.set(name, peeled || object!);
  }
  return tags;
}

/** The objects `cat-file --batch` printed, in the order asked: a blob's bytes, else undefined. */
export function parseBatch(output: Buffer, count: number): (Buffer | undefined)[] {
  const results: (Buffer | undefined)[] = [];
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
    results.push(match[1] === 'blob' ? output.subarray(offset, offset + size) : undefined);
    offset += size + 1;
  }
  while (results.length < count) results.push(undefined);
  return results;
}
