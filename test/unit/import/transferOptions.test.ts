import * as assert from 'node:assert';
import { transferOptions } from '../../../src/core/import/transferOptions';

describe("import: a source transfer's ring time and caller id", () => {
  it("reads each dialect's way of saying the caller's number and the number called", () => {
    const cases: Array<[string, string]> = [
      ['{{trigger.call.From}}', 'caller'],
      ['{{contact.channel.address}}', 'dialed'],
      ['$.CustomerEndpoint.Address', 'caller'],
      ['$.SystemEndpoint.Address', 'dialed'],
      ['Call.Ani', 'caller'],
      ['Call.CalledAddress', 'dialed'],
      ['+442071838750', '+442071838750'],
    ];
    for (const [source, expected] of cases) {
      const notes: string[] = [];
      assert.deepStrictEqual(transferOptions(undefined, source, notes), { 'caller-id': expected }, source);
      assert.deepStrictEqual(notes, []);
    }
  });

  it('keeps a ring time within 5 to 120 s, saying so when it had to change it', () => {
    const notes: string[] = [];
    assert.deepStrictEqual(transferOptions(20, undefined, notes), { 'ring-seconds': 20 });
    assert.deepStrictEqual(transferOptions(600, undefined, notes), { 'ring-seconds': 120 });
    assert.deepStrictEqual(notes, ['it rings for 600 s; a transfer rings 5 to 120 s, so 120 s']);
    assert.deepStrictEqual(transferOptions(0, undefined, []), {});
  });

  it('a caller id computed at run time is left to the carrier, and said', () => {
    const notes: string[] = [];
    assert.deepStrictEqual(transferOptions(undefined, '{{flow.variables.cid}}', notes), {});
    assert.match(notes[0]!, /caller id \{\{flow\.variables\.cid\}\} is computed by the source/);
  });
});
