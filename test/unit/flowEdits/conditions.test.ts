/** A condition's branches built in the properties panel, written as the template writes its first branch. */
import * as assert from 'assert';
import { parse } from 'yaml';
import {
  addStep,
  applyTextEdits,
  branchDrafts,
  editForRequest,
  setConditionBranches,
  type BranchDraft,
} from '../../../src/core/flowEdits';
import { validateFlowText } from '../../../src/core/validation';
import { InvalidInputError } from '../../../src/core/errors';
import { parseGraphPageMessage } from '../../../src/extension/graph/protocol';

const FLOW = [
  'callflow: 1',
  'trigger: incoming-call',
  'start: route',
  'steps:',
  '  route:',
  '    type: condition',
  '    branches:',
  "      - when: { variable: tier, equals: 'gold' }",
  '        next: vip',
  '    else: everyone',
  '  ask:',
  '    type: collect',
  '    say: "Your account number?"',
  '    variable: account',
  '    next: route',
  '  vip:',
  '    type: hangup',
  '  everyone:',
  '    type: hangup',
  '',
].join('\n');

function withBranches(text: string, step: string, branches: BranchDraft[]): string {
  return applyTextEdits(text, setConditionBranches(text, step, branches).edits);
}

describe("a condition's branches from the properties panel", () => {
  it('writes each branch as the template does: a one-line test in double quotes, its next under it', () => {
    const after = withBranches(FLOW, 'route', [
      { variable: 'account', operator: 'starts-with', value: '99', next: 'vip' },
      { variable: 'caller.number', operator: 'in', value: '+14155550100, +14155550101' },
    ]);
    assert.strictEqual(
      after,
      FLOW.replace(
        "      - when: { variable: tier, equals: 'gold' }\n        next: vip\n",
        '      - when: { variable: "account", starts-with: "99" }\n' +
          '        next: vip\n' +
          '      - when: { variable: "caller.number", in: ["+14155550100", "+14155550101"] }\n',
      ),
    );
    assert.ok(!/ \n/.test(after), 'no trailing spaces');
    assert.deepStrictEqual(parse(after).steps.route.branches, [
      { when: { variable: 'account', 'starts-with': '99' }, next: 'vip' },
      { when: { variable: 'caller.number', in: ['+14155550100', '+14155550101'] } },
    ]);
  });

  it('reorders, removes and empties the list, keeping else and the other steps byte for byte', () => {
    const two = withBranches(FLOW, 'route', [
      { variable: 'tier', operator: 'equals', value: 'gold', next: 'vip' },
      { variable: 'account', operator: 'greater-than', value: '1000', next: 'everyone' },
    ]);
    const swapped = withBranches(two, 'route', branchDrafts(parse(two).steps.route.branches).reverse());
    assert.deepStrictEqual(
      parse(swapped).steps.route.branches.map((b: { next: string }) => b.next),
      ['everyone', 'vip'],
    );
    const none = withBranches(swapped, 'route', []);
    assert.match(none, /\n {4}branches: \[\]\n {4}else: everyone\n/);
    assert.strictEqual(none.slice(none.indexOf('  ask:')), FLOW.slice(FLOW.indexOf('  ask:')));
  });

  it('reads branches back as the panel shows them, a list as comma-separated text', () => {
    assert.deepStrictEqual(
      branchDrafts([
        { when: { variable: 'tier', in: ['gold', 'silver'] }, next: 'vip' },
        { when: { variable: 'n', 'less-than': 5 } },
      ]),
      [
        { variable: 'tier', operator: 'in', value: 'gold, silver', next: 'vip' },
        { variable: 'n', operator: 'less-than', value: '5' },
      ],
    );
  });

  it('a new condition step is valid YAML without trailing spaces, and its first branch can be filled in', () => {
    const base = FLOW.replace('start: route', 'start: ask');
    const added = applyTextEdits(base, addStep(base, { type: 'condition' }).edits);
    assert.ok(!/ \n/.test(added), JSON.stringify(added));
    assert.match(added, /\n {4}branches:\n {6}- when: \{ variable: "", equals: "" \}\n/);
    const filled = applyTextEdits(
      added,
      editForRequest(added, {
        kind: 'setBranches',
        step: 'condition-1',
        branches: [{ variable: 'account', operator: 'equals', value: '42', next: 'vip' }],
      }).edits,
    );
    assert.match(filled, /\n {4}branches:\n {6}- when: \{ variable: "account", equals: "42" \}\n {8}next: vip\n/);
    assert.deepStrictEqual(
      validateFlowText(filled, 'flows/test/v1.yaml').problems.filter(
        // Only its `else` is still to connect.
        (p) => p.severity === 'error' && p.message.includes('condition-1') && !p.message.includes('"else"'),
      ),
      [],
    );
  });

  it('refuses a step that is not a condition and an unknown operator, with what to do', () => {
    assert.throws(
      () => setConditionBranches(FLOW, 'ask', []),
      (err: unknown) => err instanceof InvalidInputError && /not a condition step/.test(err.message),
    );
    assert.throws(
      () =>
        setConditionBranches(FLOW, 'route', [
          { variable: 'tier', operator: 'like' as BranchDraft['operator'], value: 'x' },
        ]),
      (err: unknown) => err instanceof InvalidInputError && /equals, not-equals/.test(err.hint ?? ''),
    );
  });
});

describe("the page's branches and reveal messages, checked before the panel trusts them", () => {
  it('accepts branches with known operators and bounded text; refuses anything else', () => {
    const edit = {
      kind: 'setBranches',
      step: 'route',
      branches: [{ variable: 'tier', operator: 'in', value: 'a, b' }],
    };
    assert.deepStrictEqual(parseGraphPageMessage({ type: 'edit', edit }), { type: 'edit', edit });
    for (const branches of [
      [{ variable: 'tier', operator: 'like', value: 'a' }],
      [{ variable: 'tier', operator: 'equals', value: 3 }],
      [{ variable: 'tier', operator: 'equals', value: 'a', next: '' }],
      Array.from({ length: 101 }, () => ({ variable: 'v', operator: 'equals', value: '' })),
      'tier = gold',
    ])
      assert.strictEqual(
        parseGraphPageMessage({ type: 'edit', edit: { kind: 'setBranches', step: 'route', branches } }),
        undefined,
      );
  });

  it('a reveal keeps the keyboard on the canvas unless the page asks to hand it over', () => {
    assert.deepStrictEqual(parseGraphPageMessage({ type: 'reveal', id: 'menu' }), { type: 'reveal', id: 'menu' });
    assert.deepStrictEqual(parseGraphPageMessage({ type: 'reveal', id: 'menu', focus: true }), {
      type: 'reveal',
      id: 'menu',
      focus: true,
    });
    assert.deepStrictEqual(parseGraphPageMessage({ type: 'reveal', id: 'menu', focus: 'yes' }), {
      type: 'reveal',
      id: 'menu',
    });
  });
});
