// assign and unassign commit numbers.yaml: hand edits no commit has would go into that commit
// under the operation's message, changing what other numbers ring without a word. They are
// refused until the edits are committed or put back (docs/flow-format.md section 2).
import * as assert from 'assert';
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
