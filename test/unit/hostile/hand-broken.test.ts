/**
 * Hostile corpus, workspaces broken by hand: a flow folder that lost its flow.yaml, a folder or a
 * link where a version file would be, a flow folder deleted with its tags still in git. Nothing
 * vanishes from view, verify names each, and a deleted flow's id is not handed out again.
 */
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FlowExistsError } from '../../../src/core/errors';
import type { FlowWorkspace } from '../../../src/core/lifecycle';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { runCallflow } from './harness';
import { parseFlowId } from '../../../src/core';

describe('hostile: workspaces broken by hand', function () {
  this.timeout(60_000);
  let repo: TempRepo & { workspace: FlowWorkspace };
  beforeEach(async () => {
    repo = await makeWorkspace();
    await repo.workspace.create('Support Line');
    await repo.workspace.publish(parseFlowId('support-line'));
  });
  afterEach(() => repo.cleanup());

  it('a flow folder without flow.yaml stays in list, saying what is wrong and what to do', async () => {
    await fs.rm(path.join(repo.root, 'flows/support-line/flow.yaml'));
    const flows = await repo.workspace.list();
    assert.deepStrictEqual(
      flows.map((f) => f.id),
      ['support-line'],
    );
    assert.match(flows[0]!.problem ?? '', /flows\/support-line has no flow\.yaml: restore it from git/);
    const listed = await runCallflow(repo.root, ['list']);
    assert.match(listed.stdout + listed.stderr, /support-line/);
  });

  it('verify reports a folder, a symbolic link and a stray file named like a version that no ledger lists', async () => {
    const dir = path.join(repo.root, 'flows/support-line');
    await fs.mkdir(path.join(dir, 'v7.yaml'));
    await fs.symlink('v1.yaml', path.join(dir, 'v8.yaml'));
    await fs.writeFile(path.join(dir, 'v9.yaml'), 'name: stray\n');
    const { findings } = await repo.workspace.verify();
    const strays = findings.filter((f) => f.code === 'version-not-in-ledger');
    assert.deepStrictEqual(
      strays.map((f) => [f.version, f.severity]),
      [
        [7, 'error'],
        [8, 'error'],
        [9, 'error'],
      ],
    );
    assert.match(strays[0]!.message, /flows\/support-line\/v7\.yaml \(a folder\) has no entry in/);
    assert.match(strays[1]!.message, /flows\/support-line\/v8\.yaml \(a symbolic link\) has no entry in/);
    assert.match(strays[2]!.message, /flows\/support-line\/v9\.yaml has no entry in .*: delete it, or move it out/);
  });

  it('verify reports a version path the ledger lists that is a folder', async () => {
    await repo.workspace.edit(parseFlowId('support-line'));
    const draft = path.join(repo.root, 'flows/support-line/v2.yaml');
    await fs.rm(draft);
    await fs.mkdir(draft);
    const { ok, findings } = await repo.workspace.verify();
    assert.strictEqual(ok, false);
    const finding = findings.find((f) => f.file === 'flows/support-line/v2.yaml');
    assert.ok(finding, JSON.stringify(findings));
    assert.strictEqual(finding.severity, 'error');
  });

  it('a flow folder deleted by hand does not let its id be used again: its tags and history are in git', async () => {
    await fs.rm(path.join(repo.root, 'flows/support-line'), { recursive: true });
    await assert.rejects(repo.workspace.create('Support Line'), (err: FlowExistsError & { hint?: string }) => {
      assert.ok(err instanceof FlowExistsError);
      assert.match(
        err.message,
        /"support-line" was used before: its folder is gone, but tag callflow\/support-line\/v1/,
      );
      assert.match(String(err.hint), /give another id with --id/);
      return true;
    });
    // Another id is fine.
    const made = await repo.workspace.create('Support Line', { id: 'support-line-2' });
    assert.strictEqual(made.flowId, 'support-line-2');
  });

  it('a never-published flow deleted by hand: its history alone keeps the id taken', async () => {
    await repo.workspace.create('Sales');
    await fs.rm(path.join(repo.root, 'flows/sales'), { recursive: true });
    await assert.rejects(repo.workspace.create('Sales'), /"sales" was used before: .* 1 commit/);
  });
});
