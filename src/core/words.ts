/**
 * A count with its noun, as messages say it: "1 error", "2 errors" (never "1 error(s)"); the one
 * way every edge and the canvas page say a count. `pluralWord` for nouns that do not take an s.
 */
export function plural(count: number, word: string, pluralWord = `${word}s`): string {
  return `${count} ${count === 1 ? word : pluralWord}`;
}
