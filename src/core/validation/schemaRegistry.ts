/**
 * The JSON Schemas of schemas/ as validators: compiled at build time into standalone code
 * (scripts/schema-validators.js, with schemaCompiler.ts's options), so no process pays AJV's
 * compile at start, and the editor validates on every keystroke with what is already there.
 */
import type { ErrorObject } from 'ajv';
import flowVersionSchema from '../../../schemas/flow-version.schema.json';
import flowManifestSchema from '../../../schemas/flow-manifest.schema.json';
import numbersSchema from '../../../schemas/numbers.schema.json';
import settingsSchema from '../../../schemas/callflow-config.schema.json';
import * as generated from './generated/schemaValidators';
import { RULE_PATTERNS } from './glossary';
import type { FileKind } from './schemaKinds';

export { EDITOR_KEYWORDS, type FileKind } from './schemaKinds';

const SCHEMAS: Record<FileKind, object> = {
  flow: flowVersionSchema,
  manifest: flowManifestSchema,
  numbers: numbersSchema,
  settings: settingsSchema,
};

/** A generated validator: true when the value passes, else its errors are on `errors`. */
type SchemaValidator = ((value: unknown) => boolean) & { errors?: ErrorObject[] | null };

const VALIDATORS: Record<FileKind, SchemaValidator> = {
  flow: generated.flow,
  manifest: generated.manifest,
  numbers: generated.numbers,
  settings: generated.settings,
};

export function schemaOf(kind: FileKind): object {
  return SCHEMAS[kind];
}

/** Validates plain values against the schema of a file kind; [] when they pass. */
export function schemaErrors(kind: FileKind, value: unknown): ErrorObject[] {
  const validate = VALIDATORS[kind];
  return validate(value) ? [] : (validate.errors ?? []).filter((error) => !checkedByRules(error, validate.errors!));
}

/** A schema pattern that a semantic rule checks too, in its own words (and without blocking the simulator). */
function checkedByRules(error: ErrorObject, all: readonly ErrorObject[]): boolean {
  if (error.keyword === 'pattern') return RULE_PATTERNS.has(String(error.params.pattern));
  if (error.keyword !== 'propertyNames') return false;
  return all.some(
    (e) =>
      e.keyword === 'pattern' &&
      e.instancePath === error.instancePath &&
      e.schemaPath.startsWith(`${error.schemaPath}/`) &&
      RULE_PATTERNS.has(String(e.params.pattern)),
  );
}
