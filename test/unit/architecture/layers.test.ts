/**
 * The layering rules of the developers' guide, checked on the sources: the edges enter the core
 * through its public module, the core's folders depend on each other one way, and the core stays pure.
 */
import * as assert from 'assert';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '../../../../src');

interface SourceImport {
  file: string;
  /** Absolute path without extension for relative imports, the bare name otherwise. */
  target: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

function importsOf(file: string): SourceImport[] {
  const text = readFileSync(file, 'utf8');
  const found: SourceImport[] = [];
  const pattern =
    /(?:^|\n)\s*(?:import|export)[^'";]*?from\s+'([^']+)'|import\('([^']+)'\)|(?:^|\n)\s*import\s+'([^']+)'/g;
  for (const match of text.matchAll(pattern)) {
    const spec = (match[1] ?? match[2] ?? match[3])!;
    found.push({ file, target: spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec });
  }
  return found;
}

const relative = (p: string): string => path.relative(SRC, p).split(path.sep).join('/');

describe('layers', () => {
  it('the CLI, the extension, the language server and the runtime enter the core only through src/core/index.ts, and never run git themselves', () => {
    const offending = ['cli', 'extension', 'server', 'runtime']
      .flatMap((edge) => sourceFiles(path.join(SRC, edge)))
      .flatMap(importsOf)
      .filter(({ target }) => {
        const r = relative(target);
        return (r.startsWith('core/') && r !== 'core/index') || r.startsWith('git/') || target === 'simple-git';
      })
      .map(({ file, target }) => `${relative(file)} imports ${relative(target)}`);
    assert.deepStrictEqual(offending, []);
  });

  it('only the git adapter starts processes (src/git/gitProcess.ts)', () => {
    const offending = sourceFiles(SRC)
      .flatMap(importsOf)
      .filter(({ file, target }) => /^(node:)?child_process$/.test(target) && relative(file) !== 'git/gitProcess.ts')
      .map(({ file, target }) => `${relative(file)} imports ${relative(target)}`);
    assert.deepStrictEqual(offending, []);
  });

  it("the core's folders depend on each other one way (no cycle between folders)", () => {
    const folderOf = (p: string): string => relative(p).split('/').slice(0, 2).join('/').replace(/\.ts$/, '');
    const edges = new Map<string, Set<string>>();
    for (const { file, target } of sourceFiles(path.join(SRC, 'core')).flatMap(importsOf)) {
      if (!relative(target).startsWith('core/')) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      if (from === to || to === 'core/index' || !relative(file).includes('/', 5)) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
    const cycles: string[] = [];
    const visit = (node: string, trail: string[]): void => {
      if (trail.includes(node)) {
        cycles.push([...trail.slice(trail.indexOf(node)), node].join(' -> '));
        return;
      }
      for (const next of edges.get(node) ?? []) visit(next, [...trail, node]);
    };
    for (const node of edges.keys()) visit(node, []);
    assert.deepStrictEqual(cycles, []);
  });

  it('the extension shows messages only through its Notifications service', () => {
    const offending = sourceFiles(path.join(SRC, 'extension'))
      .filter((file) => relative(file) !== 'extension/notifications.ts')
      .filter((file) => /window\.show(Information|Warning|Error)Message/.test(readFileSync(file, 'utf8')))
      .map(relative);
    assert.deepStrictEqual(offending, []);
  });

  it('the core imports no vscode, no child processes and no file system', () => {
    const offending = sourceFiles(path.join(SRC, 'core'))
      .flatMap(importsOf)
      .filter(({ target }) => /^(vscode|(node:)?(child_process|fs|fs\/promises))$/.test(target))
      .map(({ file, target }) => `${relative(file)} imports ${target}`);
    assert.deepStrictEqual(offending, []);
  });
});
