import * as assert from 'assert';
import { InvalidInputError } from '../../../src/core/errors';
import { parseHttpFixturesText, readJsonPath } from '../../../src/core/simulator';
import { call, flowOf } from './helpers';

const end = { type: 'hangup' };
const lookupFlow = flowOf({
  lookup: {
    type: 'http',
    method: 'GET',
    url: 'https://crm.example.com/customers/{{caller.number}}',
    save: { tier: '$.customer.tier', name: 'customer.name', firstOrder: '$.orders[0].id', missing: '$.customer.age' },
    success: 'found',
    failure: 'failed',
  },
  found: { type: 'play', say: 'Hello {{name}}, {{tier}} member.', next: 'bye' },
  failed: end,
  bye: end,
});
const url = 'https://crm.example.com/customers/+14155550123';
const body = { customer: { tier: 'gold', name: 'Ada' }, orders: [{ id: 17 }, { id: 18 }] };

describe('simulator: http steps', () => {
  it('takes success on a 2xx fixture and saves the JSON paths it reads', () => {
    const result = call(lookupFlow, { from: '+14155550123', http: { [`GET ${url}`]: { status: 200, body } } });
    const step = result.steps[0]!;
    assert.strictEqual(step.exit, 'success');
    assert.strictEqual(step.request, `GET ${url}`);
    assert.strictEqual(step.status, 200);
    assert.deepStrictEqual(step.assigned, { tier: 'gold', name: 'Ada', firstOrder: '17' });
    assert.strictEqual(result.steps[1]!.say, 'Hello Ada, gold member.');
    assert.deepStrictEqual(
      result.warnings.map((w) => [w.code, w.message]),
      [['missing-json-path', 'The response has nothing at $.customer.age; missing was not set.']],
    );
  });

  it('finds a fixture keyed by the url alone, and prefers the METHOD url key', () => {
    assert.strictEqual(
      call(lookupFlow, { from: '+14155550123', http: { [url]: { status: 204 } } }).steps[0]!.exit,
      'success',
    );
    const both = call(lookupFlow, {
      from: '+14155550123',
      http: { [url]: { status: 200, body }, [`get  ${url}`]: { status: 500 } },
    });
    assert.strictEqual(both.steps[0]!.exit, 'failure');
    assert.strictEqual(both.steps[0]!.status, 500);
  });

  it('takes failure on a status outside 2xx', () => {
    for (const status of [199, 301, 404, 503]) {
      assert.strictEqual(
        call(lookupFlow, { from: '+14155550123', http: { [url]: { status, body } } }).steps[0]!.exit,
        'failure',
        String(status),
      );
    }
  });

  it('takes failure with a warning when no fixture matches the request', () => {
    const result = call(lookupFlow, {
      from: '+14155550123',
      http: { 'GET https://other.example.com': { status: 200 } },
    });
    assert.deepStrictEqual(
      result.steps.map((s) => s.step),
      ['lookup', 'failed'],
    );
    assert.strictEqual(result.steps[0]!.status, undefined);
    assert.strictEqual(result.warnings[0]!.code, 'missing-http-fixture');
    assert.match(
      result.warnings[0]!.message,
      /No http fixture for "GET https:\/\/crm\.example\.com\/customers\/\+14155550123"/,
    );
  });

  it('sends no request for a step without a method: there is no default', () => {
    const { method: _method, ...withoutMethod } = lookupFlow.steps.lookup as unknown as Record<string, unknown>;
    const flow = flowOf({ ...lookupFlow.steps, lookup: withoutMethod });
    const result = call(flow, { from: '+14155550123', http: { [url]: { status: 200, body } } });
    assert.strictEqual(result.outcome.kind, 'error');
    assert.match((result.outcome as { message: string }).message, /Step "lookup" cannot run: it has no `method`/);
    assert.strictEqual(result.steps[0]!.request, undefined);
  });

  it('reads a body given as JSON text', () => {
    const result = call(lookupFlow, {
      from: '+14155550123',
      http: { [url]: { status: 200, body: JSON.stringify(body) } },
    });
    assert.strictEqual(result.variables.tier, 'gold');
  });

  it('reads JSON paths with or without $, indexes and quoted keys', () => {
    const doc = { a: { b: [10, { c: 'deep' }], 'odd key': true, n: null }, list: [1, 2] };
    assert.strictEqual(readJsonPath(doc, '$.a.b[1].c'), 'deep');
    assert.strictEqual(readJsonPath(doc, 'a.b[0]'), 10);
    assert.strictEqual(readJsonPath(doc, "$.a['odd key']"), true);
    assert.strictEqual(readJsonPath(doc, '$.a["odd key"]'), true);
    assert.strictEqual(readJsonPath(doc, '$.a.n'), null);
    assert.deepStrictEqual(readJsonPath(doc, '$.list'), [1, 2]);
    assert.deepStrictEqual(readJsonPath(doc, '$'), doc);
    assert.strictEqual(readJsonPath(doc, '$.a.b[5]'), undefined);
    assert.strictEqual(readJsonPath(doc, '$.a.b.c'), undefined);
    assert.strictEqual(readJsonPath(doc, '$.list.length'), undefined);
    assert.strictEqual(readJsonPath(doc, '$.a.toString'), undefined);
    assert.strictEqual(readJsonPath(doc, '$..a'), undefined);
  });

  it('saves objects as JSON text and null as empty', () => {
    const definition = flowOf({
      get: {
        type: 'http',
        method: 'POST',
        url: 'https://x.example.com',
        save: { obj: '$.o', nothing: '$.n' },
        success: 'bye',
        failure: 'bye',
      },
      bye: end,
    });
    const result = call(definition, {
      http: { 'POST https://x.example.com': { status: 201, body: { o: { k: [1] }, n: null } } },
    });
    assert.deepStrictEqual(result.steps[0]!.assigned, { obj: '{"k":[1]}', nothing: '' });
  });

  it('refuses a fixture without a valid status', () => {
    assert.throws(
      () => call(lookupFlow, { http: { [url]: { status: 'ok' as unknown as number } } }),
      (err: InvalidInputError) =>
        err instanceof InvalidInputError && err.code === 'invalid-http-fixtures' && err.message.includes(url),
    );
  });

  describe('fixture files', () => {
    it('reads a map of requests to responses, bare or under http', () => {
      const text = `"GET ${url}":\n  status: 200\n  body: { customer: { tier: gold } }\nhttps://crm.example.com/health: { status: 503 }\n`;
      const fixtures = parseHttpFixturesText(text, 'crm.yaml');
      assert.deepStrictEqual(fixtures[`GET ${url}`], { status: 200, body: { customer: { tier: 'gold' } } });
      assert.deepStrictEqual(
        parseHttpFixturesText(`http:\n  ${text.replace(/\n(?=.)/g, '\n  ')}`, 'crm.yaml'),
        fixtures,
      );
      assert.deepStrictEqual(parseHttpFixturesText('', 'empty.yaml'), {});
    });

    it('points at the line of a bad fixture', () => {
      assert.throws(
        () =>
          parseHttpFixturesText(
            'https://a.example.com: { status: 200 }\nhttps://b.example.com: { body: {} }\n',
            'crm.yaml',
          ),
        (err: InvalidInputError) =>
          err.code === 'invalid-http-fixtures' &&
          err.message.startsWith('crm.yaml:2:1:') &&
          /status between 100 and 599/.test(err.message),
      );
      assert.throws(
        () => parseHttpFixturesText('a: [\n', 'broken.yaml'),
        (err: InvalidInputError) => err.message.startsWith('broken.yaml:'),
      );
      assert.throws(() => parseHttpFixturesText('- 1\n', 'list.yaml'), /expected a map/);
    });
  });
});
