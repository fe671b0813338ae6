import { CallflowError, InterruptedError } from '../core';

const SIGNAL_NUMBERS: Record<string, number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

/** Exit statuses of section 8 of the contract, plus 4 for an environment failure (git, disk) that was rolled back. */
export const ExitCode = {
  ok: 0,
  problemsFound: 1,
  usage: 2,
  refused: 3,
  failed: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** The status of a process stopped by a signal, as shells report it: 128 + the signal's number. */
export function signalExitCode(signal: string): number {
  return 128 + (SIGNAL_NUMBERS[signal] ?? 15);
}

export function exitCodeFor(error: unknown): number {
  if (error instanceof InterruptedError) return signalExitCode(error.signal);
  if (error instanceof CallflowError) {
    switch (error.category) {
      case 'usage':
        return ExitCode.usage;
      case 'refused':
        return ExitCode.refused;
      case 'failed':
        return ExitCode.failed;
    }
  }
  return ExitCode.failed;
}

/** One line saying what went wrong, one saying what to do next. */
export function describeError(error: unknown): string {
  if (error instanceof CallflowError) {
    return `callflow: ${error.message}\n` + (error.hint ? `  ${error.hint}\n` : '');
  }
  const message = error instanceof Error ? error.message : String(error);
  return `callflow: unexpected error: ${message}\n  This is a bug in callflow; please report it with the command you ran.\n`;
}
