import type { CommandContext } from './commandContext';

/** One row of the command table: the handler and whether it needs a trusted workspace. */
export interface CommandEntry {
  // VS Code passes each command its own argument shapes; `any` lets a handler declare them precisely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  run: (ctx: CommandContext, ...args: any[]) => unknown;
  /**
   * Runs git or writes files: refused in an untrusted workspace (and hidden there by the
   * `isWorkspaceTrusted` when clauses in package.json).
   */
  needsTrust?: boolean;
}

export type CommandRows = Record<string, CommandEntry>;
