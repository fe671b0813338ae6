import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import {
  compareVersions,
  describeJourneyChange,
  diffJourneys,
  journeyCoverage,
  listJourneys,
  type Journey,
} from '../../../src/core/review';
import { parseCallScenarios, runScenarioFile } from '../../../src/core/scenarios';
import { simulateCall, type SimulateCallRequest } from '../../../src/core/simulator';
import { acme, fixtureText, flowOf } from '../simulator/helpers';

const everyStep: unknown = parse(
  readFileSync(path.resolve(__dirname, '../../../../test/fixtures/flows/every-step.yaml'), 'utf8'),
);

function byDescription(journeys: readonly Journey[]): Map<string, Journey> {
  return new Map(journeys.map((j) => [j.description, j]));
}

describe('review: caller journeys', () => {
  it('lists every way through the Acme flow: each key, no input, invalid, open, closed, holiday, agents, transfer', () => {
    const { journeys, truncated } = listJourneys(acme, 'acme');
    assert.strictEqual(truncated, false);
    assert.deepStrictEqual(
      journeys.map((j) => [j.description, j.outcomeText]),
      [
        ['pressing 1 during open hours', 'connected to queue sales'],
        ['pressing 1, then no agent of sales answers during open hours', 'voicemail'],
        ['pressing 2 during open hours', 'transferred to +14155550199'],
        ['pressing 2, then the transfer to +14155550199 fails during open hours', 'voicemail'],
        ['pressing nothing during open hours', 'voicemail'],
        ['pressing a key that is not an option during open hours', 'voicemail'],
        ['outside open hours', 'voicemail'],
        ['on a holiday', 'voicemail'],
      ],
    );
    assert.strictEqual(new Set(journeys.map((j) => j.key)).size, journeys.length, 'journeys are distinct');
  });

  it('agrees with the simulator on each Acme journey’s path and outcome', () => {
    const times: Record<string, string> = {
      open: '2026-11-24T15:00:00Z',
      closed: '2026-11-24T23:30:00Z',
      holiday: '2026-12-25T15:00:00Z',
    };
    for (const journey of listJourneys(acme, 'acme').journeys) {
      const request: SimulateCallRequest = {
        flow: { id: 'acme', version: 1, definition: acme },
        at: times.open!,
        digits: [],
        agents: {},
      };
      for (const choice of journey.choices) {
        if (choice.step === 'hours') request.at = times[choice.exit]!;
        if (choice.step === 'menu')
          request.digits =
            choice.exit === 'no-input' ? [] : choice.exit === 'invalid' ? ['9', '9', '9'] : [choice.exit];
        if (choice.step === 'sales' && choice.exit === 'no-answer') request.agents = { sales: 'busy' };
        if (choice.step === 'support' && choice.exit === 'failed') request.transfer = 'failed';
      }
      const result = simulateCall(request);
      assert.deepStrictEqual(
        result.steps.map((s) => [s.step, s.exit]),
        journey.path.map((s) => [s.step, s.exit]),
        journey.description,
      );
      assert.strictEqual(journey.outcome.kind, result.outcome.kind, journey.description);
    }
  });

  it('walks every step type: http, set, condition branches, goto-flow, collect, callback, a menu key that loops back', () => {
    const { journeys } = listJourneys(everyStep, 'every');
    const described = byDescription(journeys);
    const find = (pattern: RegExp): Journey => {
      const found = journeys.find((j) => pattern.test(j.description));
      assert.ok(found, `no journey matches ${pattern}: ${[...described.keys()].join('\n')}`);
      return found;
    };
    assert.strictEqual(find(/succeeds when tier = gold$/).outcomeText, 'connected to queue vip');
    assert.strictEqual(find(/succeeds when caller.number matches/).outcomeText, 'goes to flow uk-support');
    assert.strictEqual(find(/the lookup request fails.*on a holiday/).outcomeText, 'voicemail (mailbox support)');
    assert.strictEqual(find(/fails.*outside open hours/).outcomeText, 'callback from queue sales');
    assert.strictEqual(find(/pressing \* during open hours/).outcomeText, 'back to menu');
    assert.strictEqual(find(/pressing 2, then entering account during/).outcomeText, 'connected to queue sales');
    assert.strictEqual(find(/pressing 2, then entering no account/).outcomeText, 'voicemail (mailbox support)');
    assert.strictEqual(
      find(/pressing 0, then the transfer to \+442071838750 fails/).outcomeText,
      'voicemail (mailbox support)',
    );
    assert.strictEqual(find(/pressing #/).outcomeText, 'hung up');
    assert.ok(find(/when no condition of vip-check holds and on a holiday/));
    assert.strictEqual(new Set(journeys.map((j) => j.key)).size, journeys.length);
  });

  it('ends a journey at an unset exit, a missing step, and a step it already passed', () => {
    const flow = flowOf({
      ask: { type: 'menu', say: 'Press 1', options: { '1': 'again', '2': 'nowhere' } },
      again: { type: 'play', say: 'Again', next: 'ask' },
    });
    const outcomes = byDescription(listJourneys(flow, 'f').journeys);
    assert.strictEqual(outcomes.get('pressing 1')!.outcomeText, 'back to ask');
    assert.strictEqual(outcomes.get('pressing 2')!.outcome.kind, 'error');
    assert.strictEqual(outcomes.get('pressing nothing')!.outcomeText, 'hung up (step ask has no no-input exit)');
  });

  it('stays bounded: a flow with many menus stops at the limit and says so', () => {
    const steps: Record<string, unknown> = {};
    for (let i = 0; i < 12; i++)
      steps[`m${i}`] = { type: 'menu', options: { '1': `m${i + 1}`, '2': `m${i + 1}` }, 'no-input': `m${i + 1}` };
    steps.m12 = { type: 'hangup' };
    const list = listJourneys(flowOf(steps, 'm0'), 'f', 500);
    assert.strictEqual(list.truncated, true);
    assert.strictEqual(list.journeys.length, 500);
  });

  it('marks the journeys the call scenarios cover', () => {
    const flow = { id: 'acme', version: 1, definition: acme };
    const run = runScenarioFile(parseCallScenarios(fixtureText('acme.calls.yaml'), 'calls.yaml'), flow);
    const traces = run.results.flatMap((r) => (r.result ? [{ name: r.name, steps: r.result.steps }] : []));
    const { journeys } = listJourneys(acme, 'acme');
    const coverage = journeyCoverage(journeys, traces, 'acme');
    assert.strictEqual(coverage.total, journeys.length);
    const sales = journeys.find((j) => j.description === 'pressing 1 during open hours')!;
    assert.ok(coverage.coveredBy.get(sales.key)!.includes('weekday caller reaches sales'));
    const holiday = journeys.find((j) => j.description === 'on a holiday')!;
    assert.deepStrictEqual(coverage.coveredBy.get(holiday.key), ['Christmas goes to voicemail']);
    assert.ok(coverage.covered > 0 && coverage.covered <= coverage.total);
    assert.strictEqual(journeyCoverage(journeys, [], 'acme').covered, 0);
  });
});

describe('review: journeys that changed between versions', () => {
  const text = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/flows/sample-v1.yaml'), 'utf8');

  it('says "pressing 2 during open hours: was transferred to +14155550199, now connected to queue support"', () => {
    const after = text.replace(
      'type: transfer\n    to: "+14155550199"\n    failed: voicemail',
      'type: assign-dial\n    queue: support\n    no-answer: voicemail',
    );
    const comparison = compareVersions('acme', { version: 1, text }, { version: 2, text: after });
    const changed = comparison.journeys.find((j) => j.journey === 'pressing 2 during open hours');
    assert.ok(changed);
    assert.strictEqual(
      describeJourneyChange(changed),
      'was transferred to +14155550199, now connected to queue support',
    );
    assert.strictEqual(comparison.journeys.length, 1, 'the failed transfer and the unanswered queue are one journey');
  });

  it('lists a new journey with a null from and a gone one with a null to', () => {
    const after = text.replace('options: { "1": sales, "2": support }', 'options: { "1": sales, "3": support }');
    const { journeys } = compareVersions('acme', { version: 1, text }, { version: 2, text: after });
    assert.deepStrictEqual(
      journeys.map((j) => [j.journey, j.from === null, j.to === null]),
      [
        ['pressing 3 during open hours', true, false],
        ['pressing 3, then the transfer to +14155550199 fails during open hours', true, false],
        ['pressing 2 during open hours', false, true],
        ['pressing 2, then the transfer to +14155550199 fails during open hours', false, true],
      ],
    );
  });

  it('a new key says what pressing it did before: "was not an option (voicemail), now …"', () => {
    const after = text.replace(
      'options: { "1": sales, "2": support }',
      'options: { "1": sales, "2": support, "4": sales }',
    );
    const { journeys } = compareVersions('acme', { version: 1, text }, { version: 2, text: after });
    const pressing4 = journeys.find((j) => j.journey === 'pressing 4 during open hours');
    assert.ok(pressing4, journeys.map((j) => j.journey).join('\n'));
    assert.strictEqual(pressing4.from, null, 'still a new journey');
    assert.strictEqual(pressing4.before?.outcome, 'voicemail');
    assert.strictEqual(
      describeJourneyChange(pressing4),
      'new key: was not an option (voicemail), now connected to queue sales (welcome → hours → menu → sales)',
    );
  });

  it('reports no changed journey for a renamed step or a changed prompt', () => {
    const renamed = text
      .replace('  voicemail:\n    type: voicemail', '  leave-message:\n    type: voicemail')
      .replace(/(closed|no-input|invalid|no-answer|failed): voicemail$/gm, '$1: leave-message');
    const comparison = compareVersions('acme', { version: 1, text }, { version: 2, text: renamed });
    assert.deepStrictEqual(comparison.steps.renamed, [{ from: 'voicemail', to: 'leave-message' }]);
    assert.deepStrictEqual(comparison.journeys, []);
    const reworded = text.replace('Thanks for calling Acme.', 'Welcome to Acme.');
    assert.deepStrictEqual(diffJourneys(listJourneys(acme), listJourneys(parse(reworded))), [], 'a prompt is no route');
  });

  it('reports a journey whose outcome is the same but whose path changed', () => {
    const after = text.replace('    no-input: voicemail\n', '    no-input: goodbye\n');
    const { journeys } = compareVersions('acme', { version: 1, text }, { version: 2, text: after });
    assert.deepStrictEqual(
      journeys.map((j) => [j.journey, j.from?.outcome, j.to?.outcome]),
      [['pressing nothing during open hours', 'voicemail', 'hung up']],
    );
  });
});
