import * as assert from 'assert';
import { describeOutcome, describeSimulation, simulateCall } from '../../../src/core/simulator';
import { acme, call, flowOf, WEEKDAY_OPEN } from './helpers';

describe('simulator: describing a call in words', () => {
  it('names each outcome as the CLI prints it', () => {
    const at = { flow: 'f', step: 's' };
    assert.strictEqual(describeOutcome({ kind: 'voicemail', mailbox: 'sales', ...at }), 'voicemail (mailbox sales)');
    assert.strictEqual(describeOutcome({ kind: 'callback', queue: 'support', ...at }), 'callback from queue support');
    assert.strictEqual(describeOutcome({ kind: 'hangup', reason: 'hangup-step', ...at }), 'hung up');
    assert.strictEqual(
      describeOutcome({ kind: 'hangup', reason: 'no-exit', exit: 'no-input', ...at }),
      'hung up (step s has no no-input exit)',
    );
    assert.strictEqual(
      describeOutcome({ kind: 'error', code: 'step-limit', message: 'ran 1,000 steps without ending', flow: 'f' }),
      'error: ran 1,000 steps without ending',
    );
  });

  it('prints steps of another flow as flow:step, unset exits, warnings and the outcome', () => {
    const main = flowOf({
      hi: { type: 'play', say: 'Hi {{name}}', next: 'jump' },
      jump: { type: 'goto-flow', flow: 'acme' },
    });
    const result = simulateCall({
      flow: { id: 'main', version: 'draft', definition: main },
      at: WEEKDAY_OPEN,
      digits: ['9', '9', '9'],
      resolvePublished: () => ({
        version: 2,
        definition: { ...acme, steps: { ...acme.steps, menu: { ...acme.steps.menu!, invalid: undefined } as never } },
      }),
    });
    assert.deepStrictEqual(describeSimulation(result), [
      '  1. hi (play) -> next -> jump  "Hi "',
      '  2. jump (goto-flow) [to flow acme v2]',
      '  3. acme:welcome (play) -> next -> hours  "Thanks for calling Acme."',
      '  4. acme:hours (business-hours) [Tue 2026-11-24 10:00] -> open -> menu',
      '  5. acme:menu (menu) [keys 9, 9, 9] -> invalid (not set)  "For sales press 1, for support press 2."',
      'warning: hi: {{name}} has no value; it was left empty.',
      'outcome: hung up (step menu has no invalid exit)',
    ]);
  });

  it('prints what collect, set, http and dial steps did', () => {
    const definition = flowOf({
      pin: { type: 'collect', variable: 'pin', next: 'mark' },
      mark: { type: 'set', values: { vip: 'yes' }, next: 'crm' },
      crm: { type: 'http', method: 'get', url: 'https://crm.example.com', success: 'dial', failure: 'dial' },
      dial: { type: 'assign-dial', queue: 'vip' },
    });
    const lines = describeSimulation(call(definition, { digits: ['42#'] }));
    assert.deepStrictEqual(lines.slice(0, 4), [
      '  1. pin (collect) [keys 42#; pin = "42"] -> next -> mark',
      '  2. mark (set) [vip = "yes"] -> next -> crm',
      '  3. crm (http) [GET https://crm.example.com: no fixture] -> failure -> dial',
      '  4. dial (assign-dial) [queue vip]',
    ]);
  });
});
