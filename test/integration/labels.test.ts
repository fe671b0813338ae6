// Assign Number's label box in a real VS Code: emptying it keeps the number's label (as the box
// says), its Remove Label button removes it (the plain `"+1…": flow-id` entry), and a move that
// removes it says so in its modal.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { CallflowExtensionApi } from '../../src/extension/extension';
import type { AssignmentResult, OperationResult } from '../../src/core/lifecycle';
import {
  answering,
  closeAllEditors,
  commitCount,
  extensionApi,
  lastSubjects,
  notificationsDuring,
  readWorkspaceFile,
  scriptedInputBoxes,
} from './helpers';

const FLOW = 'label-line';
const OTHER = 'label-other';
const NUMBER = '+14155550160';

/** One gesture of the user on a box: type a value, press Enter, or press the button whose tooltip starts so. */
type Gesture = { type: string } | 'enter' | { press: string };

/** What a box showed when it opened. */
interface Seen {
  title: string;
  prompt: string;
  value: string;
  buttons: string[];
}

/**
 * Replaces VS Code's input box with one that plays `script` (by the box's title) while `run`
 * runs. Its title, prompt, value, buttons and validation are the extension's own.
 */
async function boxes(script: Record<string, Gesture[]>, run: () => Thenable<unknown>): Promise<Seen[]> {
  const seen: Seen[] = [];
  await scriptedInputBoxes((box) => {
    seen.push({
      title: box.title,
      prompt: box.prompt,
      value: box.value,
      buttons: box.buttons.map((b) => b.tooltip ?? ''),
    });
    for (const gesture of script[box.title] ?? []) {
      if (!box.isOpen()) break;
      if (gesture === 'enter') box.enter();
      else if ('type' in gesture) box.type(gesture.type);
      else {
        const button = box.buttons.find((b) => b.tooltip?.startsWith(gesture.press));
        if (!button) break; // no such button: the user gives up (Escape), and the test's checks fail
        box.press(button);
      }
    }
  }, run);
  return seen;
}

describe('Assign Number: keeping or removing a label in a real VS Code', function () {
  let api: CallflowExtensionApi;

  before(async () => {
    api = await extensionApi();
    for (const name of ['Label Line', 'Label Other']) {
      const created = await vscode.commands.executeCommand<OperationResult>('callflow.createFlow', { name });
      await vscode.commands.executeCommand('callflow.publish', { flowId: created.flowId, confirmed: true });
    }
  });

  beforeEach(async () => {
    await vscode.commands.executeCommand('callflow.assignNumber', { flowId: FLOW, number: NUMBER, label: 'Main line' });
  });

  after(closeAllEditors);

  const entry = () => (readWorkspaceFile('numbers.yaml') ?? '').split('\n').find((line) => line.includes(NUMBER));

  /** Assign Number on FLOW from the palette's arguments, answering the number box, then the label box. */
  function assignFromBoxes(label: Gesture[], flowId = FLOW) {
    return boxes(
      {
        [`Assign a number to ${flowId === FLOW ? 'Label Line' : 'Label Other'}`]: [{ type: NUMBER }, 'enter'],
        [`Label for ${NUMBER}`]: label,
      },
      () => vscode.commands.executeCommand<AssignmentResult>('callflow.assignNumber', { flowId }),
    );
  }

  it('an emptied label box keeps the label, as its prompt says; nothing is committed', async () => {
    const before = commitCount();
    const seen = await assignFromBoxes([{ type: '' }, 'enter']);
    const box = seen.find((s) => s.title === `Label for ${NUMBER}`);
    assert.deepStrictEqual(box, {
      title: `Label for ${NUMBER}`,
      prompt: 'Label (it has "Main line"; empty keeps it, Remove Label drops it)',
      value: 'Main line',
      buttons: ['Remove Label "Main line"'],
    });
    assert.strictEqual(commitCount(), before);
    assert.strictEqual(entry(), `  "${NUMBER}": { flow: ${FLOW}, label: Main line }`);
  });

  it('Remove Label removes it in one commit, writing the plain entry, and says so', async () => {
    const before = commitCount();
    const shown = await notificationsDuring(api, () => assignFromBoxes([{ press: 'Remove Label' }]));
    assert.strictEqual(commitCount(), before + 1);
    assert.strictEqual(entry(), `  "${NUMBER}": ${FLOW}`);
    assert.strictEqual(lastSubjects(1)[0], `callflow(${FLOW}): assign ${NUMBER} (label removed)`);
    assert.deepStrictEqual(
      shown.map((n) => n.message),
      [`${NUMBER} now rings Label Line; its label "Main line" is removed.`],
    );
    const seen = await assignFromBoxes(['enter']);
    assert.deepStrictEqual(
      seen.find((s) => s.title === `Label for ${NUMBER}`)?.buttons,
      [],
      'a number with no label has nothing to remove',
    );
  });

  it('a move that removes the label says so in its modal, and a script may pass label: null', async () => {
    const asked = await answering(
      api,
      () => 'Move',
      () => assignFromBoxes([{ press: 'Remove Label' }], OTHER),
    );
    assert.deepStrictEqual(
      asked.map((q) => [q.message, q.detail]),
      [
        [
          `Move ${NUMBER} (Main line) from "Label Line" to "Label Other"?`,
          `It rings "Label Line" now; its callers start hearing "Label Other" at once. Its label "Main line" is removed.`,
        ],
      ],
    );
    assert.strictEqual(entry(), `  "${NUMBER}": ${OTHER}`);
    assert.strictEqual(lastSubjects(1)[0], `callflow(${OTHER}): assign ${NUMBER} (was ${FLOW}, label removed)`);
    await vscode.commands.executeCommand('callflow.assignNumber', {
      flowId: OTHER,
      number: NUMBER,
      label: 'Spare',
    });
    const result = await vscode.commands.executeCommand<AssignmentResult>('callflow.assignNumber', {
      flowId: OTHER,
      number: NUMBER,
      label: null,
    });
    assert.strictEqual(result.removedLabel, 'Spare');
    assert.strictEqual(entry(), `  "${NUMBER}": ${OTHER}`);
    // Back where the other tests expect it.
    await answering(
      api,
      () => 'Move',
      () => vscode.commands.executeCommand('callflow.assignNumber', { flowId: FLOW, number: NUMBER }),
    );
  });
});
