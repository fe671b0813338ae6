/**
 * The goto-flow targets of a version file: what the validation context reads of published
 * versions. A text is parsed only when it can hold a goto-flow step.
 */
import * as assert from 'assert';
import { gotoTargets } from '../../../src/core/workspace/validationContext';

const flow = (type: string): string => `callflow: 1
trigger: incoming-call
start: hand-over
steps:
  hand-over:
    type: ${type}
    flow: billing
  other:
    type: goto-flow
    flow: sales
`;

describe('gotoTargets', () => {
  it('finds each flow the file goes to, once', () => {
    assert.deepStrictEqual(gotoTargets(flow('goto-flow')), ['billing', 'sales']);
    assert.deepStrictEqual(gotoTargets(`${flow('goto-flow')}  third:\n    type: goto-flow\n    flow: billing\n`), [
      'billing',
      'sales',
    ]);
  });

  it('finds a goto-flow type written with escapes, which the plain text does not show', () => {
    const escaped = (type: string): string => `steps:\n  a:\n    type: "${type}"\n    flow: billing\n`;
    for (const type of ['goto\\x2dflow', 'goto\\u002dflow', 'goto\\U0000002dflow', '\\x67oto-flow'])
      assert.deepStrictEqual(gotoTargets(escaped(type)), ['billing'], type);
  });

  it('finds none in a file without goto-flow steps, in a file that does not parse, or in no file', () => {
    assert.deepStrictEqual(gotoTargets(flow('hangup').replace(/goto-flow/g, 'hangup')), []);
    assert.deepStrictEqual(gotoTargets('steps: [unclosed\n  type: goto-flow'), []);
    assert.deepStrictEqual(gotoTargets(undefined), []);
  });
});
