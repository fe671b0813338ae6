/**
 * Keys as the user types them, one at a time (the terminal in raw mode), for `callflow call`.
 * Only a real terminal gives one: without it there is nothing to press keys on.
 */

/** Ctrl-C and Ctrl-D as raw mode delivers them (no SIGINT is raised). */
export const INTERRUPT_KEY = '\u0003';
export const END_OF_INPUT_KEY = '\u0004';

export interface Keyboard {
  /** The next key typed (one character); END_OF_INPUT_KEY when the input ends. */
  nextKey(): Promise<string>;
  /** Gives the terminal back as it was. */
  close(): void;
}

/** The process's terminal, in raw mode until closed; undefined when stdin or stdout is not a terminal. */
export function openProcessKeyboard(): Keyboard | undefined {
  const input = process.stdin;
  if (!input.isTTY || !process.stdout.isTTY) return undefined;
  const typed: string[] = [];
  let waiting: ((key: string) => void) | undefined;
  const deliver = (key: string): void => {
    if (waiting) {
      const resolve = waiting;
      waiting = undefined;
      resolve(key);
    } else typed.push(key);
  };
  const onData = (chunk: string): void => {
    for (const key of chunk) deliver(key);
  };
  const onEnd = (): void => deliver(END_OF_INPUT_KEY);
  input.setRawMode(true);
  input.setEncoding('utf8');
  input.on('data', onData);
  input.on('end', onEnd);
  input.resume();
  return {
    nextKey: () => {
      const key = typed.shift();
      if (key !== undefined) return Promise.resolve(key);
      return new Promise((resolve) => (waiting = resolve));
    },
    close: () => {
      input.off('data', onData);
      input.off('end', onEnd);
      input.setRawMode(false);
      input.pause();
    },
  };
}
