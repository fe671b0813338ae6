import * as assert from 'assert';
import type { FlowDefinition } from '../../../src/core/model';
import { diffFlowVersions, isUnchanged } from '../../../src/core/review';
import { acme } from '../simulator/helpers';

/** A deep copy of the Acme flow (docs/flow-format.md, section 4) to change. */
function edited(change: (flow: FlowDefinition & { steps: Record<string, Record<string, unknown>> }) => void): unknown {
  const copy = structuredClone(acme) as FlowDefinition & { steps: Record<string, Record<string, unknown>> };
  change(copy);
  return copy;
}

describe('review: the semantic diff of two versions', () => {
  it('finds nothing between a version and itself, even with its keys reordered', () => {
    const reordered = edited((f) => {
      f.steps.menu = Object.fromEntries(Object.entries(f.steps.menu!).reverse()) as never;
    });
    assert.ok(isUnchanged(diffFlowVersions(acme, reordered)));
  });

  it('lists a changed prompt, queue, timeout and holidays field by field', () => {
    const after = edited((f) => {
      f.steps.welcome!.say = 'Welcome to Acme.';
      f.steps.sales!.queue = 'sales-east';
      f.steps.menu!.timeout = 8;
      f.steps.hours!.holidays = ['2026-12-25', '2026-12-26'];
    });
    const diff = diffFlowVersions(acme, after);
    assert.deepStrictEqual(diff.steps.changed, [
      { step: 'welcome', changes: [{ field: 'say', from: 'Thanks for calling Acme.', to: 'Welcome to Acme.' }] },
      { step: 'hours', changes: [{ field: 'holidays', from: ['2026-12-25'], to: ['2026-12-25', '2026-12-26'] }] },
      { step: 'menu', changes: [{ field: 'timeout', from: 5, to: 8 }] },
      { step: 'sales', changes: [{ field: 'queue', from: 'sales', to: 'sales-east' }] },
    ]);
    assert.deepStrictEqual(diff.exits, []);
  });

  it('names a changed day of the hours, and a field set or cleared, with null for the missing side', () => {
    const after = edited((f) => {
      (f.steps.hours!.hours as Record<string, string[]>)['mon-fri'] = ['08:00-18:00'];
      delete (f.steps.hours!.hours as Record<string, string[]>).sat;
      f.steps.sales!.priority = 2;
      delete f.steps.sales!.timeout;
    });
    const diff = diffFlowVersions(acme, after);
    assert.deepStrictEqual(diff.steps.changed, [
      {
        step: 'hours',
        changes: [
          { field: 'hours.mon-fri', from: ['09:00-17:00'], to: ['08:00-18:00'] },
          { field: 'hours.sat', from: ['10:00-13:00'], to: null },
        ],
      },
      {
        step: 'sales',
        changes: [
          { field: 'timeout', from: 120, to: null },
          { field: 'priority', from: null, to: 2 },
        ],
      },
    ]);
  });

  it('lists a rewired exit, an added and a removed exit under exits only, with null for the missing end', () => {
    const after = edited((f) => {
      (f.steps.menu!.options as Record<string, string>)['2'] = 'sales';
      (f.steps.menu!.options as Record<string, string>)['0'] = 'support';
      delete f.steps.menu!.invalid;
    });
    const diff = diffFlowVersions(acme, after);
    assert.deepStrictEqual(diff.exits, [
      { step: 'menu', exit: '0', from: null, to: 'support' },
      { step: 'menu', exit: '2', from: 'support', to: 'sales' },
      { step: 'menu', exit: 'invalid', from: 'voicemail', to: null },
    ]);
    assert.deepStrictEqual(diff.steps.changed, [], 'an exit change is not listed again as a field change');
  });

  it('reports steps added and removed, and a new start step', () => {
    const after = edited((f) => {
      f.steps.intro = { type: 'play', say: 'New: press 3 for billing.', next: 'hours' };
      f.start = 'intro';
      delete f.steps.goodbye;
      delete f.steps.voicemail!.next;
    });
    const diff = diffFlowVersions(acme, after);
    assert.deepStrictEqual(diff.start, { from: 'welcome', to: 'intro' });
    assert.deepStrictEqual(diff.steps.added, ['intro']);
    assert.deepStrictEqual(diff.steps.removed, ['goodbye']);
    assert.deepStrictEqual(diff.exits, [{ step: 'voicemail', exit: 'next', from: 'goodbye', to: null }]);
  });

  it('recognises a renamed step (same content, references moved) rather than a removal and an addition', () => {
    const after = edited((f) => {
      f.steps.leave_message = f.steps.voicemail!;
      delete f.steps.voicemail;
      for (const step of Object.values(f.steps)) {
        for (const field of ['closed', 'no-input', 'invalid', 'no-answer', 'failed'])
          if (step[field] === 'voicemail') step[field] = 'leave_message';
      }
    });
    const diff = diffFlowVersions(acme, after);
    assert.deepStrictEqual(diff.steps.renamed, [{ from: 'voicemail', to: 'leave_message' }]);
    assert.deepStrictEqual(diff.steps.added, []);
    assert.deepStrictEqual(diff.steps.removed, []);
    assert.deepStrictEqual(diff.exits, [], 'exits that follow the rename are not rewired');
    assert.deepStrictEqual(diff.steps.changed, []);
  });

  it('recognises a renamed start step, and a renamed step whose exit was also rewired', () => {
    const after = edited((f) => {
      f.steps.greeting = { ...f.steps.welcome!, next: 'menu' };
      delete f.steps.welcome;
      f.start = 'greeting';
    });
    const diff = diffFlowVersions(acme, after);
    assert.deepStrictEqual(diff.steps.renamed, [{ from: 'welcome', to: 'greeting' }]);
    assert.strictEqual(diff.start, null);
    assert.deepStrictEqual(diff.exits, [{ step: 'greeting', exit: 'next', from: 'hours', to: 'menu' }]);
  });

  it('does not take a step with other content for a rename', () => {
    const after = edited((f) => {
      f.steps.vm = { ...f.steps.voicemail!, say: 'Sorry we missed you.' };
      delete f.steps.voicemail;
    });
    const diff = diffFlowVersions(acme, after);
    assert.deepStrictEqual(diff.steps.renamed, []);
    assert.deepStrictEqual(diff.steps.added, ['vm']);
    assert.deepStrictEqual(diff.steps.removed, ['voicemail']);
  });

  it('compares condition branches: the test as a field, the next as an exit', () => {
    const before = {
      start: 'check',
      steps: {
        check: {
          type: 'condition',
          branches: [{ when: { variable: 'tier', equals: 'gold' }, next: 'vip' }],
          else: 'end',
        },
        vip: { type: 'hangup' },
        end: { type: 'hangup', say: 'Bye' },
      },
    };
    const after = structuredClone(before);
    after.steps.check.branches[0]!.when = { variable: 'tier', in: ['gold', 'platinum'] } as never;
    after.steps.check.branches.push({ when: { variable: 'tier', equals: 'silver' }, next: 'end' });
    after.steps.check.else = 'vip';
    const diff = diffFlowVersions(before, after);
    assert.deepStrictEqual(diff.steps.changed, [
      {
        step: 'check',
        changes: [
          {
            field: 'branch-1.when',
            from: { variable: 'tier', equals: 'gold' },
            to: { variable: 'tier', in: ['gold', 'platinum'] },
          },
          { field: 'branch-2.when', from: null, to: { variable: 'tier', equals: 'silver' } },
        ],
      },
    ]);
    assert.deepStrictEqual(diff.exits, [
      { step: 'check', exit: 'branch-2', from: null, to: 'end' },
      { step: 'check', exit: 'else', from: 'end', to: 'vip' },
    ]);
  });

  it('reports a changed step type with the fields it brings and drops', () => {
    const after = edited((f) => {
      f.steps.support = { type: 'assign-dial', queue: 'support', 'no-answer': 'voicemail' };
    });
    const diff = diffFlowVersions(acme, after);
    assert.deepStrictEqual(diff.steps.changed, [
      {
        step: 'support',
        changes: [
          { field: 'type', from: 'transfer', to: 'assign-dial' },
          { field: 'to', from: '+14155550199', to: null },
          { field: 'queue', from: null, to: 'support' },
        ],
      },
    ]);
    assert.deepStrictEqual(diff.exits, [
      { step: 'support', exit: 'no-answer', from: null, to: 'voicemail' },
      { step: 'support', exit: 'failed', from: 'voicemail', to: null },
    ]);
  });

  it('compares a draft the schema rejects as far as it can be read', () => {
    const diff = diffFlowVersions(acme, { start: 'welcome', steps: { welcome: 'not a step', hours: null } });
    assert.ok(diff.steps.removed.includes('menu'));
    assert.deepStrictEqual(diff.steps.added, []);
  });
});
