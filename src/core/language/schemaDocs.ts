/**
 * Field documentation and shapes from the JSON Schemas of schemas/ (the one source of what a
 * field means): the schema node a key path names, the fields a step type takes, the types'
 * one-line descriptions.
 */
import { STEP_TYPES } from '../model';
import { schemaOf, type FileKind } from '../validation/schemaRegistry';

export interface SchemaNode {
  title?: string;
  description?: string;
  markdownDescription?: string;
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  examples?: unknown[];
  $ref?: string;
  anyOf?: Array<{ required?: string[] }>;
}

export interface FieldDoc {
  name: string;
  description: string;
  required: boolean;
  schema: SchemaNode;
}

function root(kind: FileKind): SchemaNode & { definitions?: Record<string, SchemaNode> } {
  return schemaOf(kind);
}

function resolve(kind: FileKind, node: SchemaNode | undefined): SchemaNode | undefined {
  if (!node?.$ref) return node;
  const name = /^#\/definitions\/(.+)$/.exec(node.$ref)?.[1];
  return name ? root(kind).definitions?.[name] : undefined;
}

/** The schema of a step type (`menu`), or undefined for an unknown type. */
export function stepTypeSchema(type: string): SchemaNode | undefined {
  return (STEP_TYPES as readonly string[]).includes(type) ? root('flow').definitions?.[type] : undefined;
}

/** The text shown for a schema node: its markdown description when it has one. */
export function describe(node: SchemaNode | undefined): string | undefined {
  return node?.markdownDescription ?? node?.description;
}

/**
 * The schema node at a key path of a file (list items are stepped through: `branches`, `when`).
 * In a flow version, a path below `steps/<id>` uses the schema of that step's `type`.
 */
export function schemaAt(kind: FileKind, path: readonly string[], stepType?: string): SchemaNode | undefined {
  let node: SchemaNode | undefined = root(kind);
  for (let i = 0; i < path.length && node; i++) {
    if (node.type === 'array' && node.items) node = resolve(kind, node.items);
    const segment = path[i]!;
    if (kind === 'flow' && i === 1 && path[0] === 'steps') {
      node = (stepType && stepTypeSchema(stepType)) || resolve(kind, root(kind).definitions?.step);
      continue;
    }
    const property: SchemaNode | undefined = node?.properties?.[segment];
    const additional = node?.additionalProperties;
    node = resolve(kind, property ?? (typeof additional === 'object' ? additional : undefined));
  }
  if (node?.type === 'array' && node.items && path.length === 0) return node;
  return node;
}

/** The fields a mapping at this path takes, required ones first, each with its description. */
export function fieldsAt(kind: FileKind, path: readonly string[], stepType?: string): FieldDoc[] {
  let node = schemaAt(kind, path, stepType);
  if (node?.type === 'array' && node.items) node = resolve(kind, node.items);
  const required = new Set(node?.required ?? []);
  const fields = Object.entries(node?.properties ?? {}).map(([name, schema]) => ({
    name,
    description: describe(schema) ?? '',
    required: required.has(name),
    schema: resolve(kind, schema) ?? schema,
  }));
  return fields.sort((a, b) => Number(b.required) - Number(a.required));
}
