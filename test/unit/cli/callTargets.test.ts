/**
 * One rule tells a phone number from a flow id wherever a call target is given (simulate, test,
 * graph, journeys): a leading + makes a phone number; anything else is a flow id, so a flow whose id
 * is all digits (`411`) is simulated as that flow, and a number without its + is refused with the rule.
 */
import * as assert from 'assert';
import { CALL_TARGET_RULE, parseCallTarget } from '../../../src/core';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import type { FlowWorkspace } from '../../../src/core';
import { callflow } from './cliHarness';
import { parseFlowId } from '../../../src/core';

describe('callflow CLI: call targets, one rule', function () {
  this.timeout(60_000);
  let repo: TempRepo & { workspace: FlowWorkspace };
  before(async () => {
    repo = await makeWorkspace();
    await repo.workspace.create('Information', { id: '411' });
    await repo.workspace.publish(parseFlowId('411'));
  });
  after(() => repo.cleanup());

  it('parses a leading + as a phone number and anything else as a flow id, 411 included', () => {
    assert.deepStrictEqual(parseCallTarget('+14155550100'), { kind: 'number', number: '+14155550100' });
    assert.deepStrictEqual(parseCallTarget('411'), { kind: 'flow', flowId: '411', selector: 'default' });
    assert.deepStrictEqual(parseCallTarget('411@1'), { kind: 'flow', flowId: '411', selector: 1 });
  });

  it('simulate 411 runs the flow 411', async () => {
    const run = await callflow(repo.root, 'simulate', '411');
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Call to 411 v1/);
  });

  it('a number without its + is refused with the rule, whether or not it could be a flow id', async () => {
    for (const target of ['4155550100', '(415) 555-0100']) {
      const run = await callflow(repo.root, 'simulate', target);
      assert.strictEqual(run.code, 2, target);
      assert.ok(run.stderr.includes(CALL_TARGET_RULE), run.stderr);
      assert.match(run.stderr, /\+14155550100 in the US/);
    }
  });
});
