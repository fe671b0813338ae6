// A number's label can be removed: `assign` with `label: null` writes the plain `"+1…": flow-id`
// form (docs/flow-format.md sections 2 and 5), in a numbers.yaml of callflow's own shape (edited
// as lines) and in any other shape (edited as a YAML document), keeping the other entries.
import * as assert from 'assert';
import { parse } from 'yaml';
import { InvalidInputError } from '../../../src/core/errors';
import type { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';

describe('assign: removing a number label', function () {
  let repo: TempRepo & { workspace: FlowWorkspace };
  let ws: FlowWorkspace;

  beforeEach(async () => {
    repo = await makeWorkspace();
    ws = repo.workspace;
  });
  afterEach(() => repo.cleanup());

  async function publishedFlow(name: string): Promise<string> {
    const { flowId } = await ws.create(name);
    await ws.publish(flowId);
    return flowId;
  }

  async function commitNumbers(text: string): Promise<void> {
    await repo.write('numbers.yaml', text);
    repo.git('add', 'numbers.yaml');
    repo.git('commit', '-q', '-m', 'numbers by hand');
  }

  const lastMessage = () => repo.git('log', '-1', '--format=%B').trim();

  it('in callflow’s shape: writes the plain form, keeps the other lines, and says so in the commit', async () => {
    const flowId = await publishedFlow('Support');
    await commitNumbers(
      '# Owned by the telecom team\nnumbers:\n  # main line\n  "+14155550100": { flow: support, label: Main line }\n' +
        '  "+14155550101": { flow: support, label: "Billing: #2" }\n  "+14155550102": support # spare\n',
    );
    const result = await ws.assign('+14155550100', parseFlowId(flowId), { label: null });
    assert.ok(result.commit);
    assert.strictEqual(result.label, undefined);
    assert.strictEqual(result.removedLabel, 'Main line');
    assert.strictEqual(
      await repo.read('numbers.yaml'),
      '# Owned by the telecom team\nnumbers:\n  # main line\n  "+14155550100": support\n' +
        '  "+14155550101": { flow: support, label: "Billing: #2" }\n  "+14155550102": support # spare\n',
    );
    assert.strictEqual(
      lastMessage(),
      'callflow(support): assign +14155550100 (label removed)\n\n' +
        'Callflow-Flow: support\nCallflow-Action: assign\nCallflow-Number: +14155550100',
    );
    assert.deepStrictEqual(
      (await ws.history(parseFlowId(flowId))).slice(0, 1).map((h) => [h.action, h.subject]),
      [['assign', 'callflow(support): assign +14155550100 (label removed)']],
    );
    assert.deepStrictEqual((await ws.show(parseFlowId(flowId))).assignments[0], {
      number: '+14155550100',
      flow: 'support',
    });
  });

  it('removing no label commits nothing; a later assign without a label keeps it removed', async () => {
    const flowId = await publishedFlow('Support');
    await ws.assign('+14155550100', parseFlowId(flowId), { label: 'Main line' });
    await ws.assign('+14155550100', parseFlowId(flowId), { label: null });
    const head = repo.git('rev-parse', 'HEAD');
    const again = await ws.assign('+14155550100', parseFlowId(flowId), { label: null });
    assert.deepStrictEqual([again.commit, again.removedLabel, again.label], [undefined, undefined, undefined]);
    assert.strictEqual((await ws.assign('+14155550100', parseFlowId(flowId))).commit, undefined);
    assert.strictEqual(repo.git('rev-parse', 'HEAD'), head, 'nothing was committed');
    assert.match((await repo.read('numbers.yaml'))!, /^ {2}"\+14155550100": support$/m);
  });

  it('a new number assigned with no label gets none, and the commit does not claim a removal', async () => {
    const flowId = await publishedFlow('Support');
    const result = await ws.assign('+14155550100', parseFlowId(flowId), { label: null });
    assert.strictEqual(result.removedLabel, undefined);
    assert.match(lastMessage(), /^callflow\(support\): assign \+14155550100\n/);
    assert.match((await repo.read('numbers.yaml'))!, /^ {2}"\+14155550100": support$/m);
  });

  it('a move that removes the label names both in the subject, and both flows in its trailers', async () => {
    await publishedFlow('Support');
    const billing = await publishedFlow('Billing');
    await ws.assign('+14155550100', parseFlowId('support'), { label: 'Main line' });
    const moved = await ws.assign('+14155550100', parseFlowId(billing), { move: true, label: null });
    assert.deepStrictEqual(
      [moved.previousFlowId, moved.removedLabel, moved.label],
      ['support', 'Main line', undefined],
    );
    assert.strictEqual(
      lastMessage(),
      'callflow(billing): assign +14155550100 (was support, label removed)\n\n' +
        'Callflow-Flow: billing\nCallflow-Flow: support\nCallflow-Action: assign\nCallflow-Number: +14155550100',
    );
    const left = (await ws.history(parseFlowId('support')))[0]!;
    assert.deepStrictEqual(
      [left.commit, left.subject],
      [moved.commit, lastMessage().split('\n')[0]],
      'the flow it left shows it',
    );
  });

  it('in another shape: edits the YAML document, keeping comments, order and the other entries', async () => {
    const flowId = await publishedFlow('Support');
    const text = [
      '# Owned by the telecom team',
      'numbers:',
      '  "+14155550100": support # spare',
      '  # the main line',
      '  "+14155550101":',
      '    flow: support',
      '    label: Main line',
      "  '+14155550102': { flow: support, label: Billing }",
      '',
    ].join('\n');
    await commitNumbers(text);
    const result = await ws.assign('+14155550101', parseFlowId(flowId), { label: null });
    assert.strictEqual(result.removedLabel, 'Main line');
    const written = (await repo.read('numbers.yaml'))!;
    assert.strictEqual(
      written,
      text.replace('  "+14155550101":\n    flow: support\n    label: Main line', '  "+14155550101": support'),
    );
    assert.deepStrictEqual(parse(written), {
      numbers: {
        '+14155550100': 'support',
        '+14155550101': 'support',
        '+14155550102': { flow: 'support', label: 'Billing' },
      },
    });
    assert.match(lastMessage(), /^callflow\(support\): assign \+14155550101 \(label removed\)\n/);
    const flowMapped = 'numbers: { "+14155550100": { flow: support, label: Main line }, "+14155550101": support }\n';
    await commitNumbers(flowMapped);
    await ws.assign('+14155550100', parseFlowId(flowId), { label: null });
    assert.strictEqual(
      await repo.read('numbers.yaml'),
      'numbers: { "+14155550100": support, "+14155550101": support }\n',
    );
  });

  it('a text label is still checked; only null means no label', async () => {
    const flowId = await publishedFlow('Support');
    const numbersBefore = await repo.read('numbers.yaml');
    await assert.rejects(
      ws.assign('+14155550100', parseFlowId(flowId), { label: '' }),
      (err: unknown) =>
        err instanceof InvalidInputError && err.code === 'invalid-label' && /--no-label/.test(err.hint ?? ''),
    );
    await assert.rejects(ws.assign('+14155550100', parseFlowId(flowId), { label: 'x'.repeat(101) }), (err: unknown) => {
      assert.ok(err instanceof InvalidInputError && err.code === 'invalid-label', String(err));
      assert.match(err.message, /A label is at most 100 characters \(this one has 101\)/);
      assert.strictEqual(
        err.hint,
        'Give a label of 1-100 printable characters on one line, or remove it with `--no-label`.',
      );
      return true;
    });
    assert.strictEqual(await repo.read('numbers.yaml'), numbersBefore, 'nothing written');
  });
});
