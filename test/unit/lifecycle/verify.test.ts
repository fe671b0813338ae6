import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';
import type { VersionControl } from '../../../src/core/ports';
import { NodeWorkspaceFiles } from '../../../src/platform/nodeWorkspaceFiles';
import { fixedClock, makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { writeManyFlows } from '../../helpers/manyFlows';
import { parseFlowId } from '../../../src/core';

describe('verify', function () {
  let repo: TempRepo & { workspace: FlowWorkspace };
  let ws: FlowWorkspace;

  beforeEach(async () => {
    repo = await makeWorkspace();
    ws = repo.workspace;
    await ws.create('Support Line');
    await ws.publish(parseFlowId('support-line'));
    await ws.edit(parseFlowId('support-line'));
    await ws.publish(parseFlowId('support-line'));
    await ws.assign('+14155550100', parseFlowId('support-line'));
  });
  afterEach(() => repo.cleanup());

  const codes = async () =>
    (await ws.verify()).findings.map((f) => `${f.code}${f.version ? ':v' + f.version : ''}`).sort();

  it('passes a workspace built by lifecycle operations, drafts edited after save included', async () => {
    await ws.edit(parseFlowId('support-line'));
    await repo.write('flows/support-line/v3.yaml', 'work: in progress\n');
    const report = await ws.verify();
    assert.deepStrictEqual(report.findings, []);
    assert.strictEqual(report.ok, true);
  });

  it('catches a hand-edited published file and a hand-edited archived file', async () => {
    const v2 = (await repo.read('flows/support-line/v2.yaml'))!;
    await repo.write('flows/support-line/v2.yaml', v2.replace('Thanks', 'Hi'));
    await repo.write('flows/support-line/v1.yaml', '# edited\n' + (await repo.read('flows/support-line/v1.yaml')));
    const report = await ws.verify();
    assert.strictEqual(report.ok, false);
    assert.deepStrictEqual(await codes(), [
      'locked-file-changed:v1',
      'locked-file-changed:v2',
      'tag-content-mismatch:v1',
      'tag-content-mismatch:v2',
    ]);
  });

  it('catches a locked file committed with a matching hash but different from its tag', async () => {
    // Someone rewrote v2 and "fixed" the recorded hash by hand.
    const v2 = (await repo.read('flows/support-line/v2.yaml'))!.replace('Thanks', 'Hi');
    await repo.write('flows/support-line/v2.yaml', v2);
    const { createHash } = await import('node:crypto');
    const manifest = (await repo.read('flows/support-line/flow.yaml'))!;
    const at = manifest.indexOf('- version: 2');
    const v2Entry = manifest
      .slice(at)
      .replace(/sha256: \w+/, `sha256: ${createHash('sha256').update(v2).digest('hex')}`);
    await repo.write('flows/support-line/flow.yaml', manifest.slice(0, at) + v2Entry);
    repo.git('commit', '-q', '-am', 'rewrite v2 by hand');
    assert.deepStrictEqual(await codes(), ['tag-content-mismatch:v2']);
  });

  it('catches a missing tag', async () => {
    repo.git('tag', '-d', 'callflow/support-line/v1');
    assert.deepStrictEqual(await codes(), ['missing-tag:v1']);
  });

  it('catches ledgers that break the lifecycle rules', async () => {
    const manifest = (await repo.read('flows/support-line/flow.yaml'))!;
    // As a careless merge of flow.yaml commits them.
    await repo.write('flows/support-line/flow.yaml', manifest.replace('status: archived', 'status: published'));
    repo.git('commit', '-q', '-am', 'merge');
    assert.deepStrictEqual(await codes(), ['multiple-published']);
    await repo.write(
      'flows/support-line/flow.yaml',
      manifest + '  - version: 2\n    status: draft\n    createdFrom: v1\n    createdAt: 2026-01-01T00:00:00Z\n',
    );
    repo.git('commit', '-q', '-am', 'merge');
    assert.deepStrictEqual(await codes(), ['duplicate-version:v2']);
    await repo.write('flows/support-line/flow.yaml', manifest);
    repo.git('commit', '-q', '-am', 'fix the merge');
    await repo.write('flows/support-line/v7.yaml', 'x: 1\n');
    await fs.rm(path.join(repo.root, 'flows/support-line/v1.yaml'));
    assert.deepStrictEqual(await codes(), ['version-file-missing:v1', 'version-not-in-ledger:v7']);
    await repo.write('flows/support-line/flow.yaml', 'name: [\n');
    assert.deepStrictEqual(await codes(), ['manifest-invalid', 'number-unknown-flow']);
  });

  it('checks manifests and callflow.yaml against their JSON Schemas', async () => {
    const manifest = (await repo.read('flows/support-line/flow.yaml'))!;
    await repo.write(
      'flows/support-line/flow.yaml',
      manifest.replace(/^name: .*$/m, 'name: Support Line\nowner: someone'),
    );
    await repo.write('callflow.yaml', 'flowsDir: flows\ncolour: blue\n');
    const findings = (await ws.verify()).findings.filter((f) => f.code.startsWith('schema-'));
    assert.deepStrictEqual(findings.map((f) => [f.code, f.file]).sort(), [
      ['schema-unknown-field', 'callflow.yaml'],
      ['schema-unknown-field', 'flows/support-line/flow.yaml'],
    ]);
    assert.match(
      findings.find((f) => f.file === 'flows/support-line/flow.yaml')!.message,
      /^flows\/support-line\/flow\.yaml:2:1: .*owner/,
    );
  });

  it('catches numbers that point at unknown or unpublished flows, or are not E.164', async () => {
    await ws.create('Draft Only');
    await repo.write(
      'numbers.yaml',
      'numbers:\n  "+14155550100": support-line\n  "+14155550101": draft-only\n  "+14155550102": gone\n  "555-0100": support-line\n  +14155550103: support-line\n',
    );
    assert.deepStrictEqual(await codes(), [
      'number-invalid',
      'number-invalid',
      'number-unknown-flow',
      'number-unpublished-flow',
    ]);
  });
});

describe('list', function () {
  it('lists 1,000 flows from manifests alone, without calling git (its speed: npm run bench)', async () => {
    const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'callflow-list-')));
    try {
      await writeManyFlows(root, 1000);
      const noGit = new Proxy({} as VersionControl, {
        get: (_t, name) => () => {
          throw new Error(`list() called git: ${String(name)}`);
        },
      });
      const ws = new FlowWorkspace(new NodeWorkspaceFiles(root), noGit, fixedClock());
      const flows = await ws.list();
      assert.strictEqual(flows.length, 1000);
      assert.deepStrictEqual(flows[0]!.numbers, ['+14155550000']);
      assert.strictEqual(flows[0]!.published, 2);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });
});
