/**
 * Hostile corpus, nesting: YAML nested thousands of levels deep overflows the yaml package's
 * recursive reader. Whichever file it is in (settings, numbers, a manifest, a version, a scenario
 * file, http fixtures), every reader says it plainly (nested more than 64 levels deep), never the
 * engine's "Maximum call stack size exceeded".
 */
import * as assert from 'assert';
import { InvalidInputError, parseHttpFixturesText } from '../../../src/core';
import { callflow, type CliRun } from '../cli/cliHarness';
import { assertNoInternalError, workspaceWithPublishedFlow, type HostileRepo } from './fileCorpus';
import { parseFlowId } from '../../../src/core';

const LEVELS = 20_000;
const deep = (prefix: string): string => `${prefix}${'['.repeat(LEVELS)}${']'.repeat(LEVELS)}\n`;
// The readers' words, and validation's (section 6 of docs/flow-format.md).
const PLAIN = /nested more than 64 levels deep|the file is nested too deeply to read/;

function assertPlain(run: CliRun): void {
  assertNoInternalError(run);
  const said = run.stdout + run.stderr;
  assert.match(said, PLAIN, said);
  assert.doesNotMatch(said, /call stack/i, said);
}

describe('hostile: YAML nested thousands of levels deep', function () {
  this.timeout(120_000);
  let repo: HostileRepo;
  beforeEach(async () => {
    repo = await workspaceWithPublishedFlow();
  });
  afterEach(() => repo.cleanup());

  it('callflow.yaml: every verb that reads it refuses with the plain message', async () => {
    await repo.write('callflow.yaml', deep('flowsDir: '));
    for (const argv of [['list'], ['validate'], ['simulate', 'support-line'], ['verify']]) {
      const run = await callflow(repo.root, ...argv);
      assert.notStrictEqual(run.code, 0, argv.join(' '));
      assertPlain(run);
    }
  });

  it('numbers.yaml: list warns plainly and validate reports it at its line', async () => {
    await repo.write('numbers.yaml', deep('numbers:\n  "+14155550100": '));
    assertPlain(await callflow(repo.root, 'list'));
    const validate = await callflow(repo.root, 'validate', 'numbers.yaml');
    assert.strictEqual(validate.code, 1);
    assertPlain(validate);
  });

  it('a manifest: list names the flow it cannot read, plainly', async () => {
    await repo.write('flows/support-line/flow.yaml', deep('name: Support Line\nversions: '));
    const list = await callflow(repo.root, 'list');
    assertPlain(list);
    assert.match(list.stdout, /support-line/);
  });

  it('a flow version and a scenario file: validate and test report them plainly', async () => {
    await repo.workspace.edit(parseFlowId('support-line'));
    await repo.write('flows/support-line/v2.yaml', deep('callflow: 1\ntrigger: incoming-call\nstart: '));
    assertPlain(await callflow(repo.root, 'validate', 'support-line'));
    await repo.write('flows/support-line/support.calls.yaml', deep('calls:\n  - name: deep\n    input: '));
    assertPlain(await callflow(repo.root, 'test', 'support-line@1'));
    assertPlain(await callflow(repo.root, 'validate', 'flows/support-line/support.calls.yaml'));
  });

  it('http fixtures: a typed error with the plain message', () => {
    assert.throws(
      () => parseHttpFixturesText(deep('https://api.example.com/x: '), 'fixtures.yaml'),
      (error: unknown) => error instanceof InvalidInputError && PLAIN.test(error.message),
    );
  });
});
