/**
 * SIGINT and SIGTERM (Ctrl-C, `timeout`, a cancelled CI job) while callflow runs in a terminal.
 * With no operation in flight the process ends at once. During an operation the first signal
 * interrupts it: its hooks are stopped and its files put back, unless its commit already landed
 * (then it completes); a second signal ends the process at once, and the journal lets the next
 * command, or `callflow recover`, finish the job.
 */
import { InterruptedError } from '../core';
import { operationInFlight } from './workspaceWiring';
import { signalExitCode } from './exitCodes';
import { processIO, statusAfterOutput } from './io';
import { main } from './main';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

let serving: ((signal: NodeJS.Signals) => void) | undefined;

/**
 * A long-running verb (`callflow serve`) takes the first signal itself, to drain before it exits;
 * a second signal still ends the process at once. Returns the function that gives it back.
 */
export function takeTermination(handler: (signal: NodeJS.Signals) => void): () => void {
  serving = handler;
  return () => {
    if (serving === handler) serving = undefined;
  };
}

/** `bin/callflow.js`: runs one invocation with signal handling; resolves to the exit status (`warm` as in CliState). */
export async function runInTerminal(argv: readonly string[], warm?: () => void): Promise<number> {
  const controller = new AbortController();
  let received: string | undefined;
  let draining: string | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (draining !== undefined) {
      process.stderr.write(`callflow: ${signal} again: stopping now, without waiting for requests in flight.\n`);
      process.exit(signalExitCode(signal));
    }
    if (serving && received === undefined) {
      draining = signal;
      process.stderr.write(`callflow: ${signal} received: finishing the requests in flight, then stopping…\n`);
      return serving(signal);
    }
    if (received !== undefined || !operationInFlight()) {
      if (received !== undefined)
        process.stderr.write(
          `callflow: ${signal} again: stopping now. Run \`callflow recover\` to complete or undo the interrupted operation.\n`,
        );
      process.exit(signalExitCode(signal));
    }
    received = signal;
    process.stderr.write(
      `callflow: ${signal} received: stopping the operation in flight and putting its files back…\n`,
    );
    controller.abort(new InterruptedError(signal));
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  try {
    const code = await main(argv, processIO, controller.signal, warm);
    if (received !== undefined && code === 0)
      processIO.stderr(
        `callflow: the operation had already been committed when ${received} arrived; it is complete.\n`,
      );
    return await statusAfterOutput(code);
  } finally {
    for (const signal of SIGNALS) process.off(signal, onSignal);
  }
}
