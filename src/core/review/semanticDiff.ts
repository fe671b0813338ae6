/**
 * The semantic diff of two versions of a flow (docs/flow-format.md, section 8, `diff --format
 * json`): steps added, removed, renamed and changed field by field, exits rewired, the start
 * step. It reads plain values through FlowSteps, so a draft with schema errors still compares.
 */
import { FlowSteps } from '../validation/flowSteps';
import { canonical, contentFields, exitTargets, sameValue } from './exits';

export interface FieldChange {
  /** `say`, `queue`, `hours.mon-fri`, `branch-1.when`, `type`… */
  field: string;
  /** The value before (null when the field was not set). */
  from: unknown;
  to: unknown;
}

export interface StepChange {
  step: string;
  changes: FieldChange[];
}

export interface ExitChange {
  /** The step as the newer version names it. */
  step: string;
  /** The simulator's name of the exit: `next`, `2`, `no-input`, `branch-1`, `else`… */
  exit: string;
  /** The step it led to (null: the exit was not set). */
  from: string | null;
  to: string | null;
}

export interface StepRename {
  from: string;
  to: string;
}

export interface FlowChanges {
  start: { from: string | null; to: string | null } | null;
  steps: { added: string[]; removed: string[]; renamed: StepRename[]; changed: StepChange[] };
  exits: ExitChange[];
}

/** Whether the diff found nothing. */
export function isUnchanged(changes: FlowChanges): boolean {
  const { steps } = changes;
  return (
    changes.start === null &&
    changes.exits.length === 0 &&
    steps.added.length + steps.removed.length + steps.renamed.length + steps.changed.length === 0
  );
}

/** `before` and `after` are version files as plain values (parsed YAML). */
export function diffFlowVersions(before: unknown, after: unknown): FlowChanges {
  const a = new FlowSteps(before);
  const b = new FlowSteps(after);
  const removed = a.ids.filter((id) => !b.has(id));
  const added = b.ids.filter((id) => !a.has(id));
  const renames = findRenames(a, b, removed, added);
  const renamedFrom = new Set(renames.keys());
  const renamedTo = new Set(renames.values());
  /** A step of `before` under the name `after` gives it. */
  const inAfter = (id: string): string => renames.get(id) ?? id;

  const changed: StepChange[] = [];
  const exits: ExitChange[] = [];
  const pairs: Array<[string, string]> = [
    ...b.ids.filter((id) => a.has(id)).map((id): [string, string] => [id, id]),
    ...renames,
  ];
  const order = new Map(b.ids.map((id, index) => [id, index]));
  pairs.sort((x, y) => order.get(x[1])! - order.get(y[1])!);
  for (const [oldId, newId] of pairs) {
    // Most steps of a new version are the old ones as they were: nothing to compare field by field.
    if (sameValue(a.get(oldId), b.get(newId))) {
      if (renames.size === 0) continue;
      const targets = [...exitTargets(a, oldId).values()];
      if (!targets.some((target) => renames.has(target))) continue;
    }
    const changes = fieldChanges(a, oldId, b, newId);
    if (changes.length > 0) changed.push({ step: newId, changes });
    exits.push(...exitChanges(a, oldId, b, newId, inAfter));
  }

  const startBefore = typeof a.start === 'string' ? a.start : null;
  const startAfter = typeof b.start === 'string' ? b.start : null;
  const start =
    (startBefore === null ? null : inAfter(startBefore)) === startAfter ? null : { from: startBefore, to: startAfter };
  return {
    start,
    steps: {
      added: added.filter((id) => !renamedTo.has(id)),
      removed: removed.filter((id) => !renamedFrom.has(id)),
      renamed: [...renames].map(([from, to]) => ({ from, to })),
      changed,
    },
    exits,
  };
}

/**
 * A removed step and an added step with the same type and the same content (prompts, queue,
 * hours…) are one step renamed. Among several candidates the one whose exits lead to the same
 * places wins; a step of each side pairs at most once.
 */
function findRenames(a: FlowSteps, b: FlowSteps, removed: string[], added: string[]): Map<string, string> {
  const renames = new Map<string, string>();
  if (removed.length === 0 || added.length === 0) return renames;
  const bySignature = new Map<string, string[]>();
  for (const id of added) {
    const signature = contentSignature(b, id);
    const list = bySignature.get(signature);
    if (list) list.push(id);
    else bySignature.set(signature, [id]);
  }
  const taken = new Set<string>();
  for (const id of removed) {
    const candidates = (bySignature.get(contentSignature(a, id)) ?? []).filter((c) => !taken.has(c));
    if (candidates.length === 0) continue;
    const exitsBefore = canonical([...exitTargets(a, id)]);
    const match = candidates.find((c) => canonical([...exitTargets(b, c)]) === exitsBefore) ?? candidates[0]!;
    taken.add(match);
    renames.set(id, match);
  }
  return renames;
}

function contentSignature(steps: FlowSteps, id: string): string {
  const fields = [...contentFields(steps, id)].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0));
  return canonical(fields);
}

function fieldChanges(a: FlowSteps, oldId: string, b: FlowSteps, newId: string): FieldChange[] {
  const before = contentFields(a, oldId);
  const after = contentFields(b, newId);
  const changes: FieldChange[] = [];
  // `type` first: when it changes, the other fields are read in that light.
  const names = [...new Set(['type', ...before.keys(), ...after.keys()])];
  for (const field of names) {
    const from = before.get(field);
    const to = after.get(field);
    if (!sameValue(from, to)) changes.push({ field, from: from ?? null, to: to ?? null });
  }
  return changes;
}

function exitChanges(
  a: FlowSteps,
  oldId: string,
  b: FlowSteps,
  newId: string,
  inAfter: (id: string) => string,
): ExitChange[] {
  const before = exitTargets(a, oldId);
  const after = exitTargets(b, newId);
  const changes: ExitChange[] = [];
  // In the newer version's order, then the exits it no longer has.
  for (const exit of new Set([...after.keys(), ...before.keys()])) {
    const from = before.get(exit);
    const to = after.get(exit);
    // An exit that follows its target's rename is not rewired.
    if ((from === undefined ? undefined : inAfter(from)) === to) continue;
    changes.push({ step: newId, exit, from: from ?? null, to: to ?? null });
  }
  return changes;
}
