/** The properties panel's edits: each field change is the smallest text edit (its exact line diff). */
import * as assert from 'assert';
import { diffLines } from 'diff';
import { parse } from 'yaml';
import { applyTextEdits, editForRequest, setStepField } from '../../../src/core/flowEdits';
import { queuesInFlowText } from '../../../src/core/flowEdits/pickers';
import { fixture } from '../graph/support';

const ACME = fixture('sample-v1.yaml');

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

function set(text: string, step: string, field: string, value: Parameters<typeof setStepField>[3]): string {
  return applyTextEdits(text, setStepField(text, step, field, value).edits);
}

describe('step fields set from the properties panel', () => {
  it('a prompt is replaced in place, in its quotes', () => {
    const after = set(ACME, 'welcome', 'say', 'Welcome to Acme, {{caller.number}}!');
    assert.deepStrictEqual(changes(ACME, after), [
      '-    say: "Thanks for calling Acme."',
      '+    say: "Welcome to Acme, {{caller.number}}!"',
    ]);
  });

  it('a number is written as a number; an optional field cleared loses its line', () => {
    assert.deepStrictEqual(changes(ACME, set(ACME, 'menu', 'timeout', 8)), ['-    timeout: 5', '+    timeout: 8']);
    assert.deepStrictEqual(changes(ACME, set(ACME, 'menu', 'attempts', undefined)), ['-    attempts: 3']);
  });

  it('a new field is one new line at the end of its step', () => {
    assert.deepStrictEqual(changes(ACME, set(ACME, 'sales', 'priority', 2)), ['+    priority: 2']);
  });

  it('a weekly hours row added is one line; an unchanged row keeps its bytes', () => {
    const after = set(ACME, 'hours', 'hours', {
      'mon-fri': ['09:00-17:00'],
      sat: ['10:00-13:00'],
      sun: ['12:00-16:00'],
    });
    assert.deepStrictEqual(changes(ACME, after), ['+      sun: ["12:00-16:00"]']);
    const changed = set(ACME, 'hours', 'hours', { 'mon-fri': ['08:00-18:00'], sat: ['10:00-13:00'] });
    assert.deepStrictEqual(changes(ACME, changed), [
      '-      mon-fri: ["09:00-17:00"]',
      '+      mon-fri: ["08:00-18:00"]',
    ]);
  });

  it('a holiday added keeps the list on its line', () => {
    const after = set(ACME, 'hours', 'holidays', ['2026-12-25', '2027-01-01']);
    assert.deepStrictEqual(changes(ACME, after), [
      '-    holidays: ["2026-12-25"]',
      '+    holidays: ["2026-12-25", "2027-01-01"]',
    ]);
  });

  it('the menu options table: a key added or removed rewrites only the { … } line, other keys as written', () => {
    const after = set(ACME, 'menu', 'options', { '1': 'sales', '2': 'support', '0': 'voicemail' });
    assert.deepStrictEqual(changes(ACME, after), [
      '-    options: { "1": sales, "2": support }',
      '+    options: { "1": sales, "2": support, "0": voicemail }',
    ]);
    assert.deepStrictEqual(parse(after).steps.menu.options, { '0': 'voicemail', '1': 'sales', '2': 'support' });
  });

  it('the http save table: a new step field written as one line', () => {
    const text = ACME.replace('    queue: sales\n', '    queue: sales\n    save:\n      tier: customer.tier\n');
    const after = set(text, 'sales', 'save', { tier: 'customer.tier', name: 'customer.name' });
    assert.deepStrictEqual(changes(text, after), ['+      name: customer.name']);
  });

  it('goes through the request mapping the page uses, and refuses to change a type', () => {
    const edit = editForRequest(ACME, { kind: 'setField', step: 'support', field: 'to', value: '+14155550100' });
    assert.match(applyTextEdits(ACME, edit.edits), /to: "\+14155550100"/);
    assert.throws(() => setStepField(ACME, 'support', 'type', 'play'), /keeps its type/);
  });

  it('finds the queues a flow uses', () => {
    assert.deepStrictEqual(queuesInFlowText(ACME), ['sales']);
  });
});
