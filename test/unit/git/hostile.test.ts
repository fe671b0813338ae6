import * as assert from 'assert';
import { InvalidInputError } from '../../../src/core/errors';
import type { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';
import { makeWorkspace, repositoryState, type TempRepo } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';

const HOSTILE_IDS = [
  '../x',
  'x/../../y',
  '-rf',
  '--force',
  'a b',
  'ünï',
  'a..b',
  '@{',
  'HEAD@{1}',
  'x~1',
  'x^',
  'x:y',
  'A',
  '',
  ' x',
  'x\n',
  'x.lock',
];

describe('hostile names, ids, numbers and versions never reach a path, ref or git argument', function () {
  let repo: TempRepo & { workspace: FlowWorkspace };
  let ws: FlowWorkspace;

  before(async () => {
    repo = await makeWorkspace();
    ws = repo.workspace;
    await ws.create('Support Line');
    await ws.publish(parseFlowId('support-line'));
  });
  after(() => repo.cleanup());

  const usage = (err: unknown) => err instanceof InvalidInputError;

  it('every operation refuses a malformed flow id before touching anything', async () => {
    const before = repositoryState(repo);
    for (const id of HOSTILE_IDS) {
      for (const attempt of [
        () => ws.save(parseFlowId(id)),
        () => ws.publish(parseFlowId(id)),
        () => ws.edit(parseFlowId(id)),
        () => ws.discard(parseFlowId(id)),
        () => ws.restore(parseFlowId(id), 1),
        () => ws.duplicate(parseFlowId(id), 1, 'Copy'),
        () => ws.show(parseFlowId(id)),
        () => ws.history(parseFlowId(id)),
        () => ws.diff(parseFlowId(id), 1, 1),
        () => ws.assign('+14155550100', parseFlowId(id)),
        () => ws.create('Fine Name', { id }),
      ]) {
        // parseFlowId throws before an operation starts: an async wrapper makes that a rejection too.
        await assert.rejects(async () => attempt(), usage, `${JSON.stringify(id)}: ${attempt.toString()}`);
      }
    }
    assert.deepStrictEqual(repositoryState(repo), before);
  });

  it('malformed versions and numbers are refused', async () => {
    for (const v of ['1; rm -rf /', '-1', '0', '../1', '1.5', 'v', '@{1}', '99999999999']) {
      await assert.rejects(ws.restore(parseFlowId('support-line'), v), usage, v);
      await assert.rejects(ws.diff(parseFlowId('support-line'), v, 1), usage, v);
    }
    for (const n of ['+1 415 555 0100', '4155550100', '-rf', '@{upstream}', '../x', '+0123', '+1415555010012345', '']) {
      await assert.rejects(ws.assign(n, parseFlowId('support-line')), usage, n);
      await assert.rejects(ws.unassign(n), usage, n);
    }
    await assert.rejects(ws.assign('+14155550100', parseFlowId('support-line'), { label: 'bad\nlabel' }), usage);
  });

  it('names become safe ids and are stored verbatim', async () => {
    const tricky = '-rf "Support": ../../etc #1 @{u}';
    const created = await ws.create(tricky, { description: 'multi\nline: "quoted" # not a comment' });
    assert.strictEqual(created.flowId, 'rf-support-etc-1-u');
    const details = await ws.show(created.flowId);
    assert.strictEqual(details.name, tricky);
    assert.strictEqual(details.description, 'multi\nline: "quoted" # not a comment');
    assert.deepStrictEqual(repo.git('show', '--name-only', '--format=', created.commit!).trim().split('\n').sort(), [
      'flows/rf-support-etc-1-u/flow.yaml',
      'flows/rf-support-etc-1-u/v1.yaml',
    ]);
    const unicode = await ws.create('Café Été');
    assert.strictEqual(unicode.flowId, 'cafe-ete');
    await assert.rejects(ws.create('日本語'), (err: unknown) => usage(err) && err.code === 'name-without-id');
    const japanese = await ws.create('日本語', { id: 'japan' });
    assert.strictEqual((await ws.show(japanese.flowId)).name, '日本語');
    await assert.rejects(ws.create('a\tb'), usage);
    await assert.rejects(ws.create('x'.repeat(101)), usage);
    await assert.rejects(ws.create('  '), usage);
  });

  it('hostile settings in callflow.yaml are refused', async () => {
    const original = (await repo.read('callflow.yaml'))!;
    for (const setting of [
      'tagPrefix: "a..b"',
      'tagPrefix: "@{"',
      'tagPrefix: "-x"',
      'flowsDir: ../outside',
      'flowsDir: /etc',
      'flowsDir: "-rf"',
    ]) {
      await repo.write('callflow.yaml', setting + '\n');
      await assert.rejects(ws.list(), usage, setting);
      await assert.rejects(ws.edit(parseFlowId('support-line')), usage, setting);
    }
    await repo.write('callflow.yaml', original);
  });
});
