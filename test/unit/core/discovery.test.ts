/**
 * The one rule for finding flow workspaces (core/workspace/discovery.ts), as the CLI, the language
 * server and the extension follow it: nested folders, folders that are not flow workspaces, several
 * editor folders, and the innermost of nested workspaces.
 */
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  findWorkspaceAbove,
  findWorkspacesBelow,
  innermostWorkspace,
  isSearchedFolder,
  type FolderTree,
} from '../../../src/core';
import { findWorkspaceRoot, nodeFolderTree } from '../../../src/platform/openFlowWorkspace';
import { ServedWorkspaces } from '../../../src/server/workspaces';

/** A tree of forward-slash paths: each path listed is a file, its folders exist. */
function memoryTree(files: string[]): FolderTree<string> & { parent: (folder: string) => string | undefined } {
  const join = (folder: string, name: string): string => (folder === '' ? name : `${folder}/${name}`);
  return {
    async read(folder) {
      const prefix = folder === '' ? '' : `${folder}/`;
      const below = files.filter((f) => f.startsWith(prefix)).map((f) => f.slice(prefix.length).split('/'));
      return {
        files: [...new Set(below.filter((p) => p.length === 1).map((p) => p[0]!))],
        folders: [...new Set(below.filter((p) => p.length > 1).map((p) => p[0]!))],
      };
    },
    child: join,
    parent: (folder) => (folder === '' ? undefined : folder.split('/').slice(0, -1).join('/')),
  };
}

describe('finding flow workspaces: one rule', () => {
  describe('the rule (pure)', () => {
    const tree = memoryTree([
      'README.md',
      'support/callflow.yaml',
      'support/flows/line/flow.yaml',
      'support/regional/east/callflow.yaml',
      'teams/a/b/callflow.yaml',
      'teams/a/b/c/callflow.yaml',
      'node_modules/pkg/callflow.yaml',
      'dist/callflow.yaml',
      'out/callflow.yaml',
      '.git/callflow.yaml',
      'docs/notes/readme.md',
    ]);

    it('finds every callflow.yaml folder down to three levels, nested ones included, outermost first', async () => {
      assert.deepStrictEqual(await findWorkspacesBelow(tree, ''), ['support', 'support/regional/east', 'teams/a/b']);
    });

    it('skips hidden folders, node_modules, dist and out', () => {
      for (const name of ['.git', '.vscode', 'node_modules', 'dist', 'out']) assert.ok(!isSearchedFolder(name), name);
      for (const name of ['flows', 'support', 'output']) assert.ok(isSearchedFolder(name), name);
    });

    it('a folder that is not a flow workspace, with none below it, has none', async () => {
      assert.deepStrictEqual(await findWorkspacesBelow(tree, 'docs'), []);
      const holds = (folder: string): boolean => folder === 'support' || folder === 'support/regional/east';
      assert.strictEqual(findWorkspaceAbove('docs/notes', tree.parent, holds), undefined);
    });

    it('several editor folders (multi-root): each searched on its own, a workspace folder being one itself', async () => {
      const roots = await Promise.all(['support', 'teams'].map((folder) => findWorkspacesBelow(tree, folder)));
      assert.deepStrictEqual(roots, [
        ['support', 'support/regional/east'],
        ['teams/a/b', 'teams/a/b/c'],
      ]);
    });

    it('a place belongs to the nearest workspace at or above it; a path to the innermost known one', () => {
      const holds = (folder: string): boolean => ['support', 'support/regional/east'].includes(folder);
      assert.strictEqual(findWorkspaceAbove('support/flows/line', tree.parent, holds), 'support');
      assert.strictEqual(
        findWorkspaceAbove('support/regional/east/flows', tree.parent, holds),
        'support/regional/east',
      );
      const roots = ['/w/support', '/w/support/regional/east'];
      assert.strictEqual(
        innermostWorkspace('/w/support/regional/east/flows/x/v1.yaml', roots, (r) => r),
        roots[1],
      );
      assert.strictEqual(
        innermostWorkspace('/w/support/flows/x/v1.yaml', roots, (r) => r),
        roots[0],
      );
      assert.strictEqual(
        innermostWorkspace('/w/support', roots, (r) => r),
        roots[0],
      );
      assert.strictEqual(
        innermostWorkspace('/w/supporting/v1.yaml', roots, (r) => r),
        undefined,
        'not a prefix of a name',
      );
    });
  });

  describe('on disk: the CLI and the language server follow it', function () {
    this.timeout(30_000);
    let dir: string;
    const at = (...parts: string[]): string => path.join(dir, ...parts);
    const touch = async (...parts: string[]): Promise<void> => {
      await fs.mkdir(path.dirname(at(...parts)), { recursive: true });
      await fs.writeFile(at(...parts), 'flowsDir: flows\n');
    };

    before(async () => {
      dir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'callflow-discovery-')));
      await touch('one', 'callflow.yaml');
      await touch('one', 'flows', 'line', 'flow.yaml');
      await touch('one', 'regional', 'east', 'callflow.yaml');
      await touch('two', 'callflow.yaml');
      await touch('two', 'node_modules', 'x', 'callflow.yaml');
      await touch('deep', 'a', 'b', 'c', 'callflow.yaml');
      await fs.mkdir(at('plain', 'folder'), { recursive: true });
    });
    after(() => fs.rm(dir, { recursive: true, force: true }));

    it('below a folder on disk: nested workspaces, nothing skipped or too deep', async () => {
      assert.deepStrictEqual(await findWorkspacesBelow(nodeFolderTree, dir), [
        at('one'),
        at('one', 'regional', 'east'),
        at('two'),
      ]);
      assert.deepStrictEqual(await findWorkspacesBelow(nodeFolderTree, at('plain')), []);
    });

    it('the CLI: the nearest workspace at or above its folder; none for a folder outside any', () => {
      assert.strictEqual(findWorkspaceRoot(at('one', 'flows', 'line')), at('one'));
      assert.strictEqual(findWorkspaceRoot(at('one', 'regional', 'east')), at('one', 'regional', 'east'));
      assert.strictEqual(findWorkspaceRoot(at('plain', 'folder')), undefined);
    });

    it('the language server: the same workspaces for two editor folders, a file to the innermost', async () => {
      const served = new ServedWorkspaces(() => undefined);
      await served.addFolder(at('one'));
      await served.addFolder(at('two'));
      await served.addFolder(at('plain'));
      assert.deepStrictEqual((await served.all()).map((w) => w.root).sort(), [
        at('one'),
        at('one', 'regional', 'east'),
        at('two'),
      ]);
      const found = await served.forFile(at('one', 'regional', 'east', 'flows', 'x', 'v1.yaml'), 'document');
      assert.strictEqual(found?.workspace.root, at('one', 'regional', 'east'));
      assert.strictEqual(found?.relativePath, 'flows/x/v1.yaml');
      assert.strictEqual(await served.forFile(at('plain', 'folder', 'v1.yaml'), 'document'), undefined);
    });
  });
});
