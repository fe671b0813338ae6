/**
 * The one choke point the edges refresh from: FlowWorkspace announces every operation that changed
 * the workspace, once it is done, with its kind, the flows and files it touched and its commit.
 */
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CompletedOperation } from '../../../src/core';
import type { FlowWorkspace } from '../../../src/core/lifecycle';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';

describe('lifecycle: every completed operation is announced', function () {
  this.timeout(60_000);
  let repo: TempRepo & { workspace: FlowWorkspace };
  let heard: CompletedOperation[];
  beforeEach(async () => {
    repo = await makeWorkspace();
    heard = [];
    repo.workspace.onDidRunOperation((operation) => heard.push(operation));
  });
  afterEach(() => repo.cleanup());

  it('says what each operation did and touched, with its commit', async () => {
    const ws = repo.workspace;
    await ws.create('Support Line');
    await ws.publish(parseFlowId('support-line'));
    await ws.create('Sales');
    await ws.publish(parseFlowId('sales'));
    await ws.assign('+15551230000', parseFlowId('support-line'));
    await ws.assign('+15551230000', parseFlowId('sales'), { move: true });
    await ws.unassign('+15551230000');
    const head = repo.git('rev-parse', 'HEAD').trim();
    assert.deepStrictEqual(
      heard.map((h) => [h.kind, h.flowIds, h.files.sort()]),
      [
        ['create', ['support-line'], ['flows/support-line/flow.yaml', 'flows/support-line/v1.yaml']],
        ['publish', ['support-line'], ['flows/support-line/flow.yaml', 'flows/support-line/v1.yaml']],
        ['create', ['sales'], ['flows/sales/flow.yaml', 'flows/sales/v1.yaml']],
        ['publish', ['sales'], ['flows/sales/flow.yaml', 'flows/sales/v1.yaml']],
        ['assign', ['support-line'], ['numbers.yaml']],
        ['assign', ['sales', 'support-line'], ['numbers.yaml']],
        ['unassign', ['sales'], ['numbers.yaml']],
      ],
    );
    assert.strictEqual(heard[heard.length - 1]!.commit, head);
  });

  it('announces nothing for an operation that changed nothing or was refused', async () => {
    const ws = repo.workspace;
    await ws.create('Support Line');
    heard.length = 0;
    await ws.save(parseFlowId('support-line')); // nothing new to record
    await assert.rejects(ws.publish(parseFlowId('no-such-flow')));
    assert.deepStrictEqual(heard, []);
  });

  it('announces a locked file put back, with no commit', async () => {
    const ws = repo.workspace;
    await ws.create('Support Line');
    await ws.publish(parseFlowId('support-line'));
    const file = path.join(repo.root, 'flows/support-line/v1.yaml');
    await fs.appendFile(file, '# changed by hand\n');
    heard.length = 0;
    await ws.restoreLockedVersion(parseFlowId('support-line'), 1);
    assert.deepStrictEqual(heard, [
      { kind: 'restore-locked', flowIds: ['support-line'], files: ['flows/support-line/v1.yaml'] },
    ]);
  });

  it('announces every lifecycle operation: edit, discard, restore, rollback, duplicate, import', async () => {
    const ws = repo.workspace;
    await ws.create('Support Line');
    await ws.publish(parseFlowId('support-line'));
    await ws.edit(parseFlowId('support-line'));
    await ws.publish(parseFlowId('support-line'));
    await ws.edit(parseFlowId('support-line'));
    await ws.discard(parseFlowId('support-line'));
    await ws.restore(parseFlowId('support-line'), 3);
    await ws.rollback(parseFlowId('support-line'), 1);
    await ws.duplicate(parseFlowId('support-line'), 1, 'Sales');
    const text = (await repo.read('flows/support-line/v1.yaml'))!;
    await ws.importFlow('Billing', text, { dialect: 'twilio-studio', file: 'billing.json', sha256: 'ab' });
    assert.deepStrictEqual(
      heard.map((h) => [h.kind, h.flowIds]),
      [
        ['create', ['support-line']],
        ['publish', ['support-line']],
        ['edit', ['support-line']],
        ['publish', ['support-line']],
        ['edit', ['support-line']],
        ['discard', ['support-line']],
        ['restore', ['support-line']],
        ['rollback', ['support-line']],
        ['duplicate', ['sales']],
        ['import', ['billing']],
      ],
    );
    for (const h of heard) assert.match(h.commit ?? '', /^[0-9a-f]{40}$/, `${h.kind} names its commit`);
    assert.deepStrictEqual(heard[heard.length - 1]!.files.sort(), ['flows/billing/flow.yaml', 'flows/billing/v1.yaml']);
  });

  it('announces a deployment, and a call scenario saved without a commit', async () => {
    const ws = repo.workspace;
    await repo.write('callflow.yaml', 'environments:\n  staging: {}\n');
    repo.git('add', '-A');
    repo.git('commit', '-qm', 'environments');
    await ws.create('Support Line');
    heard.length = 0;
    const head = repo.git('rev-parse', 'HEAD').trim();
    const deployed = await ws.deploy('staging', head, null);
    await ws.saveCallScenario(parseFlowId('support-line'), { name: 'opens', at: '2026-01-05T10:00:00', expect: {} });
    assert.deepStrictEqual(heard, [
      { kind: 'deploy', flowIds: [], files: ['deployments.yaml'], commit: deployed.deployment },
      { kind: 'save-call-scenario', flowIds: ['support-line'], files: ['flows/support-line/calls.yaml'] },
    ]);
  });

  it('a listener that throws does not make the operation fail', async () => {
    repo.workspace.onDidRunOperation(() => {
      throw new Error('a broken view');
    });
    const result = await repo.workspace.create('Support Line');
    assert.strictEqual(result.version, 1);
    assert.strictEqual(heard.length, 1);
  });
});
