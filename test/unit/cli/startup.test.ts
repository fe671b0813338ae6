/**
 * What a `callflow` process loads and how it ends when its output cannot be written: each verb's code
 * loads only when that verb runs (the program registers the verbs an invocation needs), an unknown verb
 * is bad usage even with --help, and output lost to a full device is an exit status and a message.
 */
import * as assert from 'assert';
import type * as Esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import * as path from 'node:path';
import { modulesFor, VERB_MODULES, type VerbRegistrar } from '../../../src/cli/program';
import { verbOf } from '../../../src/cli/verb';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(REPO_ROOT, 'bin/callflow.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the build configuration, plain Node
const { builds } = require(path.join(REPO_ROOT, 'esbuild.js')) as { builds: Array<Record<string, unknown>> };

describe('callflow CLI: loading only what a verb needs', () => {
  it('finds the verb after global options and their values', () => {
    assert.strictEqual(verbOf(['--cwd', 'list', 'show', 'x']), 'show');
    assert.strictEqual(verbOf(['list', '--json']), 'list');
    assert.strictEqual(verbOf(['--version']), undefined);
    assert.strictEqual(verbOf([]), undefined);
  });

  it('registers no verb for --version, one module for a known verb, every module for help and unknown verbs', () => {
    const inspect = VERB_MODULES.findIndex((m) => m.verbs.includes('list'));
    assert.deepStrictEqual(modulesFor(['--version']), []);
    assert.deepStrictEqual(modulesFor(['-V']), []);
    assert.deepStrictEqual(modulesFor(['list', '--json']), [inspect]);
    assert.deepStrictEqual(modulesFor(['--cwd', '/x', 'verify']), [inspect]);
    for (const argv of [[], ['--help'], ['help', 'list'], ['completion', 'bash'], ['frobnicate']])
      assert.strictEqual(modulesFor(argv), 'all', argv.join(' '));
  });

  it('each verb module registers exactly the verbs the table lists for it', async () => {
    for (const entry of VERB_MODULES) {
      const names: string[] = [];
      const recorder: VerbRegistrar = (name) => void names.push(name.split(' ')[0]!);
      (await entry.load())(recorder);
      assert.deepStrictEqual(names, [...entry.verbs]);
    }
  });

  it('the bundle: --version parses commander, the CLI frame and the core errors and ids (with plural, which errors say counts with) only; list parses no review, graph, canvas edits or language server', async function () {
    this.timeout(120_000);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundler the build uses
    const esbuild = require('esbuild') as typeof Esbuild;
    const build = builds.find((b) => b['outdir'] === 'dist/cli')!;
    // Built here as ES module chunks, whose metafile says what each module imports statically: what the
    // CommonJS bundle initialises when the verb runs (it initialises a dynamically imported module only
    // when imported, as a chunk loads only when imported).
    const result = await esbuild.build({
      ...build,
      format: 'esm',
      splitting: true,
      outExtension: { '.js': '.mjs' },
      absWorkingDir: REPO_ROOT,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const outputs = result.metafile.outputs;
    /** The inputs of every output an output loads before it runs (static imports, followed). */
    const staticInputs = (...starts: string[]): string[] => {
      const seen = new Set<string>();
      const visit = (output: string): void => {
        if (seen.has(output)) return;
        seen.add(output);
        for (const i of outputs[output]!.imports) if (i.kind === 'import-statement' && !i.external) visit(i.path);
      };
      starts.forEach(visit);
      return [...seen].flatMap((output) => Object.keys(outputs[output]!.inputs));
    };
    const entry = (source: string): string =>
      Object.keys(outputs).find((output) => outputs[output]!.entryPoint === source)!;

    const version = staticInputs('dist/cli/main.mjs');
    assert.deepStrictEqual(
      version.filter((input) =>
        /node_modules\/(?!commander|slugify)|src\/(core\/(?!errors|ids|words)|platform|git|server)/.test(input),
      ),
      [],
    );
    const list = staticInputs(
      'dist/cli/main.mjs',
      entry('src/cli/commands/inspect.ts'),
      entry('src/cli/openWorkspace.ts'),
    );
    assert.deepStrictEqual(
      list.filter((input) =>
        /src\/(core\/(review|graph|language|flowEdits)|server)\/|vscode-languageserver|dagre/.test(input),
      ),
      [],
    );
  });
});

describe('callflow CLI: usage and output errors', () => {
  let repo: TempRepo;
  before(async () => {
    repo = await makeTempRepo();
    assert.strictEqual((await callflow(repo.root, 'init')).code, 0);
  });
  after(() => repo.cleanup());

  it('`callflow <unknown-verb> --help` is an unknown command (exit 2), not the main help', async () => {
    for (const help of ['--help', '-h']) {
      const run = await callflow(repo.root, 'frobnicate', help);
      assert.strictEqual(run.code, 2, help);
      assert.match(run.stderr, /unknown command 'frobnicate'/);
      assert.strictEqual(run.stdout, '');
    }
    const known = await callflow(repo.root, 'list', '--help');
    assert.strictEqual(known.code, 0);
    assert.match(known.stdout, /Usage: callflow list/);
  });

  it('output to a full device exits 4 with a message; what ran is not undone', function () {
    if (!existsSync('/dev/full')) this.skip();
    this.timeout(60_000);
    for (const argv of [['list'], ['--version'], ['completion', 'bash']]) {
      const full = openSync('/dev/full', 'w');
      try {
        const run = spawnSync(process.execPath, [BIN, ...argv], {
          cwd: repo.root,
          stdio: ['ignore', full, 'pipe'],
          encoding: 'utf8',
        });
        assert.strictEqual(run.status, 4, `${argv.join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, /the output could not be written \(ENOSPC: no space left on the device\)/);
      } finally {
        closeSync(full);
      }
    }
  });
});
