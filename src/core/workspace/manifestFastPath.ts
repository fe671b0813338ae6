/**
 * A fast reader for manifests in exactly the shape serializeManifest writes, so that `list` on a
 * thousand flows does not pay for a full YAML parse of each. Anything outside that shape (comments,
 * block scalars, anchors, flow collections, unusual quoting, unknown keys) returns undefined and the
 * caller falls back to the full parser, so both always agree.
 */
import flowManifestSchema from '../../../schemas/flow-manifest.schema.json';
import { scalarText } from '../yamlText';

const TOP_LINE = /^(name|description): (.*)$/;
const ENTRY_START = /^ {2}- ([a-zA-Z0-9]+): (.*)$/;
const ENTRY_LINE = /^ {4}([a-zA-Z0-9]+): (.*)$/;
// The entry keys and their types come from the manifest schema, the one source of the ledger's shape.
const ENTRY_PROPERTIES: Record<string, { type?: string }> = flowManifestSchema.properties.versions.items.properties;
const keysOfType = (type: string): Set<string> =>
  new Set(Object.keys(ENTRY_PROPERTIES).filter((key) => ENTRY_PROPERTIES[key]!.type === type));
const INTEGER_KEYS = keysOfType('integer');
const STRING_KEYS = keysOfType('string');
const BOOLEAN_KEYS = keysOfType('boolean');
export function fastParseManifest(text: string): Record<string, unknown> | undefined {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const record: Record<string, unknown> = {};
  let versions: Record<string, unknown>[] | undefined;
  let current: Record<string, unknown> | undefined;
  for (const line of lines) {
    if (versions === undefined) {
      if (line === 'versions:') {
        versions = [];
        continue;
      }
      const top = TOP_LINE.exec(line);
      if (!top || top[1]! in record) return undefined;
      const value = scalarText(top[2]!);
      if (value === undefined) return undefined;
      record[top[1]!] = value;
      continue;
    }
    let match = ENTRY_START.exec(line);
    if (match) {
      current = {};
      versions.push(current);
    } else {
      match = ENTRY_LINE.exec(line);
      if (!match || !current) return undefined;
    }
    const [, key, raw] = match as unknown as [string, string, string];
    if (key in current) return undefined;
    if (INTEGER_KEYS.has(key)) {
      if (!/^(0|[1-9][0-9]{0,14})$/.test(raw)) return undefined;
      current[key] = Number(raw);
    } else if (BOOLEAN_KEYS.has(key)) {
      if (raw !== 'true' && raw !== 'false') return undefined;
      current[key] = raw === 'true';
    } else if (STRING_KEYS.has(key)) {
      const value = scalarText(raw);
      if (value === undefined) return undefined;
      current[key] = value;
    } else {
      return undefined;
    }
  }
  if (versions === undefined) return undefined;
  record.versions = versions;
  return record;
}
