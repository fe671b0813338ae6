import { CommanderError } from 'commander';
import { escapeBidi, unexpectedDiskError } from '../core';
import { buildProgram, isUnknownVerb } from './program';
import { describeError, ExitCode, exitCodeFor } from './exitCodes';
import { processIO, type CliIO } from './io';
import { runInTerminal } from './interruption';
export { runInTerminal };

const HELP_FLAGS = new Set(['-h', '--help']);

/**
 * Runs one `callflow` invocation; resolves to the exit status instead of exiting, so tests can run it in-process.
 * `signal` interrupts the operation in flight (it is rolled back unless its commit already landed);
 * `warm` as in CliState.
 */
export async function main(
  argv: readonly string[],
  io: CliIO = processIO,
  signal?: AbortSignal,
  warm?: () => void,
): Promise<number> {
  const state = { exitCode: ExitCode.ok as number, ...(signal ? { signal } : {}), ...(warm ? { warm } : {}) };
  // `callflow frobnicate --help` is an unknown command (exit 2), not the main help with exit 0.
  const words = isUnknownVerb(argv) ? argv.filter((word) => !HELP_FLAGS.has(word)) : [...argv];
  try {
    const program = await buildProgram(io, state, words);
    await program.parseAsync(words, { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is bad usage.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const typed = unexpectedDiskError(error) ?? error;
    io.stderr(escapeBidi(describeError(typed)));
    return exitCodeFor(typed);
  }
}
