/**
 * Sentences about lifecycle operations that the CLI and the extension both show, written once so
 * a confirmation says the same thing wherever it is asked (a publish's whole wording, with the
 * journeys it changes, is the review's publishPlanWording).
 */
import type { NumberAssignment } from '../model';

/** `+14155550110 Holiday hotline and 1 more`; `no number` when there is none. */
export function describeNumbers(numbers: readonly NumberAssignment[]): string {
  const [first, ...rest] = numbers;
  if (!first) return 'no number';
  const head = first.label ? `${first.number} ${first.label}` : first.number;
  return rest.length === 0 ? head : `${head} and ${rest.length} more`;
}
