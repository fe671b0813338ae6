import type { CommandContext } from './context';

/** One row of the command table: the handler and whether it needs a trusted workspace. */
export interface CommandEntry {
  run: (ctx: CommandContext, ...args: any[]) => unknown;
  /**
   * Runs git or writes files: refused in an untrusted workspace (and hidden there by the
   * `isWorkspaceTrusted` when clauses in package.json).
   */
  needsTrust?: boolean;
}

export type CommandRows = Record<string, CommandEntry>;
