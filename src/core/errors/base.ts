/**
 * The kinds every core error is one of: a stable code, a category that maps to the CLI exit
 * status, and a hint saying what to do next.
 */

/** `usage`: bad input (exit 2). `refused`: a lifecycle rule said no (exit 3). `failed`: an environment failure (git, disk). */
export type ErrorCategory = 'usage' | 'refused' | 'failed';

export class CallflowError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly category: ErrorCategory,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad input: an unknown flow, a malformed phone number, a name that cannot be a flow. */
export class InvalidInputError extends CallflowError {
  constructor(code: string, message: string, hint?: string) {
    super(code, message, 'usage', hint);
  }
}

/** A lifecycle rule refused the operation. */
export class LifecycleRefusedError extends CallflowError {
  constructor(code: string, message: string, hint?: string) {
    super(code, message, 'refused', hint);
  }
}
