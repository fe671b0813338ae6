/**
 * The CLI's compile cache: a verb's first run writes the bytecode it compiled, later runs of the same
 * build take it, and nothing about it can change what the CLI does: a rebuilt bundle, a damaged or
 * foreign cache, a folder it cannot write, or caching turned off all run the CLI as before.
 */
import * as assert from 'assert';
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { cacheFileFor, COMPILE_CACHE_ENV, loadBundle } from '../../../src/platform/compileCache';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const BIN = path.join(REPO_ROOT, 'bin/callflow.js');

/** A bundle with enough code that V8 has something to cache, and an answer that says which build ran. */
function bundleSource(answer: string): string {
  const functions = Array.from({ length: 200 }, (_, i) => `function f${i}(x) { return x * ${i} + ${i}; }`);
  return `${functions.join('\n')}\nmodule.exports = { answer: () => ${JSON.stringify(answer)} + f7(1) };\n`;
}

describe('callflow CLI: the compile cache', () => {
  let folder: string;
  let cache: string;
  let bundle: string;
  beforeEach(() => {
    folder = mkdtempSync(path.join(os.tmpdir(), 'callflow-compile-cache-'));
    cache = path.join(folder, 'cache');
    bundle = path.join(folder, 'main.js');
    writeFileSync(bundle, bundleSource('one'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const env = (): NodeJS.ProcessEnv => ({ [COMPILE_CACHE_ENV]: cache });
  const load = () => loadBundle<{ answer(): string }>(bundle, 'list', env());

  it("writes a verb's cache after its first run, and the next run of the same build takes it", () => {
    const first = load();
    assert.strictEqual(first.exports.answer(), 'one14');
    assert.strictEqual(first.cacheUsed, false);
    assert.ok(first.cacheFile?.startsWith(cache), first.cacheFile);
    assert.strictEqual(path.basename(first.cacheFile!), 'list.bin');
    first.saveCache();
    assert.ok(existsSync(first.cacheFile!));

    const second = load();
    assert.strictEqual(second.cacheUsed, true);
    assert.strictEqual(second.exports.answer(), 'one14');
    assert.strictEqual(second.cacheFile, first.cacheFile);
  });

  it('a rebuilt bundle of the same length and time never runs the last build’s bytecode, and its first cache replaces the last build’s', () => {
    const first = load();
    first.saveCache();
    const { mtime } = statSync(bundle);
    writeFileSync(bundle, bundleSource('two'));
    utimesSync(bundle, mtime, mtime);
    const rebuilt = load();
    assert.notStrictEqual(rebuilt.cacheFile, first.cacheFile);
    assert.strictEqual(rebuilt.cacheUsed, false);
    assert.strictEqual(rebuilt.exports.answer(), 'two14');
    // The new build's first cache replaces the old build's (no run can take it again), and leaves
    // another bundle's alone.
    const other = path.join(folder, 'other-bundle.js');
    writeFileSync(other, bundleSource('another'));
    loadBundle(other, 'list', env()).saveCache();
    assert.strictEqual(readdirSync(cache).length, 2);
    rebuilt.saveCache();
    const kept = [rebuilt.cacheFile!, cacheFileFor(other, 'list', env())!].map((f) => path.basename(path.dirname(f)));
    assert.deepStrictEqual(readdirSync(cache).sort(), kept.sort());
    assert.ok(!existsSync(first.cacheFile!));
  });

  it('removes only its own build folders from the cache folder, whatever else the user keeps there', () => {
    mkdirSync(cache, { mode: 0o755 });
    const month = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
    const foreign = {
      file: path.join(cache, 'notes.txt'),
      folder: path.join(cache, 'old-project'),
      lookalike: path.join(cache, '0123abcd-0123456789abcdef0123'),
      oldBuild: path.join(cache, 'deadbeef-0123456789abcdef0123'),
    };
    writeFileSync(foreign.file, 'mine');
    mkdirSync(foreign.folder);
    writeFileSync(path.join(foreign.folder, 'a.txt'), 'mine too');
    mkdirSync(foreign.lookalike);
    writeFileSync(path.join(foreign.lookalike, 'readme.md'), 'named like a build, but not only caches');
    mkdirSync(foreign.oldBuild);
    writeFileSync(path.join(foreign.oldBuild, 'list.bin'), 'an old build of another bundle');
    for (const entry of Object.values(foreign)) utimesSync(entry, month, month);

    load().saveCache();
    for (const kept of [foreign.file, foreign.folder, foreign.lookalike]) assert.ok(existsSync(kept), kept);
    assert.ok(!existsSync(foreign.oldBuild), 'an unused build of another bundle, holding only caches, goes');
  });

  it('a damaged cache is refused by V8, the run goes on, and the cache is written anew', () => {
    const file = cacheFileFor(bundle, 'list', env())!;
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    chmodSync(cache, 0o700);
    writeFileSync(file, Buffer.from('not bytecode at all, just bytes '.repeat(64)));
    const damaged = load();
    assert.strictEqual(damaged.cacheUsed, false);
    assert.strictEqual(damaged.exports.answer(), 'one14');
    damaged.saveCache();
    assert.strictEqual(load().cacheUsed, true);
  });

  it('is off when asked or given a relative folder, and never reads from a folder others can write or a link', function () {
    assert.strictEqual(cacheFileFor(bundle, 'list', { [COMPILE_CACHE_ENV]: 'off' }), undefined);
    assert.strictEqual(cacheFileFor(bundle, 'list', { [COMPILE_CACHE_ENV]: '0' }), undefined);
    assert.strictEqual(
      cacheFileFor(bundle, 'list', { [COMPILE_CACHE_ENV]: cache, NODE_DISABLE_COMPILE_CACHE: '1' }),
      undefined,
    );
    // Relative to wherever callflow runs: a repository could bring it.
    assert.strictEqual(cacheFileFor(bundle, 'list', { [COMPILE_CACHE_ENV]: '.cache' }), undefined);
    if (process.platform === 'win32') this.skip();
    load().saveCache();
    assert.strictEqual(load().cacheUsed, true);
    chmodSync(cache, 0o777);
    const open = load();
    assert.strictEqual(open.cacheUsed, false, 'a cache folder anyone can write');
    chmodSync(cache, 0o700);
    // The same caches reached through a link: refused too.
    const linked = path.join(folder, 'linked');
    symlinkSync(cache, linked);
    assert.strictEqual(loadBundle(bundle, 'list', { [COMPILE_CACHE_ENV]: linked }).cacheUsed, false);
  });

  it('a verb name that is not a word shares one cache, and cannot name a path', () => {
    for (const verb of [undefined, '../../etc/passwd', 'LIST', 'x'.repeat(40)])
      assert.strictEqual(path.basename(cacheFileFor(bundle, verb, env())!), 'other.bin', String(verb));
  });

  it('a cache folder that cannot be written costs nothing but the saving', () => {
    writeFileSync(cache, 'a file where the folder would be');
    const run = load();
    assert.strictEqual(run.exports.answer(), 'one14');
    assert.doesNotThrow(() => run.saveCache());
  });

  it('import() in the bundle works as in a module Node loaded', async function () {
    if (!vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER) this.skip();
    writeFileSync(bundle, "module.exports = { load: () => import('node:path') };\n");
    const loaded = loadBundle<{ load(): Promise<typeof path> }>(bundle, 'list', env());
    assert.strictEqual((await loaded.exports.load()).join('a', 'b'), path.join('a', 'b'));
  });

  it('the real CLI: the first `list` writes its cache, the next takes it and prints the same; a refused run writes none', function () {
    this.timeout(60_000);
    const workspace = path.join(folder, 'workspace');
    mkdirSync(workspace);
    const callflow = (...argv: string[]) =>
      spawnSync(process.execPath, [BIN, ...argv], {
        cwd: workspace,
        env: { ...process.env, ...env() },
        encoding: 'utf8',
      });
    assert.strictEqual(spawnSync('git', ['init', '-q'], { cwd: workspace }).status, 0);
    assert.strictEqual(callflow('init').status, 0);
    const first = callflow('list', '--json');
    const builds = readdirSync(cache);
    assert.strictEqual(builds.length, 1);
    const buildFolder = path.join(cache, builds[0]!);
    assert.deepStrictEqual(readdirSync(buildFolder).sort(), ['init.bin', 'list.bin']);
    const written = statSync(path.join(buildFolder, 'list.bin'));
    const second = callflow('list', '--json');
    assert.strictEqual(second.status, 0, second.stderr);
    assert.strictEqual(second.stdout, first.stdout);
    // Taken, not written again: a run whose cache V8 refused would have replaced the file.
    const after = statSync(path.join(buildFolder, 'list.bin'));
    assert.deepStrictEqual([after.ino, after.mtimeMs], [written.ino, written.mtimeMs]);
    // A refused run compiled its error path: it leaves no cache for the verb.
    assert.strictEqual(callflow('show', 'no-such-flow').status, 2);
    assert.ok(!readdirSync(buildFolder).includes('show.bin'));
    const { version } = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    assert.strictEqual(callflow('--version').stdout.trim(), version);
  });
});
