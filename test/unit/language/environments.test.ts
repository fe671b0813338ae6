import * as assert from 'assert';
import { completions, hover, WorkspaceIndex } from '../../../src/core/language';
import { liveProblems, type EnvironmentSettings } from '../../../src/core';
import { ACME, withCursor } from './support';
import { parseFlowId } from '../../../src/core';

const ENVIRONMENTS: EnvironmentSettings[] = [
  { name: 'staging', values: { support_number: '+14155550111' }, numbersFile: 'numbers.staging.yaml' },
  {
    name: 'prod',
    values: { support_number: '+14155550199', crm_url: 'https://crm.example.com' },
    numbersFile: 'numbers.yaml',
  },
];

function indexWith(draft: string): WorkspaceIndex {
  const index = new WorkspaceIndex('flows', ENVIRONMENTS);
  index.setFile(
    'flows/acme/flow.yaml',
    'name: Acme\nversions:\n  - version: 1\n    status: draft\n    createdFrom: template\n    createdAt: 2026-01-05T09:00:00Z\n',
  );
  index.setFile('flows/acme/v1.yaml', draft);
  return index;
}

const file = (index: WorkspaceIndex, text: string) =>
  ({
    role: { kind: 'version', flowId: parseFlowId('acme'), version: 1 },
    relativePath: 'flows/acme/v1.yaml',
    text,
    index,
  }) as const;

describe('language: environment values', () => {
  it("offers env.NAME inside {{, with each environment's value", () => {
    const { text, offset } = withCursor(ACME.replace('"Please leave a message."', '"Call {{env.|"'));
    const items = completions(file(indexWith(text), text), offset)?.items ?? [];
    const support = items.find((i) => i.label === 'env.support_number');
    assert.ok(support, items.map((i) => i.label).join());
    assert.strictEqual(support.detail, 'staging: +14155550111 · prod: +14155550199');
    assert.strictEqual(
      items.find((i) => i.label === 'env.crm_url')?.detail,
      'staging: (no value) · prod: https://crm.example.com',
    );
  });

  it("shows each environment's value on hover, and says where a secret comes from", () => {
    const text = ACME.replace('"Please leave a message."', '"Call {{env.support_number}} or {{secret.TOKEN}}"');
    const index = indexWith(text);
    const at = (needle: string) => hover(file(index, text), text.indexOf(needle) + 3)!.contents;
    assert.match(at('env.support_number'), /\| staging \| `\+14155550111` \|\n\| prod \| `\+14155550199` \|/);
    assert.match(at('secret.TOKEN'), /environment variable `TOKEN`/);
  });

  it('reports an environment without the value as a live problem of the draft', () => {
    const text = ACME.replace('"Please leave a message."', '"Call {{env.crm_url}}"');
    const index = indexWith(text);
    const { problems } = liveProblems(
      { kind: 'version', flowId: parseFlowId('acme'), version: 1 },
      text,
      'flows/acme/v1.yaml',
      index.context(),
    );
    assert.ok(
      problems.some(
        (p) => p.code === 'missing-environment-value' && /^staging has no value for crm_url/.test(p.message),
      ),
      JSON.stringify(problems),
    );
  });
});
