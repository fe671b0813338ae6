import * as assert from 'assert';
import {
  assertPhoneNumber,
  closestMatch,
  flowIdFromName,
  isFlowId,
  parseFlowId,
  parseVersionNumber,
  validateFlowName,
} from '../../../src/core/ids';
import { InvalidInputError } from '../../../src/core/errors';

describe('ids', () => {
  it('derives a flow id from a name', () => {
    assert.strictEqual(flowIdFromName('Support Line'), 'support-line');
    assert.strictEqual(flowIdFromName('  Café  Été!! '), 'cafe-ete');
    assert.strictEqual(flowIdFromName('../../etc/passwd'), 'etc-passwd');
    assert.strictEqual(flowIdFromName('--rm -rf'), 'rm-rf');
    assert.strictEqual(flowIdFromName('日本語'), '');
    assert.strictEqual(flowIdFromName('Straße'), 'strasse');
    assert.strictEqual(flowIdFromName('Łódź Hotline'), 'lodz-hotline');
    assert.strictEqual(flowIdFromName('Ærø & Øresund'), 'aero-oresund');
    assert.strictEqual(flowIdFromName('snake_case name'), 'snake-case-name');
    assert.ok(flowIdFromName('a'.repeat(200)).length <= 63);
  });

  it('accepts only flow ids of the contract', () => {
    for (const good of ['support-line', 'a', '0-9', 'a'.repeat(63)]) assert.ok(isFlowId(good), good);
    for (const bad of ['', '-lead', 'Upper', 'has space', '../x', 'a'.repeat(64), 'dot.ted', 'ünï'])
      assert.ok(!isFlowId(bad), bad);
  });

  it('parses a flow id once where it enters: the checked id, or an error that says what an id looks like', () => {
    assert.strictEqual(parseFlowId('support-line'), 'support-line');
    for (const bad of ['../x', 'Upper', '']) {
      assert.throws(
        () => parseFlowId(bad),
        (e: unknown) =>
          e instanceof InvalidInputError && e.code === 'invalid-flow-id' && /lowercase letters/.test(e.hint ?? ''),
        bad,
      );
    }
  });

  it('rejects names with control characters or over 100 characters', () => {
    assert.strictEqual(validateFlowName('Support Line'), undefined);
    assert.match(validateFlowName('')!, /empty/);
    assert.match(validateFlowName('a\tb')!, /control/);
    assert.match(validateFlowName('x'.repeat(101))!, /100/);
  });

  it('requires E.164 phone numbers and suggests the fix', () => {
    assert.strictEqual(assertPhoneNumber('+14155550100'), '+14155550100');
    assert.throws(
      () => assertPhoneNumber('(415) 555-0100'),
      (err: InvalidInputError) =>
        err.code === 'invalid-phone-number' && err.category === 'usage' && /\+14155550100/.test(err.hint ?? ''),
    );
    assert.throws(() => assertPhoneNumber('+0123'), InvalidInputError);
  });

  it('parses versions as N or vN', () => {
    assert.strictEqual(parseVersionNumber('v3'), 3);
    assert.strictEqual(parseVersionNumber('12'), 12);
    for (const bad of ['0', 'v', '-1', '3.0', 'v03', '1e3'])
      assert.throws(() => parseVersionNumber(bad), InvalidInputError, bad);
  });

  it('suggests the closest step id for a typo', () => {
    assert.strictEqual(closestMatch('voicemial', ['voicemail', 'menu', 'sales']), 'voicemail');
    assert.strictEqual(closestMatch('zzz', ['voicemail', 'menu']), undefined);
  });
});
