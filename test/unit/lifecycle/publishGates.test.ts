import * as assert from 'assert';
import { InvalidDraftError } from '../../../src/core/errors';
import { makeWorkspace } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';

const FLOW = `callflow: 1
trigger: incoming-call
start: menu
steps:
  menu:
    type: menu
    say: "For sales press 1."
    options: { "1": sales }
    no-input: goodbye
    invalid: goodbye
  sales:
    type: assign-dial
    queue: sales
    no-answer: goodbye
  goodbye:
    type: hangup
`;

const scenario = (queue: string) => `calls:
  - name: caller reaches sales
    at: 2026-11-24T15:00:00Z
    digits: ["1"]
    expect: { outcome: connected, queue: ${queue} }
`;

describe('publish gates and saves without changes', () => {
  it('a failing call scenario blocks publish and leaves the repository as it was', async () => {
    const repo = await makeWorkspace();
    try {
      const { workspace } = repo;
      await workspace.create('Sales');
      await repo.write('flows/sales/v1.yaml', FLOW);
      await repo.write('flows/sales/calls.yaml', scenario('support'));
      await workspace.save(parseFlowId('sales'));
      const head = repo.git('rev-parse', 'HEAD');
      await assert.rejects(
        workspace.publish(parseFlowId('sales')),
        (err: InvalidDraftError) =>
          err instanceof InvalidDraftError &&
          err.why === 'scenarios' &&
          /1 call scenario failed/.test(err.message) &&
          /calls\.yaml:2 caller reaches sales/.test(err.message) &&
          /callflow test sales@draft/.test(err.hint ?? ''),
      );
      assert.strictEqual(repo.git('rev-parse', 'HEAD'), head);
      assert.strictEqual(repo.git('tag', '--list').trim(), '');

      await repo.write('flows/sales/calls.yaml', scenario('sales'));
      const published = await workspace.publish(parseFlowId('sales'));
      assert.strictEqual(published.tag, 'callflow/sales/v1');
    } finally {
      await repo.cleanup();
    }
  });

  it('a scenario file with problems blocks publish too', async () => {
    const repo = await makeWorkspace();
    try {
      await repo.workspace.create('Sales');
      await repo.write('flows/sales/v1.yaml', FLOW);
      await repo.write('flows/sales/extra.calls.yaml', 'calls:\n  - name: broken\n    digits: 7\n');
      await repo.workspace.save(parseFlowId('sales'));
      await assert.rejects(repo.workspace.publish(parseFlowId('sales')), InvalidDraftError);
    } finally {
      await repo.cleanup();
    }
  });

  it('saving a draft that has not changed since its last save succeeds without a commit', async () => {
    const repo = await makeWorkspace();
    try {
      await repo.workspace.create('Sales');
      await repo.write('flows/sales/v1.yaml', FLOW);
      const first = await repo.workspace.save(parseFlowId('sales'));
      assert.ok(first.commit);
      const head = repo.git('rev-parse', 'HEAD');
      const again = await repo.workspace.save(parseFlowId('sales'));
      assert.strictEqual(again.commit, undefined);
      assert.strictEqual(again.validation?.valid, true);
      assert.strictEqual(repo.git('rev-parse', 'HEAD'), head);
      assert.strictEqual(repo.git('status', '--porcelain'), '');
    } finally {
      await repo.cleanup();
    }
  });
});
