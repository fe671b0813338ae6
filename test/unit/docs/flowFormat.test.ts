/**
 * docs/flow-format.md is the reference users read; schemas/ is what the tools enforce. These
 * tests keep the two naming the same step types, fields and settings, and keep code comments
 * citing the reference inside the repository.
 */
import * as assert from 'node:assert';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { STEP_TYPES } from '../../../src/core/model';
import { doc, ROOT, section, tableNames } from './referenceText';

interface SchemaNode {
  properties?: Record<string, SchemaNode>;
  definitions?: Record<string, SchemaNode>;
  items?: SchemaNode;
}
const schema = (name: string): SchemaNode =>
  JSON.parse(readFileSync(path.join(ROOT, 'schemas', name), 'utf8')) as SchemaNode;

describe('docs/flow-format.md agrees with schemas/', () => {
  const version = schema('flow-version.schema.json');

  it('documents every step type of the schema, and no other', () => {
    const documented = [...doc.matchAll(/^### `([a-z-]+)` — /gm)].map((m) => m[1]);
    const inSchema = Object.keys(version.definitions ?? {}).filter((name) => name !== 'step');
    assert.deepStrictEqual([...documented].sort(), [...inSchema].sort());
    assert.deepStrictEqual([...inSchema].sort(), [...STEP_TYPES].sort());
  });

  for (const type of STEP_TYPES) {
    it(`names exactly the schema's fields of "${type}"`, () => {
      const text = section(new RegExp(`^### \`${type}\` — `));
      assert.ok(text, `docs/flow-format.md has no section for ${type}`);
      const fields = Object.keys(version.definitions?.[type]?.properties ?? {}).filter((f) => f !== 'type');
      assert.deepStrictEqual(tableNames(text).sort(), fields.sort());
    });
  }

  it('names exactly the settings of callflow.yaml', () => {
    const text = section(/^## 1\. A flow workspace/);
    assert.ok(text);
    assert.deepStrictEqual(
      tableNames(text).sort(),
      Object.keys(schema('callflow-config.schema.json').properties ?? {}).sort(),
    );
  });

  it('names every field of a manifest ledger entry', () => {
    const text = section(/^## 3\. The manifest/);
    assert.ok(text);
    const manifest = schema('flow-manifest.schema.json');
    const entry = manifest.properties?.['versions']?.items;
    assert.ok(entry?.properties?.['sha256'], 'the manifest schema has a version entry with sha256');
    for (const field of Object.keys(entry.properties ?? {})) {
      assert.ok(text.includes(`\`${field}\``), `section 3 does not name the ledger field ${field}`);
    }
  });
});

describe('code comments cite the reference inside the repository', () => {
  it('no source, test or script names a path outside the repository', () => {
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ts|js|yaml)$/.test(name) && /\.\.\/shared\//.test(readFileSync(full, 'utf8')))
          offenders.push(path.relative(ROOT, full));
      }
    };
    for (const dir of ['src', 'test', 'bench', 'scripts', 'media']) walk(path.join(ROOT, dir));
    assert.deepStrictEqual(offenders, []);
  });
});
