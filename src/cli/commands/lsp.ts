import { StreamMessageReader, StreamMessageWriter, createConnection } from 'vscode-languageserver/node';
import { InvalidInputError } from '../../core';
import { startServer } from '../../server/server';
import type { VerbRegistrar } from '../program';

const EXAMPLES = `
Examples:
  callflow lsp --stdio                     # what an editor runs; it speaks LSP on stdin/stdout

  Neovim (0.11+, init.lua):
    vim.lsp.config('callflow', { cmd = { 'callflow', 'lsp', '--stdio' }, filetypes = { 'yaml' },
                                 root_markers = { 'callflow.yaml' } })
    vim.lsp.enable('callflow')

  Helix (languages.toml):
    [language-server.callflow]
    command = "callflow"
    args = ["lsp", "--stdio"]
    [[language]]
    name = "yaml"
    language-servers = ["callflow", "yaml-language-server"]
`;

export function registerLanguageServerVerb(verb: VerbRegistrar): void {
  verb(
    'lsp',
    (c) =>
      c
        .description(
          'run the flow language server (problems, completion, hover, go to definition, rename, symbols) for any editor',
        )
        .option('--stdio', 'speak the Language Server Protocol on stdin and stdout')
        .addHelpText('after', EXAMPLES),
    async (ctx) => {
      if (ctx.options['stdio'] !== true) {
        throw new InvalidInputError(
          'missing-transport',
          'callflow lsp talks to an editor over stdin and stdout only.',
          'Run it as `callflow lsp --stdio` (editors start it this way; see `callflow lsp --help`).',
        );
      }
      const connection = createConnection(
        new StreamMessageReader(process.stdin),
        new StreamMessageWriter(process.stdout),
      );
      // Runs until the editor closes the connection (the exit notification ends the process).
      await new Promise<void>((resolve) => {
        connection.onExit(() => resolve());
        process.stdin.on('close', () => resolve());
        startServer(connection, { onIndexed: () => ctx.markWarm() });
      });
    },
  );
}
