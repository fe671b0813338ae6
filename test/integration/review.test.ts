// Reviewing changes in a real VS Code: versions made by the lifecycle commands, compared with
// the text diff and the Changes for Callers view; each entry reveals its step in the diff editor.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import { screenshot } from './screenshot';
import {
  answering,
  closeAllEditors,
  extensionApi,
  lastSubjects,
  readWorkspaceFile,
  waitFor,
  workspaceRoot,
} from './helpers';

const FLOW = 'review-line';

interface ShownChange {
  label: string;
  description: string;
  contextValue: string;
  depth: number;
  command?: vscode.Command;
}

describe('reviewing changes in a real VS Code', function () {
  let api: CallflowExtensionApi;

  before(async () => {
    api = await extensionApi();
    await closeAllEditors();
  });

  after(closeAllEditors);

  function shownChanges(): ShownChange[] {
    return api.test.review.items().map(({ depth, item }) => ({
      label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
      description: String(item.description ?? ''),
      contextValue: item.contextValue ?? '',
      depth,
      ...(item.command ? { command: item.command } : {}),
    }));
  }

  function change(contextValue: string, label: string): ShownChange {
    const found = shownChanges().find((c) => c.contextValue === contextValue && c.label === label);
    assert.ok(found, `${contextValue} ${label} is shown (got ${JSON.stringify(shownChanges().map(summary))})`);
    return found;
  }

  /** Clicks an entry: runs its tree item command as VS Code does. */
  async function click(entry: ShownChange): Promise<{ uri: string; line: number } | undefined> {
    assert.ok(entry.command, `${entry.label} has a command`);
    return vscode.commands.executeCommand(entry.command.command, ...(entry.command.arguments ?? []));
  }

  function selectedLineIn(relative: string): string {
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.path.endsWith(`/${relative}`));
    assert.ok(editor, `${relative} is visible`);
    return editor.document.lineAt(editor.selection.start.line).text;
  }

  function diffTab(): vscode.TabInputTextDiff {
    const input = vscode.window.tabGroups.activeTabGroup.activeTab?.input;
    assert.ok(input instanceof vscode.TabInputTextDiff, 'the diff editor is the active tab');
    return input;
  }

  it('a flow published as v1 and a saved v2 draft with steps added, removed, changed and rewired', async () => {
    await vscode.commands.executeCommand('callflow.createFlow', { name: 'Review Line' });
    await vscode.commands.executeCommand('callflow.publish', { flowId: FLOW, confirmed: true });
    await vscode.commands.executeCommand('callflow.edit', { flowId: FLOW });
    const file = `flows/${FLOW}/v2.yaml`;
    const text = readWorkspaceFile(file)!;
    const edited = text
      .replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "2": sales }')
      .replace(/ {2}support:\n(?: {4}.*\n)+/, '')
      .replace(
        '    next: hours\n',
        '    next: promo\n  promo:\n    type: play\n    say: "Ask about our offers."\n    next: hours\n',
      )
      .replace('say: "Please leave a message after the tone."', 'say: "Leave a message, we call back."');
    assert.notStrictEqual(edited, text);
    const uri = vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), file);
    await vscode.workspace.fs.writeFile(uri, Buffer.from(edited));
    // Edit opened the draft: its editor takes the file written on disk when the file event arrives.
    await waitFor('the open draft to hold the edited file', async () =>
      (await vscode.workspace.openTextDocument(uri)).getText() === edited ? true : undefined,
    );
    await vscode.commands.executeCommand('callflow.save', { flowId: FLOW });
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): save v2 draft (valid)`);
  });

  it('Compare with Published opens the diff and the Changes for Callers view with the semantic diff and changed journeys', async () => {
    const shown = await vscode.commands.executeCommand<{ left: number; right: number }>(
      'callflow.compareWithPublished',
      {
        flowId: FLOW,
      },
    );
    assert.deepStrictEqual(shown, { left: 1, right: 2 });
    const tab = diffTab();
    assert.ok(tab.original.path.endsWith(`/flows/${FLOW}/v1.yaml`));
    assert.ok(tab.modified.path.endsWith(`/flows/${FLOW}/v2.yaml`));
    const current = await waitFor('the view to show the comparison', () => api.test.review.current());
    assert.strictEqual(current.flowId, FLOW);

    const top = shownChanges().filter((c) => c.depth === 0);
    assert.deepStrictEqual(
      top.map((c) => `${c.contextValue} ${c.label}`),
      ['callflow.change.group Changes', 'callflow.change.group Caller journeys that changed'],
    );
    assert.strictEqual(change('callflow.change.added', 'promo').description, 'added');
    assert.strictEqual(change('callflow.change.removed', 'support').description, 'removed');
    assert.strictEqual(change('callflow.change.changed', 'voicemail').description, 'changed: say');
    assert.strictEqual(
      change('callflow.change.field', 'say').description,
      '"Please leave a message after the tone." → "Leave a message, we call back."',
    );
    assert.strictEqual(change('callflow.change.rewired', 'menu 2').description, 'support → sales');
    assert.strictEqual(change('callflow.change.rewired', 'welcome next').description, 'hours → promo');
    const journeys = shownChanges().filter((c) => c.contextValue === 'callflow.change.journey');
    const pressing2 = journeys.find((j) => j.label === 'pressing 2 during open hours');
    assert.ok(pressing2, journeys.map(summary).join('\n'));
    assert.strictEqual(pressing2.description, 'was connected to queue support, now connected to queue sales');
  });

  it('clicking an entry reveals its step in the diff editor: the right side, the left one for a removed step', async () => {
    const added = await click(change('callflow.change.added', 'promo'));
    assert.ok(added?.uri.endsWith(`/flows/${FLOW}/v2.yaml`), JSON.stringify(added));
    diffTab();
    assert.strictEqual(selectedLineIn(`flows/${FLOW}/v2.yaml`), '  promo:');

    const removed = await click(change('callflow.change.removed', 'support'));
    assert.ok(removed?.uri.endsWith(`/flows/${FLOW}/v1.yaml`), JSON.stringify(removed));
    diffTab();
    assert.strictEqual(selectedLineIn(`flows/${FLOW}/v1.yaml`), '  support:');

    // Every call now goes welcome → promo: the journey changes first at welcome.
    await click(change('callflow.change.journey', 'pressing 2 during open hours'));
    assert.strictEqual(selectedLineIn(`flows/${FLOW}/v2.yaml`), '  welcome:', 'where the path first goes elsewhere');
    await screenshot('changes-for-callers');
  });

  it('an entry brings its diff back when another tab hides it', async () => {
    await vscode.window.showTextDocument(vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'callflow.yaml'));
    assert.ok(!(vscode.window.tabGroups.activeTabGroup.activeTab?.input instanceof vscode.TabInputTextDiff));
    await click(change('callflow.change.rewired', 'menu 2'));
    const tab = diffTab();
    assert.ok(tab.modified.path.endsWith(`/flows/${FLOW}/v2.yaml`));
    assert.strictEqual(selectedLineIn(`flows/${FLOW}/v2.yaml`), '  menu:');
  });

  it('the view follows edits of the draft in the diff, before they are saved', async () => {
    const document = await vscode.workspace.openTextDocument(
      vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'v2.yaml'),
    );
    const at = document.getText().indexOf('Leave a message, we call back.');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(
      document.uri,
      new vscode.Range(document.positionAt(at), document.positionAt(at + 'Leave a message, we call back.'.length)),
      'Please leave a message after the tone.',
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    await waitFor('the changed voicemail to leave the view', () =>
      shownChanges().every((c) => c.label !== 'voicemail'),
    );
    assert.ok(
      shownChanges().some((c) => c.label === 'promo'),
      'the other changes stay',
    );
    const back = new vscode.WorkspaceEdit();
    back.replace(
      document.uri,
      new vscode.Range(0, 0, document.lineCount, 0),
      readWorkspaceFile(`flows/${FLOW}/v2.yaml`)!,
    );
    assert.ok(await vscode.workspace.applyEdit(back));
    assert.ok(await document.save());
  });

  it("Show Changes in Graph opens the newer version's graph with the diff marked, drawn by the page with its marks", async () => {
    const state = await vscode.commands.executeCommand<{ uri: string; changes?: unknown }>(
      'callflow.showChangesInGraph',
    );
    assert.ok(state?.uri.endsWith(`/flows/${FLOW}/v2.yaml`), JSON.stringify(state));
    const panel = await waitFor(
      'the page to draw the marked graph',
      () => api.test.graph.panels().find((p) => p.uri === state.uri && p.ready && (p.rendered?.marked ?? 0) > 0),
      20_000,
    );
    assert.deepStrictEqual(panel.changes, {
      against: 'v1 (published)',
      steps: { promo: 'added', voicemail: 'changed', support: 'removed' },
      exits: {
        'welcome:next': 'rewired',
        'promo:next': 'rewired',
        'menu:options.2': 'rewired',
        'removed:welcome:next': 'removed',
        'removed:menu:options.2': 'removed',
        'removed:support:no-answer': 'removed',
      },
    });
    assert.strictEqual(panel.rendered?.marked, 9, 'three steps and six lines drawn marked');
    await screenshot('changes-in-graph');
  });

  /** Closes the graph tab of `uri` as the user does (its panel is disposed). */
  async function closeGraphOf(uri: string): Promise<void> {
    const tabs = vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .filter(
        (tab) => tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith('callflow.flowGraph'),
      );
    assert.ok(tabs.length > 0, 'a graph tab is open');
    await vscode.window.tabGroups.close(tabs);
    await waitFor('the graph panel to be gone', () => api.test.graph.panels().every((p) => p.uri !== uri) || undefined);
  }

  /** What the extension's log file says so far (the LogOutputChannel writes under the extension's log folder). */
  function extensionLog(): string {
    const folder = api.services.context.logUri.fsPath;
    if (!fs.existsSync(folder)) return '';
    return fs
      .readdirSync(folder)
      .filter((name) => name.endsWith('.log'))
      .map((name) => fs.readFileSync(path.join(folder, name), 'utf8'))
      .join('\n');
  }

  it("a graph panel restored from the state its page keeps, through the serializer's own restore function (as after a reload), marks the changes again", async () => {
    const shown = api.test.graph.panels().find((p) => p.changes);
    assert.ok(shown, 'the graph of the last test shows the changes');
    const { saved, changes } = shown;
    assert.deepStrictEqual(saved.review?.against, 'v1 (published)');
    assert.ok(saved.review?.older.endsWith(`/flows/${FLOW}/v1.yaml`), JSON.stringify(saved));
    await closeGraphOf(shown.uri);

    await api.test.graph.restore(saved);
    const restored = await waitFor(
      'the restored page to draw the marked graph',
      () => api.test.graph.panels().find((p) => p.uri === shown.uri && p.ready && (p.rendered?.marked ?? 0) > 0),
      20_000,
    );
    assert.deepStrictEqual(restored.changes, changes);
    assert.strictEqual(restored.rendered?.marked, 9, 'the same three steps and six lines drawn marked');
    assert.deepStrictEqual(restored.saved, saved, 'and the restored page keeps the same state again');
  });

  it('restored against a version whose file is gone, the panel shows the plain graph and the log says why', async () => {
    const shown = api.test.graph.panels().find((p) => p.changes);
    assert.ok(shown);
    await closeGraphOf(shown.uri);
    const gone = vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', FLOW, 'v9.yaml').toString();

    await api.test.graph.restore({ documentUri: shown.uri, review: { against: 'v9 (archived)', older: gone } });
    const restored = await waitFor(
      'the restored page to draw the graph',
      () => api.test.graph.panels().find((p) => p.uri === shown.uri && p.ready && p.rendered),
      20_000,
    );
    assert.strictEqual(restored.changes, undefined);
    assert.strictEqual(restored.rendered?.marked, 0, 'nothing drawn marked');
    assert.ok(restored.nodes.includes('promo') && !restored.nodes.includes('support'), restored.nodes.join(', '));
    assert.deepStrictEqual(restored.saved, { documentUri: shown.uri }, 'the page no longer keeps the version');
    await waitFor('the log to say why the changes are not shown', () =>
      extensionLog().includes(`the changes against v9 (archived) are not shown, flows/${FLOW}/v9.yaml cannot be read`),
    );
  });

  describe('after a rollback, where the published version has a higher number than the draft', () => {
    const LINE = 'rollback-line';
    const fileOf = (version: number): string => `flows/${LINE}/v${version}.yaml`;
    const uriOf = (version: number): vscode.Uri =>
      vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), ...fileOf(version).split('/'));

    async function writeAndSave(version: number, edit: (text: string) => string): Promise<void> {
      const text = readWorkspaceFile(fileOf(version))!;
      const edited = edit(text);
      assert.notStrictEqual(edited, text);
      await vscode.workspace.fs.writeFile(uriOf(version), Buffer.from(edited));
      await waitFor(`v${version} to hold the edited file`, async () =>
        (await vscode.workspace.openTextDocument(uriOf(version))).getText() === edited ? true : undefined,
      );
      await vscode.commands.executeCommand('callflow.save', { flowId: LINE });
    }

    const toSales = (text: string): string =>
      text.replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "2": sales }');

    function diffTabs(): vscode.TabInputTextDiff[] {
      return vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .map((tab) => tab.input)
        .filter((input): input is vscode.TabInputTextDiff => input instanceof vscode.TabInputTextDiff)
        .filter((input) => input.modified.path.includes(`/flows/${LINE}/`));
    }

    function diffTabLabels(): string[] {
      return vscode.window.tabGroups.all
        .flatMap((group) => group.tabs)
        .filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.label.startsWith('Rollback Line'))
        .map((tab) => tab.label);
    }

    before(async () => {
      await closeAllEditors();
      // v1 published (2: support); v2 (2: sales) published; v1 restored as the v3 draft and changed to
      // 2: sales again; rolled back to v1: v4 (2: support) published.
      await vscode.commands.executeCommand('callflow.createFlow', { name: 'Rollback Line' });
      await vscode.commands.executeCommand('callflow.publish', { flowId: LINE, confirmed: true });
      await vscode.commands.executeCommand('callflow.edit', { flowId: LINE });
      await writeAndSave(2, toSales);
      await vscode.commands.executeCommand('callflow.publish', { flowId: LINE, confirmed: true });
      await vscode.commands.executeCommand('callflow.restore', { flowId: LINE, version: 1 });
      await writeAndSave(3, toSales);
      await vscode.commands.executeCommand('callflow.rollback', { flowId: LINE, version: 1, confirmed: true });
      assert.strictEqual(lastSubjects(1)[0], `callflow(${LINE}): roll back to v1 as v4 (archives v2)`);
      await closeAllEditors();
    });

    it('Compare with Published on the v3 draft reads from the published v4 to the draft: left v4, right v3', async () => {
      const shown = await vscode.commands.executeCommand<{ left: number; right: number }>(
        'callflow.compareWithPublished',
        { flowId: LINE },
      );
      assert.deepStrictEqual(shown, { left: 4, right: 3 });
      const tab = diffTab();
      assert.ok(tab.original.path.endsWith(`/${fileOf(4)}`), tab.original.path);
      assert.ok(tab.modified.path.endsWith(`/${fileOf(3)}`), tab.modified.path);
      assert.deepStrictEqual(diffTabLabels(), ['Rollback Line: v4 (published) → v3 (draft)']);
      const current = await waitFor('the view to show the comparison', () =>
        api.test.review.current()?.flowId === LINE ? api.test.review.current() : undefined,
      );
      assert.strictEqual(current.comparison.from, 4);
      const journey = change('callflow.change.journey', 'pressing 2 during open hours');
      assert.strictEqual(journey.description, 'was connected to queue support, now connected to queue sales');
      assert.strictEqual(change('callflow.change.rewired', 'menu 2').description, 'support → sales');
      assert.strictEqual(api.test.review.description(), 'Rollback Line: v4 (published) → v3 (draft)');
    });

    it('the graph marks the draft against the published version', async () => {
      const state = await vscode.commands.executeCommand<{ uri: string }>('callflow.showChangesInGraph');
      assert.ok(state?.uri.endsWith(`/${fileOf(3)}`), JSON.stringify(state));
      const panel = await waitFor(
        'the page to draw the marked graph',
        () => api.test.graph.panels().find((p) => p.uri === state.uri && p.ready && (p.rendered?.marked ?? 0) > 0),
        20_000,
      );
      assert.strictEqual(panel.changes?.against, 'v4 (published)');
      assert.strictEqual(panel.changes?.exits['menu:options.2'], 'rewired');
      assert.strictEqual(panel.changes?.exits['removed:menu:options.2'], 'removed');
    });

    it('labels follow the statuses: rolled back again, v4 is archived and the comparison says so', async () => {
      // The Roll Back confirmation says what callers will get; Show All lists it whole, then it asks again.
      const answers = ['Show All', 'Roll Back'];
      const asked = await answering(
        api,
        () => answers.shift(),
        () => vscode.commands.executeCommand('callflow.rollback', { flowId: LINE, version: 2 }),
      );
      assert.strictEqual(asked.length, 2, 'asked again after Show All');
      assert.deepStrictEqual(asked[0]!.actions, ['Roll Back', 'Show All']);
      const [callers, journeys, warnings, draft] = asked[0]!.detail?.split('\n\n') ?? [];
      assert.strictEqual(
        callers,
        'No number rings "Rollback Line" yet: no caller hears v5, a copy of v2, until one is assigned. v4, published now, will be archived.',
      );
      assert.ok(
        journeys?.startsWith(
          '3 caller journeys change: pressing 2 during open hours: was connected to queue support, now connected to queue sales; ',
        ),
        journeys,
      );
      assert.strictEqual(
        warnings,
        'v2 has 1 warning (line 29: Step "support" is never reached: no path from the start step "welcome" leads to it); they do not stop publishing.',
      );
      assert.strictEqual(draft, 'The v3 draft stays as it is (made from v1): publishing it later replaces v5 whole.');
      const plan = vscode.workspace.textDocuments.find(
        (d) => d.uri.scheme === 'callflow-plan' && d.uri.path.startsWith('/rollback-line '),
      );
      assert.ok(plan, 'Show All opened the plan');
      assert.match(plan.getText(), /^# Rolling "Rollback Line" back to v2 publishes v5, a copy of it\.$/m);
      assert.match(
        plan.getText(),
        /^- pressing 2 during open hours: was connected to queue support, now connected to queue sales$/m,
      );
      await waitFor('the diff tab to be named after the statuses now', () =>
        diffTabLabels().join() === 'Rollback Line: v4 (archived) → v3 (draft)' ? true : undefined,
      );
      assert.strictEqual(diffTabs().length, 1, 'the old tab was replaced, not left beside the new one');
      await waitFor('the view to name the versions as they are now', () =>
        api.test.review.description() === 'Rollback Line: v4 (archived) → v3 (draft)' ? true : undefined,
      );
      const panel = await waitFor('the graph to name the version it marks against as it is now', () =>
        api.test.graph.panels().find((p) => p.uri.endsWith(`/${fileOf(3)}`) && p.changes?.against === 'v4 (archived)'),
      );
      assert.ok(panel);
    });

    it('publishing the draft ends its comparison: no change is listed that is history now', async () => {
      const asked = await answering(
        api,
        () => 'Publish',
        () => vscode.commands.executeCommand('callflow.publish', { flowId: LINE }),
      );
      assert.deepStrictEqual(asked[0]!.detail?.split('\n\n').slice(1), [
        'No caller journey changes: every call ends as it does now, by the same steps.',
        'v3 has 1 warning (line 29: Step "support" is never reached: no path from the start step "welcome" leads to it); they do not stop publishing.',
        'v3 was made from v1, not from v5, which callers get now (a rollback to v2, made after v3 was): publishing v3 can bring back what the rollback took away; the journeys say what changes.',
      ]);
      await waitFor('the comparison to end', () => (api.test.review.current() === undefined ? true : undefined));
      assert.deepStrictEqual(shownChanges(), []);
      assert.match(api.test.review.message() ?? '', /v3 of Rollback Line is published now/);
      assert.deepStrictEqual(diffTabLabels(), [], 'the diff tab is closed');
      await waitFor('the graph to drop the marks', () =>
        api.test.graph.panels().find((p) => p.uri.endsWith(`/${fileOf(3)}`) && p.changes === undefined),
      );
    });
  });
});

function summary(c: ShownChange): string {
  return `${c.contextValue} ${c.label}: ${c.description}`;
}
