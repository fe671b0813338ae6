/**
 * fast-check arbitraries for the engine's properties: small flows with every step type (exits
 * that lead anywhere, nowhere or to a missing step; goto-flow into other flows, cycles
 * included) and the up-front inputs of a simulated call.
 */
import fc from 'fast-check';
import type { FlowDefinition, Step } from '../../../src/core/model';
import type { HttpFixture, PublishedFlow, SimulateCallRequest } from '../../../src/core/simulator';

const STEP_IDS = ['s0', 's1', 's2', 's3', 's4', 's5'];
const OTHER_FLOWS = ['billing', 'support'];
const URLS = ['https://crm.example.com/c/{{caller.number}}', 'https://crm.example.com/health'];

/** An exit: usually a step of the flow, sometimes unset or a step that does not exist. */
const exit = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...STEP_IDS) },
  { weight: 1, arbitrary: fc.constant(undefined) },
  { weight: 1, arbitrary: fc.constant('nowhere') },
);
const text = fc.constantFrom('Hello {{caller.number}}.', 'Press a key.', 'Tier {{tier}}', 'Goodbye.');
const prompt = fc.record({
  say: fc.option(text, { nil: undefined }),
  audio: fc.option(fc.constant('hold.wav'), { nil: undefined }),
});
const attempts = fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined });

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

const step: fc.Arbitrary<Record<string, unknown>> = fc
  .oneof(
    { depthSize: 'small' },
    fc.record({ type: fc.constant('play'), p: prompt, next: exit }).map(({ p, ...s }) => ({ ...s, ...p })),
    fc
      .record({
        type: fc.constant('menu'),
        p: prompt,
        options: fc.dictionary(fc.constantFrom('1', '2', '9', '*'), fc.constantFrom(...STEP_IDS), { maxKeys: 3 }),
        attempts,
        timeout: fc.option(fc.integer({ min: 1, max: 10 }), { nil: undefined }),
        'no-input': exit,
        invalid: exit,
      })
      .map(({ p, ...s }) => ({ ...s, ...p })),
    fc
      .record({
        type: fc.constant('collect'),
        p: prompt,
        variable: fc.constantFrom('account', 'pin'),
        'min-digits': fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        'max-digits': fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        'finish-on': fc.option(fc.constantFrom('#', '*'), { nil: undefined }),
        attempts,
        next: exit,
        'no-input': exit,
      })
      .map(({ p, ...s }) => ({ ...s, ...p })),
    fc.record({
      type: fc.constant('condition'),
      branches: fc.array(
        fc.record({
          when: fc.oneof(
            fc.record({
              variable: fc.constantFrom('account', 'tier', 'caller.number'),
              equals: fc.constantFrom('12', 'gold'),
            }),
            fc.record({ variable: fc.constantFrom('account', 'pin'), matches: fc.constantFrom('^1', '(') }),
            fc.record({ variable: fc.constant('tier') }),
          ),
          next: fc.constantFrom(...STEP_IDS),
        }),
        { maxLength: 2 },
      ),
      else: exit,
    }),
    fc.record({
      type: fc.constant('business-hours'),
      timezone: fc.constantFrom('America/New_York', 'Europe/Paris', 'Mars/Olympus'),
      hours: fc.constantFrom({ 'mon-fri': ['09:00-17:00'] }, { sat: '10:00-12:00', xyz: ['09:00-10:00'] }),
      holidays: fc.constantFrom(undefined, ['2026-12-25']),
      open: exit,
      closed: exit,
      holiday: fc.option(exit, { nil: undefined }),
    }),
    fc.record({
      type: fc.constant('set'),
      values: fc.dictionary(fc.constantFrom('tier', 'account', 'note'), fc.oneof(text, fc.integer(), fc.boolean()), {
        maxKeys: 2,
      }),
      next: exit,
    }),
    fc.record({
      type: fc.constant('assign-dial'),
      queue: fc.constantFrom('sales', 'support'),
      priority: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
      'no-answer': exit,
    }),
    fc.record({ type: fc.constant('transfer'), to: fc.constant('+14155550100'), failed: exit }),
    fc
      .record({
        type: fc.constant('voicemail'),
        p: prompt,
        mailbox: fc.option(fc.constant('general'), { nil: undefined }),
        next: exit,
      })
      .map(({ p, ...s }) => ({ ...s, ...p })),
    fc
      .record({ type: fc.constant('callback'), p: prompt, queue: fc.constantFrom('sales', 'support'), next: exit })
      .map(({ p, ...s }) => ({ ...s, ...p })),
    fc.record({
      type: fc.constant('http'),
      method: fc.constantFrom('GET', 'post'),
      url: fc.constantFrom(...URLS),
      body: fc.option(fc.constant('{"from":"{{caller.number}}"}'), { nil: undefined }),
      save: fc.option(fc.constantFrom({ tier: 'customer.tier' }, { tier: '$.missing', account: '$' }), {
        nil: undefined,
      }),
      success: exit,
      failure: exit,
    }),
    fc.record({ type: fc.constant('goto-flow'), flow: fc.constantFrom(...OTHER_FLOWS, 'main', 'unknown') }),
    fc.record({ type: fc.constant('hangup'), say: fc.option(text, { nil: undefined }) }),
    fc.constant({ type: 'teleport' }),
  )
  .map(defined);

