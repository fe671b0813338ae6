/**
 * numbers.yaml as committed against the working tree. Callers get what is committed (the runtime
 * serves commits), so a hand edit is pending until it is committed: the tree shows it as such and
 * the simulator, which follows the working tree, says so.
 */
import type { NumberAssignment } from '../model';

/** A number whose assignment in the working tree differs from the last commit's. */
export interface PendingNumber {
  number: string;
  /** Its assignment in the last commit; absent when the edit adds the number. */
  committed?: NumberAssignment;
  /** Its assignment in the working tree; absent when the edit removes the number. */
  working?: NumberAssignment;
}

/** numbers.yaml's assignments as committed, and the working tree's changes to them. */
export interface NumbersAsCommitted {
  committed: NumberAssignment[];
  pending: PendingNumber[];
}

/** The numbers whose flow or label differ between the commit and the working tree, by number. */
export function pendingNumbers(
  committed: readonly NumberAssignment[],
  working: readonly NumberAssignment[],
): PendingNumber[] {
  const before = new Map(committed.map((a) => [a.number, a]));
  const after = new Map(working.map((a) => [a.number, a]));
  const numbers = [...new Set([...before.keys(), ...after.keys()])].sort();
  return numbers.flatMap((number) => {
    const [was, now] = [before.get(number), after.get(number)];
    if (was && now && was.flow === now.flow && was.label === now.label) return [];
    return [{ number, ...(was ? { committed: was } : {}), ...(now ? { working: now } : {}) }];
  });
}

/** One line on a pending number: what the working tree says, and what callers get until it is committed. */
export function describePendingNumber(pending: PendingNumber): string {
  const { number, committed, working } = pending;
  if (!committed) return `${number} → ${working!.flow} (added, not committed: callers get no flow yet)`;
  if (!working) return `${number} removed (not committed: callers still get ${committed.flow})`;
  if (committed.flow !== working.flow)
    return `${number} → ${working.flow} (not committed: callers still get ${committed.flow})`;
  return `${number} relabelled "${working.label ?? ''}" (not committed)`;
}
