/**
 * Hostile corpus, inputs: what a user or a flow author can type. A catastrophic pattern, a caller
 * id that is not a number, variables that double in a loop, a queue named `__proto__`, bidi
 * controls in a name, a version number past what the layout holds. Each case: exit code, message,
 * and the repository as promised.
 */
import * as assert from 'assert';
import { callflow } from '../cli/cliHarness';
import {
  assertNoInternalError,
  refusedWithoutChange,
  workspaceWithPublishedFlow,
  type HostileRepo,
} from './fileCorpus';
import { parseFlowId } from '../../../src/core';

const AT = '2026-11-24T15:00:00Z';

/** A draft of support-line whose steps are `steps` (YAML lines under `steps:`). */
async function draftWith(repo: HostileRepo, steps: string[]): Promise<void> {
  await repo.workspace.edit(parseFlowId('support-line'));
  await repo.write(
    'flows/support-line/v2.yaml',
    ['callflow: 1', 'trigger: incoming-call', 'start: start', 'steps:', ...steps, ''].join('\n'),
  );
}

describe('hostile: inputs', function () {
  this.timeout(60_000);
  let repo: HostileRepo;
  beforeEach(async () => {
    repo = await workspaceWithPublishedFlow();
  });
  afterEach(() => repo.cleanup());

  it('a catastrophic pattern (^(1+)+2$) against a long value runs in linear time: simulate, test and save finish', async () => {
    await draftWith(repo, [
      '  start:',
      '    type: set',
      `    values: { digits: "${'1'.repeat(30_000)}" }`,
      '    next: check',
      '  check:',
      '    type: condition',
      '    branches:',
      '      - when: { variable: digits, matches: "^(1+)+2$" }',
      '        next: yes',
      '    else: no',
      '  yes: { type: hangup, say: "matched" }',
      '  no: { type: hangup, say: "no match" }',
    ]);
    await repo.write(
      'flows/support-line/calls.yaml',
      `calls:\n  - name: long digits\n    at: ${AT}\n    expect: { says: "no match" }\n`,
    );
    const save = await callflow(repo.root, 'save', 'support-line');
    assert.strictEqual(save.code, 0, save.stderr);
    const simulate = await callflow(repo.root, 'simulate', 'support-line@draft', '--at', AT, '--json');
    assert.strictEqual(simulate.code, 0, simulate.stderr);
    assert.strictEqual(simulate.json<{ steps: { exit: string | null }[] }>().steps[1]!.exit, 'else');
    const test = await callflow(repo.root, 'test', 'support-line@draft');
    assert.strictEqual(test.code, 0, test.stdout);
  });

  it('a pattern RE2 cannot run is a save-time error, and false (with a warning) when simulated', async () => {
    await draftWith(repo, [
      '  start:',
      '    type: condition',
      '    branches:',
      '      - when: { variable: caller.number, matches: "^(\\\\d)\\\\1$" }',
      '        next: end',
      '    else: end',
      '  end: { type: hangup }',
    ]);
    const save = await callflow(repo.root, 'save', 'support-line');
    assert.strictEqual(save.code, 1, save.stdout);
    assert.match(save.stdout, /invalid-regex .*is not a pattern callflow can run \(invalid escape sequence/);
    const simulate = await callflow(repo.root, 'simulate', 'support-line@draft', '--at', AT, '--json');
    const result = simulate.json<{ warnings: { code: string }[] }>();
    assert.ok(result.warnings.some((w) => w.code === 'invalid-regex'));
  });

  it('--from takes any caller id a carrier sends, but no control characters, spaces or absurd lengths (exit 2)', async () => {
    for (const caller of ['anonymous', 'restricted', 'client:alice', 'sip:alice@example.com']) {
      const run = await callflow(repo.root, 'simulate', 'support-line', '--at', AT, '--from', caller, '--json');
      assert.notStrictEqual(run.code, 2, run.stderr);
      assert.strictEqual(run.json<{ variables: Record<string, string> }>().variables['caller.number'], caller);
    }
    const control = await refusedWithoutChange(
      repo,
      'simulate',
      'support-line',
      '--at',
      AT,
      '--from',
      '+1415\u001b[31m',
    );
    assert.strictEqual(control.code, 2, control.stderr);
    assert.match(control.stderr, /is not a caller id: it contains control characters\./);
    assert.match(control.stderr, /anonymous, restricted, client:alice/);
    const long = await refusedWithoutChange(repo, 'simulate', 'support-line', '--at', AT, '--from', 'x'.repeat(5000));
    assert.strictEqual(long.code, 2, long.stderr);
    assert.match(long.stderr, /A caller id is at most 256 characters \(this one has 5,000\)\./);
  });

  it('variables that double in a loop end the call with a variable-limit error outcome (exit 1), not an out-of-memory', async () => {
    await draftWith(repo, [
      '  start:',
      '    type: set',
      '    values: { x: "ab" }',
      '    next: double',
      '  double:',
      '    type: set',
      '    values: { x: "{{x}}{{x}}" }',
      '    next: double',
    ]);
    const run = await callflow(repo.root, 'simulate', 'support-line@draft', '--at', AT, '--json');
    assert.strictEqual(run.code, 1, run.stderr);
    const outcome = run.json<{ outcome: { kind: string; code: string; message: string } }>().outcome;
    assert.strictEqual(outcome.kind, 'error');
    assert.strictEqual(outcome.code, 'variable-limit');
    assert.match(
      outcome.message,
      /At step "double" a variable or prompt grew to [\d,]+ characters \(the limit is 65,536\)/,
    );
  });

  it('a queue named __proto__ is a queue like any other, on the command line and in call scenarios', async () => {
    await draftWith(repo, [
      '  start:',
      '    type: assign-dial',
      '    queue: __proto__',
      '    no-answer: busy',
      '  busy: { type: hangup, say: "all busy" }',
    ]);
    const busy = await callflow(repo.root, 'simulate', 'support-line@draft', '--at', AT, '--agents', '__proto__=busy');
    assert.strictEqual(busy.code, 0, busy.stderr);
    assert.match(busy.stdout, /all busy/);
    await repo.write(
      'flows/support-line/calls.yaml',
      [
        'calls:',
        `  - name: busy proto`,
        `    at: ${AT}`,
        '    agents: { __proto__: busy }',
        '    expect: { outcome: hangup, variables: { __proto__: "" } }',
        `  - name: answered`,
        `    at: ${AT}`,
        '    expect: { outcome: connected, queue: __proto__ }',
        '',
      ].join('\n'),
    );
    const test = await callflow(repo.root, 'test', 'support-line@draft', '--json');
    const results = test.json<{ files: { results: { name: string; passed: boolean; failures: string[] }[] }[] }>();
    const byName = Object.fromEntries(results.files[0]!.results.map((r) => [r.name, r]));
    assert.strictEqual(byName['answered']?.passed, true, JSON.stringify(byName));
    assert.strictEqual(byName['busy proto']?.passed, false, 'expects a variable __proto__ that nothing set');
    assert.strictEqual(({} as Record<string, unknown>)['busy'], undefined, 'Object.prototype is untouched');
  });

  it('bidi controls in a flow name or a label are refused (exit 2); echoed text shows them escaped', async () => {
    const create = await refusedWithoutChange(repo, 'create', 'Sales \u202Eenil troppuS', '--id', 'sales');
    assert.strictEqual(create.code, 2, create.stderr);
    assert.match(create.stderr, /A flow name cannot contain bidirectional control characters \(such as U\+202E\)/);
    const assign = await refusedWithoutChange(repo, 'assign', '+14155550100', 'support-line', '--label', 'a\u2066b');
    assert.strictEqual(assign.code, 2, assign.stderr);
    const id = await refusedWithoutChange(repo, 'show', 'x\u202Ey');
    assert.strictEqual(id.code, 2, id.stderr);
    assert.match(id.stderr, /"x\\u\{202E\}y" is not a flow id/);
  });

  it('a version number past what v<N>.yaml holds: refused as input, and a problem (not a crash) in a manifest', async () => {
    const restore = await refusedWithoutChange(repo, 'restore', 'support-line', '1000000000');
    assert.strictEqual(restore.code, 2, restore.stderr);
    const manifest = (await repo.read('flows/support-line/flow.yaml'))!.replace('version: 1', 'version: 1000000000');
    await repo.write('flows/support-line/flow.yaml', manifest);
    for (const argv of [['list'], ['verify'], ['show', 'support-line'], ['edit', 'support-line']]) {
      const run = await refusedWithoutChange(repo, ...argv);
      assertNoInternalError(run);
      // list shows the flow with a warning (exit 0); the others stop or report it.
      assert.strictEqual(run.code, argv[0] === 'list' ? 0 : argv[0] === 'verify' ? 1 : 2, run.stderr);
      assert.match(run.stdout + run.stderr, /version must be a whole number from 1 to 999,999,999/);
    }
  });
});
