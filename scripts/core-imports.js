// An esbuild plugin for the bundles split by verb: the edges import the core through its one public
// module (src/core/index.ts, as test/unit/architecture requires), and a bundler that splits code
// follows every module such a barrel re-exports, so each verb's chunk would carry the whole core.
// This rewrites `import { a, b } from '../core'` in the edges, at bundle time only, into imports from
// the modules that declare `a` and `b` (read from the barrels' `export … from` lines), so a chunk
// holds what its verb uses. A name it cannot place stays imported from the barrel: slower, never wrong.
'use strict';

const fs = require('fs');
const path = require('path');

const ROOT = path.join(__dirname, '..');
const CORE_INDEX = path.join(ROOT, 'src/core/index.ts');
const DECLARATION =
  /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|const|let|var|class|enum)\s+([A-Za-z_$][\w$]*)/gm;
const RE_EXPORT = /^export\s+(type\s+)?(\*|\{[^}]*\})\s+from\s+'([^']+)'/gm;
const LOCAL_LIST = /^export\s+\{([^}]*)\}\s*;/gm;

function moduleFile(from, spec) {
  const base = path.resolve(path.dirname(from), spec);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return undefined;
}

/** `a`, `b as c`, `type T` → [{ imported, local, type }]. */
function specifiers(list) {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => {
      const type = s.startsWith('type ');
      const [imported, local = imported] = s.replace(/^type\s+/, '').split(/\s+as\s+/);
      return { imported: imported.trim(), local: local.trim(), type };
    });
}

const cache = new Map();

/** The file that declares the value `name` exported by `file`, following re-exports; undefined if unsure. */
function declaringFile(file, name, seen = new Set()) {
  if (seen.has(file)) return undefined;
  seen.add(file);
  let text = cache.get(file);
  if (text === undefined) {
    text = fs.readFileSync(file, 'utf8');
    cache.set(file, text);
  }
  for (const match of text.matchAll(DECLARATION)) if (match[1] === name) return { file, name };
  for (const match of text.matchAll(LOCAL_LIST))
    for (const s of specifiers(match[1])) if (s.local === name && !s.type) return { file, name: s.imported };
  for (const match of text.matchAll(RE_EXPORT)) {
    if (match[1]) continue;
    const target = moduleFile(file, match[3]);
    if (!target) continue;
    if (match[2] === '*') {
      const found = declaringFile(target, name, seen);
      if (found) return found;
      continue;
    }
    for (const s of specifiers(match[2].slice(1, -1)))
      if (s.local === name && !s.type)
        return declaringFile(target, s.imported, seen) ?? { file: target, name: s.imported };
  }
  return undefined;
}

const IMPORT_FROM_CORE = /^import\s+\{([^}]*)\}\s+from\s+'((?:\.\.\/)+core)';/gm;

/** The source with its value imports from the core's barrel pointed at the declaring modules. */
function rewriteCoreImports(source, file) {
  return source.replace(IMPORT_FROM_CORE, (statement, list, spec) => {
    if (path.resolve(path.dirname(file), spec, 'index.ts') !== CORE_INDEX) return statement;
    const direct = [];
    const kept = [];
    for (const s of specifiers(list)) {
      if (s.type) continue;
      const found = declaringFile(CORE_INDEX, s.imported);
      if (found) direct.push(`import { ${found.name} as ${s.local} } from ${JSON.stringify(found.file)};`);
      else kept.push(`${s.imported} as ${s.local}`);
    }
    if (kept.length) direct.push(`import { ${kept.join(', ')} } from '${spec}';`);
    // As many lines as the statement had, so the source map's line numbers stay right.
    return direct.join(' ') + '\n'.repeat(statement.split('\n').length - 1);
  });
}

/** The plugin: rewrites the files under `folders` (absolute paths) as they are loaded. */
function directCoreImports(folders) {
  return {
    name: 'direct-core-imports',
    setup(build) {
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!folders.some((folder) => args.path.startsWith(folder + path.sep))) return undefined;
        const source = await fs.promises.readFile(args.path, 'utf8');
        return { contents: rewriteCoreImports(source, args.path), loader: 'ts' };
      });
    },
  };
}

module.exports = { directCoreImports, rewriteCoreImports, declaringFile, CORE_INDEX };
