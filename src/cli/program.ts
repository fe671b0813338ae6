import { Command } from 'commander';
import { version } from '../../package.json';
import { completionScript, SHELLS, type Shell } from './completion';
import { InvalidInputError } from '../core';
import { examplesHelp, VERB_EXAMPLES } from './examples';
import { VerbContext } from './verbContext';
import type { CliIO } from './io';
import { verbOf } from './verb';

/**
 * The verbs, by the module that registers them (in the order `--help` lists them). A run loads only
 * the module of the verb it runs, so `callflow list` never parses the simulator or the language server;
 * help, completion and a verb nobody knows load them all. A test checks each module registers
 * exactly the verbs listed here.
 */
export const VERB_MODULES: ReadonlyArray<{
  verbs: readonly string[];
  load: () => Promise<(verb: VerbRegistrar) => void>;
}> = [
  {
    verbs: ['init', 'create', 'save', 'publish', 'edit', 'discard', 'rollback', 'restore', 'duplicate'],
    load: async () => (await import('./commands/lifecycle.js')).registerLifecycleVerbs,
  },
  { verbs: ['import'], load: async () => (await import('./commands/import.js')).registerImportVerb },
  { verbs: ['assign', 'unassign'], load: async () => (await import('./commands/numbers.js')).registerNumberVerbs },
  { verbs: ['validate'], load: async () => (await import('./commands/validate.js')).registerValidationVerbs },
  {
    verbs: ['list', 'show', 'history', 'verify'],
    load: async () => (await import('./commands/inspect.js')).registerInspectionVerbs,
  },
  { verbs: ['simulate', 'test'], load: async () => (await import('./commands/simulate.js')).registerSimulationVerbs },
  { verbs: ['call'], load: async () => (await import('./commands/call.js')).registerCallVerb },
  { verbs: ['graph'], load: async () => (await import('./commands/graph.js')).registerGraphVerbs },
  { verbs: ['recover'], load: async () => (await import('./commands/recover.js')).registerRecoveryVerbs },
  {
    verbs: ['diff', 'journeys', 'review'],
    load: async () => (await import('./commands/review.js')).registerReviewVerbs,
  },
  {
    verbs: ['environments', 'deploy', 'promote'],
    load: async () => (await import('./commands/deploy.js')).registerDeploymentVerbs,
  },
  {
    verbs: ['git-setup', 'git-diff', 'git-textconv'],
    load: async () => (await import('./commands/gitTools.js')).registerGitToolVerbs,
  },
  { verbs: ['lsp'], load: async () => (await import('./commands/lsp.js')).registerLanguageServerVerb },
  { verbs: ['serve'], load: async () => (await import('./commands/serve.js')).registerServeVerb },
  {
    verbs: ['calls', 'replay'],
    load: async () => (await import('./commands/executionLog.js')).registerExecutionLogVerbs,
  },
];

const HELP_FLAGS = ['-h', '--help'];
const VERSION_FLAGS = ['-V', '--version'];

/** What an invocation needs registered: `some` verb modules (by index in VERB_MODULES), or `all`. */
export function modulesFor(argv: readonly string[]): 'all' | number[] {
  const verb = verbOf(argv);
  if (verb === undefined)
    return argv.some((a) => VERSION_FLAGS.includes(a)) && !argv.some((a) => HELP_FLAGS.includes(a)) ? [] : 'all';
  const index = VERB_MODULES.findIndex((m) => m.verbs.includes(verb));
  return index === -1 ? 'all' : [index];
}

/** Whether the invocation's verb is one nobody registers (`help` and `completion` are the program's own). */
export function isUnknownVerb(argv: readonly string[]): boolean {
  const verb = verbOf(argv);
  return (
    verb !== undefined && verb !== 'help' && verb !== 'completion' && !VERB_MODULES.some((m) => m.verbs.includes(verb))
  );
}

/** What one invocation shares with its verbs: the exit status to set, and the interruption signal. */
export interface CliState {
  exitCode: number;
  signal?: AbortSignal;
  /**
   * Told once a long-running verb (the language server) has done what its runs compile, so the
   * launcher writes the compile cache then: such a process ends when its client says, not by returning.
   */
  warm?: () => void;
}

// Commander passes each verb its own argument shapes; `any` lets a verb declare them precisely.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type VerbAction = (ctx: VerbContext, ...args: any[]) => Promise<void>;

/** Adds a verb whose action receives a VerbContext; keeps every verb's wiring in one shape. */
export type VerbRegistrar = (name: string, describe: (command: Command) => Command, action: VerbAction) => void;

/** The program with the verbs `argv` needs (every verb when none is given). */
export async function buildProgram(io: CliIO, state: CliState, argv?: readonly string[]): Promise<Command> {
  const program = new Command('callflow')
    .description(
      'Call flows as YAML in git: create, validate, publish, simulate.\nRun inside a flow workspace, or pass --cwd DIR.',
    )
    .option('--cwd <dir>', 'run in this folder instead of the current one')
    .version(version, '-V, --version', 'print the version (from package.json)')
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

  const needed = argv ? modulesFor(argv) : 'all';
  const modules = needed === 'all' ? VERB_MODULES : needed.map((i) => VERB_MODULES[i]!);
  for (const register of await Promise.all(modules.map((m) => m.load()))) register(verb);
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
