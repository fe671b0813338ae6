/**
 * Colour on a terminal, the way command-line tools agree on (no-color.org, force-color.org):
 * NO_COLOR (any non-empty value) turns it off, FORCE_COLOR (non-empty) turns it on, except "0" or "false",
 * otherwise colour only when the output is a terminal. Pipes, files and CI logs stay plain.
 */
export function colourEnabled(env: NodeJS.ProcessEnv, isTerminal: boolean): boolean {
  if (env['NO_COLOR']) return false;
  const force = env['FORCE_COLOR'];
  if (force) return force !== '0' && force.toLowerCase() !== 'false';
  return isTerminal;
}

const CODES = { red: 31, yellow: 33, green: 32, dim: 2 } as const;
export type Colour = keyof typeof CODES;

/** `text` in `colour` when colour is on; unchanged otherwise. */
export function paint(on: boolean | undefined, colour: Colour, text: string): string {
  return on ? `\u001b[${CODES[colour]}m${text}\u001b[0m` : text;
}
