// assign and unassign commit numbers.yaml: hand edits no commit has would go into that commit
// under the operation's message, changing what other numbers ring without a word. They are
// refused until the edits are committed or put back (docs/flow-format.md section 2).
import * as assert from 'assert';
import { describePendingNumber } from '../../../src/core';
import { UncommittedNumbersError } from '../../../src/core/errors';
import type { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';

describe('assign and unassign with numbers.yaml changed by hand', function () {
  let repo: TempRepo & { workspace: FlowWorkspace };
  let ws: FlowWorkspace;
  let flowId: string;
  const committed = 'numbers:\n  "+14155550100": support\n';
  const handEdited = 'numbers:\n  "+14155550100": nowhere\n  +14155550101: support\n';

  beforeEach(async () => {
    repo = await makeWorkspace();
    ws = repo.workspace;
    flowId = (await ws.create('Support')).flowId;
    await ws.publish(parseFlowId(flowId));
    await repo.write('numbers.yaml', committed);
    repo.git('add', 'numbers.yaml');
    repo.git('commit', '-q', '-m', 'numbers by hand');
  });
  afterEach(() => repo.cleanup());

  for (const [name, run] of [
    ['assign', () => ws.assign('+14155550177', parseFlowId(flowId))],
    ['unassign', () => ws.unassign('+14155550100')],
  ] as const) {
    it(`${name} refuses, commits nothing and leaves the edits where they are`, async () => {
      await repo.write('numbers.yaml', handEdited);
      const head = repo.git('rev-parse', 'HEAD').trim();
      await assert.rejects(run(), (err: unknown) => {
        assert.ok(err instanceof UncommittedNumbersError, String(err));
        assert.strictEqual(err.category, 'refused');
        assert.match(err.message, /numbers\.yaml has changes that are not committed/);
        assert.match(err.hint ?? '', /git commit numbers\.yaml.*git checkout -- numbers\.yaml/);
        return true;
      });
      assert.strictEqual(repo.git('rev-parse', 'HEAD').trim(), head, 'no commit');
      assert.strictEqual(await repo.read('numbers.yaml'), handEdited, 'the hand edits are kept');
    });
  }

  it('once the edits are committed (or put back) assign works and commits only its own line', async () => {
    const edited = committed + '  "+14155550102": support\n';
    await repo.write('numbers.yaml', edited);
    await assert.rejects(ws.assign('+14155550177', parseFlowId(flowId)), UncommittedNumbersError);
    repo.git('commit', '-q', '-am', 'another number by hand');
    await ws.assign('+14155550177', parseFlowId(flowId));
    assert.strictEqual(
      repo
        .git('show', '--format=', '--unified=0', 'HEAD', '--', 'numbers.yaml')
        .split('\n')
        .filter((l) => /^[+-] /.test(l))
        .join('\n'),
      '+  "+14155550177": support',
    );
  });

  it('a file that differs only in line endings is not a change', async () => {
    await repo.write('numbers.yaml', committed.replace(/\n/g, '\r\n'));
    await ws.assign('+14155550177', parseFlowId(flowId));
    assert.match((await repo.read('numbers.yaml'))!, /\+14155550177/);
  });
});

describe('numbers.yaml as committed and its pending hand edits', function () {
  let repo: TempRepo & { workspace: FlowWorkspace };
  let ws: FlowWorkspace;

  beforeEach(async () => {
    repo = await makeWorkspace();
    ws = repo.workspace;
    await repo.write(
      'numbers.yaml',
      'numbers:\n  "+14155550100": support\n  "+14155550101": { flow: sales, label: Sales }\n  "+14155550102": billing\n',
    );
    repo.git('add', 'numbers.yaml');
    repo.git('commit', '-q', '-m', 'numbers by hand');
  });
  afterEach(() => repo.cleanup());

  it('nothing is pending while the working tree holds what is committed', async () => {
    const { committed, pending } = await ws.numbersAsCommitted();
    assert.deepStrictEqual(
      committed.map((a) => `${a.number} ${a.flow}`),
      ['+14155550100 support', '+14155550101 sales', '+14155550102 billing'],
    );
    assert.deepStrictEqual(pending, []);
  });

  it('a hand edit that adds, moves, removes and relabels numbers is pending, each said as callers get it', async () => {
    await repo.write(
      'numbers.yaml',
      'numbers:\n  "+14155550100": sales\n  "+14155550101": { flow: sales, label: Sales line }\n  "+14155550199": support\n',
    );
    const { committed, pending } = await ws.numbersAsCommitted();
    assert.strictEqual(committed.find((a) => a.number === '+14155550100')?.flow, 'support', 'callers get the commit');
    assert.deepStrictEqual(pending.map(describePendingNumber), [
      '+14155550100 → sales (not committed: callers still get support)',
      '+14155550101 relabelled "Sales line" (not committed)',
      '+14155550102 removed (not committed: callers still get billing)',
      '+14155550199 → support (added, not committed: callers get no flow yet)',
    ]);
    repo.git('commit', '-q', '-am', 'the edit, committed');
    assert.deepStrictEqual((await ws.numbersAsCommitted()).pending, [], 'committed, nothing is pending');
  });

  it('a working file that cannot be read makes nothing pending (validation reports it)', async () => {
    await repo.write('numbers.yaml', 'numbers: [\n');
    assert.deepStrictEqual((await ws.numbersAsCommitted()).pending, []);
  });
});
