/**
 * AJV as our validation runs it: the options and keywords schemas/ is compiled with. The build
 * (scripts/schema-validators.js) compiles schemas/ with it into standalone validators once, so no
 * process compiles a schema at start; tests compile with it to check those validators agree.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import flowVersionSchema from '../../../schemas/flow-version.schema.json';
import flowManifestSchema from '../../../schemas/flow-manifest.schema.json';
import numbersSchema from '../../../schemas/numbers.schema.json';
import settingsSchema from '../../../schemas/callflow-config.schema.json';
import { EDITOR_KEYWORDS, type FileKind } from './schemaKinds';

/** The schema of each file kind, as schemas/ holds it. */
export const SCHEMA_SOURCES: Record<FileKind, { $id: string }> = {
  flow: flowVersionSchema,
  manifest: flowManifestSchema,
  numbers: numbersSchema,
  settings: settingsSchema,
};

/** A new AJV with our options; `standalone` keeps the source of each compiled validator for the build. */
export function createSchemaCompiler(standalone = false): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    // Each step is checked against the schema of its own `type` only, so a menu with a
    // typo reports that typo, not "does not match play, collect, ..." for all 13 types.
    discriminator: true,
    strictSchema: true,
    strictTypes: true,
    strictRequired: false,
    allowUnionTypes: true,
    ...(standalone ? { code: { source: true, esm: true } } : {}),
  });
  addFormats(ajv, ['date-time', 'date']);
  // Annotations for editors (VS Code, the Red Hat YAML extension): they validate nothing.
  ajv.addVocabulary([...EDITOR_KEYWORDS]);
  return ajv;
}

let shared: Ajv | undefined;

/** Compiles a schema with the same options and keywords as the validation's own (for schemas/ as a whole). */
export function compileSchema(schema: object): ValidateFunction {
  shared ??= createSchemaCompiler();
  const id = (schema as { $id?: unknown }).$id;
  const compiled = typeof id === 'string' ? shared.getSchema(id) : undefined;
  return compiled ?? shared.compile(schema);
}
