/**
 * schemas/ serves two readers: our validation (AJV) and other YAML tools (completion, hover,
 * snippets). These tests keep both working and the editor annotations in step with the rest.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { STEP_TYPES } from '../../../src/core/model';
import { compileSchema } from '../../../src/core/validation/schemaCompiler';
import { schemaErrors } from '../../../src/core/validation/schemaRegistry';
import { codes, flowWith, GOODBYE, problemsOf } from './support';

const SCHEMAS = path.resolve(__dirname, '../../../../schemas');
interface StepDefinition {
  title: string;
  description: string;
  markdownDescription: string;
  properties: Record<string, { propertyNames?: { pattern: string } }>;
}
interface StepSchema {
  properties: { type: { enum: string[]; enumDescriptions: string[]; markdownEnumDescriptions: string[] } };
  defaultSnippets: Snippet[];
}
interface SchemaFile {
  definitions: Record<string, StepDefinition>;
  properties: Record<string, { propertyNames?: { pattern: string } }>;
}
const read = (name: string): SchemaFile => JSON.parse(fs.readFileSync(path.join(SCHEMAS, name), 'utf8')) as SchemaFile;

interface Snippet {
  label: string;
  body: Record<string, unknown>;
}

/** A snippet body with its placeholders replaced by their default text. */
function filledIn(body: unknown): unknown {
  return JSON.parse(JSON.stringify(body).replace(/\$\{\d+:([^}]*)\}/g, '$1'));
}

describe('schemas/ for our validation and for other YAML tools', () => {
  const version = read('flow-version.schema.json');
  const step = version.definitions.step as unknown as StepSchema;
  const definition = (type: string): StepDefinition => version.definitions[type]!;

  it('compiles every schema under our AJV, editor keywords included', () => {
    const names = fs.readdirSync(SCHEMAS).filter((name) => name.endsWith('.schema.json'));
    assert.ok(names.includes('call-scenarios.schema.json'));
    for (const name of names) assert.doesNotThrow(() => compileSchema(read(name)), name);
  });

  it("offers the step type as an enum whose descriptions are the step types' own", () => {
    assert.deepStrictEqual(step.properties.type.enum, [...STEP_TYPES]);
    assert.deepStrictEqual(
      step.properties.type.enumDescriptions,
      STEP_TYPES.map((type) => definition(type).description),
    );
    STEP_TYPES.forEach((type, i) => {
      const { title, description, markdownDescription } = definition(type);
      assert.strictEqual(step.properties.type.markdownEnumDescriptions[i], `**${title}.** ${description}`);
      assert.ok(markdownDescription.startsWith(`**${title}.** ${description}\n`), type);
    });
  });

  it('gives no default to a required field, unless its one allowed value (a const editors insert)', () => {
    const contradictions: string[] = [];
    const walk = (node: unknown, where: string): void => {
      if (node === null || typeof node !== 'object') return;
      const { properties, required } = node as { properties?: Record<string, object>; required?: unknown };
      if (properties && Array.isArray(required))
        for (const name of required as string[])
          if (properties[name] && 'default' in properties[name] && !('const' in properties[name]))
            contradictions.push(`${where}/${name}`);
      for (const [key, child] of Object.entries(node)) walk(child, `${where}/${key}`);
    };
    for (const name of fs.readdirSync(SCHEMAS).filter((file) => file.endsWith('.schema.json'))) walk(read(name), name);
    assert.deepStrictEqual(contradictions, []);
  });

  it('has one snippet per step type, each a valid step once its placeholders are filled in', () => {
    const snippets = step.defaultSnippets;
    assert.deepStrictEqual(
      snippets.map((s) => s.label),
      [...STEP_TYPES],
    );
    for (const snippet of snippets) {
      const flow = { callflow: 1, trigger: 'incoming-call', start: 'x', steps: { x: filledIn(snippet.body) } };
      assert.deepStrictEqual(schemaErrors('flow', flow), [], snippet.label);
    }
  });

  it('shows each step example in its markdown description as valid YAML of that step', () => {
    for (const type of STEP_TYPES) {
      const markdown = definition(type).markdownDescription;
      const yaml = /```yaml\n([\s\S]*)\n```/.exec(markdown)?.[1];
      assert.ok(yaml, type);
      const example = parse(yaml) as Record<string, unknown>;
      const flow = { callflow: 1, trigger: 'incoming-call', start: 'step-id', steps: example };
      assert.deepStrictEqual(schemaErrors('flow', flow), [], type);
    }
  });

  it('gives other tools the patterns of menu keys, time ranges and E.164 numbers, without a second message here', () => {
    const text = flowWith([
      '  welcome:',
      '    type: menu',
      '    options: { "12": goodbye }',
      '    no-input: goodbye',
      '    invalid: goodbye',
      '  hours:',
      '    type: business-hours',
      '    timezone: UTC',
      '    hours: { monday: ["9:00-17:00"] }',
      '    open: welcome',
      '    closed: out',
      '  out:',
      '    type: transfer',
      '    to: "555-0199"',
      '    failed: goodbye',
      ...GOODBYE,
    ]);
    assert.deepStrictEqual(codes(problemsOf(text).filter((p) => p.severity === 'error')), [
      'invalid-dtmf-key',
      'invalid-day',
      'invalid-time-range',
      'invalid-phone-number',
    ]);
    assert.strictEqual(definition('menu').properties['options']?.propertyNames?.pattern, '^[0-9*#]$');
    assert.ok(read('numbers.schema.json').properties['numbers']?.propertyNames?.pattern);
  });

  it('describes call scenario files: the sample scenarios pass, a wrong outcome does not', () => {
    const validate = compileSchema(read('call-scenarios.schema.json'));
    const sample = parse(
      fs.readFileSync(path.resolve(__dirname, '../../../../test/fixtures/simulator/acme.calls.yaml'), 'utf8'),
    ) as unknown;
    assert.ok(validate(sample), JSON.stringify(validate.errors));
    assert.ok(!validate({ calls: [{ name: 'x', expect: { outcome: 'answered' } }] }));
  });
});
