// Create Flow's input boxes in a real VS Code, answered as a user would: no problem is shown
// before the user types, and a name no flow id can be made from (another script) gets its id
// asked for instead of being refused.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { OperationResult } from '../../src/core/lifecycle';
import { closeAllEditors, extensionApi, readWorkspaceFile, scriptedInputBoxes } from './helpers';

/** What a box showed at one moment: its title, prompt and problem. */
interface Seen {
  title: string;
  prompt: string;
  problem: string | undefined;
}

/** One user answer per box, by title: the keystrokes as successive values, then Enter (repeated if refused). */
type Script = Record<string, string[]>;

/**
 * Replaces VS Code's input box with one driven by `script` while `run` runs. Its prompt and
 * validation are the extension's own (askText sets them); the box only plays the user's part.
 */
async function typing(script: Script, run: () => Thenable<unknown>): Promise<Seen[]> {
  const seen: Seen[] = [];
  await scriptedInputBoxes((box) => {
    const look = () => {
      const problem = box.validationMessage;
      seen.push({
        title: box.title,
        prompt: box.prompt,
        problem: typeof problem === 'string' ? problem : problem?.message,
      });
    };
    look(); // as shown, before any keystroke
    box.enter(); // Enter on the box as it opened
    if (box.isOpen()) look();
    for (const value of script[box.title] ?? []) {
      if (!box.isOpen()) break;
      box.type(value);
      box.enter();
      if (box.isOpen()) look();
    }
  }, run);
  return seen;
}

describe('Create Flow input boxes in a real VS Code', function () {
  before(extensionApi);
  after(closeAllEditors);

  it('shows no problem before the user types, and asks for an id when the name gives none', async () => {
    let created: OperationResult | undefined;
    const seen = await typing(
      {
        'Create Flow (1/2)': ['热线电话'],
        'Create Flow: flow id': ['Hot', 'hotline-zh'],
        'Create Flow (2/2)': [''],
      },
      async () => {
        created = await vscode.commands.executeCommand<OperationResult>('callflow.createFlow');
      },
    );
    const name = seen.filter((s) => s.title === 'Create Flow (1/2)');
    assert.strictEqual(name[0]!.problem, undefined, 'nothing is wrong before the user types');
    assert.match(name[1]!.problem ?? '', /cannot be empty/, 'Enter on the empty box says why');
    const id = seen.filter((s) => s.title === 'Create Flow: flow id');
    assert.match(id[0]!.prompt, /Flow id for "热线电话"/);
    assert.strictEqual(id[0]!.problem, undefined);
    assert.match(id.find((s) => s.problem)?.problem ?? '', /lowercase letters, digits and dashes/, '"Hot" refused');
    assert.strictEqual(created?.flowId, 'hotline-zh');
    assert.match(readWorkspaceFile('flows/hotline-zh/flow.yaml') ?? '', /热线电话/);
  });
});
