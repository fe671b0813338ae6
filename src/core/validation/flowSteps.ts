/**
 * A read-only view of the steps of a flow as plain values, for the semantic checks. They run
 * even when the schema found problems elsewhere, so they never trust a field's type.
 */
import { isStepType } from './glossary';
import type { PathSegment } from './yamlLocator';

export type StepFields = Record<string, unknown>;

export interface StepExit {
  /** Path of the exit's value in the file: `steps/menu/options/1`. */
  path: PathSegment[];
  /** How an admin names the exit: `next`, `option "1"`, `branch 2`. */
  name: string;
  target: string;
}

/** Steps whose every outcome ends the call in this flow (a connected transfer or queue call, another flow). */
const ALWAYS_ENDS = new Set(['hangup', 'goto-flow', 'transfer', 'assign-dial']);

/** Named exits per type. Missing ones end the call (hang up), except where a default applies. */
export const EXIT_FIELDS: Record<string, readonly string[]> = {
  play: ['next'],
  menu: ['no-input', 'invalid'],
  collect: ['next', 'no-input'],
  condition: ['else'],
  'business-hours': ['open', 'closed', 'holiday'],
  set: ['next'],
  'assign-dial': ['no-answer'],
  transfer: ['failed'],
  voicemail: ['next'],
  callback: ['next'],
  http: ['success', 'failure'],
  'goto-flow': [],
  hangup: [],
};

/** The named exit fields of a step type (menu options and condition branches are exits too, not listed here). */
export function exitFieldsOf(type: string): readonly string[] {
  return EXIT_FIELDS[type] ?? [];
}

/** A missing exit with a default goes to another exit rather than ending the call. */
const DEFAULTED_EXITS = new Set(['business-hours.holiday']);

export class FlowSteps {
  /** Step ids in file order. */
  readonly ids: string[];
  private readonly byId: Map<string, StepFields | undefined>;

  constructor(readonly root: unknown) {
    const steps = asRecord(asRecord(root)?.steps);
    this.byId = new Map();
    for (const [id, step] of Object.entries(steps ?? {})) this.byId.set(id, asRecord(step));
    this.ids = [...this.byId.keys()];
  }

  get start(): unknown {
    return asRecord(this.root)?.start;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** The step's fields, or undefined when the step is not a mapping. */
  get(id: string): StepFields | undefined {
    return this.byId.get(id);
  }

  typeOf(id: string): string | undefined {
    const type = this.byId.get(id)?.type;
    return isStepType(type) ? type : undefined;
  }

  /** Steps of one type, as [id, fields]. */
  *ofType(type: string): Iterable<[string, StepFields]> {
    for (const [id, step] of this.byId) if (step && step.type === type) yield [id, step];
  }

  *all(): Iterable<[string, StepFields]> {
    for (const [id, step] of this.byId) if (step) yield [id, step];
  }

  exitsOf(id: string): StepExit[] {
    const step = this.byId.get(id);
    const type = this.typeOf(id);
    if (!step || !type) return [];
    const exits: StepExit[] = [];
    const base: PathSegment[] = ['steps', id];
    if (type === 'menu') {
      for (const [key, target] of Object.entries(asRecord(step.options) ?? {})) {
        if (typeof target === 'string')
          exits.push({ path: [...base, 'options', key], name: `option "${key}"`, target });
      }
    }
    if (type === 'condition' && Array.isArray(step.branches)) {
      step.branches.forEach((branch, index) => {
        const next = asRecord(branch)?.next;
        if (typeof next === 'string')
          exits.push({ path: [...base, 'branches', index, 'next'], name: `branch ${index + 1}`, target: next });
      });
    }
    for (const field of EXIT_FIELDS[type] ?? []) {
      const target = step[field];
      if (typeof target === 'string') exits.push({ path: [...base, field], name: `"${field}"`, target });
    }
    return exits;
  }

  /**
   * Whether the call can end at this step itself: a step type that ends it, or an exit left
   * out (hang up). A step the schema rejected counts as ending, so that one mistake is not
   * reported again as a loop.
   */
  canEndAt(id: string): boolean {
    const step = this.byId.get(id);
    const type = this.typeOf(id);
    if (!step || !type || ALWAYS_ENDS.has(type)) return true;
    for (const field of EXIT_FIELDS[type] ?? []) {
      if (typeof step[field] !== 'string' && !DEFAULTED_EXITS.has(`${type}.${field}`)) return true;
    }
    if (type === 'menu') {
      const options = asRecord(step.options);
      if (!options || Object.values(options).some((t) => typeof t !== 'string') || Object.keys(options).length === 0)
        return true;
    }
    if (type === 'condition') {
      if (!Array.isArray(step.branches) || step.branches.some((b) => typeof asRecord(b)?.next !== 'string'))
        return true;
    }
    return false;
  }
}

export function asRecord(value: unknown): StepFields | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as StepFields) : undefined;
}
