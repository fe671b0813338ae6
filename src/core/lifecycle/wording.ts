/**
 * Sentences about lifecycle operations that the CLI and the extension both show, written once so
 * a confirmation says the same thing wherever it is asked.
 */
import type { NumberAssignment } from '../model';
import type { PublishPreview } from './types';

/** `+14155550110 Holiday hotline and 1 more`; `no number` when there is none. */
export function describeNumbers(numbers: readonly NumberAssignment[]): string {
  const [first, ...rest] = numbers;
  if (!first) return 'no number';
  const head = first.label ? `${first.number} ${first.label}` : first.number;
  return rest.length === 0 ? head : `${head} and ${rest.length} more`;
}

/** The question and the consequences of publishing (or rolling back), for a confirmation. */
export function publishConfirmation(preview: PublishPreview): { question: string; detail: string } {
  const what =
    preview.copyOf !== undefined ? `v${preview.version}, a copy of v${preview.copyOf},` : `v${preview.version}`;
  const question =
    preview.copyOf !== undefined
      ? `Roll back "${preview.name}" to v${preview.copyOf}?`
      : `Publish v${preview.version} of "${preview.name}"?`;
  const callers =
    preview.numbers.length > 0
      ? `Calls to ${describeNumbers(preview.numbers)} start following ${what} at once.`
      : `No number rings "${preview.name}" yet: no caller hears ${what} until one is assigned.`;
  const archives = preview.archives !== undefined ? ` v${preview.archives}, published now, will be archived.` : '';
  return { question, detail: `${callers}${archives}` };
}
