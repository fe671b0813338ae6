import { stringify } from 'yaml';
import { parsePlainYaml } from '../yamlText';
import type { FlowManifest, LedgerStatus, VersionEntry } from '../model';
import { MAX_VERSION } from './layout';
import { fastParseManifest } from './manifestFastPath';

const LEDGER_STATUSES: readonly LedgerStatus[] = ['draft', 'published', 'archived', 'discarded'];
const TIMESTAMP_KEYS = ['createdAt', 'savedAt', 'publishedAt', 'archivedAt', 'discardedAt'] as const;

/** Key order of a ledger entry on disk: what a reviewer reads first comes first. */
const ENTRY_KEY_ORDER: readonly (keyof VersionEntry)[] = [
  'version',
  'status',
  'createdFrom',
  'createdAt',
  'savedAt',
  'publishedAt',
  'archivedAt',
  'discardedAt',
  'valid',
  'errors',
  'warnings',
  'sha256',
];

export interface ParsedManifest {
  manifest?: FlowManifest;
  /** Why the file is not a usable manifest (empty when it is). */
  problems: string[];
}

/** Reads a manifest; never throws. Unknown keys are ignored, wrong types are problems. */
export function parseManifest(text: string): ParsedManifest {
  let raw: unknown = fastParseManifest(text);
  if (raw === undefined) {
    const parsed = parsePlainYaml(text);
    if ('error' in parsed) return { problems: [`not valid YAML: ${parsed.error}`] };
    raw = parsed.value;
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return { problems: ['must be a map with name and versions'] };
  const record = raw as Record<string, unknown>;
  const problems: string[] = [];
  if (typeof record.name !== 'string' || record.name.trim() === '') problems.push('name is missing');
  if (record.description !== undefined && record.description !== null && typeof record.description !== 'string')
    problems.push('description must be text');
  if (!Array.isArray(record.versions)) {
    problems.push('versions must be a list');
    return { problems };
  }
  const versions: VersionEntry[] = [];
  record.versions.forEach((item: unknown, index: number) => {
    const where = `versions[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      problems.push(`${where} must be a map`);
      return;
    }
    const e = item as Record<string, unknown>;
    if (typeof e.version !== 'number' || !Number.isSafeInteger(e.version) || e.version < 1 || e.version > MAX_VERSION) {
      problems.push(`${where}.version must be a whole number from 1 to ${MAX_VERSION.toLocaleString('en-US')}`);
      return;
    }
    if (typeof e.status !== 'string' || !LEDGER_STATUSES.includes(e.status as LedgerStatus)) {
      problems.push(`${where}.status must be one of ${LEDGER_STATUSES.join(', ')}`);
      return;
    }
    const entry: VersionEntry = {
      version: e.version,
      status: e.status as LedgerStatus,
      createdFrom: typeof e.createdFrom === 'string' ? e.createdFrom : 'unknown',
      createdAt: stringOf(e.createdAt) ?? '',
    };
    for (const key of TIMESTAMP_KEYS) {
      const value = stringOf(e[key]);
      if (value !== undefined) entry[key] = value;
    }
    if (typeof e.valid === 'boolean') entry.valid = e.valid;
    if (typeof e.errors === 'number') entry.errors = e.errors;
    if (typeof e.warnings === 'number') entry.warnings = e.warnings;
    if (typeof e.sha256 === 'string') entry.sha256 = e.sha256;
    versions.push(entry);
  });
  if (problems.length > 0) return { problems };
  const manifest: FlowManifest = { name: record.name as string, versions };
  if (typeof record.description === 'string') manifest.description = record.description;
  return { manifest, problems };
}

/** A date read back by YAML 1.1 style parsers may come back as a Date; keep text. */
function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return undefined;
}

/** Deterministic text: fixed key order, versions ascending, no line folding. */
export function serializeManifest(manifest: FlowManifest): string {
  const versions = [...manifest.versions]
    .sort((a, b) => a.version - b.version)
    .map((entry) => {
      const ordered: Record<string, unknown> = {};
      for (const key of ENTRY_KEY_ORDER) if (entry[key] !== undefined) ordered[key] = entry[key];
      return ordered;
    });
  const body: Record<string, unknown> = { name: manifest.name };
  if (manifest.description !== undefined && manifest.description !== '') body.description = manifest.description;
  body.versions = versions;
  return stringify(body, { lineWidth: 0 });
}
