/**
 * dist/cli.js, what bin/callflow.js runs: a few lines of CommonJS that load the CLI proper
 * (dist/cli/main.js, one bundle) with the code cache of the verb the invocation names, so a run
 * that has run before skips compiling what it runs (src/platform/compileCache.ts). `node dist/cli.js …`
 * runs the CLI too; without the last lines it would only export, and every command would silently
 * do nothing and exit 0. `callflow --version` alone is answered here.
 */
import * as path from 'node:path';
import { version } from '../../package.json';
import { COMPILE_CACHE_ENV, loadBundle } from '../platform/compileCache';
import { ExitCode } from './exitStatus';
import { processIO, statusAfterOutput, type CliIO } from './io';
import { verbOf } from './verb';

import type * as CliModule from './main';

type Cli = typeof CliModule;

const BUNDLE = path.join(__dirname, 'cli', 'main.js');

let cli: Cli | undefined;

/** For a program that calls the CLI (tests, scripts): the bundle, loaded once, without a compile cache. */
export async function main(argv: readonly string[], io?: CliIO, signal?: AbortSignal): Promise<number> {
  cli ??= loadBundle<Cli>(BUNDLE, undefined, { [COMPILE_CACHE_ENV]: 'off' }).exports;
  return cli.main(argv, io, signal);
}

export async function runInTerminal(argv: readonly string[]): Promise<number> {
  // The version alone needs none of the CLI: what commander prints for it, at the cost of Node's start.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    processIO.stdout(`${version}\n`);
    return statusAfterOutput(ExitCode.ok);
  }
  const loaded = loadBundle<Cli>(BUNDLE, verbOf(argv), process.env);
  cli = loaded.exports;
  // The language server (`callflow lsp`) says when it is warm: its editor ends it, it never returns.
  const code = await cli.runInTerminal(argv, () => loaded.saveCache());
  // A run refused or failed compiled its error path, not the verb's work: a later run writes the cache
  // (problems found, as `validate` says them, is the verb's work).
  if (code === ExitCode.ok || code === ExitCode.problemsFound) loaded.saveCache();
  return code;
}

if (require.main === module) {
  void runInTerminal(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
