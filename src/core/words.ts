/** A count with its noun, as messages say it: "1 error", "2 errors" (never "1 error(s)"). */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
