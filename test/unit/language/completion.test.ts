import * as assert from 'assert';
import { completions, WorkspaceIndex, type CompletionEntry } from '../../../src/core/language';
import { STEP_TYPES } from '../../../src/core/model';
import { ACME, acmeIndex, draftFile, withCursor } from './support';
import { parseFlowId } from '../../../src/core';

/** The completions at the `|` of a draft of acme (ACME with an edit). */
function at(marked: string): { items: CompletionEntry[]; labels: string[]; text: string; offset: number } {
  const { text, offset } = withCursor(marked);
  const index = acmeIndex(text);
  const list = completions(draftFile(index, text), offset);
  const items = list?.items ?? [];
  return { items, labels: items.map((i) => i.label), text, offset };
}

function inStep(fields: string): string {
  return ACME.replace('  goodbye:\n', `  extra:\n${fields}\n  goodbye:\n`);
}

describe('completion', () => {
  it('offers all 13 step types after type:, each with its description, inserting its required fields', () => {
    const { items } = at(inStep('    type: |'));
    assert.deepStrictEqual(
      items.map((i) => i.label),
      [...STEP_TYPES],
    );
    assert.ok(items.every((i) => (i.documentation ?? '').length > 10 && i.detail));
    const menu = items.find((i) => i.label === 'menu')!;
    assert.ok(menu.snippet);
    assert.match(menu.insertText!, /^menu\n {4}options:\n {6}"1": \$\{1:step\}/);
    const play = items.find((i) => i.label === 'play')!;
    assert.match(play.insertText!, /\n {4}next: \$\{\d\}/);
    assert.match(play.insertText!, /\n {4}say: "\$\{\d:Text the caller hears\.\}"/);
  });

  it("offers the step type's fields not written yet, required ones first, with descriptions", () => {
    const { items } = at(inStep('    type: business-hours\n    timezone: Europe/London\n    |'));
    const labels = items.map((i) => i.label);
    assert.ok(!labels.includes('timezone') && !labels.includes('type'), 'written fields are not offered');
    assert.deepStrictEqual(labels.slice(0, 3), ['hours', 'open', 'closed']);
    assert.ok(labels.includes('holidays') && labels.includes('holiday'));
    assert.strictEqual(items[0]!.detail, 'required');
    assert.match(items[0]!.documentation!, /Opening hours per day/);
    assert.strictEqual(items[0]!.insertText, 'hours:\n      $0');
  });

  it("offers a transfer's caller-id words, and its ring-seconds and caller-id fields with their descriptions", () => {
    const values = at(inStep('    type: transfer\n    to: "+14155550199"\n    caller-id: |'));
    assert.deepStrictEqual(values.labels, ['caller', 'dialed']);
    const fields = at(inStep('    type: transfer\n    to: "+14155550199"\n    |'));
    for (const name of ['ring-seconds', 'caller-id'])
      assert.ok(fields.items.find((i) => i.label === name)?.documentation, name);
  });

  it('offers only type in a step without one', () => {
    assert.deepStrictEqual(at(inStep('    |')).labels, ['type']);
  });

  it("offers the flow's step ids in an exit and in start, with the target's type and summary, and a new step", () => {
    const exit = at(ACME.replace('    next: goodbye', '    next: |'));
    assert.ok(exit.labels.includes('goodbye') && exit.labels.includes('menu'));
    assert.strictEqual(
      exit.items.find((i) => i.label === 'menu')!.detail,
      'menu · For sales press 1, for support press 2.',
    );
    const stub = exit.items.find((i) => i.kind === 'new-step')!;
    assert.strictEqual(stub.label, 'new step…');
    assert.strictEqual(stub.insertText, 'new-step');
    assert.strictEqual(stub.revealStep, 'new-step');
    const [edit] = stub.additionalEdits!;
    const withStub = exit.text.slice(0, edit!.start) + edit!.newText + exit.text.slice(edit!.end);
    assert.match(withStub, /\n {2}goodbye:\n {4}type: hangup\n {2}new-step:\n {4}type: hangup\n$/);
    const start = at(ACME.replace('start: welcome', 'start: |'));
    assert.ok(start.labels.includes('welcome'));
    assert.ok(!start.labels.includes('new step…'), 'start names an existing step');
  });

  it('offers step ids for menu options and condition branches, unused menu keys, and condition operators', () => {
    assert.ok(at(ACME.replace('{ "1": sales, "2": support }', '{ "1": sales, "2": | }')).labels.includes('support'));
    const keys = at(
      ACME.replace('    options: { "1": sales, "2": support }', '    options:\n      "1": sales\n      |'),
    ).labels;
    assert.ok(!keys.includes('1') && keys.includes('2') && keys.includes('#'));
    assert.ok(at(ACME.replace('        next: sales', '        next: |')).labels.includes('goodbye'));
    const operators = at(ACME.replace('{ variable: account, starts-with: "9" }', '{ variable: account, | }')).labels;
    assert.ok(operators.includes('starts-with') && !operators.includes('variable'), operators.join());
    const full = at(
      ACME.replace('{ variable: account, starts-with: "9" }', '{ variable: account, starts-with: "9", | }'),
    );
    assert.deepStrictEqual(full.labels, [], 'a test has one operator: none more is offered');
    const fresh = at(
      ACME.replace('      - when: { variable: account, starts-with: "9" }', '      - when:\n          |'),
    ).labels;
    assert.deepStrictEqual(fresh.slice(0, 3), ['variable', 'equals', 'not-equals']);
  });

  it('offers variables inside {{ of a prompt: the built-ins and what the flow sets, with where', () => {
    const { items } = at(ACME.replace('"Please leave a message."', '"Please leave a message, {{|"'));
    const labels = items.map((i) => i.label);
    assert.ok(
      ['caller.number', 'dialed.number', 'call.time', 'account'].every((v) => labels.includes(v)),
      labels.join(),
    );
    assert.strictEqual(items.find((i) => i.label === 'account')!.detail, 'set by collect step "account"');
  });

  it('offers time zones, day keys not used yet, queues of the workspace, methods and flows', () => {
    assert.ok(at(ACME.replace('timezone: America/New_York', 'timezone: Eur|')).labels.includes('Europe/London'));
    const days = at(ACME.replace('      sat: ["10:00-13:00"]', '      sat: ["10:00-13:00"]\n      |')).labels;
    assert.ok(days.includes('sun') && !days.includes('sat') && !days.includes('mon-fri'));
    const queues = at(ACME.replace('    queue: sales', '    queue: |')).labels;
    assert.deepStrictEqual(queues, ['sales', 'support-tier2']);
    const flows = at(inStep('    type: goto-flow\n    flow: |')).items;
    assert.deepStrictEqual(
      flows.map((f) => `${f.label}: ${f.detail}`),
      ['acme: Acme Main Line · published v1', 'billing: Billing · not published'],
    );
    assert.deepStrictEqual(at(inStep('    type: http\n    method: |')).labels, [
      'GET',
      'POST',
      'PUT',
      'PATCH',
      'DELETE',
    ]);
  });

  it('numbers.yaml: flow ids; call scenarios: step ids in path, outcome kinds, queues', () => {
    const index = acmeIndex();
    const numbers = withCursor('numbers:\n  "+14155550100": |\n');
    const numberItems = completions(
      { role: { kind: 'numbers' }, relativePath: 'numbers.yaml', text: numbers.text, index },
      numbers.offset,
    );
    assert.deepStrictEqual(
      numberItems?.items.map((i) => i.label),
      ['acme', 'billing'],
    );
    const scenario = (marked: string): string[] => {
      const { text, offset } = withCursor(marked);
      const file = {
        role: { kind: 'scenarios' as const, flowId: parseFlowId('acme') },
        relativePath: 'flows/acme/calls.yaml',
        text,
        index,
      };
      return completions(file, offset)?.items.map((i) => i.label) ?? [];
    };
    assert.ok(
      scenario('calls:\n  - name: a\n    expect: { outcome: voicemail, path: [welcome, |] }\n').includes('voicemail'),
    );
    assert.ok(scenario('calls:\n  - name: a\n    expect:\n      path:\n        - |\n').includes('goodbye'));
    assert.ok(scenario('calls:\n  - name: a\n    expect:\n      outcome: |\n').includes('connected'));
    assert.ok(scenario('calls:\n  - name: a\n    agents:\n      |\n').includes('sales'));
    assert.ok(scenario('calls:\n  - name: a\n    |\n').includes('expect'));
  });

  it('takes roles from the classifier with the workspace flowsDir, not a glob', () => {
    const custom = new WorkspaceIndex('callflows');
    assert.deepStrictEqual(custom.roleOf('callflows/acme/v2.yaml'), { kind: 'version', flowId: 'acme', version: 2 });
    assert.strictEqual(custom.roleOf('flows/acme/v2.yaml'), undefined);
    assert.deepStrictEqual(custom.roleOf('callflows/acme/smoke.calls.yaml'), { kind: 'scenarios', flowId: 'acme' });
  });
});
