/**
 * A step's field set from the properties panel, as the smallest text edit: a scalar replaced
 * in its own quoting, a mapping changed key by key (an unchanged entry keeps its bytes), a
 * list rewritten only when it changed. Fields are those of docs/flow-format.md section 4.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { InvalidInputError } from '../errors';
import type { FlowEdit } from './gestures';
import type { TextEdit } from './textEdits';
import { formatScalar, keyText, YamlEditSource, type YamlPath } from './yamlEdits';

export type FieldValue = string | number | boolean | FieldValue[] | { [key: string]: FieldValue };

/** Sets (or, with `undefined`, removes) one field of a step. */
export function setStepField(text: string, step: string, field: string, value: FieldValue | undefined): FlowEdit {
  const source = new YamlEditSource(text);
  if (!source.map(['steps', step]))
    throw new InvalidInputError(
      'unknown-step',
      `This flow has no step "${step}".`,
      'Pick one of the steps on the canvas.',
    );
  if (field === 'type')
    throw new InvalidInputError('step-type-fixed', 'A step keeps its type.', 'Add a step of the other type instead.');
  const edits = assign(source, ['steps', step], field, value);
  return { edits, description: value === undefined ? `Clear ${step} ${field}` : `Set ${step} ${field}`, step };
}

function assign(source: YamlEditSource, parent: YamlPath, key: string, value: FieldValue | undefined): TextEdit[] {
  const path = [...parent, key];
  const node = source.node(path);
  if (value === undefined) return source.removeKeys(parent, [key]);
  if (node && sameValue(node, value)) return [];
  if (isPlain(value)) {
    const written = scalarText(value, isScalar(node) ? node.type : undefined);
    if (node?.range) return [{ start: node.range[0], end: node.range[1], newText: written }];
    return [source.setValue(parent, key, written)];
  }
  if (Array.isArray(value)) {
    const written = flowText(value);
    if (node?.range && !(isSeq(node) && !node.flow))
      return [{ start: node.range[0], end: node.range[1], newText: written }];
    if (isSeq(node) && node.range) {
      // A block list: the same items as a one-line list would change its look; rewrite its items' lines instead.
      const indent = ' '.repeat(source.columnOf(node.range[0]));
      const start = source.lineStartOf(node.range[0]);
      const lines = value.map((item) => `${indent}- ${isPlain(item) ? scalarText(item) : flowText(item)}\n`).join('');
      return [{ start, end: node.range[1], newText: lines }];
    }
    return [source.setValue(parent, key, written)];
  }
  const map = isMap(node) ? node : undefined;
  if (!map) {
    const written = flowText(value);
    if (node?.range) return [{ start: node.range[0], end: node.range[1], newText: written }];
    return [source.setValue(parent, key, written)];
  }
  const existing = map.items.map((p) => keyText(p) ?? '');
  const added = Object.keys(value).filter((k) => !existing.includes(k));
  const removed = existing.filter((k) => !(k in value));
  if (map.flow && (added.length > 0 || removed.length > 0)) {
    // A `{ … }` mapping whose keys change: written again on its line, unchanged entries as they were.
    // File order for the keys it had, then the new ones: a key added is an item added at the end.
    const order = [...existing.filter((k) => k in value), ...added];
    const items = order.map((k) => {
      const v = value[k]!;
      const pair = map.items.find((p) => keyText(p) === k);
      const child = pair?.value as Node | null | undefined;
      if (pair && child && sameValue(child, v) && isScalar(pair.key) && pair.key.range && child.range)
        return source.text.slice(pair.key.range[0], child.range[1]);
      return `${keyOf(k, map)}: ${isPlain(v) ? scalarText(v, siblingStyle(map)) : flowText(v)}`;
    });
    return [{ start: map.range![0], end: map.range![1], newText: items.length ? `{ ${items.join(', ')} }` : '{}' }];
  }
  const edits: TextEdit[] = [];
  for (const [k, v] of Object.entries(value)) if (existing.includes(k)) edits.push(...assign(source, path, k, v));
  if (removed.length) edits.push(...source.removeKeys(path, removed));
  if (added.length) {
    // One insertion for every new key, so they keep the order they were given in.
    const inserts = added.map((k) => {
      const v = value[k]!;
      return source.insertPair(map, k, isPlain(v) ? scalarText(v, siblingStyle(map)) : flowText(v));
    });
    edits.push({ start: inserts[0]!.start, end: inserts[0]!.end, newText: inserts.map((e) => e.newText).join('') });
  }
  return edits;
}

function isPlain(value: FieldValue): value is string | number | boolean {
  return typeof value !== 'object';
}

function scalarText(value: string | number | boolean, style?: string): string {
  if (typeof value !== 'string') return String(value);
  return formatScalar(value, style ?? 'QUOTE_DOUBLE');
}

/** A value on one line: `["09:00-17:00"]`, `{ tier: customer.tier }`. */
function flowText(value: FieldValue): string {
  if (isPlain(value)) return scalarText(value);
  if (Array.isArray(value)) return `[${value.map(flowText).join(', ')}]`;
  const entries = Object.entries(value).map(([k, v]) => `${formatScalar(k, 'PLAIN')}: ${flowText(v)}`);
  return entries.length ? `{ ${entries.join(', ')} }` : '{}';
}

function keyOf(key: string, map: { items: Array<{ key: unknown }> }): string {
  const first = map.items[0]?.key;
  return formatScalar(key, isScalar(first) ? first.type : 'PLAIN');
}

function siblingStyle(map: { items: Array<{ value: unknown }> }): string | undefined {
  const first = map.items.find((p) => isScalar(p.value))?.value;
  return isScalar(first) ? first.type : undefined;
}

function sameValue(node: Node, value: FieldValue): boolean {
  return JSON.stringify(node.toJSON()) === JSON.stringify(value);
}
