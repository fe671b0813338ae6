/**
 * Each canvas gesture as a text edit: the exact lines it changes (the diff a reviewer sees),
 * and that the file it leaves still reads as the flow the gesture meant.
 */
import * as assert from 'assert';
import { diffLines } from 'diff';
import { parse } from 'yaml';
import {
  addStep,
  applyTextEdits,
  deleteStep,
  exitsInto,
  removeExit,
  setExit,
  setStart,
  type FlowEdit,
} from '../../../src/core/flowEdits';
import { CallflowError } from '../../../src/core/errors';
import { validateFlowText } from '../../../src/core/validation';
import { fixture, flowWith } from '../graph/support';

const ACME = fixture('sample-v1.yaml');

/** The changed lines, as a unified diff shows them: `-old` and `+new`. */
function changes(before: string, after: string): string[] {
  return diffLines(before, after).flatMap((part) =>
    part.added || part.removed
      ? part.value
          .replace(/\n$/, '')
          .split('\n')
          .map((line) => `${part.added ? '+' : '-'}${line}`)
      : [],
  );
}

function apply(text: string, edit: FlowEdit): string {
  return applyTextEdits(text, edit.edits);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function steps(text: string): Record<string, any> {
  return parse(text).steps;
}

function codes(text: string): string[] {
  return validateFlowText(text, 'flows/acme/v2.yaml').problems.map((p) => p.code);
}

describe('canvas gestures as text edits', () => {
  describe('setExit', () => {
    it('connecting a new menu key in a { … } options map changes only that line', () => {
      const after = apply(ACME, setExit(ACME, { step: 'menu', exit: 'options.3' }, 'sales'));
      assert.deepStrictEqual(changes(ACME, after), [
        '-    options: { "1": sales, "2": support }',
        '+    options: { "1": sales, "2": support, "3": sales }',
      ]);
    });

    it('connecting menu key 3 to sales in a block options map adds exactly one line', () => {
      const text = ACME.replace(
        '    options: { "1": sales, "2": support }',
        '    options:\n      "1": sales\n      "2": support',
      );
      const after = apply(text, setExit(text, { step: 'menu', exit: 'options.3' }, 'sales'));
      assert.deepStrictEqual(changes(text, after), ['+      "3": sales']);
      assert.deepStrictEqual(steps(after).menu.options, { '1': 'sales', '2': 'support', '3': 'sales' });
    });

    it('rewiring an exit replaces the value in place, keeping a trailing comment', () => {
      const text = ACME.replace('    next: hours', '    next: hours   # after the greeting');
      const after = apply(text, setExit(text, { step: 'welcome', exit: 'next' }, 'menu'));
      assert.deepStrictEqual(changes(text, after), [
        '-    next: hours   # after the greeting',
        '+    next: menu   # after the greeting',
      ]);
    });

    it('keeps the quotes of a quoted exit value', () => {
      const text = ACME.replace('    closed: voicemail', "    closed: 'voicemail'");
      const after = apply(text, setExit(text, { step: 'hours', exit: 'closed' }, 'goodbye'));
      assert.deepStrictEqual(changes(text, after), ["-    closed: 'voicemail'", "+    closed: 'goodbye'"]);
    });

    it('adds a missing exit as one line at the end of its step', () => {
      const after = apply(ACME, setExit(ACME, { step: 'hours', exit: 'holiday' }, 'goodbye'));
      assert.deepStrictEqual(changes(ACME, after), ['+    holiday: goodbye']);
      assert.match(after, / {4}closed: voicemail\n {4}holiday: goodbye\n {2}menu:/);
    });

    it("sets a condition branch's next and its else", () => {
      const text = fixture('every-step.yaml');
      const after = apply(text, setExit(text, { step: 'vip-check', exit: 'branches.0' }, 'goodbye'));
      assert.deepStrictEqual(changes(text, after), ['-        next: priority-queue', '+        next: goodbye']);
      const elsed = apply(after, setExit(after, { step: 'vip-check', exit: 'else' }, 'goodbye'));
      assert.strictEqual(steps(elsed)['vip-check'].else, 'goodbye');
    });

    it('refuses an exit the type does not have, a key that is no keypad key, and an unknown target', () => {
      assert.throws(() => setExit(ACME, { step: 'welcome', exit: 'open' }, 'menu'), /play step has no exit "open"/);
      assert.throws(() => setExit(ACME, { step: 'menu', exit: 'options.12' }, 'sales'), CallflowError);
      assert.throws(() => setExit(ACME, { step: 'menu', exit: 'options.1' }, 'nowhere'), /no step "nowhere"/);
    });
  });

  describe('removeExit', () => {
    it('removes an exit line and nothing else', () => {
      const after = apply(ACME, removeExit(ACME, { step: 'menu', exit: 'no-input' }));
      assert.deepStrictEqual(changes(ACME, after), ['-    no-input: voicemail']);
    });

    it('removes a menu key from a { … } map, keeping the other items as written', () => {
      const after = apply(ACME, removeExit(ACME, { step: 'menu', exit: 'options.1' }));
      assert.deepStrictEqual(changes(ACME, after), [
        '-    options: { "1": sales, "2": support }',
        '+    options: { "2": support }',
      ]);
    });

    it("removes a condition branch's next (the branch stays, to be connected again)", () => {
      const text = fixture('every-step.yaml');
      const after = apply(text, removeExit(text, { step: 'vip-check', exit: 'branches.0' }));
      assert.deepStrictEqual(changes(text, after), ['-        next: priority-queue']);
      assert.deepStrictEqual(steps(after)['vip-check'].branches[0], { when: { variable: 'tier', equals: 'gold' } });
    });

    it('removes the next of a branch written on one line, keeping its test', () => {
      const text = fixture('every-step.yaml').replace(
        '      - when: { variable: tier, equals: gold }\n        next: priority-queue',
        '      - { when: { variable: tier, equals: gold }, next: priority-queue }',
      );
      const after = apply(text, removeExit(text, { step: 'vip-check', exit: 'branches.0' }));
      assert.deepStrictEqual(changes(text, after), [
        '-      - { when: { variable: tier, equals: gold }, next: priority-queue }',
        '+      - { when: { variable: tier, equals: gold } }',
      ]);
    });
  });

  describe('deleteStep', () => {
    it('deletes the step and clears every exit into it, listing them', () => {
      const edit = deleteStep(ACME, 'voicemail');
      assert.deepStrictEqual(edit.cleared, [
        { step: 'hours', exit: 'closed' },
        { step: 'menu', exit: 'no-input' },
        { step: 'menu', exit: 'invalid' },
        { step: 'sales', exit: 'no-answer' },
        { step: 'support', exit: 'failed' },
      ]);
      assert.deepStrictEqual(exitsInto(ACME, 'voicemail'), edit.cleared);
      const after = apply(ACME, edit);
      assert.deepStrictEqual(changes(ACME, after), [
        '-    closed: voicemail',
        '-    no-input: voicemail',
        '-    invalid: voicemail',
        '-    no-answer: voicemail',
        '-    failed: voicemail',
        '-  voicemail:',
        '-    type: voicemail',
        '-    say: "Please leave a message after the tone."',
        '-    next: goodbye',
      ]);
      assert.ok(!('voicemail' in steps(after)));
    });

    it('clears several keys of one { … } menu map that led to the deleted step in one edit', () => {
      const text = ACME.replace('{ "1": sales, "2": support }', '{ "1": sales, "2": support, "3": sales }');
      const after = apply(text, deleteStep(text, 'sales'));
      assert.deepStrictEqual(steps(after).menu.options, { '2': 'support' });
      assert.match(after, /options: \{ "2": support \}/);
    });

    it('deleting the last step leaves no blank lines behind; comments above a step go with it', () => {
      const text = ACME.replace('  goodbye:', '  # the end of every call\n  goodbye:').replace(
        '    next: goodbye',
        '    next: sales',
      );
      const after = apply(text, deleteStep(text, 'goodbye'));
      assert.deepStrictEqual(changes(text, after), ['-  # the end of every call', '-  goodbye:', '-    type: hangup']);
      assert.ok(after.endsWith('    next: sales\n'));
    });

    it('refuses to delete the start step, saying what to do', () => {
      assert.throws(
        () => deleteStep(ACME, 'welcome'),
        (err: CallflowError) => err.code === 'delete-start-step' && /another step the start/.test(err.hint ?? ''),
      );
    });
  });

  describe('setStart', () => {
    it('replaces the start value only', () => {
      const after = apply(ACME, setStart(ACME, 'menu'));
      assert.deepStrictEqual(changes(ACME, after), ['-start: welcome', '+start: menu']);
    });
  });

  describe('addStep', () => {
    it('appends a step of the type with a fresh id as the last step', () => {
      const edit = addStep(ACME, { type: 'play' });
      assert.strictEqual(edit.id, 'play-1');
      const after = apply(ACME, edit);
      assert.deepStrictEqual(changes(ACME, after), ['+  play-1:', '+    type: play', '+    say: ""']);
      const again = addStep(after, { type: 'play' });
      assert.strictEqual(again.id, 'play-2');
    });

    it('dropped onto an exit, the step goes in between: the exit leads to it, it leads on to where the exit went', () => {
      const edit = addStep(ACME, { type: 'play', on: { step: 'welcome', exit: 'next' } });
      const after = apply(ACME, edit);
      // A line diff may pair the old `next: hours` with the new step's: either way, one line replaced, four added.
      assert.strictEqual(
        after,
        ACME.replace(
          '    next: hours\n',
          '    next: play-1\n  play-1:\n    type: play\n    say: ""\n    next: hours\n',
        ),
      );
      assert.strictEqual(changes(ACME, after).length, 4);
      assert.match(after, /next: play-1\n {2}play-1:\n/, 'right after the step it is connected from');
    });

    it('a menu dropped onto an exit takes over through key 1', () => {
      const after = apply(ACME, addStep(ACME, { type: 'menu', on: { step: 'hours', exit: 'open' } }));
      assert.deepStrictEqual(steps(after)['menu-1'], { type: 'menu', say: '', options: { '1': 'menu' } });
      assert.strictEqual(steps(after).hours.open, 'menu-1');
    });

    it('a drag from an exit to empty space adds the step connected from that exit', () => {
      const after = apply(ACME, addStep(ACME, { type: 'hangup', from: { step: 'menu', exit: 'options.9' } }));
      assert.strictEqual(steps(after).menu.options['9'], 'hangup-1');
      assert.deepStrictEqual(steps(after)['hangup-1'], { type: 'hangup' });
    });

    it('every one of the 13 types reads back as its type; what it needs to be published is reported, nothing guessed', () => {
      let text = ACME;
      for (const type of [
        'play',
        'menu',
        'collect',
        'condition',
        'business-hours',
        'set',
        'assign-dial',
        'transfer',
        'voicemail',
        'callback',
        'http',
        'goto-flow',
        'hangup',
      ]) {
        const edit = addStep(text, { type });
        text = apply(text, edit);
        assert.strictEqual(steps(text)[edit.id].type, type);
      }
      assert.ok(!codes(text).includes('yaml-syntax'), codes(text).join(', '));
      assert.strictEqual(Object.keys(steps(text)).length, 7 + 13);
    });

    it('follows the file: its indentation and the blank lines between steps', () => {
      const text = flowWith([]).replace(
        'steps:\n',
        'steps:\n    first:\n        type: hangup\n\n    second:\n        type: hangup\n',
      );
      const after = apply(text, addStep(text, { type: 'play' }));
      assert.deepStrictEqual(changes(text, after), ['+', '+    play-1:', '+        type: play', '+        say: ""']);
    });

    it('adds the first step to an empty steps: {}', () => {
      const text = flowWith([]).replace('steps:\n', 'steps: {}\n');
      const after = apply(text, addStep(text, { type: 'hangup', id: 'welcome' }));
      assert.deepStrictEqual(steps(after), { welcome: { type: 'hangup' } });
    });

    it('refuses an unknown type, a taken id and a file with a syntax error', () => {
      assert.throws(() => addStep(ACME, { type: 'dance' }), /not a step type/);
      assert.throws(() => addStep(ACME, { type: 'play', id: 'menu' }), /already a step "menu"/);
      assert.throws(() => addStep('steps:\n  a: [\n', { type: 'play' }), /syntax error/);
    });

    it('still edits a file with a step id written twice (a problem validation reports, not a syntax error)', () => {
      const text =
        'callflow: 1\ntrigger: incoming-call\nstart: a\nsteps:\n  a:\n    type: hangup\n  a:\n    type: hangup\n';
      validateFlowText(text, 'flows/x/v1.yaml'); // the parse the edit then reuses
      assert.deepStrictEqual(changes(text, apply(text, setStart(text, 'a'))), []);
      assert.deepStrictEqual(changes(text, apply(text, addStep(text, { type: 'hangup', id: 'b' }))), [
        '+  b:',
        '+    type: hangup',
      ]);
    });
  });
});
