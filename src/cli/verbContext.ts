import * as path from 'node:path';
import type { Command } from 'commander';
import { escapeBidi, type FlowWorkspace, type FlowWorkspaceQueries } from '../core';
import type { OpenOptions } from '../platform/openFlowWorkspace';
import { workspaceWiring } from './workspaceWiring';
import type { CliIO } from './io';
import type { CliState } from './program';

/** The `--env` option of the verbs that run calls. */
export const ENV_OPTION = [
  '--env <name>',
  'run against an environment: the flows and numbers it serves (its deployed commit), with its values',
] as const;

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
    return (await workspaceWiring()).openWorkspace(this.cwd, this.openOptions, (text) => this.note(text));
  }

  /**
   * The workspace calls run against: the working tree, or with `--env NAME` the workspace as that
   * environment serves it (its deployed commit, values and numbers; docs/environments.md).
   */
  async callWorkspace(): Promise<FlowWorkspaceQueries> {
    const workspace = await this.workspace();
    const environment = this.options['env'];
    if (typeof environment !== 'string') return workspace;
    return (await workspaceWiring()).openEnvironment(workspace, environment);
  }

  set exitCode(code: number) {
    this.state.exitCode = code;
  }

  /** A long-running verb has compiled what its runs need (see CliState.warm). */
  markWarm(): void {
    this.state.warm?.();
  }

  /**
   * A line (or lines) for people. Names, labels and descriptions come from files: their bidirectional
   * controls are shown escaped, so no line displays in another order than it holds. JSON goes out raw.
   */
  out(text: string): void {
    this.io.stdout(escapeBidi(text.endsWith('\n') ? text : text + '\n'));
  }

  /** Messages and next steps go to stderr so stdout stays parseable. */
  note(text: string): void {
    this.io.stderr(escapeBidi(text.endsWith('\n') ? text : text + '\n'));
  }
}
