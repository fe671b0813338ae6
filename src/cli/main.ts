import { CommanderError } from 'commander';
import { buildProgram } from './program';
import { describeError, ExitCode, exitCodeFor } from './exitCodes';
import { processIO, type CliIO } from './io';

/** Runs one `callflow` invocation; resolves to the exit status instead of exiting, so tests can run it in-process. */
export async function main(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const state = { exitCode: ExitCode.ok as number };
  const program = buildProgram(io, state);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is bad usage.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    io.stderr(describeError(error));
    return exitCodeFor(error);
  }
}
