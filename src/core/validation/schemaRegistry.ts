/**
 * The JSON Schemas of schemas/, compiled by AJV once per process (on first use) and reused:
 * compiling costs far more than validating, and the editor validates on every keystroke.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import flowVersionSchema from '../../../schemas/flow-version.schema.json';
import flowManifestSchema from '../../../schemas/flow-manifest.schema.json';
import numbersSchema from '../../../schemas/numbers.schema.json';
import settingsSchema from '../../../schemas/callflow-config.schema.json';
import { RULE_PATTERNS } from './glossary';

export type FileKind = 'flow' | 'manifest' | 'numbers' | 'settings';

/** The keywords of schemas/ that only editors read: completion, hover and snippets. */
export const EDITOR_KEYWORDS = [
  'markdownDescription',
  'enumDescriptions',
  'markdownEnumDescriptions',
  'defaultSnippets',
] as const;

const SCHEMAS: Record<FileKind, object> = {
  flow: flowVersionSchema,
  manifest: flowManifestSchema,
  numbers: numbersSchema,
  settings: settingsSchema,
};

let ajv: Ajv | undefined;
const validators = new Map<FileKind, ValidateFunction>();

function compiler(): Ajv {
  if (!ajv) {
    ajv = new Ajv({
      allErrors: true,
      // Each step is checked against the schema of its own `type` only, so a menu with a
      // typo reports that typo, not "does not match play, collect, ..." for all 13 types.
      discriminator: true,
      strictSchema: true,
      strictTypes: true,
      strictRequired: false,
      allowUnionTypes: true,
    });
    addFormats(ajv, ['date-time', 'date']);
    // Annotations for editors (VS Code, the Red Hat YAML extension): they validate nothing.
    ajv.addVocabulary([...EDITOR_KEYWORDS]);
  }
  return ajv;
}

/** Compiles a schema with the same options and keywords as the validation's own (for schemas/ as a whole). */
export function compileSchema(schema: object): ValidateFunction {
  const id = (schema as { $id?: unknown }).$id;
  const compiled = typeof id === 'string' ? compiler().getSchema(id) : undefined;
  return compiled ?? compiler().compile(schema);
}

export function schemaOf(kind: FileKind): object {
  return SCHEMAS[kind];
}

/** Validates plain values against the schema of a file kind; [] when they pass. */
export function schemaErrors(kind: FileKind, value: unknown): ErrorObject[] {
  let validate = validators.get(kind);
  if (!validate) {
    validate = compileSchema(SCHEMAS[kind]);
    validators.set(kind, validate);
  }
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
