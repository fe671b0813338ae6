import { CommanderError } from 'commander';
import { unexpectedDiskError } from '../core';
import { buildProgram } from './program';
import { describeError, ExitCode, exitCodeFor } from './exitCodes';
import { processIO, type CliIO } from './io';
import { runInTerminal } from './interruption';
export { runInTerminal };

/**
 * Runs one `callflow` invocation; resolves to the exit status instead of exiting, so tests can run it in-process.
 * `signal` interrupts the operation in flight (it is rolled back unless its commit already landed).
 */
export async function main(argv: readonly string[], io: CliIO = processIO, signal?: AbortSignal): Promise<number> {
  const state = { exitCode: ExitCode.ok as number, ...(signal ? { signal } : {}) };
  const program = buildProgram(io, state);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version are not errors; everything else commander rejects is bad usage.
      return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    }
    const typed = unexpectedDiskError(error) ?? error;
    io.stderr(describeError(typed));
    return exitCodeFor(typed);
  }
}

// `node dist/cli.js …` runs the CLI as bin/callflow.js does; without this the bundle only exports, and
// every command silently did nothing and exited 0.
if (require.main === module) {
  void runInTerminal(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