const definition: fc.Arbitrary<FlowDefinition> = fc
  .tuple(
    fc.array(step, { minLength: STEP_IDS.length, maxLength: STEP_IDS.length }),
    fc.constantFrom('s0', 's0', 's0', 's0', 's1', 'gone'),
  )
  .map(([steps, start]) => ({
    callflow: 1,
    trigger: 'incoming-call',
    start,
    steps: Object.fromEntries(steps.map((s, i) => [STEP_IDS[i]!, s as unknown as Step])),
  }));

const dtmfEntry = fc.stringMatching(/^[0-9*#]{0,5}$/);
const instant = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 0, 1) }).map((ms) => new Date(ms));

/** A simulate request through a generated flow that may go to generated published flows. */
export const simulateRequest: fc.Arbitrary<SimulateCallRequest> = fc
  .record({
    main: definition,
    others: fc.array(definition, { minLength: OTHER_FLOWS.length, maxLength: OTHER_FLOWS.length }),
    at: instant,
    from: fc.option(fc.constantFrom('+14155550123', 'anonymous', 'client:alice'), { nil: undefined }),
    digits: fc.array(dtmfEntry, { maxLength: 8 }),
    agents: fc.record({ sales: fc.constantFrom<'available' | 'busy'>('available', 'busy') }),
    transfer: fc.constantFrom<'ok' | 'failed'>('ok', 'failed'),
    http: fc.constantFrom<Record<string, HttpFixture>>(
      {},
      { 'GET https://crm.example.com/c/+14155550123': { status: 200, body: { customer: { tier: 'gold' } } } },
      {
        'https://crm.example.com/health': { status: 503 },
        'POST https://crm.example.com/c/': { status: 201, body: '{"customer":{"tier":"silver"}}' },
      },
    ),
    maxSteps: fc.constantFrom(undefined, 5, 40),
  })
  .map(({ main, others, maxSteps, from, ...inputs }) => {
    const published = new Map<string, PublishedFlow>(
      OTHER_FLOWS.map((id, i) => [id, { version: i + 2, definition: others[i]! }]),
    );
    published.set('main', { version: 1, definition: main });
    const request: SimulateCallRequest = {
      ...inputs,
      flow: { id: 'main', version: 1, definition: main },
      resolvePublished: (id) => published.get(id),
    };
    if (maxSteps !== undefined) request.maxSteps = maxSteps;
    if (from !== undefined) request.from = from;
    return request;
  });
