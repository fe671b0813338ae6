/**
 * The "Changes for Callers" view's entries, from the core's comparison of two versions: one
 * group for what changed in the flow (start, steps, exits), one for the caller journeys that
 * changed. Each entry says which step it is about and on which side of the diff that step is.
 * Plain data (no vscode), so the unit tests read it as the view shows it.
 */
import { describeJourneyChange, type JourneyChange, type VersionComparison } from '../../core';

/**
 * The side of the diff editor a step is shown on: `from` (left), what callers get now; `to` (right),
 * what they would get. Removed steps exist only on the `from` side.
 */
export type DiffSide = 'from' | 'to';

/** What the view's menus match (package.json `viewItem`). */
export type ChangeKind =
  'group' | 'none' | 'start' | 'added' | 'removed' | 'renamed' | 'changed' | 'field' | 'rewired' | 'journey';

export interface ChangeEntry {
  /** Stable within one comparison (the tree keeps expansion by it). */
  id: string;
  kind: ChangeKind;
  label: string;
  description?: string;
  /** The step the entry reveals, and the side of the diff it is on. */
  reveal?: { step: string; side: DiffSide };
  children?: ChangeEntry[];
}

export function changeEntries(comparison: VersionComparison): ChangeEntry[] {
  const { start, steps, exits } = comparison;
  const changes: ChangeEntry[] = [];
  if (start)
    changes.push({
      id: 'start',
      kind: 'start',
      label: 'start',
      description: `${start.from ?? '(none)'} → ${start.to ?? '(none)'}`,
      ...revealTo(start.to),
    });
  for (const id of steps.added)
    changes.push({ id: `added:${id}`, kind: 'added', label: id, description: 'added', ...revealTo(id) });
  for (const id of steps.removed)
    changes.push({
      id: `removed:${id}`,
      kind: 'removed',
      label: id,
      description: 'removed',
      reveal: { step: id, side: 'from' },
    });
  for (const rename of steps.renamed)
    changes.push({
      id: `renamed:${rename.from}`,
      kind: 'renamed',
      label: rename.to,
      description: `renamed from ${rename.from}`,
      ...revealTo(rename.to),
    });
  for (const change of steps.changed)
    changes.push({
      id: `changed:${change.step}`,
      kind: 'changed',
      label: change.step,
      description: `changed: ${change.changes.map((c) => c.field).join(', ')}`,
      ...revealTo(change.step),
      children: change.changes.map((field) => ({
        id: `changed:${change.step}:${field.field}`,
        kind: 'field',
        label: field.field,
        description: `${shown(field.from)} → ${shown(field.to)}`,
        ...revealTo(change.step),
      })),
    });
  for (const exit of exits)
    changes.push({
      id: `rewired:${exit.step}:${exit.exit}`,
      kind: 'rewired',
      label: `${exit.step} ${exit.exit}`,
      description: `${exit.from ?? '(not set)'} → ${exit.to ?? '(not set)'}`,
      ...revealTo(exit.step),
    });
  const journeys = comparison.journeys.map((journey): ChangeEntry => ({
    id: `journey:${journey.key}`,
    kind: 'journey',
    label: journey.journey,
    description: describeJourneyChange(journey),
    ...revealJourney(journey),
  }));
  const groups: ChangeEntry[] = [];
  if (changes.length > 0)
    groups.push({
      id: 'changes',
      kind: 'group',
      label: 'Changes',
      description: String(changes.length),
      children: changes,
    });
  if (journeys.length > 0)
    groups.push({
      id: 'journeys',
      kind: 'group',
      label: 'Caller journeys that changed',
      description: String(journeys.length),
      children: journeys,
    });
  if (groups.length === 0) groups.push({ id: 'none', kind: 'none', label: 'No change for callers' });
  return groups;
}

function revealTo(step: string | null): Pick<ChangeEntry, 'reveal'> {
  return step === null ? {} : { reveal: { step, side: 'to' } };
}

/**
 * Where a journey changed: the last step both paths share (the one that now sends the call
 * elsewhere); when only the outcome differs, the last step; a journey that is gone, on the `from` side.
 */
function revealJourney(journey: JourneyChange): Pick<ChangeEntry, 'reveal'> {
  const { from, to } = journey;
  if (!to) {
    const last = from?.path[from.path.length - 1];
    return last === undefined ? {} : { reveal: { step: last, side: 'from' } };
  }
  if (!from) return revealTo(to.path[to.path.length - 1] ?? null);
  let shared = 0;
  while (shared < to.path.length && to.path[shared] === from.path[shared]) shared++;
  const step = shared === to.path.length ? to.path[shared - 1] : to.path[Math.max(0, shared - 1)];
  return revealTo(step ?? null);
}

function shown(value: unknown): string {
  return value === null || value === undefined ? '(not set)' : JSON.stringify(value);
}
