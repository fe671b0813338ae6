/**
 * dist/cli.js, what bin/callflow.js runs: a few lines of CommonJS that load the CLI proper, an ES
 * module split by verb (dist/cli/main.mjs and its chunks), so each run parses only the code its verb
 * needs. `node dist/cli.js …` runs the CLI too; without the last lines it would only export, and
 * every command would silently do nothing and exit 0.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { CliIO } from './io';

import type * as CliModule from './main';

type Cli = typeof CliModule;

let cli: Promise<Cli> | undefined;

function load(): Promise<Cli> {
  cli ??= import(pathToFileURL(path.join(__dirname, 'cli', 'main.mjs')).href) as Promise<Cli>;
  return cli;
}

export async function main(argv: readonly string[], io?: CliIO, signal?: AbortSignal): Promise<number> {
  return (await load()).main(argv, io, signal);
}

export async function runInTerminal(argv: readonly string[]): Promise<number> {
  return (await load()).runInTerminal(argv);
}

if (require.main === module) {
  void runInTerminal(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
