/**
 * The CLI's exit statuses, apart from the errors that map to them (exitCodes.ts), so the launcher can
 * answer `--version` without loading the core.
 */
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
