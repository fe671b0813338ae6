/**
 * Reading an invocation's verb, shared by the launcher (which picks the verb's compile cache before
 * any of the CLI is loaded) and the program (which registers only that verb's module).
 */

/** The verb an invocation names: its first word that is neither an option nor the value of --cwd. */
export function verbOf(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '--cwd') i++;
    else if (word === '--') return argv[i + 1];
    else if (!word.startsWith('-')) return word;
  }
  return undefined;
}
