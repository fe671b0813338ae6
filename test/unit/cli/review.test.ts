import * as assert from 'assert';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { callflow } from './cliHarness';

const FILE_V2 = 'flows/support-line/v2.yaml';

/** support goes from a queue to a transfer in v2. */
function toTransfer(text: string): string {
  return text.replace(
    'support:\n    type: assign-dial\n    queue: support\n    timeout: 120\n    no-answer: voicemail',
    'support:\n    type: transfer\n    to: "+14155550199"\n    failed: voicemail',
  );
}

describe('callflow CLI: diff, journeys and review', () => {
  let repo: TempRepo;
  let base: string;
  beforeEach(async () => {
    repo = await makeTempRepo();
    await callflow(repo.root, 'init');
    base = repo.git('rev-parse', 'HEAD').trim();
    // The lifecycle: create, save, publish, edit, (change) save, publish, assign.
    await callflow(repo.root, 'create', 'Support Line');
    await callflow(repo.root, 'save', 'support-line');
    await callflow(repo.root, 'publish', 'support-line');
    await callflow(repo.root, 'edit', 'support-line');
    await repo.write(FILE_V2, toTransfer((await repo.read(FILE_V2)) ?? ''));
    assert.strictEqual((await callflow(repo.root, 'save', 'support-line')).code, 0);
  });
  afterEach(() => repo.cleanup());

  it('diff --format json prints the contract shape, an exit change only under exits', async () => {
    const run = await callflow(repo.root, 'diff', 'support-line', '1', 'draft', '--format', 'json');
    assert.strictEqual(run.code, 0, run.stderr);
    const diff = run.json<Record<string, unknown>>();
    assert.deepStrictEqual(Object.keys(diff), ['flow', 'from', 'to', 'start', 'steps', 'exits', 'journeys']);
    assert.deepStrictEqual(diff.steps, {
      added: [],
      removed: [],
      renamed: [],
      changed: [
        {
          step: 'support',
          changes: [
            { field: 'type', from: 'assign-dial', to: 'transfer' },
            { field: 'queue', from: 'support', to: null },
            { field: 'timeout', from: 120, to: null },
            { field: 'to', from: null, to: '+14155550199' },
          ],
        },
      ],
    });
    assert.deepStrictEqual(diff.exits, [
      { step: 'support', exit: 'failed', from: null, to: 'voicemail' },
      { step: 'support', exit: 'no-answer', from: 'voicemail', to: null },
    ]);
    assert.deepStrictEqual(diff.journeys, [
      {
        journey: 'pressing 2 during open hours',
        from: { outcome: 'connected to queue support', path: ['welcome', 'hours', 'menu', 'support'] },
        to: { outcome: 'transferred to +14155550199', path: ['welcome', 'hours', 'menu', 'support'] },
      },
    ]);
  });

  it('diff prints words by default, Markdown on request, and the line diff as unified', async () => {
    await callflow(repo.root, 'publish', 'support-line');
    const text = await callflow(repo.root, 'diff', 'support-line', '1', '2');
    assert.strictEqual(text.code, 0, text.stderr);
    assert.match(
      text.stdout,
      /pressing 2 during open hours: was connected to queue support, now transferred to \+14155550199/,
    );
    const markdown = await callflow(repo.root, 'diff', 'support-line', '1', '2', '--format', 'markdown');
    assert.match(markdown.stdout, /^### `support-line`: v1 \(archived\) → v2 \(published\)/m);
    const unified = await callflow(repo.root, 'diff', 'support-line', '1', '2', '--format', 'unified');
    assert.match(unified.stdout, /^\+ {4}to: "\+14155550199"$/m);
    const bad = await callflow(repo.root, 'diff', 'support-line', '1', '2', '--format', 'html');
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--format text\|markdown\|json\|unified/);
  });

  it('journeys lists every way through the draft with scenario coverage', async () => {
    await repo.write(
      'flows/support-line/calls.yaml',
      'calls:\n  - name: support is transferred\n    at: 2026-11-24T15:00:00Z\n    digits: ["2"]\n    expect: { outcome: transferred }\n',
    );
    const run = await callflow(repo.root, 'journeys', 'support-line@draft', '--json');
    assert.strictEqual(run.code, 0, run.stderr);
    const result = run.json<{
      journeys: Array<{ description: string; coveredBy: string[] }>;
      coverage: { covered: number; total: number };
    }>();
    assert.strictEqual(result.coverage.covered, 1);
    assert.strictEqual(result.coverage.total, result.journeys.length);
    assert.deepStrictEqual(result.journeys.find((j) => j.description === 'pressing 2 during open hours')?.coveredBy, [
      'support is transferred',
    ]);
    const human = await callflow(repo.root, 'journeys', 'support-line');
    assert.match(human.stdout, /Coverage: 1 \/ \d+ journeys/);
    assert.strictEqual((await callflow(repo.root, 'journeys', '+14155550100')).code, 2);
  });

  it('review reports what the lifecycle did between two revisions, as Markdown and JSON', async () => {
    const mid = repo.git('rev-parse', 'HEAD').trim();
    await callflow(repo.root, 'publish', 'support-line');
    await callflow(repo.root, 'assign', '+14155550100', 'support-line');
    const markdown = await callflow(repo.root, 'review', mid);
    assert.strictEqual(markdown.code, 0, markdown.stderr);
    assert.match(markdown.stdout, /^### Support Line \(`support-line`\)$/m);
    assert.match(markdown.stdout, /^- published v2 replacing v1$/m);
    assert.match(markdown.stdout, /^- \+14155550100 assigned \(now rings this flow\)$/m);
    assert.match(
      markdown.stdout,
      /<details><summary>What callers get now \(v1 → v2\): 1 journey changed, 1 not covered/,
    );
    assert.match(markdown.stdout, /```mermaid\nflowchart TD/);
    assert.match(markdown.stdout, /pressing 2 during open hours: was connected to queue support, now transferred/);

    const json = await callflow(repo.root, 'review', base, 'HEAD', '--format', 'json');
    const report = json.json<{
      flows: Array<{ flow: string; events: string[]; published: { from: string; to: number } }>;
      numbers: unknown[];
      uncovered: number;
    }>();
    assert.deepStrictEqual(report.flows[0]!.events, [
      'new flow "Support Line"',
      'published v2 (first published version)',
      '+14155550100 assigned (now rings this flow)',
    ]);
    assert.strictEqual(report.flows[0]!.published.from, 'none');
    assert.deepStrictEqual(report.numbers, [{ number: '+14155550100', from: null, to: 'support-line' }]);
  });

  it('review shows a saved draft against the published version, and --fail-on-uncovered exits 1 until a scenario covers it', async () => {
    const published = repo.git('rev-parse', 'HEAD~2').trim(); // before edit and save
    const review = await callflow(repo.root, 'review', published, '--fail-on-uncovered');
    assert.strictEqual(review.code, 1, review.stderr);
    assert.match(review.stdout, /draft v2 created from v1 and saved/);
    assert.match(review.stdout, /Draft v2 against the published version \(v1 \(published\) → v2 \(draft\)\)/);
    assert.match(review.stderr, /covered by no call scenario/);

    await repo.write(
      'flows/support-line/calls.yaml',
      'calls:\n  - name: support is transferred\n    at: 2026-11-24T15:00:00Z\n    digits: ["2"]\n    expect: { outcome: transferred }\n',
    );
    repo.git('add', 'flows/support-line/calls.yaml');
    repo.git('commit', '-qm', 'Scenario for support');
    const covered = await callflow(repo.root, 'review', published, '--fail-on-uncovered');
    assert.strictEqual(covered.code, 0, covered.stdout + covered.stderr);
    assert.match(covered.stdout, /every changed journey is covered by a call scenario/);
  });

  it('publish --dry-run says what callers would get and publishes nothing; rollback --dry-run too', async () => {
    const head = repo.git('rev-parse', 'HEAD').trim();
    const plan = await callflow(repo.root, 'publish', 'support-line', '--dry-run');
    assert.strictEqual(plan.code, 0, plan.stderr);
    assert.deepStrictEqual(plan.stdout.split('\n'), [
      'Publishing v2 of "Support Line".',
      '  No number rings "Support Line" yet: no caller hears v2 until one is assigned. v1, published now, will be archived.',
      '  1 caller journey changes:',
      '    - pressing 2 during open hours: was connected to queue support, now transferred to +14155550199',
      '',
    ]);
    assert.match(plan.stderr, /Nothing published \(--dry-run\)\. Run `callflow publish support-line` to do it\./);
    const json = (await callflow(repo.root, 'publish', 'support-line', '--dry-run', '--json')).json<{
      version: number;
      archives: number;
      journeys: unknown[];
    }>();
    assert.deepStrictEqual([json.version, json.archives, json.journeys.length], [2, 1, 1]);
    assert.strictEqual(repo.git('rev-parse', 'HEAD').trim(), head, 'nothing committed');

    await callflow(repo.root, 'publish', 'support-line');
    const rollback = await callflow(repo.root, 'rollback', 'support-line', '--dry-run');
    assert.strictEqual(rollback.code, 0, rollback.stderr);
    assert.match(rollback.stdout, /^Rolling "Support Line" back to v1 publishes v3, a copy of it\.$/m);
    assert.match(
      rollback.stdout,
      /^ {4}- pressing 2 during open hours: was transferred to \+14155550199, now connected to queue support$/m,
    );
  });

  describe('after a rollback, where the published version has a higher number than the draft', () => {
    // v2 (transfer) published; v1 restored as the v3 draft and changed to transfer again; rolled back
    // to v1 (queue): v4 published.
    let beforeRestore: string;
    beforeEach(async () => {
      await callflow(repo.root, 'publish', 'support-line');
      beforeRestore = repo.git('rev-parse', 'HEAD').trim();
      assert.strictEqual((await callflow(repo.root, 'restore', 'support-line', '1')).code, 0);
      const draft = 'flows/support-line/v3.yaml';
      await repo.write(draft, toTransfer((await repo.read(draft)) ?? ''));
      assert.strictEqual((await callflow(repo.root, 'save', 'support-line')).code, 0);
      const rollback = await callflow(repo.root, 'rollback', 'support-line', '1');
      assert.strictEqual(rollback.code, 0, rollback.stderr);
    });

    it('diff reads from the published v4 to the v3 draft, whichever order they are given in', async () => {
      for (const args of [
        ['3', '4'],
        ['4', '3'],
        ['draft', '4'],
      ]) {
        const run = await callflow(repo.root, 'diff', 'support-line', ...args);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.match(run.stdout, /^support-line: v4 \(published\) → v3 \(draft\)$/m, args.join(' '));
        assert.match(
          run.stdout,
          /pressing 2 during open hours: was connected to queue support, now transferred to \+14155550199/,
        );
        if (args[0] !== '4')
          assert.match(run.stderr, /Reading v4 \(published\) → v3 \(draft\): the direction of publishing/);
        else assert.strictEqual(run.stderr, '');
      }
      const json = (await callflow(repo.root, 'diff', 'support-line', '3', '4', '--format', 'json')).json<{
        from: unknown;
        to: unknown;
      }>();
      assert.deepStrictEqual([json.from, json.to], [4, 3]);
      const unified = await callflow(repo.root, 'diff', 'support-line', 'draft', '4', '--format', 'unified');
      assert.match(unified.stdout, /^--- a\/flows\/support-line\/v4\.yaml$/m);
      assert.match(unified.stdout, /^\+ {4}to: "\+14155550199"$/m);
    });

    it('diff reads an archived version against the published one from the archived to the published', async () => {
      const run = await callflow(repo.root, 'diff', 'support-line', '4', '2');
      assert.match(run.stdout, /^support-line: v2 \(archived\) → v4 \(published\)$/m);
      assert.match(run.stdout, /was transferred to \+14155550199, now connected to queue support/);
    });

    it('review reads the draft from the published version to the draft', async () => {
      const review = await callflow(repo.root, 'review', beforeRestore);
      assert.match(review.stdout, /^- published v4 replacing v2$/m);
      assert.match(review.stdout, /What callers get now \(v2 → v4\)/);
      assert.match(review.stdout, /Draft v3 against the published version \(v4 \(published\) → v3 \(draft\)\)/);
      const json = (await callflow(repo.root, 'review', beforeRestore, '--format', 'json')).json<{
        flows: Array<{ draft: { from: unknown; to: unknown } | null }>;
      }>();
      assert.deepStrictEqual([json.flows[0]!.draft?.from, json.flows[0]!.draft?.to], [4, 'draft']);
    });
  });

  it('review refuses a revision that names no commit, with exit 2', async () => {
    const run = await callflow(repo.root, 'review', 'no-such-branch');
    assert.strictEqual(run.code, 2);
    assert.match(run.stderr, /"no-such-branch" is not a commit/);
    assert.strictEqual((await callflow(repo.root, 'review', '--upload-pack=x')).code, 2);
  });
});
