import { Command } from 'commander';
import packageJson from '../../package.json';
import { registerGraphVerbs } from './commands/graph';
import { registerDeploymentVerbs } from './commands/deploy';
import { registerInspectionVerbs } from './commands/inspect';
import { registerLanguageServerVerb } from './commands/lsp';
import { registerLifecycleVerbs } from './commands/lifecycle';
import { registerNumberVerbs } from './commands/numbers';
import { registerReviewVerbs } from './commands/review';
import { registerGitToolVerbs } from './commands/gitTools';
import { registerSimulationVerbs } from './commands/simulate';
import { registerRecoveryVerbs } from './commands/recover';
import { registerValidationVerbs } from './commands/validate';
import { completionScript, SHELLS, type Shell } from './completion';
import { InvalidInputError } from '../core';
import { examplesHelp, VERB_EXAMPLES } from './examples';
import { VerbContext } from './verbContext';
import type { CliIO } from './io';

/** What one invocation shares with its verbs: the exit status to set, and the interruption signal. */
export interface CliState {
  exitCode: number;
  signal?: AbortSignal;
}

// Commander passes each verb its own argument shapes; `any` lets a verb declare them precisely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type VerbAction = (ctx: VerbContext, ...args: any[]) => Promise<void>;

/** Adds a verb whose action receives a VerbContext; keeps every verb's wiring in one shape. */
export type VerbRegistrar = (name: string, describe: (command: Command) => Command, action: VerbAction) => void;

export function buildProgram(io: CliIO, state: CliState): Command {
  const program = new Command('callflow')
    .description(
      'Call flows as YAML in git: create, validate, publish, simulate.\nRun inside a flow workspace, or pass --cwd DIR.',
    )
    .option('--cwd <dir>', 'run in this folder instead of the current one')
    .version(packageJson.version, '-V, --version', 'print the version (from package.json)')
    .showHelpAfterError('(run `callflow --help` or `callflow <command> --help` for usage)')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride();

  const verb: VerbRegistrar = (name, describe, action) => {
    const command = describe(program.command(name))
      .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
      .showHelpAfterError(`(run \`callflow ${name.split(' ')[0]} --help\` for usage)`)
      .exitOverride();
    const examples = VERB_EXAMPLES[command.name()];
    if (examples) command.addHelpText('after', examplesHelp(examples));
    command.action(async (...args: unknown[]) => {
      // commander passes the positional arguments, then the options object, then the command.
      const positional = args.slice(0, -2);
      await action(new VerbContext(io, state, command), ...positional);
    });
  };

  registerLifecycleVerbs(verb);
  registerNumberVerbs(verb);
  registerValidationVerbs(verb);
  registerInspectionVerbs(verb);
  registerSimulationVerbs(verb);
  registerGraphVerbs(verb);
  registerRecoveryVerbs(verb);
  registerReviewVerbs(verb);
  registerDeploymentVerbs(verb);
  registerGitToolVerbs(verb);
  registerLanguageServerVerb(verb);
  verb(
    'completion <shell>',
    (c) =>
      c
        .description(`print a shell completion script (${SHELLS.join(', ')}): verbs, their options and flow ids`)
        .addHelpText(
          'after',
          '\nExamples:\n  eval "$(callflow completion bash)"      # in ~/.bashrc\n  eval "$(callflow completion zsh)"       # in ~/.zshrc\n  callflow completion fish > ~/.config/fish/completions/callflow.fish',
        ),
    async (ctx, shell: string) => {
      if (!(SHELLS as readonly string[]).includes(shell))
        throw new InvalidInputError(
          'unknown-shell',
          `No completion for "${shell}".`,
          `Use one of: ${SHELLS.join(', ')} (for example \`callflow completion bash\`).`,
        );
      ctx.io.stdout(completionScript(program, shell as Shell));
    },
  );
  return program;
}
