import { colourEnabled } from './colour';

/** Where the CLI writes. Injected so tests run the real CLI in-process and read what it printed. */
export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout takes colour (see colour.ts); absent: plain text. */
  colour?: boolean;
}

/**
 * A writer to one of the process's streams that cannot fail: when the output is gone (a closed
 * pipe, `callflow list | head`; a full disk, `> /mnt/full/out`) what was done is done, so the
 * rest of the output is dropped and the exit status still tells the operation's outcome.
 */
function guardedWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let broken = false;
  let guarded = false;
  return (text) => {
    if (!guarded) {
      stream.on('error', () => (broken = true));
      guarded = true;
    }
    if (broken) return;
    try {
      stream.write(text);
    } catch {
      broken = true;
    }
  };
}

export const processIO: CliIO = {
  cwd: process.cwd(),
  colour: colourEnabled(process.env, process.stdout.isTTY === true),
  stdout: guardedWriter(process.stdout),
  stderr: guardedWriter(process.stderr),
};

export function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n');
}
