/**
 * How large each kind of workspace file may be. Files are refused before they are read or
 * parsed, so a huge file (or a symlink to /dev/zero) cannot make a tool hang or fill memory.
 * Each limit is far above what a real file needs and small enough that a file at the limit
 * parses in under a second (`npm run bench`, suite "limits"); README "Reliability" lists them.
 */
import { isScenarioFileName } from './scenarios/names';

export type LimitedFileKind = 'flow' | 'manifest' | 'numbers' | 'settings' | 'scenarios' | 'http-fixtures';

const KIB = 1024;
const MIB = 1024 * KIB;

export const FILE_SIZE_LIMITS: Readonly<Record<LimitedFileKind, number>> = {
  // A 200-step flow is about 20 KB; 1 MB is some 10,000 steps.
  flow: 1 * MIB,
  // A ledger entry is about 200 bytes: some 2,500 versions.
  manifest: 512 * KIB,
  // About 35 bytes a number: some 60,000 numbers.
  numbers: 2 * MIB,
  settings: 64 * KIB,
  // About 110 bytes a call: some 4,500 calls per file (a flow may have several files).
  scenarios: 512 * KIB,
  'http-fixtures': 1 * MIB,
};

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
  return bytes >= MIB ? `${(bytes / MIB).toFixed(1).replace(/\.0$/, '')} MB` : `${Math.ceil(bytes / KIB)} KB`;
}
