/**
 * A step's exits under the names the simulator gives them (`next`, a menu key, `branch-2`,
 * `no-input`), so a diff, a journey and `simulate --json` name the same exit the same way.
 */
import { type FlowSteps, asRecord, type StepFields } from '../validation/flowSteps';

/** Exit name -> the step it names, in the order the file lists them. */
export function exitTargets(steps: FlowSteps, id: string): Map<string, string> {
  return shapeOf(steps, id).exits;
}

interface StepShape {
  exits: Map<string, string>;
  /** The exit fields of the step (`next`, `no-input`…), not content. */
  exitFields: Set<string>;
  content?: Map<string, unknown>;
}

// A diff asks for the same step's exits and content several times: read each step once.
const shapes = new WeakMap<FlowSteps, Map<string, StepShape>>();

function shapeOf(steps: FlowSteps, id: string): StepShape {
  let byId = shapes.get(steps);
  if (!byId) shapes.set(steps, (byId = new Map<string, StepShape>()));
  let shape = byId.get(id);
  if (!shape) {
    shape = { exits: new Map(), exitFields: new Set() };
    for (const exit of steps.exitsOf(id)) {
      shape.exits.set(simulatedExitName(exit.path), exit.target);
      if (exit.path.length === 3) shape.exitFields.add(String(exit.path[2]));
    }
    byId.set(id, shape);
  }
  return shape;
}

function simulatedExitName(path: readonly (string | number)[]): string {
  if (path[2] === 'options') return String(path[3]);
  if (path[2] === 'branches') return `branch-${Number(path[3]) + 1}`;
  return String(path[2]);
}

/**
 * The fields of a step that say what it does rather than where it goes: every field but the
 * exits, with each condition branch's test as `branch-N.when`. Keys are the diff's field names.
 */
export function contentFields(steps: FlowSteps, id: string): Map<string, unknown> {
  const shape = shapeOf(steps, id);
  if (shape.content) return shape.content;
  const step: StepFields = steps.get(id) ?? {};
  const exitFields = shape.exitFields;
  const type = steps.typeOf(id);
  const fields = new Map<string, unknown>();
  for (const [key, value] of Object.entries(step)) {
    if (exitFields.has(key)) continue;
    if (type === 'menu' && key === 'options') continue;
    if (type === 'condition' && key === 'branches' && Array.isArray(value)) {
      value.forEach((branch, index) => fields.set(`branch-${index + 1}.when`, asRecord(branch)?.when ?? branch));
      continue;
    }
    const record = asRecord(value);
    // Maps of named entries (hours per day, set values, http save) change entry by entry.
    if (record && MAP_FIELDS.has(key)) {
      for (const [entry, entryValue] of Object.entries(record)) fields.set(`${key}.${entry}`, entryValue);
      continue;
    }
    fields.set(key, value);
  }
  shape.content = fields;
  return fields;
}

const MAP_FIELDS = new Set(['hours', 'values', 'save']);

/** Equality of plain YAML values (key order of mappings does not matter). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = Object.keys(x);
  if (keys.length !== Object.keys(y).length) return false;
  return keys.every((key) => Object.hasOwn(y, key) && sameValue(x[key], y[key]));
}

export function canonical(value: unknown): string {
  return (
    JSON.stringify(value, (_key, v: unknown) => {
      const record = asRecord(v);
      if (!record) return v;
      return Object.fromEntries(
        Object.keys(record)
          .sort()
          .map((k) => [k, record[k]]),
      );
    }) ?? 'undefined'
  );
}
