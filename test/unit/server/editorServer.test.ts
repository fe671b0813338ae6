/**
 * The language server as the extension starts it (dist/server.js, over stdio here): it answers as
 * `callflow lsp` does, writes its code cache once the workspace is indexed, and a later start takes
 * that cache instead of writing it again.
 */
import * as assert from 'assert';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeWorkspace } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';
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
  async function session(): Promise<string[]> {
    const client = await LspTestClient.start(repo.root, {
      editorServer: true,
      env: { ...process.env, CALLFLOW_COMPILE_CACHE: cache },
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

  const cacheFile = (): string => {
    const builds = readdirSync(cache);
    assert.strictEqual(builds.length, 1, builds.join(', '));
    return path.join(cache, builds[0]!, 'language-server.bin');
  };

  it('answers, writes its code cache once the workspace is indexed, and the next start takes it', async function () {
    this.timeout(60_000);
    const first = await session();
    assert.ok(first.length > 0, 'the outline of the draft');
    const written = statSync(cacheFile());
    assert.ok(written.size > 0);

    const second = await session();
    assert.deepStrictEqual(second, first);
    // Taken, not written again: a start whose cache V8 refused would have replaced the file.
    assert.strictEqual(statSync(cacheFile()).mtimeMs, written.mtimeMs);
  });
});
