/**
 * Hostile corpus, sizes: every file kind over its limit, YAML nested past the bound, alias bombs,
 * and numbers.yaml with 30,000 numbers. Each case: exit code, message, and the repository as
 * promised. (How fast is `npm run bench`'s business, suites "limits" and "numbers".)
 */
import * as assert from 'assert';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { FILE_SIZE_LIMITS, MAX_YAML_DEPTH } from '../../../src/core/fileLimits';
import { callflow } from '../cli/cliHarness';
import { manyNumbersText } from '../../helpers/manyNumbers';
import {
  assertNoInternalError,
  refusedWithoutChange,
  workspaceWithPublishedFlow,
  type HostileRepo,
} from './fileCorpus';
import { parseFlowId } from '../../../src/core';

const MANIFEST = 'flows/support-line/flow.yaml';

/** A YAML comment line repeated past `bytes`: valid YAML of any size, cheap to write. */
function padding(bytes: number): string {
  const line = `# ${'x'.repeat(76)}\n`;
  return line.repeat(Math.ceil(bytes / line.length));
}

function nested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

describe('hostile: sizes', function () {
  this.timeout(60_000);
  let repo: HostileRepo;
  beforeEach(async () => {
    repo = await workspaceWithPublishedFlow();
  });
  afterEach(() => repo.cleanup());

  const at = (relative: string) => path.join(repo.root, relative);

  it('a draft over its 512 KB limit is a file-too-large problem of validate (exit 1) and refused by save (exit 2)', async () => {
    await repo.workspace.edit(parseFlowId('support-line'));
    const draft = 'flows/support-line/v2.yaml';
    await fs.appendFile(at(draft), padding(FILE_SIZE_LIMITS.flow));
    const validate = await refusedWithoutChange(repo, 'validate', 'support-line', '--json');
    assert.strictEqual(validate.code, 1, validate.stderr);
    const problems = validate.json<{ file: string; code: string; message: string }[]>();
    const tooLarge = problems.find((p) => p.file === draft);
    assert.strictEqual(tooLarge?.code, 'file-too-large', JSON.stringify(problems));
    assert.match(tooLarge.message, /is too large: it is 51\d KB; flow version files are limited to 512 KB\./);
    const save = await refusedWithoutChange(repo, 'save', 'support-line');
    assert.strictEqual(save.code, 2, save.stderr);
    assert.match(save.stderr, /Split the flow into smaller flows joined with goto-flow steps\./);
  });

  it('a manifest, numbers.yaml, callflow.yaml and a scenario file over their limits are each reported', async () => {
    await fs.appendFile(at(MANIFEST), padding(FILE_SIZE_LIMITS.manifest));
    const list = await refusedWithoutChange(repo, 'list', '--json');
    assert.strictEqual(list.code, 0, list.stderr);
    assert.match(list.json<{ problem?: string }[]>()[0]!.problem ?? '', /flow manifests are limited to 256 KB/);
    repo.git('checkout', '--', MANIFEST);

    await fs.appendFile(at('numbers.yaml'), padding(FILE_SIZE_LIMITS.numbers));
    const listed = await refusedWithoutChange(repo, 'list');
    assert.strictEqual(listed.code, 0, listed.stderr);
    assert.match(listed.stderr, /numbers\.yaml is too large: .*numbers\.yaml files are limited to 8 MB/);
    const assign = await refusedWithoutChange(repo, 'assign', '+14155550100', 'support-line');
    assert.strictEqual(assign.code, 2, assign.stderr);
    assert.match(assign.stderr, /numbers\.yaml cannot be edited: numbers\.yaml is too large/);
    repo.git('checkout', '--', 'numbers.yaml');

    await fs.writeFile(at('flows/support-line/calls.yaml'), `calls: []\n${padding(FILE_SIZE_LIMITS.scenarios)}`);
    const test = await refusedWithoutChange(repo, 'test', 'support-line');
    assert.strictEqual(test.code, 1, test.stderr);
    assert.match(test.stdout, /calls\.yaml is too large: .*call scenario files are limited to 256 KB/);
    await fs.rm(at('flows/support-line/calls.yaml'));

    await fs.appendFile(at('callflow.yaml'), padding(FILE_SIZE_LIMITS.settings));
    const any = await refusedWithoutChange(repo, 'list');
    assert.strictEqual(any.code, 2, any.stderr);
    assert.match(any.stderr, /callflow\.yaml is too large: .*callflow\.yaml files are limited to 64 KB/);
    assertNoInternalError(any);
  });

  it('an http fixture file over its limit is refused by simulate --http (exit 2)', async () => {
    const fixture = path.join(repo.root, 'big-fixture.yaml');
    await fs.writeFile(fixture, padding(FILE_SIZE_LIMITS['http-fixtures']));
    const run = await refusedWithoutChange(
      repo,
      'simulate',
      'support-line',
      '--at',
      '2026-11-24T15:00:00Z',
      '--http',
      'big-fixture.yaml',
    );
    assert.strictEqual(run.code, 2, run.stderr);
    assert.match(run.stderr, /big-fixture\.yaml is too large: .*http fixture files are limited to 256 KB/);
  });

  it(`YAML nested deeper than ${MAX_YAML_DEPTH} levels is a clear problem in every file kind, never a stack overflow`, async () => {
    const deep = nested(MAX_YAML_DEPTH + 1);
    await repo.workspace.edit(parseFlowId('support-line'));
    await fs.appendFile(at('flows/support-line/v2.yaml'), `x-deep: ${deep}\n`);
    await fs.writeFile(at('flows/support-line/calls.yaml'), `calls: ${deep}\n`);
    await fs.writeFile(at('numbers.yaml'), `numbers:\n  "+14155550100": ${deep}\n`);
    const validate = await refusedWithoutChange(repo, 'validate', '--json');
    assert.strictEqual(validate.code, 1, validate.stderr);
    const messages = validate.json<{ file: string; message: string }[]>();
    for (const file of ['flows/support-line/v2.yaml', 'numbers.yaml']) {
      assert.ok(
        messages.some((p) => p.file === file && /nested too deeply/.test(p.message)),
        `${file}: ${JSON.stringify(messages)}`,
      );
    }
    const test = await refusedWithoutChange(repo, 'test', 'support-line@published');
    assert.strictEqual(test.code, 1, test.stderr);
    assert.match(test.stdout, /nested more than 64 levels deep/);
    for (const run of [validate, test]) assertNoInternalError(run);

    await fs.writeFile(at(MANIFEST), `name: x\nversions: ${nested(5000)}\n`);
    const list = await refusedWithoutChange(repo, 'list', '--json');
    assert.strictEqual(list.code, 0, list.stderr);
    assert.match(list.json<{ problem?: string }[]>()[0]!.problem ?? '', /not valid YAML/);
  });

  it('anchors and aliases in numbers.yaml are refused (an alias bomb never expands); assign says why (exit 2)', async () => {
    // "Billion laughs": each line is nine of the line before; the last would be 9^10 entries.
    const lines = ['numbers:', '  "+14155550100": &a0 [support-line, support-line, support-line]'];
    for (let i = 1; i <= 10; i++)
      lines.push(
        `  "+141555502${String(i).padStart(2, '0')}": &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(', ')}]`,
      );
    const bomb = lines.join('\n') + '\n';
    await repo.write('numbers.yaml', bomb);
    repo.git('commit', '-qam', 'numbers with aliases');
    const list = await refusedWithoutChange(repo, 'list');
    assert.strictEqual(list.code, 0, list.stderr);
    assert.match(list.stderr, /numbers\.yaml uses YAML anchors or aliases \(&name, \*name\); write each entry out/);
    const verify = await refusedWithoutChange(repo, 'verify');
    assert.strictEqual(verify.code, 1, verify.stderr);
    const assign = await refusedWithoutChange(repo, 'assign', '+14155550999', 'support-line');
    assert.strictEqual(assign.code, 2, assign.stderr);
    assert.match(assign.stderr, /numbers\.yaml cannot be edited: numbers\.yaml uses YAML anchors or aliases/);
    const validate = await refusedWithoutChange(repo, 'validate', 'numbers.yaml');
    assert.strictEqual(validate.code, 1, validate.stderr);
  });

  it('assign and list work on a numbers.yaml of 30,000 numbers, keeping every other line as it was', async () => {
    const text = manyNumbersText(30_000, 'support-line');
    await repo.write('numbers.yaml', text);
    repo.git('commit', '-qam', '30,000 numbers');
    const assign = await callflow(repo.root, 'assign', '+19995550000', 'support-line', '--label', 'New line');
    assert.strictEqual(assign.code, 0, assign.stderr);
    const after = (await repo.read('numbers.yaml'))!;
    assert.strictEqual(after, text + '  "+19995550000": { flow: support-line, label: New line }\n');
    const list = await callflow(repo.root, 'list', '--json');
    assert.strictEqual(list.json<{ numbers: string[] }[]>()[0]!.numbers.length, 30_001);
    const unassign = await callflow(repo.root, 'unassign', '+19995550000');
    assert.strictEqual(unassign.code, 0, unassign.stderr);
    assert.strictEqual(await repo.read('numbers.yaml'), text);
  });
});
