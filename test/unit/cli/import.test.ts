import * as assert from 'node:assert';
import * as path from 'node:path';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/import');
const fixture = (relative: string): string => path.join(FIXTURES, relative);

interface ImportJson {
  flow: string;
  version: number;
  file: string;
  dialect: string;
  commit: string;
  report: { source: string; sourceType: string; result: string; steps: string[]; note: string }[];
}

describe('callflow import', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
    assert.strictEqual((await callflow(repo.root, 'init', '--timezone', 'Europe/Paris')).code, 0);
  });
  afterEach(() => repo.cleanup());

  it('creates a flow whose v1 draft is the converted flow, in one commit, the manifest saying where it came from', async () => {
    const before = repo.git('rev-list', '--count', 'HEAD').trim();
    const run = await callflow(repo.root, 'import', fixture('amazon-connect/main-ivr.json'), '--json');
    assert.strictEqual(run.code, 0, run.stderr);
    const result = run.json<ImportJson>();
    assert.deepStrictEqual(Object.keys(result).slice(0, 5), ['flow', 'version', 'file', 'dialect', 'commit']);
    assert.strictEqual(result.flow, 'main-ivr');
    assert.strictEqual(result.version, 1);
    assert.strictEqual(result.file, 'flows/main-ivr/v1.yaml');
    assert.strictEqual(result.dialect, 'amazon-connect');
    for (const entry of result.report)
      assert.deepStrictEqual(Object.keys(entry), ['source', 'sourceType', 'result', 'steps', 'note']);
    assert.strictEqual(Number(repo.git('rev-list', '--count', 'HEAD').trim()), Number(before) + 1);
    assert.strictEqual(
      repo.git('log', '-1', '--format=%s').trim(),
      'callflow(main-ivr): import v1 draft from amazon-connect (main-ivr.json)',
    );
    assert.match(
      repo.git('log', '-1', '--format=%B'),
      /Callflow-Action: import\nCallflow-Version: 1\nCallflow-Source: amazon-connect:main-ivr\.json/,
    );
    const manifest = (await repo.read('flows/main-ivr/flow.yaml')) ?? '';
    assert.match(
      manifest,
      /^name: Main IVR\nimportedFrom:\n {2}dialect: amazon-connect\n {2}file: main-ivr\.json\n {2}sha256: [0-9a-f]{64}\nversions:\n/,
    );
    assert.match(manifest, /createdFrom: import/);
    const draft = (await repo.read('flows/main-ivr/v1.yaml')) ?? '';
    assert.match(draft, /timezone: Europe\/Paris/);
    assert.match(draft, /# imported: /);
    assert.strictEqual(repo.git('status', '--porcelain'), '');
    const validate = await callflow(repo.root, 'validate', 'main-ivr', '--json');
    const codes = validate.json<{ code: string }[]>().map((p) => p.code);
    assert.deepStrictEqual(
      codes.filter((c) =>
        ['schema', 'unknown-step-type', 'unknown-step', 'missing-field', 'unknown-field'].includes(c),
      ),
      [],
    );
    assert.ok(
      codes.includes('no-opening-hours') && codes.includes('invalid-url') && codes.includes('unknown-flow'),
      codes.join(', '),
    );
  });

  it('prints the report and what to fill in; journeys and simulate work on the draft', async () => {
    const run = await callflow(
      repo.root,
      'import',
      fixture('twilio-studio/support-line.json'),
      '--name',
      'Support Line',
      '--id',
      'support',
    );
    assert.strictEqual(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /Imported "Support Line" from Twilio Studio as support: v1 draft at flows\/support\/v1\.yaml/,
    );
    assert.match(run.stdout, /19 source nodes: 10 mapped, 6 approximated, 3 dropped\./);
    assert.match(run.stdout, / {2}dropped {6}record_call \(call-recording\): Recording is a setting/);
    assert.match(run.stdout, /To fill in or check before publishing:\n.*unknown-flow/);
    assert.match(run.stderr, /callflow journeys support@draft/);
    const journeys = await callflow(repo.root, 'journeys', 'support@draft', '--json');
    assert.strictEqual(journeys.code, 0, journeys.stderr);
    assert.ok(journeys.json<{ journeys: unknown[] }>().journeys.length > 5);
    const sim = await callflow(repo.root, 'simulate', 'support@draft', '--digits', '1', '--json');
    assert.deepStrictEqual(
      sim.json<{ steps: { step: string }[] }>().steps.map((s) => s.step),
      ['set_caller', 'welcome', 'main_menu', 'sales_queue'],
    );
  });

  it('refuses a file with no incoming-call entry with exit 2, writing and committing nothing', async () => {
    const head = repo.git('rev-parse', 'HEAD');
    const run = await callflow(repo.root, 'import', fixture('twilio-studio/sms-only.json'));
    assert.strictEqual(run.code, 2);
    assert.match(
      run.stderr,
      /sms-only\.json is a Twilio Studio flow with no incoming-call entry: its Trigger starts on an incoming message/,
    );
    assert.match(run.stderr, /export the flow that answers your number/);
    assert.strictEqual(repo.git('rev-parse', 'HEAD'), head);
    assert.strictEqual(repo.git('status', '--porcelain', '--untracked-files=all'), '');
  });

  it('refuses bad options and missing files with exit 2, and a taken id with exit 3', async () => {
    const from = await callflow(repo.root, 'import', fixture('twilio-studio/support-line.json'), '--from', 'five9');
    assert.strictEqual(from.code, 2);
    assert.match(
      from.stderr,
      /--from five9 is not a dialect callflow imports\.\n {2}Use one of: twilio-studio, amazon-connect, genesys-archy\./,
    );
    const missing = await callflow(repo.root, 'import', 'nowhere.json');
    assert.strictEqual(missing.code, 2);
    assert.match(missing.stderr, /nowhere\.json does not exist/);
    const set = await callflow(repo.root, 'import', fixture('twilio-studio/support-line.json'), '--set', 'novalue');
    assert.strictEqual(set.code, 2);
    assert.match(set.stderr, /--set novalue is not KEY=VALUE/);
    assert.strictEqual(
      (await callflow(repo.root, 'import', fixture('amazon-connect/describe-contact-flow.json'))).code,
      0,
    );
    const again = await callflow(repo.root, 'import', fixture('amazon-connect/describe-contact-flow.json'));
    assert.strictEqual(again.code, 3, again.stderr);
  });
});
