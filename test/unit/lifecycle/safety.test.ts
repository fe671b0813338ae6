// Nothing lost, nothing live changed by surprise (flow format section 2): discard, assign --move,
// rollback, publish's preview and actions bound to a version.
import * as assert from 'assert';
import {
  InvalidDraftError,
  NoPublishedVersionError,
  NotTheDraftError,
  NumberRingsAnotherFlowError,
  UnsavedDraftChangesError,
  WorkspaceCorruptError,
  WrongVersionStatusError,
} from '../../../src/core/errors';
import type { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';
import { describeNumbers } from '../../../src/core/lifecycle/wording';
import { planPublish, planRollback, publishPlanWording } from '../../../src/core/review/publishPlan';
import { makeWorkspace, repositoryState, type TempRepo } from '../../helpers/tempRepo';
import { parseFlowId } from '../../../src/core';

describe('lifecycle safety', function () {
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

  /** Publishes v1 and v2 (v1 archived) with different greetings. */
  async function twoPublished(): Promise<string> {
    const flowId = await publishedFlow();
    await ws.edit(parseFlowId(flowId));
    const file = `flows/${flowId}/v2.yaml`;
    await repo.write(file, (await repo.read(file))!.replace('Thanks for calling', 'Welcome to'));
    await ws.save(parseFlowId(flowId));
    await ws.publish(parseFlowId(flowId));
    return flowId;
  }

  const ledger = async (flowId: string) =>
    (await ws.show(parseFlowId(flowId))).versions.map((v) => `v${v.version}:${v.status}`);

  describe('discard loses nothing', () => {
    it('refuses a draft with changes not yet saved, changing nothing, and says how to keep or lose them', async () => {
      const { flowId } = await ws.create('Sales');
      const file = 'flows/sales/v1.yaml';
      const edited = (await repo.read(file))! + '# an edit not yet saved\n';
      await repo.write(file, edited);
      const before = repositoryState(repo);
      await assert.rejects(
        ws.discard(flowId),
        (err: unknown) =>
          err instanceof UnsavedDraftChangesError &&
          err.category === 'refused' &&
          /changes not yet saved as v1/.test(err.message) &&
          /callflow save sales/.test(err.hint ?? '') &&
          /--force/.test(err.hint ?? ''),
      );
      assert.deepStrictEqual(repositoryState(repo), before);
      assert.strictEqual(await repo.read(file), edited);
    });

    it('after a save, restore brings back exactly the text that was discarded', async () => {
      const { flowId } = await ws.create('Sales');
      const file = 'flows/sales/v1.yaml';
      const edited = (await repo.read(file))! + '# kept\n';
      await repo.write(file, edited);
      await ws.save(flowId);
      await ws.discard(flowId);
      assert.strictEqual(await repo.read(file), undefined);
      const restored = await ws.restore(flowId, 1);
      assert.strictEqual(await repo.read(restored.file!), edited);
    });

    it('--force discards the unsaved changes when asked to', async () => {
      const { flowId } = await ws.create('Sales');
      await repo.write('flows/sales/v1.yaml', '# scratch\n');
      const result = await ws.discard(flowId, { force: true });
      assert.ok(result.commit);
      assert.deepStrictEqual(await ledger(flowId), ['v1:discarded']);
    });
  });

  describe('assign --move', () => {
    it('refuses to move a number that rings another flow, naming that flow; --move moves it and keeps its label', async () => {
      const a = await publishedFlow('Support');
      const b = await publishedFlow('Billing');
      await ws.assign('+14155550110', parseFlowId(a), { label: 'Holiday hotline' });
      const before = repositoryState(repo);
      await assert.rejects(
        ws.assign('+14155550110', parseFlowId(b)),
        (err: unknown) =>
          err instanceof NumberRingsAnotherFlowError &&
          err.currentFlowId === 'support' &&
          /rings "support" now/.test(err.message) &&
          /--move/.test(err.hint ?? ''),
      );
      assert.deepStrictEqual(repositoryState(repo), before);
      const moved = await ws.assign('+14155550110', parseFlowId(b), { move: true });
      assert.strictEqual(moved.previousFlowId, 'support');
      assert.strictEqual(moved.label, 'Holiday hotline');
      assert.match((await repo.read('numbers.yaml'))!, /"\+14155550110": \{ flow: billing, label: Holiday hotline \}/);
      const relabelled = await ws.assign('+14155550110', parseFlowId(a), { move: true, label: 'Main' });
      assert.strictEqual(relabelled.label, 'Main');
    });

    it('re-assigning a number to its own flow keeps its label', async () => {
      const a = await publishedFlow('Support');
      await ws.assign('+14155550110', parseFlowId(a), { label: 'Holiday hotline' });
      const again = await ws.assign('+14155550110', parseFlowId(a));
      assert.strictEqual(again.commit, undefined);
      assert.strictEqual(again.label, 'Holiday hotline');
    });

    it('unassign says what the number rang', async () => {
      const a = await publishedFlow('Support');
      await ws.assign('+14155550110', parseFlowId(a), { label: 'Holiday hotline' });
      const removed = await ws.unassign('+14155550110');
      assert.deepStrictEqual([removed.flowId, removed.label], ['support', 'Holiday hotline']);
    });
  });

  describe('rollback', () => {
    it('publishes a copy of the version published before, in one commit with its tag, archiving the current one', async () => {
      const flowId = await twoPublished();
      const v1 = await repo.read(`flows/${flowId}/v1.yaml`);
      const head = repo.git('rev-parse', 'HEAD').trim();
      const result = await ws.rollback(parseFlowId(flowId));
      assert.deepStrictEqual([result.version, result.createdFrom, result.archived], [3, 'v1', 2]);
      assert.strictEqual(await repo.read(`flows/${flowId}/v3.yaml`), v1);
      assert.deepStrictEqual(await ledger(flowId), ['v1:archived', 'v2:archived', 'v3:published']);
      assert.strictEqual(repo.git('rev-list', '--count', `${head}..HEAD`).trim(), '1');
      assert.strictEqual(
        repo.git('log', '-1', '--format=%s').trim(),
        `callflow(${flowId}): roll back to v1 as v3 (archives v2)`,
      );
      assert.match(repo.git('log', '-1', '--format=%B'), /Callflow-Action: rollback\nCallflow-Version: 3/);
      assert.strictEqual(repo.git('rev-parse', `callflow/${flowId}/v3^{commit}`).trim(), result.commit);
      assert.strictEqual((await ws.verify()).ok, true);
    });

    it('leaves an existing draft as it is, unsaved changes included', async () => {
      const flowId = await twoPublished();
      await ws.edit(parseFlowId(flowId));
      const draftFile = `flows/${flowId}/v3.yaml`;
      const edited = (await repo.read(draftFile))! + '# work in progress\n';
      await repo.write(draftFile, edited);
      const result = await ws.rollback(parseFlowId(flowId), 1);
      assert.strictEqual(result.version, 4);
      assert.strictEqual(await repo.read(draftFile), edited);
      assert.deepStrictEqual(await ledger(flowId), ['v1:archived', 'v2:archived', 'v3:draft', 'v4:published']);
      assert.match(repo.git('status', '--porcelain'), new RegExp(` M ${draftFile}`));
    });

    it('refuses what cannot be rolled back to, changing nothing', async () => {
      const flowId = await publishedFlow();
      const before = repositoryState(repo);
      await assert.rejects(
        ws.rollback(parseFlowId(flowId)),
        (err: unknown) => err instanceof WrongVersionStatusError && /nothing to roll back to/.test(err.hint ?? ''),
      );
      await assert.rejects(
        ws.rollback(parseFlowId(flowId), 1),
        (err: unknown) => err instanceof WrongVersionStatusError && /live already/.test(err.hint ?? ''),
      );
      const { flowId: unpublished } = await ws.create('Draft Only');
      await assert.rejects(ws.rollback(unpublished), NoPublishedVersionError);
      assert.strictEqual(repositoryState(repo).tags, before.tags);
    });

    it('makes the same checks as publish: a version that no longer passes them is refused', async () => {
      const flowId = await twoPublished();
      // A call scenario added since v1 was live, which v1 fails.
      await repo.write(
        `flows/${flowId}/calls.yaml`,
        'calls:\n  - name: greets with welcome\n    at: 2026-11-24T15:00:00Z\n    expect: { outcome: connected, queue: nowhere }\n',
      );
      await assert.rejects(
        ws.rollback(parseFlowId(flowId)),
        (err: unknown) => err instanceof InvalidDraftError && err.why === 'scenarios',
      );
      await assert.rejects(
        ws.rollbackPreview(parseFlowId(flowId)),
        (err: unknown) => err instanceof InvalidDraftError && err.why === 'scenarios',
      );
    });

    it('refuses to copy an archived file that was changed after it was published', async () => {
      const flowId = await twoPublished();
      await repo.write(`flows/${flowId}/v1.yaml`, (await repo.read(`flows/${flowId}/v1.yaml`))! + '# tampered\n');
      await assert.rejects(
        ws.rollback(parseFlowId(flowId)),
        (err: unknown) => err instanceof WorkspaceCorruptError && err.code === 'locked-file-changed',
      );
    });
  });

  describe('restore a locked version', () => {
    it('puts a changed published file back to its bytes at the publish tag, so git status and verify are clean', async () => {
      const flowId = await publishedFlow();
      const file = `flows/${flowId}/v1.yaml`;
      const published = (await repo.read(file))!;
      await repo.write(file, published.replace('Thanks for calling', 'Tampered'));
      assert.ok((await ws.verify()).findings.some((f) => f.code === 'locked-file-changed'));
      const restored = await ws.restoreLockedVersion(parseFlowId(flowId), 1);
      assert.deepStrictEqual([restored.file, restored.tag, restored.changed], [file, `callflow/${flowId}/v1`, true]);
      assert.strictEqual(await repo.read(file), published);
      assert.strictEqual(repo.git('status', '--porcelain'), '');
      assert.strictEqual((await ws.verify()).ok, true);
      assert.strictEqual((await ws.restoreLockedVersion(parseFlowId(flowId), 1)).changed, false, 'nothing to put back');
      await ws.edit(parseFlowId(flowId));
      await assert.rejects(
        ws.restoreLockedVersion(parseFlowId(flowId), 2),
        (err: unknown) => err instanceof WrongVersionStatusError && err.status === 'draft',
      );
    });
  });

  describe('publish checks before it asks', () => {
    it('the preview refuses what publish would refuse, before anything is asked', async () => {
      const { flowId } = await ws.create('Sales');
      await repo.write('flows/sales/v1.yaml', (await repo.read('flows/sales/v1.yaml'))! + '# late\n');
      await assert.rejects(
        ws.publishPreview(flowId),
        (err: unknown) => err instanceof InvalidDraftError && err.why === 'changed',
      );
    });

    it('the confirmation names the numbers it affects and the version it archives', async () => {
      const flowId = await publishedFlow();
      await ws.assign('+14155550110', parseFlowId(flowId), { label: 'Holiday hotline' });
      await ws.assign('+14155550111', parseFlowId(flowId));
      await ws.edit(parseFlowId(flowId));
      const preview = await ws.publishPreview(parseFlowId(flowId));
      assert.deepStrictEqual([preview.version, preview.archives], [2, 1]);
      assert.strictEqual(describeNumbers(preview.numbers), '+14155550110 Holiday hotline and 1 more');
      const publish = publishPlanWording(await planPublish(ws, parseFlowId(flowId)));
      assert.strictEqual(publish.question, 'Publish v2 of "Support Line"?');
      assert.strictEqual(
        publish.sentences[0],
        'Calls to +14155550110 Holiday hotline and 1 more start following v2 at once. v1, published now, will be archived.',
      );
      await ws.publish(parseFlowId(flowId));
      const rollback = publishPlanWording(await planRollback(ws, parseFlowId(flowId)));
      assert.strictEqual(rollback.question, 'Roll back "Support Line" to v1?');
      assert.strictEqual(
        rollback.sentences[0],
        'Calls to +14155550110 Holiday hotline and 1 more start following v3, a copy of v1, at once. v2, published now, will be archived.',
      );
    });
  });

  describe('actions bound to a version', () => {
    it('publish, save and discard of a version that is no longer the draft are refused', async () => {
      const flowId = await publishedFlow();
      await ws.edit(parseFlowId(flowId)); // v2 draft
      await ws.discard(parseFlowId(flowId));
      await ws.restore(parseFlowId(flowId), 2); // v3 draft
      const before = repositoryState(repo);
      for (const run of [
        () => ws.publish(parseFlowId(flowId), { version: 2 }),
        () => ws.save(parseFlowId(flowId), { version: 2 }),
        () => ws.discard(parseFlowId(flowId), { version: 2 }),
        () => ws.publishPreview(parseFlowId(flowId), { version: 2 }),
      ]) {
        await assert.rejects(
          run(),
          (err: unknown) =>
            err instanceof NotTheDraftError &&
            /v2 of "support-line" is no longer the draft \(v3 is\)/.test(err.message),
        );
      }
      assert.deepStrictEqual(repositoryState(repo), before);
      assert.strictEqual((await ws.publish(parseFlowId(flowId), { version: 3 })).version, 3);
    });
  });
});
