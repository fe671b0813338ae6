import * as assert from 'assert';
import { applyTextEdits, editForRequest, renameStep } from '../../../src/core/flowEdits';
import { validateFlowText } from '../../../src/core/validation';

const FLOW = `callflow: 1
trigger: incoming-call
start: welcome # the greeting
steps:
  welcome:
    type: play
    say: "Welcome, welcome."
    next: menu
  menu:
    type: menu
    say: Press 1
    options: { "1": welcome, "2": 'bye' }
    no-input: welcome
  check:
    type: condition
    branches:
      - when: { variable: caller.number, equals: "welcome" }
        next: welcome
    else: bye
  "bye":
    type: hangup
`;

describe('renameStep: a step id renamed as text edits', () => {
  it('renames the key, start, every exit, menu options and branches, keeping comments and quoting', () => {
    const result = renameStep({ text: FLOW, from: 'welcome', to: 'greeting' });
    assert.ok(result.ok);
    const renamed = applyTextEdits(FLOW, result.rename.flowEdits);
    assert.strictEqual(
      renamed,
      FLOW.replace('start: welcome #', 'start: greeting #')
        .replace('  welcome:\n', '  greeting:\n')
        .replace('"1": welcome', '"1": greeting')
        .replace('no-input: welcome', 'no-input: greeting')
        .replace('next: welcome', 'next: greeting'),
    );
    assert.match(renamed, /say: "Welcome, welcome\."/, 'prompts are text, not references');
    assert.match(renamed, /equals: "welcome"/, 'condition values are text, not references');
    assert.deepStrictEqual(
      validateFlowText(renamed, 'v1.yaml').problems.filter((p) => p.code === 'unknown-step'),
      [],
    );
  });

  it('keeps the quoting style of each occurrence', () => {
    const result = renameStep({ text: FLOW, from: 'bye', to: 'goodbye' });
    assert.ok(result.ok);
    const renamed = applyTextEdits(FLOW, result.rename.flowEdits);
    assert.match(renamed, /"goodbye":\n/);
    assert.match(renamed, /"2": 'goodbye'/);
    assert.match(renamed, /else: goodbye/);
  });

  it('quotes an id YAML would read as another type', () => {
    const result = renameStep({ text: FLOW, from: 'menu', to: 'true' });
    assert.ok(result.ok);
    const renamed = applyTextEdits(FLOW, result.rename.flowEdits);
    assert.match(renamed, /next: "true"/);
    assert.match(renamed, /\n {2}"true":\n/);
  });

  it("updates the flow's call scenarios' path entries, plain and flow:step, and nothing else", () => {
    const calls = `calls:
  - name: welcome path
    expect: { path: [welcome, menu], says: welcome }
  - name: long form
    expect:
      path:
        - support-line:welcome
        - other:welcome
`;
    const result = renameStep({
      text: FLOW,
      from: 'welcome',
      to: 'greeting',
      flowId: 'support-line',
      scenarios: [
        { file: 'flows/support-line/calls.yaml', text: calls },
        { file: 'flows/support-line/none.calls.yaml', text: 'calls: []\n' },
      ],
    });
    assert.ok(result.ok);
    assert.strictEqual(result.rename.scenarioEdits.length, 1);
    const [edits] = result.rename.scenarioEdits;
    assert.strictEqual(edits!.file, 'flows/support-line/calls.yaml');
    assert.strictEqual(
      applyTextEdits(calls, edits!.edits),
      calls.replace('[welcome, menu]', '[greeting, menu]').replace('support-line:welcome', 'support-line:greeting'),
    );
  });

  it("the canvas's rename gesture is the same rename: the flow's edits plus its call scenarios' as other files", () => {
    const calls = 'calls:\n  - name: greeted\n    expect: { path: [welcome, menu] } # welcome first\n';
    const scenarios = [
      { file: 'file:///ws/flows/support-line/calls.yaml', text: calls },
      { file: 'file:///ws/flows/support-line/none.calls.yaml', text: 'calls: []\n' },
    ];
    const gesture = editForRequest(
      FLOW,
      { kind: 'renameStep', step: 'welcome', to: 'greeting' },
      { flowId: 'support-line', scenarios },
    );
    const f2 = renameStep({ text: FLOW, from: 'welcome', to: 'greeting', flowId: 'support-line', scenarios });
    assert.ok(f2.ok);
    assert.deepStrictEqual(gesture.edits, f2.rename.flowEdits);
    assert.deepStrictEqual(gesture.otherFiles, f2.rename.scenarioEdits);
    assert.strictEqual(gesture.description, 'Rename step welcome to greeting (and in 1 call scenario file)');
    const [scenario] = gesture.otherFiles;
    assert.strictEqual(scenario!.file, 'file:///ws/flows/support-line/calls.yaml');
    assert.strictEqual(applyTextEdits(calls, scenario!.edits), calls.replace('[welcome, menu]', '[greeting, menu]'));

    const alone = editForRequest(FLOW, { kind: 'renameStep', step: 'welcome', to: 'greeting' });
    assert.strictEqual(alone.otherFiles, undefined, 'without scenarios, only the flow file changes');
    assert.strictEqual(alone.description, 'Rename step welcome to greeting');
  });

  it('refuses an invalid id, a taken id and an unknown step, saying why', () => {
    const invalid = renameStep({ text: FLOW, from: 'welcome', to: 'Main Menu' });
    assert.ok(!invalid.ok);
    assert.strictEqual(invalid.refusal.code, 'invalid-step-id');
    assert.match(invalid.refusal.message, /lowercase letters/);
    const taken = renameStep({ text: FLOW, from: 'welcome', to: 'menu' });
    assert.ok(!taken.ok);
    assert.strictEqual(taken.refusal.code, 'step-id-taken');
    assert.match(taken.refusal.message, /already has a step "menu"/);
    const unknown = renameStep({ text: FLOW, from: 'nowhere', to: 'somewhere' });
    assert.ok(!unknown.ok);
    assert.strictEqual(unknown.refusal.code, 'unknown-step');
  });

  it('refuses in a published or archived version (read-only)', () => {
    for (const status of ['published', 'archived'] as const) {
      const result = renameStep({ text: FLOW, from: 'welcome', to: 'greeting', status });
      assert.ok(!result.ok);
      assert.strictEqual(result.refusal.code, 'locked-version');
      assert.match(result.refusal.message, /read-only/);
    }
    assert.ok(renameStep({ text: FLOW, from: 'welcome', to: 'greeting', status: 'draft' }).ok);
  });

  it('refuses a file with a syntax error rather than guessing', () => {
    const result = renameStep({ text: `${FLOW}  broken: "unclosed\n`, from: 'welcome', to: 'greeting' });
    assert.ok(!result.ok);
    assert.strictEqual(result.refusal.code, 'unreadable-flow');
  });
});
