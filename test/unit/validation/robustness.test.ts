import * as assert from 'assert';
import * as fc from 'fast-check';
import { validateFlowText } from '../../../src/core/validation';
import { assertNoJargon, fixture } from './support';

const SOURCES = [fixture('sample-v1.yaml'), fixture('every-step.yaml')];
const NOISE = [
  '',
  ' ',
  ':',
  '-',
  '"',
  "'",
  '{',
  '[',
  '#',
  '*a',
  '&a',
  '1',
  'null',
  'type: menu',
  'next: nowhere',
  '  x: 1',
  '\t',
  '? ',
  '|',
];

/** Edits an admin might make by mistake: delete, duplicate, indent, or insert a fragment on a line. */
const mutation = fc.tuple(
  fc.nat(),
  fc.constantFrom('delete', 'duplicate', 'indent', 'outdent', 'insert'),
  fc.constantFrom(...NOISE),
  fc.nat(),
);

function mutate(text: string, edits: Array<[number, string, string, number]>): string {
  const lines = text.split('\n');
  for (const [at, kind, noise, column] of edits) {
    const i = at % lines.length;
    const line = lines[i]!;
    if (kind === 'delete') lines.splice(i, 1);
    else if (kind === 'duplicate') lines.splice(i, 0, line);
    else if (kind === 'indent') lines[i] = `  ${line}`;
    else if (kind === 'outdent') lines[i] = line.replace(/^ {1,2}/, '');
    else lines[i] = line.slice(0, column % (line.length + 1)) + noise + line.slice(column % (line.length + 1));
  }
  return lines.join('\n');
}

describe('validation: robustness against broken edits', () => {
  it('never throws, always places problems inside the file, and never speaks AJV', function () {
    this.timeout(60000);
    fc.assert(
      fc.property(fc.constantFrom(...SOURCES), fc.array(mutation, { minLength: 1, maxLength: 4 }), (source, edits) => {
        const text = mutate(source, edits);
        const lineCount = text.split('\n').length;
        const { problems } = validateFlowText(text, 'v1.yaml');
        for (const p of problems) {
          assert.ok(p.line >= 1 && p.line <= lineCount, `line ${p.line} of ${lineCount}: ${p.message}`);
          assert.ok(p.column >= 1, p.message);
          assert.ok(/^[a-z]+(-[a-z0-9]+)*$/.test(p.code), p.code);
          assert.ok(p.message.length > 0 && !/undefined|\[object Object\]|NaN/.test(p.message), p.message);
        }
        assertNoJargon(problems);
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 300), seed: process.env.FUZZ_RUNS ? undefined : 20261124 },
    );
  });
});
