/**
 * Hostile corpus, file kinds: paths that are not the regular files (or folders) they should be.
 * A symlink (to a flow, to /dev/zero, out of the repository), a FIFO, a folder where a file belongs
 * and a file where a folder belongs, a tampered or non-UTF-8 published file. Each case: exit code,
 * message, and the repository and working tree exactly as promised.
 */
import * as assert from 'assert';
import { execFileSync } from 'node:child_process';
import { promises as fs, mkdtempSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { callflow } from '../cli/cliHarness';
import {
  assertNoInternalError,
  refusedWithoutChange,
  snapshotOf,
  workspaceWithPublishedFlow,
  type HostileRepo,
} from './fileCorpus';
import { parseFlowId } from '../../../src/core';

const V1 = 'flows/support-line/v1.yaml';
const MANIFEST = 'flows/support-line/flow.yaml';

describe('hostile: file kinds', function () {
  this.timeout(60_000);
  let repo: HostileRepo;
  beforeEach(async () => {
    repo = await workspaceWithPublishedFlow();
  });
  afterEach(() => repo.cleanup());

  const at = (relative: string) => path.join(repo.root, relative);

  it('a draft that is a symlink is refused by save and publish (exit 2), never validated or tagged as a link', async () => {
    await repo.workspace.edit(parseFlowId('support-line'));
    await fs.rename(at('flows/support-line/v2.yaml'), at('real-v2.yaml'));
    await fs.symlink('../../real-v2.yaml', at('flows/support-line/v2.yaml'));
    for (const verb of ['save', 'publish']) {
      const run = await refusedWithoutChange(repo, verb, 'support-line');
      assert.strictEqual(run.code, 2, run.stderr);
      assert.match(run.stderr, /flows\/support-line\/v2\.yaml is a symbolic link; callflow reads only regular files/);
      assertNoInternalError(run);
    }
    assert.strictEqual(repo.git('tag', '--list', 'callflow/support-line/v2'), '');
  });

  it('a published file replaced by a symlink to /dev/zero: verify finishes and reports it (exit 1), list still lists', async () => {
    await fs.rm(at(V1));
    await fs.symlink('/dev/zero', at(V1));
    const verify = await refusedWithoutChange(repo, 'verify', '--json');
    assert.strictEqual(verify.code, 1, verify.stderr);
    const findings = verify.json<{ findings: { code: string; file?: string }[] }>().findings;
    assert.ok(
      findings.some((f) => f.code === 'file-symlink' && f.file === V1),
      JSON.stringify(findings),
    );
    const list = await callflow(repo.root, 'list', '--json');
    assert.strictEqual(list.code, 0, list.stderr);
    assert.deepStrictEqual(
      list.json<{ id: string }[]>().map((f) => f.id),
      ['support-line'],
    );
  });

  it('a FIFO as a manifest never blocks: list shows the flow with a problem, verify reports it', async () => {
    await fs.rm(at(MANIFEST));
    execFileSync('mkfifo', [at(MANIFEST)]);
    const list = await refusedWithoutChange(repo, 'list', '--json');
    assert.strictEqual(list.code, 0, list.stderr);
    const [flow] = list.json<{ id: string; problem?: string }[]>();
    assert.match(flow!.problem ?? '', /flow\.yaml is not a regular file \(a device, FIFO or socket\)/);
    const verify = await refusedWithoutChange(repo, 'verify');
    assert.strictEqual(verify.code, 1, verify.stderr);
    assert.match(verify.stdout, /not a regular file/);
    const save = await refusedWithoutChange(repo, 'save', 'support-line');
    assert.strictEqual(save.code, 2, save.stderr);
    assertNoInternalError(save);
  });

  it('a flow folder linked outside the repository is refused (exit 2) and the outside files are not rewritten', async () => {
    const outside = mkdtempSync(path.join(os.tmpdir(), 'callflow-outside-'));
    try {
      await fs.cp(at('flows/support-line'), path.join(outside, 'billing'), { recursive: true });
      await fs.symlink(path.join(outside, 'billing'), at('flows/billing'));
      const outsideBefore = await fs.readFile(path.join(outside, 'billing/flow.yaml'), 'utf8');
      for (const argv of [
        ['edit', 'billing'],
        ['save', 'billing'],
        ['show', 'billing'],
      ]) {
        const run = await refusedWithoutChange(repo, ...argv);
        assert.strictEqual(run.code, 2, `${argv.join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, /flows\/billing is reached through a symbolic link/);
        assertNoInternalError(run);
      }
      assert.strictEqual(await fs.readFile(path.join(outside, 'billing/flow.yaml'), 'utf8'), outsideBefore);
    } finally {
      await fs.rm(outside, { recursive: true, force: true });
    }
  });

  it('a folder where a file belongs: list and verify report it, show refuses with exit 2', async () => {
    await fs.rm(at(MANIFEST));
    await fs.mkdir(at(MANIFEST));
    const list = await refusedWithoutChange(repo, 'list', '--json');
    assert.strictEqual(list.code, 0, list.stderr);
    assert.match(list.json<{ problem?: string }[]>()[0]!.problem ?? '', /is a folder, but a file is expected here/);
    const verify = await refusedWithoutChange(repo, 'verify');
    assert.strictEqual(verify.code, 1, verify.stderr);
    const show = await refusedWithoutChange(repo, 'show', 'support-line');
    assert.strictEqual(show.code, 2, show.stderr);
    assert.match(show.stderr, /flow\.yaml is a folder, but a file is expected here\.\n {2}Move or rename the folder\./);
  });

  it('a file where a folder belongs: create is rolled back (exit 4, a disk error) and writes nothing', async () => {
    await fs.writeFile(at('flows/billing'), 'not a folder\n');
    repo.git('add', 'flows/billing');
    repo.git('commit', '-q', '-m', 'a file in the way');
    const run = await refusedWithoutChange(repo, 'create', 'Billing');
    assert.strictEqual(run.code, 4, run.stderr);
    assert.match(
      run.stderr,
      /flows\/billing\/v1\.yaml: a part of its path is a file where a folder belongs \(ENOTDIR\)/,
    );
    assertNoInternalError(run);
  });

  it('a published file changed on disk is refused by edit (exit 3) and by simulate and test', async () => {
    await fs.appendFile(at(V1), '# changed after publishing\n');
    const edit = await refusedWithoutChange(repo, 'edit', 'support-line');
    assert.strictEqual(edit.code, 3, edit.stderr);
    assert.match(edit.stderr, /v1\.yaml \(v1 of "support-line", published\) was changed after it was published/);
    assert.match(edit.stderr, /git checkout callflow\/support-line\/v1 -- flows\/support-line\/v1\.yaml/);
    for (const argv of [
      ['simulate', 'support-line@1', '--at', '2026-11-24T15:00:00Z'],
      ['test', 'support-line@published'],
    ]) {
      const run = await refusedWithoutChange(repo, ...argv);
      assert.strictEqual(run.code, 3, `${argv.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, /was changed after it was published/);
    }
    repo.git('checkout', 'callflow/support-line/v1', '--', V1);
    assert.strictEqual((await callflow(repo.root, 'edit', 'support-line')).code, 0);
  });

  it('a published file whose ledger hash was rewritten too is still refused by edit: its tag holds other text', async () => {
    const changed = (await repo.read(V1))!.replace('Thanks for calling', 'Tampered');
    await repo.write(V1, changed);
    const { createHash } = await import('node:crypto');
    const manifest = (await repo.read(MANIFEST))!.replace(
      /sha256: [0-9a-f]+/,
      `sha256: ${createHash('sha256').update(changed).digest('hex')}`,
    );
    await repo.write(MANIFEST, manifest);
    const edit = await refusedWithoutChange(repo, 'edit', 'support-line');
    assert.strictEqual(edit.code, 3, edit.stderr);
    assert.match(edit.stderr, /was changed after it was published/);
  });

  it('invalid UTF-8 in a published file is caught by verify (bytes, not decoded text) and refused by edit', async () => {
    const bytes = await fs.readFile(at(V1));
    // U+FFFD written out, then a lone 0xFF: decoding loosely would read both as U+FFFD.
    await fs.writeFile(
      at(V1),
      Buffer.concat([bytes, Buffer.from('# \uFFFD\n'), Buffer.from([0x23, 0x20, 0xff, 0x0a])]),
    );
    const before = await snapshotOf(repo);
    const verify = await callflow(repo.root, 'verify', '--json');
    assert.strictEqual(verify.code, 1, verify.stderr);
    const codes = verify.json<{ findings: { code: string }[] }>().findings.map((f) => f.code);
    assert.ok(codes.includes('file-not-utf8'), codes.join());
    const edit = await callflow(repo.root, 'edit', 'support-line');
    assert.strictEqual(edit.code, 2, edit.stderr);
    assert.match(edit.stderr, /v1\.yaml is not UTF-8 text\./);
    assert.deepStrictEqual(await snapshotOf(repo), before);
  });
});
