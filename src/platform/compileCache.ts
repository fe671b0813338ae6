/**
 * Loading a bundle (the CLI's, the language server's) with V8's code cache, as Node 22's
 * `module.enableCompileCache()` does for the Node 20 this product supports: most of a short
 * `callflow` run beyond Node's own start is V8 compiling the bundle, and a run that finds the
 * bytecode its verb compiled last time skips that. Each verb has its own cache (what `list`
 * compiles is not what `publish` does), made by the verb's first run and kept per build of the
 * bundle and per Node, in the user's cache folder. A cache V8 rejects, or one that cannot be read
 * or written, costs only the saving: the code runs the same.
 *
 * Bytecode is code: it is read only from a folder the user owns and nobody else can write.
 */
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Set to a folder to keep the caches there; to `off` (or `0`) to load without them. */
export const COMPILE_CACHE_ENV = 'CALLFLOW_COMPILE_CACHE';

export interface LoadedBundle<T> {
  exports: T;
  /** Where this run's cache is read from and written to; undefined when caching is off or unsafe. */
  cacheFile: string | undefined;
  /** Whether V8 took the cache this run found (false: there was none, or V8 refused it). */
  cacheUsed: boolean;
  /** Writes the cache when this run had none it could use: call it once the verb has run. */
  saveCache(): void;
}

/** The bundle `file` (CommonJS), run in this process, with the cache of `verb` if there is one. */
export function loadBundle<T>(file: string, verb: string | undefined, env: NodeJS.ProcessEnv): LoadedBundle<T> {
  const source = readFileSync(file, 'utf8');
  const cacheFile = cacheFileFor(file, verb, env);
  const cachedData = cacheFile === undefined ? undefined : readIfPresent(cacheFile);
  const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  const module = { exports: {} as T };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  return {
    exports: module.exports,
    cacheFile,
    cacheUsed,
    saveCache: () => {
      if (cacheFile !== undefined && !cacheUsed) writeCache(cacheFile, script);
    },
  };
}

/**
 * `<cache folder>/<build>/<verb>.bin`, where the build names the bundle (its path's tag), its size
 * and time and the Node that compiled it: V8 checks its own version and the source's length, not
 * its text, so a rebuilt bundle of the same length must not find the last build's bytecode.
 */
export function cacheFileFor(file: string, verb: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  const root = cacheRoot(env);
  if (root === undefined) return undefined;
  let stamp: string;
  try {
    const stat = statSync(file);
    stamp = `${bundleTag(file)}-${process.version}-${process.arch}-${stat.size}-${Math.trunc(stat.mtimeMs)}`;
  } catch {
    return undefined;
  }
  const name = verb !== undefined && /^[a-z][a-z-]{0,30}$/.test(verb) ? verb : 'other';
  return path.join(root, stamp, `${name}.bin`);
}

function cacheRoot(env: NodeJS.ProcessEnv): string | undefined {
  const chosen = env[COMPILE_CACHE_ENV];
  if (chosen === 'off' || chosen === '0' || env['NODE_DISABLE_COMPILE_CACHE']) return undefined;
  const root = chosen ? path.resolve(chosen) : defaultCacheRoot(env);
  return root !== undefined && isPrivateOrAbsent(root) ? root : undefined;
}

function defaultCacheRoot(env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform === 'win32')
    return env['LOCALAPPDATA'] ? path.join(env['LOCALAPPDATA'], 'callflow', 'compile-cache') : undefined;
  const home = env['HOME'] || os.homedir();
  if (process.platform === 'darwin') return home ? path.join(home, 'Library', 'Caches', 'callflow') : undefined;
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg && path.isAbsolute(xdg) ? xdg : home ? path.join(home, '.cache') : undefined;
  return base === undefined ? undefined : path.join(base, 'callflow', 'compile-cache');
}

/** A folder someone else owns or can write could hand this process bytecode: such a cache is not used. */
function isPrivateOrAbsent(folder: string): boolean {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
  try {
    const stat = statSync(folder);
    return stat.isDirectory() && stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
  } catch {
    return true;
  }
}

function readIfPresent(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** Other bundles' caches nobody wrote to for this long are removed when a new build writes its first. */
const UNUSED_BUILD_MS = 14 * 24 * 60 * 60 * 1000;

/**
 * Written whole or not at all (a file of its own, renamed). A new build's first cache removes the
 * caches of the bundle's earlier builds (no run can take them again); other bundles' (another
 * checkout, the language server) stay until unused for two weeks.
 */
function writeCache(file: string, script: vm.Script): void {
  const buildFolder = path.dirname(file);
  const root = path.dirname(buildFolder);
  try {
    const fresh = !isDirectory(buildFolder);
    mkdirSync(buildFolder, { recursive: true, mode: 0o700 });
    if (!isPrivateOrAbsent(root) || !isPrivateOrAbsent(buildFolder)) return;
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, file);
    if (fresh) removeStaleBuilds(root, path.basename(buildFolder), Date.now() - UNUSED_BUILD_MS);
  } catch {
    // A read-only home, a full disk: the next run compiles again, as it would without a cache.
  }
}

function removeStaleBuilds(root: string, current: string, unusedBefore: number): void {
  const sameBundle = `${current.slice(0, current.indexOf('-'))}-`;
  for (const build of readdirSync(root)) {
    if (build === current) continue;
    const folder = path.join(root, build);
    if (build.startsWith(sameBundle) || statSync(folder).mtimeMs < unusedBefore)
      rmSync(folder, { recursive: true, force: true });
  }
}

/** A short tag of the bundle's path (FNV-1a), so each bundle's builds are told from another's. */
function bundleTag(file: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) hash = Math.imul(hash ^ file.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

function isDirectory(folder: string): boolean {
  try {
    return statSync(folder).isDirectory();
  } catch {
    return false;
  }
}
