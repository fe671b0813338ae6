import * as assert from 'assert';
import { parseYaml, parseYamlForReading } from '../../../src/core/yamlText';

describe('parseYamlForReading: one parse per text for the readers', () => {
  const flow = (n: number): string => `callflow: 1\nstart: s${n}\nsteps:\n  s${n}: { type: hangup }\n`;

  it('gives the same parse for the same text, and a new one for any other text', () => {
    const first = parseYamlForReading(flow(1));
    assert.strictEqual(parseYamlForReading(flow(1)), first);
    assert.strictEqual(parseYamlForReading(flow(1).split('').join('')), first, 'equal text, another string');
    const other = parseYamlForReading(flow(2));
    assert.notStrictEqual(other, first);
    assert.deepStrictEqual(other.document.toJS(), parseYaml(flow(2)).document.toJS());
  });

  it('keeps the last four texts: the oldest is parsed again', () => {
    const kept = [10, 11, 12, 13].map((n) => parseYamlForReading(flow(n)));
    assert.strictEqual(parseYamlForReading(flow(10)), kept[0], 'using a text makes it the most recent');
    parseYamlForReading(flow(14));
    assert.notStrictEqual(parseYamlForReading(flow(11)), kept[1], 'the least recently used was dropped');
    assert.strictEqual(parseYamlForReading(flow(10)), kept[0]);
  });

  it('does not keep a text longer than a large flow', () => {
    const large = flow(20) + `# ${'x'.repeat(200_000)}\n`;
    assert.notStrictEqual(parseYamlForReading(large), parseYamlForReading(large));
  });

  it('keeps the errors of a broken text, and its duplicate keys', () => {
    const broken = parseYamlForReading('steps:\n  a: [\n');
    assert.ok(broken.errors.length > 0);
    const duplicated = parseYamlForReading('steps:\n  a: 1\n  a: 2\n');
    assert.deepStrictEqual(
      duplicated.errors.map((e) => e.code),
      ['DUPLICATE_KEY'],
    );
  });
});
