/**
 * The schemas of schemas/ as other YAML tools should get them (the Red Hat YAML extension):
 * every description, example, enum value and snippet for completion and hover, but no keyword
 * that validates, so that our validation stays the one source of problems and no problem is
 * shown twice. Derived, never written twice.
 */
import flowVersionSchema from '../../../schemas/flow-version.schema.json';
import flowManifestSchema from '../../../schemas/flow-manifest.schema.json';
import numbersSchema from '../../../schemas/numbers.schema.json';
import settingsSchema from '../../../schemas/callflow-config.schema.json';
import scenariosSchema from '../../../schemas/call-scenarios.schema.json';
import type { WorkspaceFileRole } from '../workspace/fileRoles';

export type EditorSchemaKind = 'flow' | 'manifest' | 'numbers' | 'settings' | 'scenarios';

const SOURCES: Record<EditorSchemaKind, object> = {
  flow: flowVersionSchema,
  manifest: flowManifestSchema,
  numbers: numbersSchema,
  settings: settingsSchema,
  scenarios: scenariosSchema,
};

/** Keywords that can fail; what is left describes and suggests. */
const VALIDATING = new Set([
  'required',
  'propertyNames',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'format',
  'type',
  'anyOf',
  'discriminator',
]);

export function editorSchemaKind(role: WorkspaceFileRole): EditorSchemaKind {
  return role.kind === 'version' ? 'flow' : role.kind;
}

const derived = new Map<EditorSchemaKind, string>();

/** The non-validating schema of a file kind, as JSON text. */
export function editorSchemaText(kind: EditorSchemaKind): string {
  let text = derived.get(kind);
  if (text === undefined) {
    text = JSON.stringify(withoutValidation(SOURCES[kind]));
    derived.set(kind, text);
  }
  return text;
}

function withoutValidation(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutValidation);
  if (node === null || typeof node !== 'object') return node;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (VALIDATING.has(key) || (key === 'additionalProperties' && typeof value === 'boolean')) continue;
    if (key === 'properties' || key === 'definitions') result[key] = schemasByName(value);
    else if (key === 'enum') result.examples = value;
    else if (key === 'const') result.examples = [value];
    else if (key === 'oneOf') result.allOf = (value as unknown[]).map(byStepType);
    else result[key] = withoutValidation(value);
  }
  return result;
}

/** A map of names to schemas (`properties`): the names are fields, not keywords. */
function schemasByName(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([name, schema]) => [name, withoutValidation(schema)]));
}

/** A step's schema applies when its `type` says so; `if` never reports a problem. */
function byStepType(alternative: unknown): unknown {
  const ref = (alternative as { $ref?: unknown }).$ref;
  const type = typeof ref === 'string' ? ref.slice(ref.lastIndexOf('/') + 1) : undefined;
  return type ? { if: { properties: { type: { const: type } } }, then: { $ref: ref } } : withoutValidation(alternative);
}

/** The URI under which another YAML tool asks for a kind's schema (and back: undefined for any other). */
export function editorSchemaUri(kind: EditorSchemaKind): string {
  return `callflow-schema://schemas/${kind}.json`;
}

export function editorSchemaKindOfUri(uri: string): EditorSchemaKind | undefined {
  const kind = /^callflow-schema:\/\/schemas\/([a-z]+)\.json$/.exec(uri)?.[1];
  return kind !== undefined && Object.hasOwn(SOURCES, kind) ? (kind as EditorSchemaKind) : undefined;
}
