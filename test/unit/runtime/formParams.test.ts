/**
 * serve reads a carrier's form body by hand (it is on every request's path): it must read every
 * body exactly as URLSearchParams does, escapes that are not UTF-8 included.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { formParams } from '../../../src/runtime/server';

function bySearchParams(text: string): Record<string, string> {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URLSearchParams(text)) params[name] = value;
  return params;
}

const read = (text: string): Record<string, string> => formParams(Buffer.from(text, 'utf8'));

describe('formParams', () => {
  it('reads what URLSearchParams encodes, for any fields', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ unit: 'grapheme' }), fc.string({ unit: 'grapheme' }))), (fields) => {
        const text = new URLSearchParams(fields).toString();
        assert.deepStrictEqual(read(text), bySearchParams(text));
      }),
      { numRuns: 500 },
    );
  });

  it('reads any text as URLSearchParams does: bad escapes, plus signs, bare names, repeated names', () => {
    const pieces = fc.constantFrom(
      'a',
      'B',
      '=',
      '&',
      '+',
      '%',
      '%2',
      '%2B',
      '%41',
      '%C3%A9',
      '%E9',
      '%FF',
      '%ED%A0%80',
      'é',
      '😀',
      ' ',
      '%00',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 30 }), (parts) => {
        const text = parts.join('');
        assert.deepStrictEqual(read(text), bySearchParams(text));
      }),
      { numRuns: 2000 },
    );
    for (const text of ['', '&&', 'a', 'a=', '=b', 'a=1&a=2', 'Digits=1%23&From=%2B14155550123', 'x=%zz'])
      assert.deepStrictEqual(read(text), bySearchParams(text), text);
  });
});
