import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Pair, type YAMLMap } from 'yaml';
import { parsePlainYaml } from '../yamlText';
import type { FlowManifest, ImportSource, LedgerStatus, VersionEntry } from '../model';
import { MAX_VERSION } from './workspaceLayout';
import { fastParseManifest } from './manifestFastPath';

/** The ledger's draft entry (a flow has at most one). */
export function draftOf(manifest: FlowManifest): VersionEntry | undefined {
  return manifest.versions.find((v) => v.status === 'draft');
}

/** The ledger's published entry (a flow has at most one). */
export function publishedOf(manifest: FlowManifest): VersionEntry | undefined {
  return manifest.versions.find((v) => v.status === 'published');
}

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
  const imported = importSourceOf(record.importedFrom);
  if (imported) manifest.importedFrom = imported;
  SOURCES.set(manifest, text);
  return { manifest, problems };
}

function importSourceOf(value: unknown): ImportSource | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { dialect, file, sha256 } = value as Record<string, unknown>;
  if (typeof dialect !== 'string' || typeof file !== 'string' || typeof sha256 !== 'string') return undefined;
  return { dialect, file, sha256 };
}

/** A date read back by YAML 1.1 style parsers may come back as a Date; keep text. */
function stringOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  return undefined;
}

/** The text each parsed manifest came from, so that saving it keeps the file's comments and unknown keys. */
const SOURCES = new WeakMap<FlowManifest, string>();

/**
 * The manifest's text: fixed key order, versions ascending, no line folding. A manifest read from a
 * file is written back into that file's YAML document, so its comments (and keys callflow does not
 * know) survive; one made from scratch is written fresh.
 */
export function serializeManifest(manifest: FlowManifest): string {
  const source = SOURCES.get(manifest);
  if (source !== undefined) {
    const doc = parseDocument(source, { uniqueKeys: true });
    if (doc.errors.length === 0 && isMap(doc.contents)) return updateDocument(doc, doc.contents, manifest);
  }
  return freshManifest(manifest);
}

function freshManifest(manifest: FlowManifest): string {
  const versions = [...manifest.versions].sort((a, b) => a.version - b.version).map(entryRecord);
  const body: Record<string, unknown> = { name: manifest.name };
  if (manifest.description !== undefined && manifest.description !== '') body.description = manifest.description;
  if (manifest.importedFrom) body.importedFrom = { ...manifest.importedFrom };
  body.versions = versions;
  return stringify(body, { lineWidth: 0 });
}

function entryRecord(entry: VersionEntry): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const key of ENTRY_KEY_ORDER) if (entry[key] !== undefined) ordered[key] = entry[key];
  return ordered;
}

function updateDocument(doc: Document, root: YAMLMap, manifest: FlowManifest): string {
  setOrdered(doc, root, { name: manifest.name, description: manifest.description || undefined }, [
    'name',
    'description',
  ]);
  const versions = root.get('versions', true);
  const seq = isSeq(versions) ? versions : undefined;
  const existing = new Map<number, YAMLMap>();
  for (const item of seq?.items ?? []) {
    const version = isMap(item) ? item.get('version') : undefined;
    if (isMap(item) && typeof version === 'number' && !existing.has(version)) existing.set(version, item);
  }
  const items = [...manifest.versions]
    .sort((a, b) => a.version - b.version)
    .map((entry) => {
      const node = existing.get(entry.version);
      if (!node) return doc.createNode(entryRecord(entry));
      setOrdered(doc, node, entryRecord(entry), ENTRY_KEY_ORDER);
      return node;
    });
  if (seq) seq.items = items;
  else root.set('versions', doc.createNode(items));
  return doc.toString({ lineWidth: 0 });
}

/**
 * Sets `keys` of `map` to `values` (undefined: removed), in `keys` order ahead of any other key,
 * keeping each existing pair's node (and so its comments).
 */
function setOrdered(doc: Document, map: YAMLMap, values: Record<string, unknown>, keys: readonly string[]): void {
  const pairs: Pair<unknown, unknown>[] = map.items;
  const keyOf = (pair: Pair<unknown, unknown>): unknown => (isScalar(pair.key) ? pair.key.value : pair.key);
  const known: Pair<unknown, unknown>[] = [];
  for (const key of keys) {
    const value = values[key];
    const pair = pairs.find((p) => keyOf(p) === key);
    if (value === undefined) continue;
    if (pair && isScalar(pair.value) && (typeof value !== 'object' || value === null)) {
      pair.value.value = value;
      known.push(pair);
    } else if (pair) {
      pair.value = doc.createNode(value);
      known.push(pair);
    } else {
      known.push(doc.createPair(key, value));
    }
  }
  const others = pairs.filter((p) => !keys.some((key) => key === keyOf(p)));
  map.items = [...known, ...others];
}
