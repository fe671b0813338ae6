import * as assert from 'assert';
import Ajv from 'ajv';
import { STEP_TYPES } from '../../../src/core/model';
import {
  editorSchemaKind,
  editorSchemaKindOfUri,
  editorSchemaText,
  editorSchemaUri,
  type EditorSchemaKind,
} from '../../../src/core/language/editorSchemas';
import { parseFlowId } from '../../../src/core';

const KINDS: EditorSchemaKind[] = ['flow', 'manifest', 'numbers', 'settings', 'scenarios'];

interface Derived {
  definitions: Record<string, { description?: string; properties?: Record<string, { description?: string }> }> & {
    step: { properties: { type: { examples: string[] } }; defaultSnippets: unknown[] };
  };
}

describe('schemas for other YAML tools (the Red Hat YAML extension)', () => {
  it('reports nothing, whatever the file holds, so that our problems are the only ones shown', () => {
    const ajv = new Ajv({ strict: false, allErrors: true });
    const broken = [
      { callflow: 'x', steps: { A: { type: 'hang-up', colour: 1 }, b: { type: 'menu', options: { '12': 3 } } } },
      { numbers: { '555': 7 } },
      { calls: [{ expect: { outcome: 'answered' } }] },
      [1, 2],
      'text',
    ];
    for (const kind of KINDS) {
      const validate = ajv.compile(JSON.parse(editorSchemaText(kind)) as object);
      for (const value of broken) assert.ok(validate(value), `${kind}: ${JSON.stringify(validate.errors)}`);
    }
  });

  it('keeps the descriptions, the step types and the snippets for completion and hover', () => {
    const flow = JSON.parse(editorSchemaText('flow')) as Derived;
    assert.deepStrictEqual(flow.definitions.step.properties.type.examples, [...STEP_TYPES]);
    assert.strictEqual(flow.definitions.step.defaultSnippets.length, STEP_TYPES.length);
    assert.match(flow.definitions.menu?.properties?.['options']?.description ?? '', /keys callers can press/);
    assert.match(editorSchemaText('scenarios'), /The steps the call goes through/);
  });

  it('picks the schema by the file role of our classifier', () => {
    assert.strictEqual(editorSchemaKind({ kind: 'version', flowId: parseFlowId('x'), version: 1 }), 'flow');
    assert.strictEqual(editorSchemaKind({ kind: 'scenarios', flowId: parseFlowId('x') }), 'scenarios');
    assert.strictEqual(editorSchemaKind({ kind: 'numbers' }), 'numbers');
  });

  it('names each kind by a URI the YAML extension asks back for, and no other URI', () => {
    for (const kind of ['flow', 'manifest', 'numbers', 'settings', 'scenarios'] as const)
      assert.strictEqual(editorSchemaKindOfUri(editorSchemaUri(kind)), kind);
    assert.strictEqual(editorSchemaKindOfUri('callflow-schema://schemas/constructor.json'), undefined);
    assert.strictEqual(editorSchemaKindOfUri('https://example.com/flow.json'), undefined);
  });
});
