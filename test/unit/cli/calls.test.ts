import * as assert from 'assert';
import { promises as fs, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

// The flow of docs/flow-format.md section 4, greeting the caller by number.
const ACME = readFileSync(path.resolve(__dirname, '../../../../test/fixtures/flows/sample-v1.yaml'), 'utf8').replace(
  '"Thanks for calling Acme."',
  '"Thanks for calling Acme, {{caller.number}}."',
);
const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('callflow CLI: validate, simulate and test', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
    await callflow(repo.root, 'init');
    await callflow(repo.root, 'create', 'Acme');
    await repo.write('flows/acme/v1.yaml', ACME);
    await callflow(repo.root, 'save', 'acme');
    await callflow(repo.root, 'publish', 'acme');
    await callflow(repo.root, 'assign', '+14155550100', 'acme');
  });
  afterEach(() => repo.cleanup());

  it('validate --json reports each problem with file, line, column, severity, code, message and exits 1', async () => {
    await callflow(repo.root, 'edit', 'acme');
    await repo.write('flows/acme/v2.yaml', ACME.replace('open: menu', 'open: mneu'));
    const run = await callflow(repo.root, 'validate', 'acme', '--json');
    assert.strictEqual(run.code, 1);
    const problems = run.json<Array<Record<string, unknown>>>();
    const unknown = problems.find((p) => p['code'] === 'unknown-step');
    assert.ok(unknown, JSON.stringify(problems));
    assert.deepStrictEqual(Object.keys(unknown).sort(), ['code', 'column', 'file', 'line', 'message', 'severity']);
    assert.strictEqual(unknown['file'], 'flows/acme/v2.yaml');
    assert.strictEqual(unknown['line'], lineOf(ACME, 'open: menu'));
    assert.match(String(unknown['message']), /menu/);
  });

  it('validate of the whole workspace exits 0 when all is well', async () => {
    const run = await callflow(repo.root, 'validate');
    assert.strictEqual(run.code, 0, run.stdout);
    assert.match(run.stderr, /No problems found/);
  });

  it('validates a loose file outside any workspace', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'callflow-loose-'));
    try {
      await fs.writeFile(
        path.join(dir, 'draft.yaml'),
        'callflow: 1\ntrigger: incoming-call\nstart: a\nsteps:\n  a:\n    type: hangup\n    colour: red\n',
      );
      const run = await callflow(dir, 'validate', 'draft.yaml');
      assert.strictEqual(run.code, 1);
      assert.match(run.stdout, /^draft\.yaml:7:5 +error +unknown-field/m);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('simulates a call to a number through the published version', async () => {
    const run = await callflow(
      repo.root,
      'simulate',
      '+14155550100',
      '--from',
      '+12025550123',
      '--at',
      '2026-11-24T15:00:00Z',
      '--digits',
      '1',
      '--json',
    );
    assert.strictEqual(run.code, 0, run.stderr);
    const result = run.json<{
      flow: string;
      version: number;
      outcome: { kind: string; queue?: string };
      steps: Array<{ step: string; exit: string | null; say?: string }>;
    }>();
    assert.strictEqual(result.flow, 'acme');
    assert.strictEqual(result.version, 1);
    assert.deepStrictEqual([result.outcome.kind, result.outcome.queue], ['connected', 'sales']);
    assert.deepStrictEqual(
      result.steps.map((s) => s.step),
      ['welcome', 'hours', 'menu', 'sales'],
    );
    assert.strictEqual(result.steps[0]!.say, 'Thanks for calling Acme, +12025550123.');
  });

  it('simulates busy agents, failed transfers and holidays', async () => {
    const busy = await callflow(
      repo.root,
      'simulate',
      'acme',
      '--at',
      '2026-11-24T15:00:00Z',
      '--digits',
      '1',
      '--agents',
      'sales=busy',
      '--json',
    );
    assert.strictEqual(busy.json<{ outcome: { kind: string } }>().outcome.kind, 'voicemail');
    const failed = await callflow(
      repo.root,
      'simulate',
      'acme@1',
      '--at',
      '2026-11-24T15:00:00Z',
      '--digits',
      '2',
      '--transfer',
      'failed',
    );
    assert.match(failed.stdout, /outcome: voicemail/);
    const holiday = await callflow(repo.root, 'simulate', 'acme', '--at', '2026-12-25T15:00:00Z');
    assert.match(holiday.stdout, /hours \(business-hours\) \[Fri 2026-12-25 10:00\] -> holiday -> voicemail/);
  });

  it('follows goto-flow into another flow and stops with a goto cycle when the call would come back', async () => {
    await callflow(repo.root, 'create', 'Router');
    await repo.write(
      'flows/router/v1.yaml',
      'callflow: 1\ntrigger: incoming-call\nstart: ask\nsteps:\n  ask:\n    type: play\n    say: "Routing."\n    next: back\n  back:\n    type: goto-flow\n    flow: acme\n',
    );
    await callflow(repo.root, 'save', 'router');
    await callflow(repo.root, 'publish', 'router');
    await callflow(repo.root, 'edit', 'acme');
    await repo.write(
      'flows/acme/v2.yaml',
      ACME.replace('next: hours', 'next: route').replace(
        '  hours:\n',
        '  route:\n    type: goto-flow\n    flow: router\n  hours:\n',
      ),
    );
    const run = await callflow(
      repo.root,
      'simulate',
      'acme@draft',
      '--at',
      '2026-11-24T15:00:00Z',
      '--digits',
      '1',
      '--json',
    );
    assert.strictEqual(run.code, 1, 'an error outcome exits 1');
    const result = run.json<{
      outcome: { kind: string; code?: string };
      steps: Array<{ flow: string; step: string }>;
    }>();
    assert.deepStrictEqual(
      result.steps.map((s) => `${s.flow}:${s.step}`),
      ['acme:welcome', 'acme:route', 'router:ask', 'router:back'],
    );
    assert.deepStrictEqual([result.outcome.kind, result.outcome.code], ['error', 'goto-cycle']);
  });

  it('refuses bad simulate input with exit 2', async () => {
    const time = await callflow(repo.root, 'simulate', 'acme', '--at', 'tomorrow');
    assert.strictEqual(time.code, 2);
    const agents = await callflow(repo.root, 'simulate', 'acme', '--agents', 'sales');
    assert.strictEqual(agents.code, 2);
    assert.match(agents.stderr, /QUEUE=available/);
    const unassigned = await callflow(repo.root, 'simulate', '+14155550999');
    assert.strictEqual(unassigned.code, 2);
    assert.match(unassigned.stderr, /No flow is assigned/);
    const noDraft = await callflow(repo.root, 'simulate', 'acme@draft');
    assert.strictEqual(noDraft.code, 3);
  });

  it('test runs calls.yaml and exits 1 when a scenario fails', async () => {
    await repo.write(
      'flows/acme/calls.yaml',
      `calls:
  - name: weekday caller reaches sales
    at: 2026-11-24T15:00:00Z
    digits: ["1"]
    expect: { outcome: connected, queue: sales }
  - name: Christmas goes to voicemail
    at: 2026-12-25T15:00:00Z
    expect: { outcome: voicemail, path: [welcome, hours, voicemail, goodbye] }
`,
    );
    const pass = await callflow(repo.root, 'test', 'acme');
    assert.strictEqual(pass.code, 0, pass.stdout);
    assert.match(pass.stdout, /2 passed, 0 failed/);

    await repo.write(
      'flows/acme/extra.calls.yaml',
      `calls:
  - name: wrong expectation
    at: 2026-11-24T15:00:00Z
    digits: ["2"]
    expect: { outcome: connected, queue: sales }
`,
    );
    const fail = await callflow(repo.root, 'test', 'acme', '--json');
    assert.strictEqual(fail.code, 1);
    const report = fail.json<{ passedCount: number; failedCount: number }>();
    assert.deepStrictEqual([report.passedCount, report.failedCount], [2, 1]);
  });
});
