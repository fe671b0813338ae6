// A hand edit of numbers.yaml is not what callers get until it is committed: the Call Flows tree
// shows the committed numbers and marks the edit's as pending; the simulator, which follows the
// file on disk, says so.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import type { SimulationRun } from '../../src/extension/simulator/simulateCommand';
import { childrenOf, extensionApi, flowNode, git, waitFor, workspaceRoot, type ShownItem } from './helpers';

const FLOW = 'pending-line';
const LIVE = '+14155550163';
const ADDED = '+14155550164';

describe('numbers.yaml edited by hand, not committed', function () {
  let api: CallflowExtensionApi;
  const numbersFile = () => path.join(workspaceRoot(), 'numbers.yaml');

  before(async () => {
    api = await extensionApi();
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Pending Line' });
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    await vscode.commands.executeCommand('callflow.assignNumber', { flowId: FLOW, number: LIVE });
  });

  after(async () => {
    // Whatever a failure left: numbers.yaml as committed.
    git('checkout', '--', 'numbers.yaml');
    await api.workspaces.rescan('test cleanup');
  });

  async function numberRows(): Promise<ShownItem[]> {
    const flow = await flowNode(api, FLOW);
    assert.ok(flow, `${FLOW} is listed`);
    const numbers = (await childrenOf(api, flow)).find((c) => c.contextValue === 'callflow.numbers');
    return numbers ? childrenOf(api, numbers.node) : [];
  }

  it('the tree shows the committed numbers and marks the hand edit as pending, not live until committed', async () => {
    const text = fs.readFileSync(numbersFile(), 'utf8');
    fs.writeFileSync(numbersFile(), text.replace(`"${LIVE}": ${FLOW}`, `"${ADDED}": ${FLOW}`));
    await api.workspaces.rescan('numbers.yaml edited');
    const rows = await waitFor('the pending number', async () => {
      const shown = await numberRows();
      return shown.length === 2 ? shown : undefined;
    });
    const live = rows.find((r) => r.label === LIVE);
    const added = rows.find((r) => r.label === ADDED);
    assert.ok(live && added, JSON.stringify(rows.map((r) => r.label)));
    assert.strictEqual(live.contextValue, 'callflow.number', 'the committed number is still live');
    assert.match(live.description, /live; removal pending until committed/);
    assert.strictEqual(added.contextValue, 'callflow.number.pending');
    assert.match(added.description, /pending: not live until committed/);
  });

  it('the simulator follows the file on disk and says which numbers differ from the committed ones', async () => {
    const run = await vscode.commands.executeCommand<SimulationRun>('callflow.simulateCall', {
      target: ADDED,
      at: '2026-03-04T10:00-05:00',
      digits: '1',
      available: ['sales', 'support'],
    });
    assert.ok(run, 'the call was simulated');
    assert.strictEqual(run.flowId, FLOW);
    assert.deepStrictEqual(
      run.pendingNumbers.map((p) => p.number),
      [LIVE, ADDED],
    );
    assert.match(run.markdown, /## Numbers: the working tree’s/);
    assert.match(run.markdown, new RegExp(`\\${ADDED} → ${FLOW} \\(added, not committed: callers get no flow yet\\)`));
    assert.match(run.markdown, new RegExp(`\\${LIVE} removed \\(not committed: callers still get ${FLOW}\\)`));
  });

  it('once committed, the edit is what the tree shows, with nothing pending', async () => {
    git('commit', '-q', '-m', 'numbers by hand', '--', 'numbers.yaml');
    await api.workspaces.rescan('numbers.yaml committed');
    const rows = await waitFor('the committed numbers', async () => {
      const shown = await numberRows();
      return shown.length === 1 ? shown : undefined;
    });
    assert.strictEqual(rows[0]!.label, ADDED);
    assert.strictEqual(rows[0]!.contextValue, 'callflow.number');
    assert.ok(!/pending/.test(rows[0]!.description));
    const run = await vscode.commands.executeCommand<SimulationRun>('callflow.simulateCall', {
      target: ADDED,
      at: '2026-03-04T10:00-05:00',
      digits: '1',
    });
    assert.deepStrictEqual(run?.pendingNumbers, []);
    assert.ok(!run.markdown.includes('working tree'));
  });
});
