/**
 * Which caller journeys changed between two versions: a journey of one version is the same
 * journey in the other when its choices are (after step renames); it changed when its outcome
 * or its path did. A rename alone changes no journey.
 */
import type { Journey, JourneyList } from './journeys';
import type { StepRename } from './semanticDiff';

export interface JourneyEnd {
  outcome: string;
  path: string[];
}

export interface JourneyChange {
  /** The journey in words, as the newer version says it: `pressing 2 during open hours`. */
  journey: string;
  /** How it went before (null: the journey is new). */
  from: JourneyEnd | null;
  /** How it goes now (null: no call can go that way any more). */
  to: JourneyEnd | null;
  /** Identity of the journey in the newer version (in the older one when it is gone). */
  key: string;
  /**
   * For a new journey through a menu key the older version did not offer: how pressing that key
   * went there (a key that was not an option).
   */
  before?: JourneyEnd;
}

export function diffJourneys(
  before: JourneyList,
  after: JourneyList,
  renames: readonly StepRename[] = [],
): JourneyChange[] {
  const renamed = new Map(renames.map((r) => [r.from, r.to]));
  const inAfter = (id: string): string => renamed.get(id) ?? id;
  const older = new Map(before.journeys.map((j) => [renameKey(j.key, inAfter), j]));
  const olderByKey = new Map(older);
  const changes: JourneyChange[] = [];
  for (const journey of after.journeys) {
    const previous = older.get(journey.key);
    older.delete(journey.key);
    const now = endOf(journey, (id) => id);
    if (!previous) {
      const wasNotAnOption = asNotAnOption(journey.key)
        .map((key) => olderByKey.get(key))
        .find((j) => j !== undefined);
      changes.push({
        journey: journey.description,
        from: null,
        to: now,
        key: journey.key,
        ...(wasNotAnOption ? { before: endOf(wasNotAnOption, (id) => id) } : {}),
      });
      continue;
    }
    const was = endOf(previous, inAfter);
    if (was.outcome !== now.outcome || was.path.join(' ') !== now.path.join(' ')) {
      changes.push({ journey: journey.description, from: endOf(previous, (id) => id), to: now, key: journey.key });
    }
  }
  for (const [key, journey] of older)
    changes.push({ journey: journey.description, from: endOf(journey, (id) => id), to: null, key });
  return changes;
}

function endOf(journey: Journey, name: (id: string) => string): JourneyEnd {
  return { outcome: journey.outcomeText, path: journey.path.map((entry) => name(entry.step)) };
}

/**
 * The keys of the same choices with one menu key pressed (the last first) turned into a key that
 * is not an option: where a key the older version did not offer went there.
 */
function asNotAnOption(key: string): string[] {
  const tokens = key.split(' ');
  const keys: string[] = [];
  for (let i = tokens.length - 1; i >= 0; i--) {
    const colon = tokens[i]!.indexOf(':');
    if (!/^[0-9*#]$/.test(tokens[i]!.slice(colon + 1))) continue;
    keys.push([...tokens.slice(0, i), `${tokens[i]!.slice(0, colon)}:invalid`, ...tokens.slice(i + 1)].join(' '));
  }
  return keys;
}

/** Keys are `step:exit` tokens; step ids hold neither `:` nor spaces (docs/flow-format.md, section 4). */
function renameKey(key: string, inAfter: (id: string) => string): string {
  if (key === '') return key;
  return key
    .split(' ')
    .map((token) => {
      const colon = token.indexOf(':');
      return `${inAfter(token.slice(0, colon))}${token.slice(colon)}`;
    })
    .join(' ');
}

/**
 * A changed journey in one line, `pressing 2: was connected to queue support, now transferred to
 * +14155550199`: the words of every plan and comparison (publish, rollback, deploy, diff).
 */
export function describeChangedJourney(change: JourneyChange): string {
  return `${change.journey}: ${describeJourneyChange(change)}`;
}

/** `was transferred to +14155550199, now connected to queue support`; for a path change, the paths. */
export function describeJourneyChange(change: JourneyChange): string {
  if (!change.from && change.before)
    return `new key: was not an option (${change.before.outcome}), now ${change.to!.outcome} (${change.to!.path.join(' → ')})`;
  if (!change.from) return `new: ${change.to!.outcome} (${change.to!.path.join(' → ')})`;
  if (!change.to) return `gone: was ${change.from.outcome} (${change.from.path.join(' → ')})`;
  if (change.from.outcome !== change.to.outcome) return `was ${change.from.outcome}, now ${change.to.outcome}`;
  return `still ${change.to.outcome}, now through ${change.to.path.join(' → ')} (was ${change.from.path.join(' → ')})`;
}
