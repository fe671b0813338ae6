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

export type FileKind = 'flow' | 'manifest' | 'numbers' | 'settings';

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
  }
  return ajv;
}

export function schemaOf(kind: FileKind): object {
  return SCHEMAS[kind];
}

/** Validates plain values against the schema of a file kind; [] when they pass. */
export function schemaErrors(kind: FileKind, value: unknown): ErrorObject[] {
  let validate = validators.get(kind);
  if (!validate) {
    validate = compiler().compile(SCHEMAS[kind]);
    validators.set(kind, validate);
  }
  return validate(value) ? [] : [...(validate.errors ?? [])];
}
