/**
 * The layering rules of the developers' guide, checked on the sources: the edges enter the core
 * through its public module, the core's folders depend on each other one way, and the core stays pure.
 */
import * as assert from 'assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '../../../../src');

interface SourceImport {
  file: string;
  /** Absolute path without extension for relative imports, the bare name otherwise. */
  target: string;
  /** `import type …`: erased by the compiler, so nothing of the target is bundled. */
  typeOnly: boolean;
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
    const typeOnly = /^\s*(?:import|export)\s+type\s/.test(match[0]);
    found.push({ file, target: spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec, typeOnly });
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

  it('only the git adapter starts processes: through simple-git (src/git/gitProcess.ts), or in a process group of their own (src/git/processGroup.ts)', () => {
    const offending = sourceFiles(SRC)
      .flatMap(importsOf)
      .filter(
        ({ file, target }) =>
          (/^(node:)?child_process$/.test(target) && relative(file) !== 'git/processGroup.ts') ||
          (target === 'simple-git' && relative(file) !== 'git/gitProcess.ts'),
      )
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

  it('a module split into a folder is entered through its index: callers keep one public entry', () => {
    // src/runtime/signatures: one file per carrier's scheme; the runtime and the tests check a request through index.ts.
    // src/core/errors: one file per domain (lifecycle, workspace, git, files); a caller cannot tell where an error lives.
    const SPLIT_MODULES = ['runtime/signatures', 'core/errors'];
    const offending = SPLIT_MODULES.flatMap((module) =>
      ['src', 'test', 'bench']
        .flatMap((dir) => sourceFiles(path.join(SRC, '..', dir)))
        .filter((file) => !relative(file).startsWith(`${module}/`))
        .flatMap(importsOf)
        .filter(({ target }) => relative(target).startsWith(`${module}/`) && relative(target) !== `${module}/index`)
        .map(({ file, target }) => `${relative(file)} imports ${relative(target)}`),
    );
    assert.deepStrictEqual(offending, []);
  });

  it('the extension shows messages only through its Notifications service', () => {
    const offending = sourceFiles(path.join(SRC, 'extension'))
      .filter((file) => relative(file) !== 'extension/notifications.ts')
      .filter((file) => /window\.show(Information|Warning|Error)Message/.test(readFileSync(file, 'utf8')))
      .map(relative);
    assert.deepStrictEqual(offending, []);
  });

  it('the core imports no vscode, no child processes, no file system and no network', () => {
    const offending = sourceFiles(path.join(SRC, 'core'))
      .flatMap(importsOf)
      .filter(({ target }) =>
        /^(vscode|(node:)?(child_process|fs|fs\/promises|http|https|http2|net|dgram))$/.test(target),
      )
      .map(({ file, target }) => `${relative(file)} imports ${target}`);
    assert.deepStrictEqual(offending, []);
  });

  it('src/extension/commands holds only the command table, the targets commands resolve and the inputs they ask for; handlers live with their feature (the lifecycle in src/extension/lifecycle)', () => {
    const TABLE_FILES = ['commandContext.ts', 'entry.ts', 'errors.ts', 'index.ts', 'inputs.ts', 'targets.ts'];
    const extra = readdirSync(path.join(SRC, 'extension/commands')).filter((name) => !TABLE_FILES.includes(name));
    assert.deepStrictEqual(extra, []);
  });

  it('no command refreshes the views by hand: they refresh from the operation the core announces', () => {
    const offending = sourceFiles(path.join(SRC, 'extension'))
      .filter((file) => /\.fireChanged\(/.test(readFileSync(file, 'utf8')))
      .map(relative);
    // Workspace trust being granted is the one change no operation announces.
    assert.deepStrictEqual(offending, ['extension/extension.ts']);
  });

  it('a flow id is parsed once where it enters: inside the core only text from a file or a selector is parsed, everything else takes a FlowId', () => {
    // Where the core reads an id from text: a version selector (flow@v2), numbers.yaml and a
    // goto-flow target, a new flow's id derived from its name. The edges parse the rest.
    const ENTRIES = ['core/calls/versions.ts', 'core/calls/workspaceCalls.ts', 'core/lifecycle/newFlowIds.ts'];
    const parsing = sourceFiles(path.join(SRC, 'core'))
      .filter((file) => /\bparseFlowId\(/.test(readFileSync(file, 'utf8')))
      .map(relative)
      .filter((file) => file !== 'core/ids.ts');
    assert.deepStrictEqual(parsing.sort(), ENTRIES);
    assert.deepStrictEqual(
      sourceFiles(SRC)
        .filter((file) => /\bassertFlowId\b/.test(readFileSync(file, 'utf8')))
        .map(relative),
      [],
    );
  });

  it('one plural: a count is said with its noun through core/words.ts, never spelled out again', () => {
    const offending = sourceFiles(SRC).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/=== 1 \? '' : 's'|=== 1 \? '(\w+)' : '\1e?s'/g)].map(
        (m) => `${relative(file)}: ${m[0]}`,
      ),
    );
    assert.deepStrictEqual(offending, []);
  });

  describe('the canvas page (src/webview/graph)', () => {
    const PAGE = 'webview/graph/';
    // The page is browser code bundled on its own (dist/webview/graph.js): it meets the host only at the
    // protocol file, and takes from the core just the pure modules it draws and edits with, imported
    // directly (core/index would bundle the whole core into the page).
    const PAGE_MAY_IMPORT: Record<string, string> = {
      'extension/graph/protocol': 'the messages between the page and its host (types only)',
      'core/graph/graphLayout': 'the layout the CLI renders too: one layout',
      'core/graph/scene': 'the drawing the CLI exports as SVG: one drawing',
      'core/graph/routeMarks': "a route's change marks and labels, as the review reads them",
      'core/graph/stableLayout': 'keeping steps where they were across edits',
      'core/graph/types': 'the graph the host sends (types only)',
      'core/model': 'the step types and menu keys the palette and the panel offer',
      'core/ids': 'the phone number pattern the panel checks as the validator does',
      'core/words': 'the one way a count is said with its noun (plural)',
      'core/validation/flowSteps': "each step type's exit fields",
      'core/flowEdits/stepTemplates': "the palette's step titles, as new steps are written",
      'core/flowEdits/fields': 'the field values the panel sends (types only)',
      'core/flowEdits/branchDrafts': "a condition's branches as the panel edits them (no YAML: the host writes them)",
      '../schemas/flow-version.schema.json':
        "the field descriptions and limits the panel shows, from the flow format's schema",
    };
    const resolveSource = (target: string): string | undefined =>
      [`${target}.ts`, path.join(target, 'index.ts')].find((candidate) => existsSync(candidate));

    it('imports only its own folder, the protocol (as types) and the pure core modules it names', () => {
      const offending = sourceFiles(path.join(SRC, 'webview/graph'))
        .flatMap(importsOf)
        .filter(({ target, typeOnly }) => {
          const r = relative(target);
          if (r.startsWith(PAGE)) return false;
          if (r === 'extension/graph/protocol') return !typeOnly;
          return !(r in PAGE_MAY_IMPORT);
        })
        .map(({ file, target }) => `${relative(file)} imports ${relative(target)}`);
      assert.deepStrictEqual(offending, []);
    });

    it('bundles nothing of the host: what it imports, followed, stays in the pure core and never reaches core/index', () => {
      const seen = new Set<string>();
      const reached: string[] = [];
      const follow = (file: string): void => {
        for (const { target, typeOnly } of importsOf(file)) {
          if (typeOnly || !target.startsWith('/')) continue;
          const source = resolveSource(target);
          if (!source || seen.has(source)) continue;
          seen.add(source);
          reached.push(relative(source));
          follow(source);
        }
      };
      for (const file of sourceFiles(path.join(SRC, 'webview/graph'))) follow(file);
      assert.deepStrictEqual(
        reached.filter((r) => !r.startsWith(PAGE) && (!r.startsWith('core/') || r === 'core/index.ts')),
        [],
      );
    });

    it('is imported by nothing: the host loads it as a script, and tests drive the built page', () => {
      assert.deepStrictEqual(importsOfPage(PAGE), []);
    });
  });

  /** Who imports a webview page's folder from outside it (src, test, bench): nobody may. */
  function importsOfPage(page: string): string[] {
    const ROOT = path.resolve(SRC, '..');
    return ['src', 'test', 'bench']
      .flatMap((dir) => sourceFiles(path.join(ROOT, dir)))
      .filter((file) => !relative(file).startsWith(page))
      .flatMap(importsOf)
      .filter(({ target }) => relative(target).startsWith(page))
      .map(({ file, target }) => `${relative(file)} imports ${relative(target)}`);
  }

  describe('the Test Call page (src/webview/testCall)', () => {
    const PAGE = 'webview/testCall/';

    it('imports only its own folder and, as types, the protocol it shares with its host: the host runs the call', () => {
      const offending = sourceFiles(path.join(SRC, 'webview/testCall'))
        .flatMap(importsOf)
        .filter(({ target, typeOnly }) => {
          const r = relative(target);
          if (r.startsWith(PAGE)) return false;
          return !(r === 'extension/testCall/protocol' && typeOnly);
        })
        .map(({ file, target }) => `${relative(file)} imports ${relative(target)}`);
      assert.deepStrictEqual(offending, []);
    });

    it('is imported by nothing: the host loads it as a script, and tests drive the built page', () => {
      assert.deepStrictEqual(importsOfPage(PAGE), []);
    });

    it('its host (src/extension/testCall) runs the call on the core session, not an engine of its own', () => {
      const offending = sourceFiles(path.join(SRC, 'extension/testCall')).filter((file) =>
        /\b(startCall|resumeCall)\(/.test(readFileSync(file, 'utf8')),
      );
      assert.deepStrictEqual(offending.map(relative), []);
    });
  });

  it('the call engine is pure and at the bottom: no clock, no timers, no randomness, and nothing of its drivers', () => {
    const offending = sourceFiles(path.join(SRC, 'core/engine')).flatMap((file) => {
      const text = readFileSync(file, 'utf8');
      const found = [
        ...text.matchAll(/Date\.now\(|new Date\(\)|performance\.now|set(Timeout|Interval|Immediate)\(|Math\.random/g),
      ];
      const drivers = importsOf(file).filter(({ target }) =>
        /^core\/(simulator|scenarios|calls|runtime|interactive)/.test(relative(target)),
      );
      return [
        ...found.map((m) => `${relative(file)} uses ${m[0]}`),
        ...drivers.map(({ target }) => `${relative(file)} imports ${relative(target)}`),
      ];
    });
    assert.deepStrictEqual(offending, []);
  });
});
