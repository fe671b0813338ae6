// Import Flow… in a real VS Code: an exported flow becomes a new flow's v1 draft in one commit,
// the draft opens, and the report opens beside it. Archy placeholders are asked for.
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import type { ImportFlowResult } from '../../src/extension/lifecycle/importFlow';
import {
  closeAllEditors,
  commitCount,
  extensionApi,
  flowNode,
  lastSubjects,
  notificationsDuring,
  readWorkspaceFile,
  scriptedInputBoxes,
  waitFor,
  workspaceRoot,
} from './helpers';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/import');

describe('Import Flow in a real VS Code', function () {
  let api: CallflowExtensionApi;

  before(async () => {
    api = await extensionApi();
  });

  after(closeAllEditors);

  it('imports a Connect flow as a new flow in one commit, opens the draft and the report beside it', async () => {
    const before = commitCount();
    let result: ImportFlowResult | undefined;
    const notifications = await notificationsDuring(api, async () => {
      result = await vscode.commands.executeCommand<ImportFlowResult>('callflow.importFlow', {
        file: path.join(FIXTURES, 'amazon-connect/describe-contact-flow.json'),
        name: 'Imported Billing',
      });
    });
    assert.ok(result, 'the command returns the result');
    assert.strictEqual(result.flowId, 'imported-billing');
    assert.strictEqual(result.dialect, 'amazon-connect');
    assert.strictEqual(result.report.length, 4);
    assert.strictEqual(commitCount(), before + 1);
    assert.strictEqual(
      lastSubjects(1)[0],
      'callflow(imported-billing): import v1 draft from amazon-connect (describe-contact-flow.json)',
    );
    assert.match(
      readWorkspaceFile('flows/imported-billing/flow.yaml') ?? '',
      /importedFrom:\n {2}dialect: amazon-connect/,
    );
    assert.match(readWorkspaceFile('flows/imported-billing/v1.yaml') ?? '', /queue: Billing/);
    const draft = vscode.Uri.joinPath(vscode.Uri.file(workspaceRoot()), 'flows', 'imported-billing', 'v1.yaml').fsPath;
    const report = await waitFor('the report beside the draft', () =>
      vscode.window.visibleTextEditors.find((e) => e.document.languageId === 'markdown' && e.document.isUntitled),
    );
    assert.match(report.document.getText(), /^# Import of describe-contact-flow\.json/);
    assert.match(report.document.getText(), /\| q-set \| UpdateContactTargetQueue \| mapped \|/);
    assert.ok(
      vscode.window.visibleTextEditors.some((e) => e.document.uri.fsPath === draft),
      'the draft is open',
    );
    assert.ok(
      notifications.some((n) => /Imported "Imported Billing" \(imported-billing\) as a v1 draft/.test(n.message)),
    );
    assert.ok(await waitFor('the flow in the tree', () => flowNode(api, 'imported-billing')));
  });

  it('asks for each {{placeholder}} of an Archy file, then imports it', async () => {
    const asked: string[] = [];
    const answers: Record<string, string> = { flowName: 'Templated Line', company: 'Acme', queueName: 'Support' };
    let result: ImportFlowResult | undefined;
    await scriptedInputBoxes(
      (box) => {
        asked.push(box.title);
        const name = /\{\{(\w+)\}\}/.exec(box.title)?.[1] ?? '';
        box.type(answers[name] ?? '');
        box.enter();
      },
      async () => {
        result = await vscode.commands.executeCommand<ImportFlowResult>('callflow.importFlow', {
          file: path.join(FIXTURES, 'genesys-archy/templated.yaml'),
          name: 'Templated Line',
        });
      },
    );
    assert.deepStrictEqual(asked, [
      'Import Flow: {{flowName}}',
      'Import Flow: {{company}}',
      'Import Flow: {{queueName}}',
    ]);
    assert.ok(result);
    assert.strictEqual(result.flowId, 'templated-line');
    assert.match(readWorkspaceFile('flows/templated-line/v1.yaml') ?? '', /say: Welcome to Acme\./);
  });

  it('refuses an SMS flow with a message and writes nothing', async () => {
    const before = commitCount();
    const notifications = await notificationsDuring(api, () =>
      vscode.commands.executeCommand('callflow.importFlow', {
        file: path.join(FIXTURES, 'twilio-studio/sms-only.json'),
        name: 'Sms Only',
      }),
    );
    assert.strictEqual(commitCount(), before);
    assert.strictEqual(readWorkspaceFile('flows/sms-only/flow.yaml'), undefined);
    assert.ok(
      notifications.some((n) => /no incoming-call entry/.test(n.message)),
      notifications.map((n) => n.message).join('\n'),
    );
  });
});
