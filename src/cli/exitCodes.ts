import { CallflowError, InterruptedError } from '../core';
import { ExitCode, signalExitCode } from './exitStatus';

export { ExitCode, signalExitCode };

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
