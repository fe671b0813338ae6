/**
 * The language server's code cache, as the extension starts it (dist/server.js, over stdio here) and
 * as other editors do (`callflow lsp --stdio`): written once the workspace is indexed (an editor
 * ends the server without letting it finish), and a later start takes it instead of writing it again.
 */
import * as assert from 'assert';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeWorkspace } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';
import { COMPILE_CACHE_ENV } from '../../../src/platform/compileCache';
import { LspTestClient } from './lspClient';

describe('language server: the bundle the extension starts', () => {
  let repo: Awaited<ReturnType<typeof makeWorkspace>>;
  let cache: string;
  before(async () => {
    repo = await makeWorkspace();
    await repo.workspace.create('Support Line', { id: 'support-line' });
    await repo.workspace.save(parseFlowId('support-line'));
    cache = mkdtempSync(path.join(os.tmpdir(), 'callflow-server-cache-'));
  });
  after(async () => {
    await repo.cleanup();
    rmSync(cache, { recursive: true, force: true });
  });

  /** Starts the server, asks for what needs the whole index (a completion) and the file's outline. */
  async function session(editorServer = true): Promise<string[]> {
    const client = await LspTestClient.start(repo.root, {
      editorServer,
      env: { ...process.env, [COMPILE_CACHE_ENV]: cache },
    });
    try {
      const uri = client.uri('flows/support-line/v1.yaml');
      await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } });
      const symbols = await client.request<Array<{ name: string }>>('textDocument/documentSymbol', {
        textDocument: { uri },
      });
      return symbols.map((s) => s.name);
    } finally {
      await client.stop();
    }
  }

  /** The one cache file of that name (each bundle has its own build folder). */
  const cacheFile = (name: string): string => {
    const files = readdirSync(cache).flatMap((build) =>
      readdirSync(path.join(cache, build))
        .filter((file) => file === name)
        .map((file) => path.join(cache, build, file)),
    );
    assert.strictEqual(files.length, 1, `${name}: ${files.join(', ')}`);
    return files[0]!;
  };

  it('answers, writes its code cache once the workspace is indexed, and the next start takes it', async function () {
    this.timeout(60_000);
    const first = await session();
    assert.ok(first.length > 0, 'the outline of the draft');
    const written = statSync(cacheFile('language-server.bin'));
    assert.ok(written.size > 0);

    const second = await session();
    assert.deepStrictEqual(second, first);
    // Taken, not written again: a start whose cache V8 refused would have replaced the file.
    assert.strictEqual(statSync(cacheFile('language-server.bin')).mtimeMs, written.mtimeMs);
  });

  it('callflow lsp --stdio writes its cache once indexed too, though its editor ends it', async function () {
    this.timeout(60_000);
    const first = await session(false);
    const written = statSync(cacheFile('lsp.bin'));
    assert.deepStrictEqual(await session(false), first);
    assert.strictEqual(statSync(cacheFile('lsp.bin')).mtimeMs, written.mtimeMs);
  });
});
