import { colourEnabled } from './colour';
import { ExitCode } from './exitStatus';
import { openProcessKeyboard, type Keyboard } from './keyboard';

/** Where the CLI writes. Injected so tests run the real CLI in-process and read what it printed. */
export interface CliIO {
  cwd: string;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout takes colour (see colour.ts); absent: plain text. */
  colour?: boolean;
  /** Opens the terminal for keys typed one at a time (`callflow call`); absent or undefined: no terminal. */
  openKeyboard?: () => Keyboard | undefined;
}

/** Why the process's output could not be written (a full disk: ENOSPC), if it could not; a closed pipe is not kept. */
let outputFailure: NodeJS.ErrnoException | undefined;

/**
 * A writer to one of the process's streams that cannot throw: when the output is gone what was done
 * is done, so the rest of the output is dropped. A closed pipe (`callflow list | head`) is the reader's
 * choice and ends nothing; any other failure (`callflow list > /dev/full`) is kept, so the exit status
 * and a last line on stderr say the output is incomplete (see settleOutput).
 */
function guardedWriter(stream: NodeJS.WriteStream): (text: string) => void {
  let broken = false;
  let guarded = false;
  const fail = (error: NodeJS.ErrnoException | null | undefined): void => {
    if (!error) return;
    broken = true;
    if (error.code !== 'EPIPE') outputFailure ??= error;
  };
  return (text) => {
    if (!guarded) {
      stream.on('error', fail);
      guarded = true;
    }
    if (broken) return;
    try {
      stream.write(text, fail);
    } catch (error) {
      fail(error as NodeJS.ErrnoException);
    }
  };
}

export const processIO: CliIO = {
  cwd: process.cwd(),
  colour: colourEnabled(process.env, process.stdout.isTTY === true),
  stdout: guardedWriter(process.stdout),
  stderr: guardedWriter(process.stderr),
  openKeyboard: openProcessKeyboard,
};

/**
 * After the command: lets the streams report how their writes ended (a file's write error arrives a
 * turn later), then says whether the output was lost: undefined, or a line for stderr.
 */
export async function settleOutput(): Promise<string | undefined> {
  for (let turn = 0; turn < 2; turn++) await new Promise<void>((resolve) => setImmediate(resolve));
  if (!outputFailure) return undefined;
  const reason = outputFailure.code ?? outputFailure.message;
  return (
    `callflow: the output could not be written (${reason}${outputFailure.code === 'ENOSPC' ? ': no space left on the device' : ''}); it is incomplete.\n` +
    '  What the command did is done; free space or write the output elsewhere, and run it again to see it.\n'
  );
}

/** The exit status once the output has settled: lost output makes a success a failure, said on stderr. */
export async function statusAfterOutput(code: number): Promise<number> {
  const lost = await settleOutput();
  if (lost === undefined) return code;
  process.stderr.write(lost);
  return code === ExitCode.ok ? ExitCode.failed : code;
}

export function printJson(io: CliIO, value: unknown): void {
  io.stdout(JSON.stringify(value, null, 2) + '\n');
}
