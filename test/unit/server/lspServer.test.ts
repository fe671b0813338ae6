// The language server over stdio, driven by a real LSP client: the built `callflow lsp --stdio`
// on a real flow workspace made with the lifecycle (a published v1, a v2 draft).
import * as assert from 'assert';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import type { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';
import { LspTestClient } from './lspClient';
import { parseFlowId } from '../../../src/core';

const DRAFT = 'flows/support-line/v2.yaml';

interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** Applies an LSP TextEdit list (non-overlapping) to a text. */
function applyLspEdits(text: string, edits: ReadonlyArray<{ range: Range; newText: string }>): string {
  const lines = text.split('\n');
  const offset = (p: Range['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((out, e) => out.slice(0, offset(e.range.start)) + e.newText + out.slice(offset(e.range.end)), text);
}

describe('callflow lsp --stdio', function () {
  this.timeout(60_000);
  let repo: TempRepo & { workspace: FlowWorkspace };
  let client: LspTestClient;
  let draft: string;

  before(async () => {
    repo = await makeWorkspace();
    await repo.workspace.create('Support Line');
    await repo.workspace.publish(parseFlowId('support-line'));
    await repo.workspace.edit(parseFlowId('support-line'));
    draft = (await repo.read(DRAFT))!;
    client = await LspTestClient.start(repo.root);
  });

  after(async () => {
    if (client) assert.strictEqual(await client.stop(), 0, 'the server exits cleanly after shutdown and exit');
    await repo?.cleanup();
  });

  it('publishes the live problems of an open draft, with codes and positions, and clears them when fixed', async () => {
    await client.open(DRAFT, draft);
    await client.diagnosticsOf(DRAFT, (d) => d.length === 0);
    const broken = draft.replace(/^start: (\S+)/m, 'start: welcom');
    await client.change(DRAFT, broken);
    const problems = await client.diagnosticsOf(DRAFT, (d) => d.some((p) => p.code === 'unknown-step'));
    const problem = problems.find((p) => p.code === 'unknown-step')!;
    const line = broken.split('\n').findIndex((l) => l.startsWith('start: '));
    assert.strictEqual(problem.range.start.line, line);
    assert.strictEqual(problem.range.start.character, 'start: '.length);
    assert.strictEqual(problem.source, 'callflow');
    assert.strictEqual(problem.severity, 1);
    assert.match(problem.message, /Did you mean "welcome"/);
    const actions = await client.request<
      Array<{
        title: string;
        isPreferred?: boolean;
        diagnostics: unknown[];
        edit: { changes: Record<string, Array<{ newText: string }>> };
      }>
    >('textDocument/codeAction', {
      textDocument: { uri: client.uri(DRAFT) },
      range: problem.range,
      context: { diagnostics: [problem] },
    });
    const fix = actions.find((a) => a.title === 'Change to "welcome"');
    assert.ok(fix, JSON.stringify({ actions, problem }));
    assert.strictEqual(fix.isPreferred, true);
    assert.deepStrictEqual(fix.diagnostics, [problem]);
    assert.deepStrictEqual(
      fix.edit.changes[client.uri(DRAFT)]!.map((e) => e.newText),
      ['welcome'],
    );
    await client.change(DRAFT, draft);
    await client.diagnosticsOf(DRAFT, (d) => d.length === 0);
  });

  it('checks goto-flow against the index of the workspace, and follows it when a flow file changes on disk', async () => {
    const withGoto = `${draft.trimEnd()}\n  onward:\n    type: goto-flow\n    flow: billing\n`;
    await client.change(DRAFT, withGoto);
    const unknown = await client.diagnosticsOf(DRAFT, (d) => d.some((p) => p.code === 'unknown-flow'));
    assert.ok(unknown.some((p) => /billing/.test(p.message)));
    await repo.workspace.create('Billing');
    await client.filesChanged(
      { relative: 'flows/billing/flow.yaml', type: 1 },
      { relative: 'flows/billing/v1.yaml', type: 1 },
    );
    const unpublished = await client.diagnosticsOf(DRAFT, (d) => d.some((p) => p.code === 'unpublished-flow'));
    assert.ok(!unpublished.some((p) => p.code === 'unknown-flow'));
    await client.change(DRAFT, draft);
    await client.diagnosticsOf(DRAFT, (d) => d.length === 0);
  });

  it("offers a step without hours the workspace's own hours (the published version's), as a code action", async () => {
    const noHours = draft.replace(/^ {4}hours:\n {6}mon-fri: \["09:00-17:00"\]$/m, '    hours: {}');
    assert.notStrictEqual(noHours, draft, 'the starter flow has its hours in block style');
    await client.change(DRAFT, noHours);
    const problems = await client.diagnosticsOf(DRAFT, (d) => d.some((p) => p.code === 'no-opening-hours'));
    const problem = problems.find((p) => p.code === 'no-opening-hours')!;
    const actions = await client.request<
      Array<{
        title: string;
        isPreferred?: boolean;
        edit: { changes: Record<string, Array<{ range: Range; newText: string }>> };
      }>
    >('textDocument/codeAction', {
      textDocument: { uri: client.uri(DRAFT) },
      range: problem.range,
      context: { diagnostics: [problem] },
    });
    const fix = actions.find((a) => a.title.startsWith('Use the hours of support-line: Open Mon–Fri 09:00–17:00'));
    assert.ok(fix, JSON.stringify(actions.map((a) => a.title)));
    assert.strictEqual(fix.isPreferred, true);
    const fixed = applyLspEdits(noHours, fix.edit.changes[client.uri(DRAFT)]!);
    assert.match(fixed, /^ {4}hours: \{ mon-fri: \["09:00-17:00"\] \}$/m);
    await client.change(DRAFT, fixed);
    await client.diagnosticsOf(DRAFT, (d) => d.length === 0);
    await client.change(DRAFT, draft);
    await client.diagnosticsOf(DRAFT, (d) => d.length === 0);
  });

  it('asks the editor to watch the flow files (dynamic registration)', () => {
    assert.match(JSON.stringify(client.registrations), /workspace\/didChangeWatchedFiles/);
  });

  it("completes the flow's step ids in start, with their types", async () => {
    const text = draft.replace(/^start: \S+/m, 'start: ');
    await client.change(DRAFT, text);
    const line = text.split('\n').findIndex((l) => l.startsWith('start: '));
    const items = await client.request<Array<{ label: string; detail?: string }>>('textDocument/completion', {
      textDocument: { uri: client.uri(DRAFT) },
      position: { line, character: 'start: '.length },
    });
    assert.ok(
      items.some((i) => i.label === 'welcome' && /play/.test(i.detail ?? '')),
      JSON.stringify(items),
    );
    await client.change(DRAFT, draft);
  });

  it("renames a step id (F2) in the draft and in the flow's call scenario file, as one WorkspaceEdit", async () => {
    const SCENARIOS = 'flows/support-line/calls.yaml';
    const calls =
      'calls:\n  - name: greeted\n    at: 2026-12-01T10:00:00-05:00\n    expect:\n      path: [welcome, hours] # the greeting first\n';
    await repo.write(SCENARIOS, calls);
    await client.filesChanged({ relative: SCENARIOS, type: 1 });
    await client.change(DRAFT, draft);
    const line = draft.split('\n').findIndex((l) => l.startsWith('start: '));
    const position = { line, character: 'start: '.length };
    // The server reads the new file when told of it: wait until its references include the scenario.
    for (let tries = 0; ; tries++) {
      const references = await client.request<Array<{ uri: string }>>('textDocument/references', {
        textDocument: { uri: client.uri(DRAFT) },
        position,
        context: { includeDeclaration: true },
      });
      if (references.some((r) => r.uri === client.uri(SCENARIOS))) break;
      assert.ok(tries < 100, `the server never indexed ${SCENARIOS}: ${JSON.stringify(references)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const edit = await client.request<{ changes: Record<string, Array<{ range: Range; newText: string }>> }>(
      'textDocument/rename',
      {
        textDocument: { uri: client.uri(DRAFT) },
        position: { line, character: 'start: '.length },
        newName: 'greeting',
      },
    );
    assert.deepStrictEqual(Object.keys(edit.changes).sort(), [client.uri(DRAFT), client.uri(SCENARIOS)].sort());
    assert.strictEqual(
      applyLspEdits(calls, edit.changes[client.uri(SCENARIOS)]!),
      calls.replace('[welcome, hours]', '[greeting, hours]'),
    );
    const renamed = applyLspEdits(draft, edit.changes[client.uri(DRAFT)]!);
    assert.match(renamed, /^start: greeting$/m);
    assert.match(renamed, /^ {2}greeting:$/m);
    assert.doesNotMatch(renamed, /^ {2}welcome:$/m);
  });

  it('follows callflow.validation.debounceMs sent as workspace/didChangeConfiguration (nested, as VS Code sends it)', async () => {
    const text = draft;
    await client.open(DRAFT, text);
    await client.diagnosticsOf(DRAFT, (d) => d.length === 0);
    const configure = (debounceMs: number): Promise<void> =>
      client.connection.sendNotification('workspace/didChangeConfiguration', {
        settings: { callflow: { validation: { debounceMs } } },
      });
    await configure(60_000);
    await client.change(DRAFT, text.replace(/^start: .*$/m, 'start: nowhere'));
    await new Promise((r) => setTimeout(r, 1500));
    assert.deepStrictEqual(
      (await client.diagnosticsOf(DRAFT, () => true)).map((d) => d.code),
      [],
      'a minute of debounce: nothing validated yet',
    );
    await configure(0);
    await client.change(DRAFT, text.replace(/^start: .*$/m, 'start: elsewhere'));
    await client.diagnosticsOf(DRAFT, (d) => d.some((p) => p.code === 'unknown-step'));
    await client.change(DRAFT, text);
    await client.diagnosticsOf(DRAFT, (d) => d.length === 0);
  });

  it('closing a file clears its problems', async () => {
    await client.change(DRAFT, draft.replace(/^start: (\S+)/m, 'start: nowhere'));
    await client.diagnosticsOf(DRAFT, (d) => d.length > 0);
    await client.close(DRAFT);
    await client.diagnosticsOf(DRAFT, (d) => d.length === 0);
  });
});
