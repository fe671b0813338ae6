import * as assert from 'assert';
import {
  DraftExistsError,
  FlowExistsError,
  InvalidDraftError,
  InvalidInputError,
  NoDraftError,
  NoPublishedVersionError,
  UnknownFlowError,
  UnknownVersionError,
  WrongVersionStatusError,
} from '../../../src/core/errors';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import type { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';
import { parseFlowId } from '../../../src/core';

const BROKEN_YAML = 'callflow: 1\nsteps: [\n';

describe('lifecycle', function () {
  let repo: TempRepo & { workspace: FlowWorkspace };
  let ws: FlowWorkspace;

  beforeEach(async () => {
    repo = await makeWorkspace();
    ws = repo.workspace;
  });
  afterEach(() => repo.cleanup());

  async function publishedFlow(name = 'Support Line'): Promise<string> {
    const { flowId } = await ws.create(name);
    await ws.publish(flowId);
    return flowId;
  }

  const ledger = async (flowId: string) =>
    (await ws.show(parseFlowId(flowId))).versions.map((v) => `v${v.version}:${v.status}`);
  const changedFiles = (commit: string) =>
    repo.git('show', '--name-only', '--format=', commit).trim().split('\n').sort();

  it('init makes one commit with callflow.yaml and numbers.yaml', async () => {
    assert.strictEqual(repo.git('rev-list', '--count', 'HEAD').trim(), '1');
    assert.deepStrictEqual(changedFiles('HEAD'), ['callflow.yaml', 'numbers.yaml']);
    assert.match(repo.git('log', '-1', '--format=%B'), /Callflow-Action: init/);
  });

  it('create makes a v1 draft from a valid template, one commit with the flow files only', async () => {
    const result = await ws.create('Support Line', { description: 'Main support number' });
    assert.strictEqual(result.flowId, 'support-line');
    assert.strictEqual(result.version, 1);
    assert.strictEqual(result.createdFrom, 'template');
    assert.strictEqual(result.validation?.valid, true);
    assert.deepStrictEqual(changedFiles(result.commit!), [
      'flows/support-line/flow.yaml',
      'flows/support-line/v1.yaml',
    ]);
    const message = repo.git('log', '-1', '--format=%B');
    assert.match(message, /^callflow\(support-line\): create v1 draft from template/);
    assert.match(message, /Callflow-Flow: support-line\nCallflow-Action: create\nCallflow-Version: 1/);
    const details = await ws.show(parseFlowId('support-line'));
    assert.strictEqual(details.name, 'Support Line');
    assert.strictEqual(details.description, 'Main support number');
    assert.strictEqual(details.draft, 1);
  });

  it('create refuses a name whose id exists', async () => {
    await ws.create('Support Line');
    await assert.rejects(ws.create('support   line!'), FlowExistsError);
  });

  it('save records the validation result and hash, and commits even when the draft has errors', async () => {
    const { flowId } = await ws.create('Sales');
    await repo.write('flows/sales/v1.yaml', BROKEN_YAML);
    const result = await ws.save(flowId);
    assert.strictEqual(result.validation?.valid, false);
    assert.ok(result.validation.errors > 0);
    const entry = (await ws.show(flowId)).versions[0]!;
    assert.strictEqual(entry.valid, false);
    assert.strictEqual(entry.errors, result.validation.errors);
    assert.match(entry.sha256!, /^[0-9a-f]{64}$/);
    assert.strictEqual(repo.git('show', 'HEAD:flows/sales/v1.yaml'), BROKEN_YAML);
    assert.match(repo.git('log', '-1', '--format=%s'), /save v1 draft \(\d+ errors?/);
  });

  it('save without a draft is refused', async () => {
    const flowId = await publishedFlow();
    await assert.rejects(ws.save(parseFlowId(flowId)), NoDraftError);
  });

  it('publish refuses a draft whose last save was invalid', async () => {
    const { flowId } = await ws.create('Sales');
    await repo.write('flows/sales/v1.yaml', BROKEN_YAML);
    await ws.save(flowId);
    const head = repo.git('rev-parse', 'HEAD');
    await assert.rejects(
      ws.publish(flowId),
      (err: unknown) =>
        err instanceof InvalidDraftError && /error/.test(err.message) && /callflow save/.test(err.hint ?? ''),
    );
    assert.strictEqual(repo.git('rev-parse', 'HEAD'), head);
    assert.strictEqual(repo.git('tag', '--list'), '');
  });

  it('publish refuses a draft changed since its last save', async () => {
    const { flowId } = await ws.create('Sales');
    const text = await repo.read('flows/sales/v1.yaml');
    await repo.write('flows/sales/v1.yaml', text + '# a late edit\n');
    await assert.rejects(
      ws.publish(flowId),
      (err: unknown) => err instanceof InvalidDraftError && /changes not yet saved as v1/.test(err.message),
    );
    assert.strictEqual((await ws.show(flowId)).versions[0]!.changedSinceSave, true);
    await ws.save(flowId);
    await ws.publish(flowId);
  });

  it('publish without a draft is refused', async () => {
    const flowId = await publishedFlow();
    await assert.rejects(ws.publish(parseFlowId(flowId)), NoDraftError);
  });

  it('publishing archives the previous published version in one commit with an annotated tag', async () => {
    const flowId = await publishedFlow();
    await ws.edit(parseFlowId(flowId));
    const result = await ws.publish(parseFlowId(flowId));
    assert.strictEqual(result.version, 2);
    assert.strictEqual(result.archived, 1);
    assert.strictEqual(result.tag, 'callflow/support-line/v2');
    assert.deepStrictEqual(await ledger(flowId), ['v1:archived', 'v2:published']);
    assert.strictEqual(repo.git('cat-file', '-t', 'callflow/support-line/v2').trim(), 'tag');
    assert.strictEqual(repo.git('rev-parse', 'callflow/support-line/v2^{commit}').trim(), result.commit);
    assert.strictEqual(
      repo.git('log', '-1', '--format=%s', result.commit!).trim(),
      'callflow(support-line): publish v2 (archives v1)',
    );
    assert.match(repo.git('log', '-1', '--format=%B', result.commit!), /Callflow-Action: publish\nCallflow-Version: 2/);
    // The archive is recorded in the same commit as the publish.
    const manifestAtTag = repo.git('show', 'callflow/support-line/v2:flows/support-line/flow.yaml');
    assert.match(manifestAtTag, /version: 1\n\s+status: archived/);
    assert.match(manifestAtTag, /version: 2\n\s+status: published/);
  });

  it('edit copies the published version into a new draft and keeps it live; refused when a draft exists', async () => {
    const flowId = await publishedFlow();
    const result = await ws.edit(parseFlowId(flowId));
    assert.strictEqual(result.version, 2);
    assert.strictEqual(result.createdFrom, 'v1');
    assert.strictEqual(await repo.read('flows/support-line/v2.yaml'), await repo.read('flows/support-line/v1.yaml'));
    assert.deepStrictEqual(await ledger(flowId), ['v1:published', 'v2:draft']);
    await assert.rejects(
      ws.edit(parseFlowId(flowId)),
      (err: unknown) => err instanceof DraftExistsError && err.draftVersion === 2,
    );
  });

  it('edit of a flow never published is refused', async () => {
    const { flowId } = await ws.create('Sales');
    await ws.discard(flowId);
    await assert.rejects(ws.edit(flowId), NoPublishedVersionError);
  });

  it('discard deletes the draft file, keeps its ledger entry, and version numbers are never reused', async () => {
    const flowId = await publishedFlow();
    await ws.edit(parseFlowId(flowId));
    const discarded = await ws.discard(parseFlowId(flowId));
    assert.strictEqual(discarded.version, 2);
    assert.strictEqual(await repo.read('flows/support-line/v2.yaml'), undefined);
    assert.deepStrictEqual(changedFiles(discarded.commit!), [
      'flows/support-line/flow.yaml',
      'flows/support-line/v2.yaml',
    ]);
    const again = await ws.edit(parseFlowId(flowId));
    assert.strictEqual(again.version, 3);
    assert.deepStrictEqual(await ledger(flowId), ['v1:published', 'v2:discarded', 'v3:draft']);
    await assert.rejects(ws.discard(parseFlowId('unknown-flow')), UnknownFlowError);
  });

  it('discard without a draft is refused', async () => {
    const flowId = await publishedFlow();
    await assert.rejects(ws.discard(parseFlowId(flowId)), NoDraftError);
  });

  it('restore copies an archived version into a new draft; a published version, the draft itself and an existing draft are refused', async () => {
    const flowId = await publishedFlow();
    await ws.edit(parseFlowId(flowId));
    await repo.write('flows/support-line/v2.yaml', (await repo.read('flows/support-line/v2.yaml')) + '# v2\n');
    await ws.save(parseFlowId(flowId));
    await ws.publish(parseFlowId(flowId));
    await assert.rejects(
      ws.restore(parseFlowId(flowId), 2),
      (err: unknown) => err instanceof WrongVersionStatusError && /edit/.test(err.hint ?? ''),
    );
    await assert.rejects(ws.restore(parseFlowId(flowId), 9), UnknownVersionError);
    const restored = await ws.restore(parseFlowId(flowId), 'v1');
    assert.strictEqual(restored.version, 3);
    assert.strictEqual(restored.createdFrom, 'v1');
    assert.strictEqual(await repo.read('flows/support-line/v3.yaml'), await repo.read('flows/support-line/v1.yaml'));
    assert.deepStrictEqual(await ledger(flowId), ['v1:archived', 'v2:published', 'v3:draft']);
    await assert.rejects(ws.restore(parseFlowId(flowId), 1), DraftExistsError);
    await assert.rejects(ws.restore(parseFlowId(flowId), 3), WrongVersionStatusError);
  });

  it('restore of a discarded version brings its content back from git as a new draft', async () => {
    const flowId = await publishedFlow();
    await ws.edit(parseFlowId(flowId));
    const edited = (await repo.read('flows/support-line/v2.yaml')) + '# only in v2\n';
    await repo.write('flows/support-line/v2.yaml', edited);
    await ws.save(parseFlowId(flowId));
    await ws.discard(parseFlowId(flowId));
    assert.strictEqual(await repo.read('flows/support-line/v2.yaml'), undefined);
    const restored = await ws.restore(parseFlowId(flowId), 2);
    assert.strictEqual(restored.version, 3);
    assert.strictEqual(restored.createdFrom, 'v2');
    assert.strictEqual(await repo.read('flows/support-line/v3.yaml'), edited);
    assert.deepStrictEqual(await ledger(flowId), ['v1:published', 'v2:discarded', 'v3:draft']);
  });

  it('duplicate makes a new flow whose v1 draft copies a published or archived version', async () => {
    const flowId = await publishedFlow();
    const result = await ws.duplicate(parseFlowId(flowId), 1, 'Support Line (Spanish)', { description: 'Copy' });
    assert.strictEqual(result.flowId, 'support-line-spanish');
    assert.strictEqual(result.version, 1);
    assert.strictEqual(result.createdFrom, 'support-line@v1');
    assert.strictEqual(
      await repo.read('flows/support-line-spanish/v1.yaml'),
      await repo.read('flows/support-line/v1.yaml'),
    );
    assert.match(
      repo.git('log', '-1', '--format=%B'),
      /Callflow-Flow: support-line-spanish[\s\S]*Callflow-Source: support-line@v1/,
    );
    await ws.edit(parseFlowId(flowId));
    await assert.rejects(ws.duplicate(parseFlowId(flowId), 2, 'Other'), WrongVersionStatusError);
    await assert.rejects(ws.duplicate(parseFlowId(flowId), 1, 'Support Line (Spanish)'), FlowExistsError);
  });

  it('assign maps a number to a published flow; unpublished flows and malformed numbers are refused', async () => {
    const { flowId: draftOnly } = await ws.create('Draft Only');
    const flowId = await publishedFlow();
    await assert.rejects(ws.assign('+14155550100', draftOnly), NoPublishedVersionError);
    await assert.rejects(
      ws.assign('415 555 0100', parseFlowId(flowId)),
      (err: unknown) => err instanceof InvalidInputError && err.code === 'invalid-phone-number',
    );
    await assert.rejects(ws.assign('+14155550100', parseFlowId('nope')), UnknownFlowError);
    const result = await ws.assign('+14155550100', parseFlowId(flowId), { label: 'Main line' });
    assert.ok(result.commit);
    assert.deepStrictEqual(changedFiles(result.commit), ['numbers.yaml']);
    assert.deepStrictEqual((await ws.list()).find((f) => f.id === flowId)?.numbers, ['+14155550100']);
    const again = await ws.assign('+14155550100', parseFlowId(flowId));
    assert.strictEqual(again.commit, undefined, 'assigning the same mapping again changes nothing');
  });

  it('assign --move re-points a number and unassign removes it, keeping comments of numbers.yaml', async () => {
    const a = await publishedFlow('Support');
    const b = await publishedFlow('Billing');
    await repo.write(
      'numbers.yaml',
      '# Owned by the telecom team\nnumbers:\n  # main line\n  "+14155550100": support\n',
    );
    repo.git('add', 'numbers.yaml');
    repo.git('commit', '-q', '-m', 'numbers');
    const moved = await ws.assign('+14155550100', parseFlowId(b), { move: true });
    assert.strictEqual(moved.previousFlowId, a);
    await ws.assign('+14155550101', parseFlowId(b), { label: 'Billing hotline' });
    const text = (await repo.read('numbers.yaml'))!;
    assert.match(text, /# Owned by the telecom team/);
    assert.match(text, /# main line\n\s+"\+14155550100": billing/);
    assert.match(text, /"\+14155550101": \{ flow: billing, label: Billing hotline \}/);
    const removed = await ws.unassign('+14155550100');
    assert.strictEqual(removed.flowId, 'billing');
    assert.doesNotMatch((await repo.read('numbers.yaml'))!, /\+14155550100/);
    await assert.rejects(
      ws.unassign('+14155550100'),
      (err: unknown) => err instanceof InvalidInputError && err.code === 'number-not-assigned',
    );
    await assert.rejects(ws.unassign('not-a-number'), InvalidInputError);
  });

  it("history lists the flow's lifecycle commits newest first", async () => {
    const flowId = await publishedFlow();
    await ws.create('Other');
    await ws.edit(parseFlowId(flowId));
    const history = await ws.history(parseFlowId(flowId));
    assert.deepStrictEqual(
      history.map((h) => `${h.action}:${h.version}`),
      ['edit:2', 'publish:1', 'create:1'],
    );
    assert.match(history[0]!.commit, /^[0-9a-f]{40}$/);
    await assert.rejects(ws.history(parseFlowId('nothing-here')), UnknownFlowError);
  });

  it('diff prints a unified diff of two versions, discarded ones read from git', async () => {
    const flowId = await publishedFlow();
    await ws.edit(parseFlowId(flowId));
    const v2 = (await repo.read('flows/support-line/v2.yaml'))!.replace('Thanks for calling', 'Welcome to');
    await repo.write('flows/support-line/v2.yaml', v2);
    await ws.save(parseFlowId(flowId));
    const diff = await ws.diff(parseFlowId(flowId), 1, 2);
    assert.match(diff, /^--- a\/flows\/support-line\/v1\.yaml\n\+\+\+ b\/flows\/support-line\/v2\.yaml\n@@ /);
    assert.match(diff, /\n- {4}say: "Thanks for calling Support Line\."\n\+ {4}say: "Welcome to Support Line\."\n/);
    await ws.discard(parseFlowId(flowId));
    assert.strictEqual(
      await ws.diff(parseFlowId(flowId), 2, 1),
      diff.replace(/^.*\n.*\n/, '').length > 0 ? await ws.diff(parseFlowId(flowId), 2, 1) : '',
    );
    assert.match(await ws.diff(parseFlowId(flowId), 2, 1), /\+ {4}say: "Thanks for calling/);
    assert.strictEqual(await ws.diff(parseFlowId(flowId), 1, 1), '');
    await assert.rejects(ws.diff(parseFlowId(flowId), 1, 7), UnknownVersionError);
  });

  it('list reads manifests and numbers, show describes versions with files and tags', async () => {
    const flowId = await publishedFlow();
    await ws.edit(parseFlowId(flowId));
    await ws.assign('+14155550100', parseFlowId(flowId));
    const list = await ws.list();
    assert.deepStrictEqual(
      list.map((f) => [f.id, f.draft, f.published, f.numbers]),
      [[flowId, 2, 1, ['+14155550100']]],
    );
    const details = await ws.show(parseFlowId(flowId));
    assert.deepStrictEqual(
      details.versions.map((v) => [v.version, v.status, v.file, v.tag]),
      [
        [1, 'published', 'flows/support-line/v1.yaml', 'callflow/support-line/v1'],
        [2, 'draft', 'flows/support-line/v2.yaml', undefined],
      ],
    );
    assert.strictEqual(details.versions[1]!.changedSinceSave, false);
    await assert.rejects(
      ws.show(parseFlowId('suport-line')),
      (err: unknown) => err instanceof UnknownFlowError && /support-line/.test(err.hint ?? ''),
    );
  });

  it('workspaceContext answers from manifests', async () => {
    const flowId = await publishedFlow();
    await ws.create('Draft Only');
    const context = await ws.workspaceContext();
    assert.ok(context.flowExists(flowId));
    assert.ok(context.hasPublishedVersion(flowId));
    assert.ok(!context.hasPublishedVersion('draft-only'));
    assert.ok(!context.flowExists('nope'));
    assert.deepStrictEqual([...context.flowIds()].sort(), ['draft-only', flowId]);
    assert.deepStrictEqual(context.publishedGotoTargets(flowId), []);
  });
});
