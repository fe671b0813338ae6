/**
 * How large each kind of workspace file may be. Files are refused before they are read or
 * parsed, so a huge file (or a symlink to /dev/zero) cannot make a tool hang or fill memory.
 * Each limit is far above what a real file needs and small enough that a file at the limit
 * parses in under a second (`npm run bench`, suite "limits"); docs/user-guide.md, "Limits, and what is refused", lists them.
 */
import { isScenarioFileName } from './scenarios/names';

export type LimitedFileKind =
  'flow' | 'manifest' | 'numbers' | 'settings' | 'scenarios' | 'http-fixtures' | 'import-source';

const KIB = 1024;
const MIB = 1024 * KIB;

export const FILE_SIZE_LIMITS: Readonly<Record<LimitedFileKind, number>> = {
  // A 200-step flow is about 20 KB; 512 KB is some 5,000 steps.
  flow: 512 * KIB,
  // A ledger entry is about 200 bytes: some 1,200 versions.
  manifest: 256 * KIB,
  // About 31 bytes a number in callflow's shape, read as lines (no YAML parse): some 270,000
  // numbers. A file in any other shape takes the full YAML parse and is held to
  // NUMBERS_FULL_PARSE_LIMIT, so that it still validates within a second.
  numbers: 8 * MIB,
  settings: 64 * KIB,
  // About 110 bytes a call: some 2,300 calls per file (a flow may have several files).
  scenarios: 256 * KIB,
  'http-fixtures': 256 * KIB,
  // An exported flow to import (never a workspace file): a 1,000-node Studio or Connect export is about 1 MB.
  'import-source': 4 * MIB,
};

/** numbers.yaml not in callflow's line shape is read by the full YAML parser: above this size it is refused. */
export const NUMBERS_FULL_PARSE_LIMIT = 1 * MIB;

/** Deeper YAML nesting than this is refused: no file of the format needs more than a dozen levels. */
export const MAX_YAML_DEPTH = 64;

const NAMED_KINDS: Readonly<Record<string, LimitedFileKind>> = {
  'callflow.yaml': 'settings',
  'numbers.yaml': 'numbers',
  'flow.yaml': 'manifest',
};

/** The kind of a workspace file from its name; any other file is read as a flow version. */
export function fileKindOf(path: string): LimitedFileKind {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return NAMED_KINDS[name] ?? (isScenarioFileName(name) ? 'scenarios' : 'flow');
}

export function sizeLimitOf(path: string): number {
  return FILE_SIZE_LIMITS[fileKindOf(path)];
}

export function describeSize(bytes: number): string {
  if (bytes >= MIB && bytes % (MIB / 4) === 0) return `${bytes / MIB} MB`;
  return `${Math.ceil(bytes / KIB).toLocaleString('en-US')} KB`;
}
