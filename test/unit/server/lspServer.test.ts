// The language server over stdio, driven by a real LSP client: the built `callflow lsp --stdio`
// on a real flow workspace made with the lifecycle (a published v1, a v2 draft).
import * as assert from 'assert';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import type { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';
import { LspTestClient } from './lspClient';

const DRAFT = 'flows/support-line/v2.yaml';

describe('callflow lsp --stdio', function () {
  this.timeout(60_000);
  let repo: TempRepo & { workspace: FlowWorkspace };
  let client: LspTestClient;
  let draft: string;

  before(async () => {
    repo = await makeWorkspace();
    await repo.workspace.create('Support Line');
    await repo.workspace.publish('support-line');
    await repo.workspace.edit('support-line');
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

  it('closing a file clears its problems', async () => {
    await client.change(DRAFT, draft.replace(/^start: (\S+)/m, 'start: nowhere'));
    await client.diagnosticsOf(DRAFT, (d) => d.length > 0);
    await client.close(DRAFT);
    await client.diagnosticsOf(DRAFT, (d) => d.length === 0);
  });
});
