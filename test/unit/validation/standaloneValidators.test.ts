/**
 * The validators every process runs are generated at build time from schemas/ (AJV standalone code,
 * scripts/schema-validators.js). These tests hold them to schemas/: the generated file is what
 * schemas/ compiles to now, and on valid documents and a spread of broken ones it answers exactly
 * as AJV compiling schemas/ at run time does, errors included.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { compileSchema, SCHEMA_SOURCES } from '../../../src/core/validation/schemaCompiler';
import type { FileKind } from '../../../src/core/validation/schemaKinds';
import * as generated from '../../../src/core/validation/generated/schemaValidators';
import { fixture } from './support';

const ROOT = path.resolve(__dirname, '../../../..');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build script, plain Node
const generator = require(path.join(ROOT, 'scripts/schema-validators.js')) as {
  schemaValidatorsSource: () => string;
  OUTPUT: string;
};

type Validator = ((value: unknown) => boolean) & { errors?: unknown[] | null };
const GENERATED = generated as unknown as Record<FileKind, Validator>;

const VALID: Record<FileKind, unknown[]> = {
  flow: [parse(fixture('sample-v1.yaml')), parse(fixture('every-step.yaml'))],
  manifest: [
    {
      name: 'Support Line',
      description: 'Main support number',
      versions: [
        { version: 1, status: 'archived', createdFrom: 'template', createdAt: '2026-11-20T09:00:00Z' },
        { version: 2, status: 'published', createdFrom: 'v1', createdAt: '2026-11-24T14:00:00Z', valid: true },
      ],
    },
    {
      name: 'Billing',
      versions: [{ version: 1, status: 'draft', createdFrom: 'template', createdAt: '2026-12-01T08:00:00Z' }],
    },
  ],
  numbers: [{ numbers: { '+14155550100': { flow: 'support-line', label: 'Main line' } } }, { numbers: {} }],
  settings: [{}, { flowsDir: 'flows', timezone: 'Europe/Paris' }],
};

/** What a validator says about a value: whether it passes, and its errors. */
function verdict(validate: Validator, value: unknown): { ok: boolean; errors: unknown } {
  const ok = validate(value);
  return { ok, errors: ok ? null : JSON.parse(JSON.stringify(validate.errors)) };
}

function assertAgree(kind: FileKind, value: unknown): void {
  const atRunTime = compileSchema(SCHEMA_SOURCES[kind]) as Validator;
  assert.deepStrictEqual(verdict(GENERATED[kind], value), verdict(atRunTime, value), JSON.stringify(value));
}

/** The document with the value at `at` (a path of keys, wrapped onto what exists) replaced. */
function replaced(document: unknown, at: number[], value: unknown): unknown {
  if (at.length === 0 || document === null || typeof document !== 'object') return value;
  const copy = (Array.isArray(document) ? [...(document as unknown[])] : { ...document }) as Record<string, unknown>;
  const keys = Object.keys(copy);
  if (keys.length === 0) return value;
  const key = keys[at[0]! % keys.length]!;
  copy[key] = replaced(copy[key], at.slice(1), value);
  return copy;
}

describe('standalone schema validators (generated from schemas/ at build time)', () => {
  it('are what schemas/ compiles to now (the build regenerates them; nobody edits them)', () => {
    assert.strictEqual(fs.readFileSync(generator.OUTPUT, 'utf8'), generator.schemaValidatorsSource());
  });

  it('accept the valid documents of each kind, as AJV at run time does', () => {
    for (const kind of Object.keys(VALID) as FileKind[])
      for (const value of VALID[kind]) {
        assert.strictEqual(GENERATED[kind](value), true, `${kind}: ${JSON.stringify(GENERATED[kind].errors)}`);
        assertAgree(kind, value);
      }
  });

  it('give the same verdict and the same errors as AJV at run time on broken documents', () => {
    const kinds = Object.keys(VALID) as FileKind[];
    fc.assert(
      fc.property(
        fc.constantFrom(...kinds.flatMap((kind) => VALID[kind].map((value) => ({ kind, value })))),
        fc.array(fc.nat(40), { maxLength: 6 }),
        fc.jsonValue({ maxDepth: 2 }),
        ({ kind, value }, at, replacement) => assertAgree(kind, replaced(value, at, replacement)),
      ),
      { numRuns: 400, seed: 18 },
    );
  });
});
