/**
 * The flow language server, started with vscode-languageclient: live problems, completion,
 * hover, go to definition, references, rename, symbols and quick fixes all come from it
 * (dist/server.js, the same server as `callflow lsp --stdio`). The extension holds no language
 * logic of its own.
 */
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';
import { EDITOR_SETTINGS_SECTION } from '../../core';
import type { ExtensionServices } from '../services';

export function startLanguageClient(services: ExtensionServices): LanguageClient {
  const module = services.context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc },
  };
  const clientOptions: LanguageClientOptions = {
    // The server decides per file, by the core's classifier, which YAML files are flow files.
    documentSelector: [{ scheme: 'file', pattern: '**/*.yaml' }],
    initializationOptions: { debounceMs: services.settings.value.validationDebounceMs },
    // The server hears `callflow.*` changes as workspace/didChangeConfiguration (validation.debounceMs).
    synchronize: { configurationSection: EDITOR_SETTINGS_SECTION },
    outputChannel: services.log,
  };
  const client = new LanguageClient('callflow', 'Call Flow Language Server', serverOptions, clientOptions);
  services.context.subscriptions.push({ dispose: () => void client.stop() });
  // Started after activate() returns: the server process comes up while the window settles.
  setImmediate(() => {
    client.start().catch((err: unknown) => {
      services.log.error(`The flow language server did not start: ${err instanceof Error ? err.message : String(err)}`);
    });
  });
  return client;
}
