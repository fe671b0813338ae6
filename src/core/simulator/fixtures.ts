/**
 * The http fixture file of `callflow simulate --http FIXTURE.yaml`:
 *
 *   "GET https://crm.example.com/customers/+14155550123": { status: 200, body: { tier: gold } }
 *   https://crm.example.com/health: { status: 503 }
 *
 * (or the same map under a top-level `http:` key, as in a call scenario).
 */
import { isMap, isScalar, type Node } from 'yaml';
import { InvalidInputError } from '../errors';
import { nullRecord } from '../records';
import { assertYamlSize, parseYaml, positionOf, toPlainValue } from '../yamlText';
import { checkHttpFixtures } from './inputs';
import type { HttpFixture } from './types';

export function parseHttpFixturesText(text: string, file: string): Record<string, HttpFixture> {
  assertYamlSize(text, file, 'http-fixtures');
  const parsed = parseYaml(text);
  const first = parsed.errors[0];
  if (first) {
    const { line, column } = positionOf(parsed.lineCounter, first.pos[0]);
    throw new InvalidInputError(
      'invalid-http-fixtures',
      `${file}:${line}:${column}: ${first.message.split('\n')[0]}`,
      'Fix the YAML of the fixture file.',
    );
  }
  let root: unknown = parsed.document.contents;
  if (isMap(root) && root.items.length === 1 && isScalar(root.items[0]!.key) && root.items[0]!.key.value === 'http') {
    root = root.items[0]!.value;
  }
  if (root !== null && !isMap(root)) {
    const { line, column } = positionOf(parsed.lineCounter, (root as Node).range?.[0] ?? 0);
    throw new InvalidInputError(
      'invalid-http-fixtures',
      `${file}:${line}:${column}: expected a map of "METHOD url" to { status, body }.`,
    );
  }
  if (root === null) return {};
  const plain = toPlainValue(parsed.document);
  if ('error' in plain) throw new InvalidInputError('invalid-http-fixtures', `${file}: ${plain.error}`);
  const map = plain.value as Record<string, unknown>;
  const values = (map['http'] !== undefined && Object.keys(map).length === 1 ? map['http'] : map) as Record<
    string,
    HttpFixture
  >;
  const fixtures = nullRecord<HttpFixture>();
  for (const item of root.items) {
    const key = isScalar(item.key) ? String(item.key.value) : String(item.key);
    try {
      checkHttpFixtures({ [key]: values[key]! });
    } catch (err) {
      const { line, column } = positionOf(parsed.lineCounter, (item.key as Node | null)?.range?.[0] ?? 0);
      throw new InvalidInputError(
        'invalid-http-fixtures',
        `${file}:${line}:${column}: ${(err as Error).message}`,
        (err as InvalidInputError).hint,
      );
    }
    fixtures[key] = values[key]!;
  }
  return fixtures;
}
