/**
 * Loading a bundle (the CLI's, the language server's) with V8's code cache, as Node 22's
 * `module.enableCompileCache()` does for the Node 20 this product supports: most of a short
 * `callflow` run beyond Node's own start is V8 compiling the bundle, and a run that finds the
 * bytecode its verb compiled last time skips that. Each verb has its own cache (what `list`
 * compiles is not what `publish` does), made by the verb's first run and kept per build of the
 * bundle and per Node, in the user's cache folder. A cache V8 rejects, or one that cannot be read
 * or written, costs only the saving: the code runs the same.
 *
 * Bytecode is code: it is read only from a file and folders the user owns and nobody else can
 * write, never through a symbolic link, and the folder is named by a hash of the exact bytes being
 * compiled (and the Node and flags compiling them), so no other build's bytecode is ever run.
 */
import { createHash } from 'node:crypto';
import {
  closeSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  type Stats,
  unlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vm from 'node:vm';

/** Set to a folder (an absolute path) to keep the caches there; to `off` (or `0`) to load without them. */
export const COMPILE_CACHE_ENV = 'CALLFLOW_COMPILE_CACHE';

export interface LoadedBundle<T> {
  exports: T;
  /** Where this run's cache is read from and written to; undefined when caching is off or unsafe. */
  cacheFile: string | undefined;
  /** Whether V8 took the cache this run found (false: there was none, or V8 refused it). */
  cacheUsed: boolean;
  /** Writes the cache when this run had none it could use, once: call it when the code has done its work. */
  saveCache(): void;
}

/** The bundle `file` (CommonJS), run in this process, with the cache of `verb` if there is one. */
export function loadBundle<T>(file: string, verb: string | undefined, env: NodeJS.ProcessEnv): LoadedBundle<T> {
  const bytes = readFileSync(file);
  const cacheFile = cacheFileOf(bytes, file, verb, env);
  const cachedData = cacheFile === undefined ? undefined : readPrivateFile(cacheFile);
  const script = new vm.Script(Module.wrap(bytes.toString('utf8')), {
    filename: file,
    ...(cachedData ? { cachedData } : {}),
    // import() in the bundle as in a module Node loaded (Node >= 20.12 has the constant; before, none works).
    ...(vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER
      ? { importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER }
      : {}),
  });
  const cacheUsed = cachedData !== undefined && !script.cachedDataRejected;
  if (cacheUsed) markUsed(path.dirname(cacheFile!));
  const module = { exports: {} as T, filename: file, id: file, loaded: false };
  const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
  wrapper.call(module.exports, module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  let saved = false;
  return {
    exports: module.exports,
    cacheFile,
    cacheUsed,
    saveCache: () => {
      if (cacheFile === undefined || cacheUsed || saved) return;
      saved = true;
      writeCache(cacheFile, script);
    },
  };
}

/** Where `verb`'s cache of the bundle `file` as it is now on disk would be (undefined: caching is off or unsafe). */
export function cacheFileFor(file: string, verb: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  return cacheFileOf(readFileSync(file), file, verb, env);
}

/** A build's folder: the bundle's path tag, then a hash of its bytes, the Node and its flags. */
const BUILD_FOLDER = /^[0-9a-f]{8}-[0-9a-f]{20}$/;

/**
 * `<cache folder>/<build>/<verb>.bin`. V8 checks its own version and the source's length, not its
 * text: the build is named by the bytes compiled, so a rebuilt bundle never finds another's bytecode
 * (same length, same time, a copy, a tarball's fixed dates), and by the Node and the flags that
 * change what V8 compiles (which V8 would refuse, and the cache be rewritten on every run).
 */
function cacheFileOf(
  bytes: Buffer,
  file: string,
  verb: string | undefined,
  env: NodeJS.ProcessEnv,
): string | undefined {
  const root = cacheRoot(env);
  if (root === undefined) return undefined;
  const build = createHash('sha256')
    .update(bytes)
    .update(`\0${process.version}\0${process.arch}\0${process.execArgv.join(' ')}\0${env['NODE_OPTIONS'] ?? ''}`)
    .digest('hex')
    .slice(0, 20);
  const name = verb !== undefined && /^[a-z][a-z-]{0,30}$/.test(verb) ? verb : 'other';
  return path.join(root, `${bundleTag(file)}-${build}`, `${name}.bin`);
}

function cacheRoot(env: NodeJS.ProcessEnv): string | undefined {
  const chosen = env[COMPILE_CACHE_ENV];
  if (chosen === 'off' || chosen === '0' || env['NODE_DISABLE_COMPILE_CACHE']) return undefined;
  // A relative folder would be read from wherever callflow runs: a repository could bring the bytecode.
  if (chosen) return path.isAbsolute(chosen) ? path.normalize(chosen) : undefined;
  return defaultCacheRoot(env);
}

function defaultCacheRoot(env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform === 'win32')
    return env['LOCALAPPDATA'] ? path.join(env['LOCALAPPDATA'], 'callflow', 'compile-cache') : undefined;
  const home = env['HOME'] || os.homedir();
  if (process.platform === 'darwin')
    return home ? path.join(home, 'Library', 'Caches', 'callflow', 'compile-cache') : undefined;
  const xdg = env['XDG_CACHE_HOME'];
  const base = xdg && path.isAbsolute(xdg) ? xdg : home ? path.join(home, '.cache') : undefined;
  return base === undefined ? undefined : path.join(base, 'callflow', 'compile-cache');
}

/** Ours alone: owned by this user, writable by nobody else (POSIX; Windows folders are the user's by their ACL). */
function isPrivate(stat: Stats): boolean {
  if (typeof process.getuid !== 'function') return true;
  return stat.uid === process.getuid() && (stat.mode & 0o022) === 0;
}

/** A real folder (not a link to one) that is private. */
function isPrivateFolder(folder: string): boolean {
  try {
    const stat = lstatSync(folder);
    return stat.isDirectory() && isPrivate(stat);
  } catch {
    return false;
  }
}

/** The cache's bytes, read from the file it is (checked on the open file, not its name), if it and its folders are ours. */
function readPrivateFile(file: string): Buffer | undefined {
  const buildFolder = path.dirname(file);
  if (!isPrivateFolder(path.dirname(buildFolder)) || !isPrivateFolder(buildFolder)) return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stat = fstatSync(fd);
    if (!stat.isFile() || !isPrivate(stat)) return undefined;
    return readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** A build whose caches are taken keeps its folder's time recent (at most once a day), so pruning spares it. */
function markUsed(buildFolder: string): void {
  try {
    const now = Date.now();
    if (now - lstatSync(buildFolder).mtimeMs > DAY_MS) utimesSync(buildFolder, now / 1000, now / 1000);
  } catch {
    // Only the pruning's view of it is older.
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Other bundles' caches not used for this long are removed when a new build writes its first. */
const UNUSED_BUILD_MS = 14 * DAY_MS;

/**
 * Written whole or not at all (a file of its own, renamed). A new build's first cache removes the
 * caches of the same bundle's earlier builds (no run can take them again); other bundles' (another
 * checkout, the language server) stay until unused for two weeks. Only folders named as builds and
 * holding only caches are ever removed: the cache folder may be one the user chose.
 */
function writeCache(file: string, script: vm.Script): void {
  const buildFolder = path.dirname(file);
  const root = path.dirname(buildFolder);
  const partial = `${file}.${process.pid}.partial`;
  try {
    const fresh = !isPrivateFolder(buildFolder);
    mkdirSync(buildFolder, { recursive: true, mode: 0o700 });
    if (!isPrivateFolder(root) || !isPrivateFolder(buildFolder)) return;
    writeFileSync(partial, script.createCachedData(), { mode: 0o600 });
    renameSync(partial, file);
    if (fresh) removeStaleBuilds(root, path.basename(buildFolder), Date.now() - UNUSED_BUILD_MS);
  } catch {
    // A read-only home, a full disk: the next run compiles again, as it would without a cache.
    try {
      unlinkSync(partial);
    } catch {
      // Never written.
    }
  }
}

function removeStaleBuilds(root: string, current: string, unusedBefore: number): void {
  const sameBundle = current.slice(0, current.indexOf('-') + 1);
  for (const build of readdirSync(root)) {
    if (build === current || !BUILD_FOLDER.test(build)) continue;
    const folder = path.join(root, build);
    const stat = lstatSync(folder);
    if (!stat.isDirectory() || !(build.startsWith(sameBundle) || stat.mtimeMs < unusedBefore)) continue;
    if (readdirSync(folder).every((name) => name.endsWith('.bin') || name.endsWith('.partial')))
      rmSync(folder, { recursive: true, force: true });
  }
}

/** A short tag of the bundle's path (FNV-1a), so each bundle's builds are told from another's. */
function bundleTag(file: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < file.length; i++) hash = Math.imul(hash ^ file.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}
