/**
 * Expected refusals raised by the extension itself (the core raises its own typed errors): each
 * is shown as a warning with its next step, never as a failure. Unexpected errors stay errors.
 */
import type * as vscode from 'vscode';
import { CallflowError } from '../core';

export class ExpectedError extends CallflowError {
  constructor(
    code: string,
    message: string,
    hint?: string,
    /** The file (and 1-based line) the message is about: offered as "Open File". */
    readonly location?: { uri: vscode.Uri; line?: number },
  ) {
    super(code, message, 'usage', hint);
  }
}

export class NoWorkspaceError extends ExpectedError {
  constructor() {
    super(
      'no-workspace',
      'There is no flow workspace (a folder with callflow.yaml) in this window.',
      'Initialize one with "Call Flow: Initialize Flow Workspace".',
    );
  }
}

/** A simulation that cannot run as asked (unknown target, unreadable flow, bad input). */
export class SimulationError extends ExpectedError {
  constructor(message: string, uri?: vscode.Uri, line?: number) {
    super('simulation-refused', message, undefined, uri ? { uri, ...(line !== undefined ? { line } : {}) } : undefined);
  }
}

/** The user dismissed a question: not an error, nothing to show. */
export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}
