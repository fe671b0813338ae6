import * as path from 'node:path';
import type { Command } from 'commander';
import { describeKeptFile, describeRecovery, type FlowWorkspace } from '../core';
import { openFlowWorkspace, type OpenOptions } from '../platform/openFlowWorkspace';
import type { CliIO } from './io';
import type { CliState } from './program';

/** What every verb's action gets: where to write, the exit status to set, the workspace on demand. */
export class VerbContext {
  constructor(
    readonly io: CliIO,
    private readonly state: CliState,
    private readonly command: Command,
  ) {}

  get options(): Record<string, unknown> {
    return this.command.optsWithGlobals();
  }

  get json(): boolean {
    return this.options['json'] === true;
  }

  /** Whether stdout takes colour (a terminal, NO_COLOR / FORCE_COLOR). */
  get colour(): boolean {
    return this.io.colour === true;
  }

  /** The folder the command runs in: --cwd, resolved against the process's folder. */
  get cwd(): string {
    const cwd = this.options['cwd'];
    return typeof cwd === 'string' ? path.resolve(this.io.cwd, cwd) : this.io.cwd;
  }

  /** How the workspace's git adapter is opened: with the invocation's interruption signal. */
  get openOptions(): OpenOptions {
    return this.state.signal ? { signal: this.state.signal } : {};
  }

  async workspace(): Promise<FlowWorkspace> {
    const workspace = openFlowWorkspace(this.cwd, this.openOptions);
    // An interrupted operation is finished or undone before this one: say so (on stderr), as `recover` would.
    workspace.onDidRecover((report) => {
      this.note(`Before this command: ${describeRecovery(report)}`);
      for (const file of report.kept) this.note(describeKeptFile(file));
    });
    return workspace;
  }

  set exitCode(code: number) {
    this.state.exitCode = code;
  }

  out(text: string): void {
    this.io.stdout(text.endsWith('\n') ? text : text + '\n');
  }

  /** Messages and next steps go to stderr so stdout stays parseable. */
  note(text: string): void {
    this.io.stderr(text.endsWith('\n') ? text : text + '\n');
  }
}
