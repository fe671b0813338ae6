// Nothing lost, nothing live changed by surprise, in the real VS Code: the modals say what a
// gesture does before it does it, notifications act only on the version they were about, locked
// files come back from their tags, and menus offer only what can run.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import type { Notification } from '../../src/extension/notifications';
import type { AssignmentResult, OperationResult } from '../../src/core/lifecycle';
import {
  answering,
  childrenOf,
  closeAllEditors,
  commitCount,
  extensionApi,
  flowNode,
  git,
  lastSubjects,
  notificationsDuring,
  readWorkspaceFile,
  waitFor,
  workspaceRoot,
} from './helpers';

const FLOW = 'safety-line';
const OTHER = 'safety-other';
const fileUri = (relative: string) => vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), ...relative.split('/'));

async function writeFile(relative: string, text: string): Promise<void> {
  await vscode.workspace.fs.writeFile(fileUri(relative), Buffer.from(text));
}

describe('lifecycle safety in a real VS Code', function () {
  let api: CallflowExtensionApi;

  before(async () => {
    api = await extensionApi();
    for (const name of ['Safety Line', 'Safety Other']) {
      const created = await vscode.commands.executeCommand<OperationResult>('callflow.createFlow', { name });
      await vscode.commands.executeCommand('callflow.publish', { flowId: created.flowId, confirmed: true });
    }
    await vscode.commands.executeCommand('callflow.assignNumber', {
      flowId: FLOW,
      number: '+14155550110',
      label: 'Holiday hotline',
    });
    await vscode.commands.executeCommand('callflow.assignNumber', { flowId: FLOW, number: '+14155550111' });
  });

  after(closeAllEditors);

  async function versionItems(flowId = FLOW) {
    const node = await flowNode(api, flowId);
    assert.ok(node, `${flowId} is in the tree`);
    return (await childrenOf(api, node)).filter((c) => c.node.kind === 'version');
  }

  it('Publish checks first: a draft with changes not yet saved is refused before anything is asked', async () => {
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW }); // v2
    const file = `flows/${FLOW}/v2.yaml`;
    await writeFile(file, readWorkspaceFile(file)! + '# not yet saved\n');
    const before = commitCount();
    let shown: Awaited<ReturnType<typeof notificationsDuring>> = [];
    const asked = await answering(
      api,
      () => 'Publish',
      async () => {
        shown = await notificationsDuring(api, () =>
          vscode.commands.executeCommand('callflow.publish', { flowId: FLOW }),
        );
      },
    );
    assert.deepStrictEqual(asked, [], 'no question before the checks pass');
    assert.strictEqual(commitCount(), before);
    const refusal = shown.find((n) => n.code === 'draft-not-publishable');
    assert.ok(refusal && refusal.actions.includes('Save & Validate'), JSON.stringify(shown));
  });

  it('the publish confirmation names the numbers it affects and the version it archives', async () => {
    await vscode.commands.executeCommand('callflow.save', { flowId: FLOW });
    const asked = await answering(
      api,
      () => 'Publish',
      () => vscode.commands.executeCommand('callflow.publish', { flowId: FLOW }),
    );
    assert.deepStrictEqual(
      asked.map((q) => [q.message, q.detail?.split('\n\n')[0], q.modal]),
      [
        [
          'Publish v2 of "Safety Line"?',
          'Calls to +14155550110 Holiday hotline and 1 more start following v2 at once. v1, published now, will be archived.',
          true,
        ],
      ],
    );
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): publish v2 (archives v1)`);
  });

  it('cancelling the publish confirmation changes nothing', async () => {
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW }); // v3
    const before = commitCount();
    const asked = await answering(
      api,
      () => undefined,
      () => vscode.commands.executeCommand('callflow.publish', { flowId: FLOW }),
    );
    assert.strictEqual(asked.length, 1);
    assert.strictEqual(commitCount(), before);
  });

  it('a "Publish" action of an old "Saved v3" notification refuses once v3 is no longer the draft', async () => {
    const file = `flows/${FLOW}/v3.yaml`;
    await writeFile(file, readWorkspaceFile(file)! + '# v3 edit\n');
    const saved = await notificationsDuring(api, () =>
      vscode.commands.executeCommand('callflow.save', { flowId: FLOW, version: 3 }),
    );
    const notification = saved.find((n) => n.actions.includes('Publish'));
    assert.ok(notification, JSON.stringify(saved));
    await vscode.commands.executeCommand('callflow.discard', { flowId: FLOW, confirmed: true });
    await vscode.commands.executeCommand('callflow.restore', { flowId: FLOW, version: 1 }); // v4
    const before = commitCount();
    const shown = await notificationsDuring(api, () =>
      answering(
        api,
        () => 'Publish',
        () => api.notifications.pick(notification, 'Publish'),
      ),
    );
    assert.strictEqual(commitCount(), before, 'v4 was not published');
    const refusal = shown.find((n) => n.code === 'not-the-draft');
    assert.ok(refusal, JSON.stringify(shown));
    assert.match(refusal.message, /v3 of "safety-line" is no longer the draft \(v4 is\)/);
    assert.match(refusal.message, /Open Draft v4/);
    assert.ok(refusal.actions.includes('Open Draft'));
  });

  it('the tree offers Restore and Edit only where they can run, and Roll Back on archived versions', async () => {
    const items = await versionItems();
    assert.deepStrictEqual(
      items.map((v) => `${v.label} ${v.contextValue}`),
      [
        'v4 callflow.version.draft',
        'v2 callflow.version.published.withDraft',
        'v1 callflow.version.archived.withDraft',
      ],
    );
    const manifest = vscode.extensions.getExtension('callflow-studio.call-flow-studio')!.packageJSON as {
      contributes: { menus: { 'view/item/context': { command: string; when: string }[] } };
    };
    const offered = (command: string, contextValue: string) =>
      manifest.contributes.menus['view/item/context']
        .filter((m) => m.command === command)
        .some((m) => {
          const test = /viewItem (==|=~) (\S+)/.exec(m.when);
          if (!test) return false;
          const [, op, value] = test;
          return op === '==' ? value === contextValue : new RegExp(value!.slice(1, -1)).test(contextValue);
        });
    assert.ok(!offered('callflow.restore', 'callflow.version.archived.withDraft'), 'no Restore while a draft exists');
    assert.ok(offered('callflow.restore', 'callflow.version.archived'));
    assert.ok(!offered('callflow.edit', 'callflow.version.published.withDraft'), 'no Edit while a draft exists');
    assert.ok(offered('callflow.edit', 'callflow.version.published.only'));
    assert.ok(!offered('callflow.compareVersions', 'callflow.version.published.only'), 'nothing to compare with');
    assert.ok(!offered('callflow.compareWithPublished', 'callflow.version.draft.unpublished'));
    assert.ok(offered('callflow.rollback', 'callflow.version.archived.withDraft'), 'Roll Back leaves a draft alone');
    assert.ok(offered('callflow.publish', 'callflow.version.draft.unpublished'));
  });

  it('Discard of a draft with changes not yet saved offers Save & Discard, and Restore brings back exactly that text', async () => {
    const file = `flows/${FLOW}/v4.yaml`;
    const edited = readWorkspaceFile(file)! + '# work in progress\n';
    await writeFile(file, edited);
    const before = commitCount();
    const asked = await answering(
      api,
      () => 'Save & Discard',
      () => vscode.commands.executeCommand('callflow.discard', { flowId: FLOW }),
    );
    assert.strictEqual(asked.length, 1);
    assert.match(asked[0]!.message, /has changes not yet saved as v4/);
    assert.match(asked[0]!.detail ?? '', /Discard Changes Too loses them/);
    assert.deepStrictEqual(asked[0]!.actions, ['Save & Discard', 'Discard Changes Too']);
    assert.strictEqual(commitCount(), before + 2, 'a save, then the discard');
    assert.deepStrictEqual(lastSubjects(2), [
      `callflow(${FLOW}): discard v4 draft`,
      `callflow(${FLOW}): save v4 draft (valid)`,
    ]);
    const restored = await vscode.commands.executeCommand<OperationResult>('callflow.restore', {
      flowId: FLOW,
      version: 4,
    });
    assert.strictEqual(readWorkspaceFile(restored.file!), edited);
  });

  it('Discard Changes Too loses them after saying so; a saved draft gets the plain question', async () => {
    const file = `flows/${FLOW}/v5.yaml`;
    await writeFile(file, readWorkspaceFile(file)! + '# thrown away\n');
    const asked = await answering(
      api,
      (q) => (q.actions.includes('Discard Changes Too') ? 'Discard Changes Too' : 'Discard'),
      () => vscode.commands.executeCommand('callflow.discard', { flowId: FLOW }),
    );
    assert.deepStrictEqual(
      asked.map((q) => q.actions),
      [['Save & Discard', 'Discard Changes Too']],
    );
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): discard v5 draft`);
    assert.strictEqual(readWorkspaceFile(file), undefined);

    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW }); // v6, saved as created
    const plain = await answering(
      api,
      () => 'Discard',
      () => vscode.commands.executeCommand('callflow.discard', { flowId: FLOW }),
    );
    assert.deepStrictEqual(
      plain.map((q) => [q.message, q.actions]),
      [['Discard the v6 draft of "Safety Line"?', ['Discard']]],
    );
    assert.match(plain[0]!.detail ?? '', /Restore Version v6 brings it back/);
  });

  it('Roll Back to This Version asks like publish, publishes a copy of the archived version, and keeps the draft', async () => {
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW }); // v7 draft
    const v1 = (await versionItems()).find((v) => v.label === 'v1')!.node;
    const asked = await answering(
      api,
      () => 'Roll Back',
      () => vscode.commands.executeCommand('callflow.rollback', v1),
    );
    assert.deepStrictEqual(
      asked.map((q) => [q.message, q.detail?.split('\n\n')[0]]),
      [
        [
          'Roll back "Safety Line" to v1?',
          'Calls to +14155550110 Holiday hotline and 1 more start following v8, a copy of v1, at once. v2, published now, will be archived.',
        ],
      ],
    );
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): roll back to v1 as v8 (archives v2)`);
    assert.strictEqual(git('rev-list', '-n', '1', `callflow/${FLOW}/v8`), git('rev-parse', 'HEAD'));
    assert.strictEqual(readWorkspaceFile(`flows/${FLOW}/v8.yaml`), readWorkspaceFile(`flows/${FLOW}/v1.yaml`));
    assert.ok(readWorkspaceFile(`flows/${FLOW}/v7.yaml`), 'the draft is left as it is');
  });

  it('Assign Number asks before moving a number that rings another flow, naming both, and keeps its label', async () => {
    const before = commitCount();
    const cancelled = await answering(
      api,
      () => undefined,
      () => vscode.commands.executeCommand('callflow.assignNumber', { flowId: OTHER, number: '+14155550110' }),
    );
    assert.deepStrictEqual(
      cancelled.map((q) => q.message),
      ['Move +14155550110 (Holiday hotline) from "Safety Line" to "Safety Other"?'],
    );
    assert.match(cancelled[0]!.detail ?? '', /Its label "Holiday hotline" is kept/);
    assert.strictEqual(commitCount(), before, 'cancelled: nothing moved');
    let result: AssignmentResult | undefined;
    await answering(
      api,
      () => 'Move',
      async () => {
        result = await vscode.commands.executeCommand<AssignmentResult>('callflow.assignNumber', {
          flowId: OTHER,
          number: '+14155550110',
        });
      },
    );
    assert.deepStrictEqual([result?.previousFlowId, result?.label], [FLOW, 'Holiday hotline']);
    assert.match(readWorkspaceFile('numbers.yaml')!, /\+14155550110.*flow: safety-other.*Holiday hotline/);
  });

  it('Assign Number from the palette asks for the flow, never taking the open editor silently', async () => {
    await vscode.window.showTextDocument(fileUri(`flows/${FLOW}/v8.yaml`));
    const picks: string[][] = [];
    const original = vscode.window.showQuickPick;
    // The picker is VS Code's own: read what it offers, and pick the other flow as a user would.
    (vscode.window as { showQuickPick: unknown }).showQuickPick = (items: readonly vscode.QuickPickItem[]) => {
      picks.push(items.map((i) => `${i.label} | ${i.description ?? ''}`));
      return Promise.resolve(items.find((i) => i.label === 'Safety Other'));
    };
    try {
      await answering(
        api,
        () => 'Move',
        () =>
          vscode.commands.executeCommand('callflow.assignNumber', {
            workspace: workspaceRoot(),
            number: '+14155550111',
          }),
      );
    } finally {
      (vscode.window as { showQuickPick: unknown }).showQuickPick = original;
    }
    assert.strictEqual(picks.length, 1, 'the flow was asked for');
    assert.strictEqual(picks[0]![0], `Safety Line | ${FLOW} · open in the editor`, 'the open flow first, saying so');
    assert.match(readWorkspaceFile('numbers.yaml')!, /"\+14155550111": safety-other/);
  });

  it('Unassign Number asks first, saying what the number rings', async () => {
    const before = commitCount();
    const asked = await answering(
      api,
      () => undefined,
      () => vscode.commands.executeCommand('callflow.unassignNumber', { number: '+14155550110' }),
    );
    assert.deepStrictEqual(
      asked.map((q) => [q.message, q.detail]),
      [
        [
          'Unassign +14155550110 (Holiday hotline)?',
          'It rings "Safety Other" now; once unassigned, calls to it are no longer routed to any flow.',
        ],
      ],
    );
    assert.strictEqual(commitCount(), before);
  });

  it('Verify offers Restore Locked Version for a changed published file, which puts back its bytes from the tag', async () => {
    const file = `flows/${OTHER}/v1.yaml`;
    const published = readWorkspaceFile(file)!;
    await writeFile(file, published.replace('Thanks for calling', 'Tampered'));
    const shown = await notificationsDuring(api, () => vscode.commands.executeCommand('callflow.verify'));
    const findings = shown.find((n) => n.code === 'verify-findings');
    assert.ok(findings && findings.actions.includes('Restore Locked Version'), JSON.stringify(shown));
    // A quick fix on the problem (the Problems panel reaches the editor a moment after verify).
    // (A request that VS Code cancels because the problems were just replaced is asked again.)
    await waitFor('a Restore Locked Version quick fix', () =>
      Promise.resolve(
        vscode.commands.executeCommand<vscode.CodeAction[]>(
          'vscode.executeCodeActionProvider',
          fileUri(file),
          new vscode.Range(0, 0, 0, 0),
        ),
      ).then(
        (actions) => actions.some((a) => a.command?.command === 'callflow.restoreLockedVersion'),
        () => false,
      ),
    );
    const asked = await answering(
      api,
      () => 'Restore Locked Version',
      () => api.notifications.pick(findings, 'Restore Locked Version'),
    );
    assert.match(asked[0]?.message ?? '', /Put v1 of "Safety Other" back as it was published\?/);
    assert.strictEqual(readWorkspaceFile(file), published);
    assert.strictEqual(git('status', '--porcelain', '--', file), '');
  });

  it('Revert File on a changed locked version puts back the bytes of its tag, not the changed disk file', async () => {
    const file = `flows/${OTHER}/v1.yaml`;
    // From the published text, whatever an earlier test left on disk.
    await vscode.commands.executeCommand('callflow.restoreLockedVersion', {
      flowId: OTHER,
      version: 1,
      confirmed: true,
    });
    const published = readWorkspaceFile(file)!;
    await writeFile(file, published.replace('Thanks for calling', 'Changed on disk'));
    const editor = await vscode.window.showTextDocument(fileUri(file));
    await vscode.commands.executeCommand('workbench.action.files.revert'); // the editor reads the disk now
    await waitFor('the changed disk text in the editor', () => editor.document.getText().includes('Changed on disk'));
    await new Promise((r) => setTimeout(r, 500)); // the lock is applied when the editor becomes active
    const warned = await notificationsDuring(api, async () => {
      // The user makes the editor writeable through VS Code's own message, and types.
      await vscode.commands.executeCommand('workbench.action.files.setActiveEditorWriteableInSession');
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# typed\n')));
      await waitFor('the locked-file warning', () => editor.document.isDirty);
      await new Promise((r) => setTimeout(r, 300));
    });
    const warning = warned.find((n) => n.actions.includes('Revert File'));
    assert.ok(warning, JSON.stringify(warned));
    await api.notifications.pick(warning, 'Revert File');
    await waitFor('the published text back on disk', () => readWorkspaceFile(file) === published);
    await waitFor(
      'the editor showing it, clean',
      () => !editor.document.isDirty && editor.document.getText() === published,
    );
    assert.strictEqual(git('status', '--porcelain', '--', file), '');
  });

  it('Edit from a change typed into a published version: the new draft takes what was typed, the published editor goes back, and no note about the published text', async () => {
    const created = await vscode.commands.executeCommand<OperationResult>('callflow.createFlow', {
      name: 'Typed Line',
    });
    await vscode.commands.executeCommand('callflow.publish', { flowId: created.flowId, confirmed: true });
    const file = `flows/${created.flowId}/v1.yaml`;
    const published = readWorkspaceFile(file)!;
    const editor = await vscode.window.showTextDocument(fileUri(file));
    await new Promise((r) => setTimeout(r, 500)); // the lock is applied when the editor becomes active
    const shown: Notification[] = [];
    const listening = api.notifications.onDidNotify((n) => shown.push(n));
    try {
      await vscode.commands.executeCommand('workbench.action.files.setActiveEditorWriteableInSession');
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '# typed\n')));
      const warning = await waitFor('the locked-file warning', () => shown.find((n) => n.actions.includes('Edit')));
      await api.notifications.pick(warning, 'Edit');
      await waitFor('the v2 draft holding what was typed', () =>
        vscode.workspace.textDocuments.find(
          (d) => d.uri.path.endsWith(`/flows/${created.flowId}/v2.yaml`) && d.getText().startsWith('# typed\n'),
        ),
      );
    } finally {
      listening.dispose();
    }
    await waitFor('the published editor back to what was published', () =>
      !editor.document.isDirty && editor.document.getText() === published ? true : undefined,
    );
    assert.strictEqual(readWorkspaceFile(file), published);
    assert.deepStrictEqual(
      shown.filter((n) => /already holds what was published|are undone/.test(n.message)).map((n) => n.message),
      [],
    );
    assert.ok(
      shown.some((n) => /^Started v2 of Typed Line as a draft/.test(n.message)),
      JSON.stringify(shown),
    );
  });
});

describe('an interrupted operation, recovered before the next one', () => {
  it('is said in a message, not done silently', async () => {
    const api: CallflowExtensionApi = await extensionApi();
    const gitDir = git('rev-parse', '--absolute-git-dir').trim();
    // What a callflow killed before it wrote anything leaves: a journal, no lock, no live owner.
    const journal = {
      operation: 'callflow(recovered-line): create v1',
      startedAt: '2026-12-01T09:00:00Z',
      pid: 999_999_999,
      files: [],
    };
    await vscode.workspace.fs.writeFile(
      vscode.Uri.file(`${gitDir}/callflow.journal`),
      Buffer.from(JSON.stringify(journal)),
    );
    const shown = await notificationsDuring(api, () =>
      vscode.commands.executeCommand('callflow.createFlow', { name: 'Recovered Line' }),
    );
    assert.ok(
      shown.some((n) => /Undid the interrupted operation "callflow\(recovered-line\): create v1"/.test(n.message)),
      shown.map((n) => n.message).join('\n'),
    );
    assert.strictEqual(readWorkspaceFile('.git/callflow.journal'), undefined);
    await closeAllEditors();
  });
});
