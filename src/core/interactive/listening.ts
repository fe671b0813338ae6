/** When a caller's keys end a listening step's entry, the rule the terminal and the panel both follow. */
import type { Wait } from '../engine';

export type ListeningWait = Extract<Wait, { kind: 'digits' }>;

/**
 * A menu acts on the first key; a collect ends at its finish key (default `#`) or once it has
 * its max digits. Until then the caller may go on typing, or let the step time out.
 */
export function entryComplete(wait: ListeningWait, keys: string): boolean {
  if (keys === '') return false;
  if (wait.mode === 'menu') return true;
  const finish = wait.finishOnKey ?? '#';
  if (keys.endsWith(finish)) return true;
  return wait.maxDigits !== undefined && keys.split(finish).join('').length >= wait.maxDigits;
}
