/**
 * Hostile corpus, ledgers: flow.yaml as a careless merge leaves it (two entries for one version,
 * two published versions, versions out of order, two drafts). Every lifecycle verb refuses such a
 * flow (exit 3) naming the problem and the fix, with the rule verify uses, and changes nothing.
 * And a manifest's comments survive the operations that rewrite it.
 */
import * as assert from 'assert';
import type { FlowWorkspace } from '../../../src/core/lifecycle';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { runCallflow, snapshot, withDraftReady } from './harness';
import { parseFlowId } from '../../../src/core';

const MANIFEST = 'flows/support-line/flow.yaml';

describe('hostile: ledgers', function () {
  this.timeout(120_000);
  let repo: TempRepo & { workspace: FlowWorkspace };

  beforeEach(async () => {
    repo = await makeWorkspace();
    await withDraftReady(repo);
    await repo.workspace.create('Other Line');
    await repo.workspace.publish(parseFlowId('other-line'));
  });
  afterEach(() => repo.cleanup());

  /** Rewrites the ledger as a merge would and commits it. */
  async function mergeLedger(edit: (manifest: string) => string): Promise<void> {
    await repo.write(MANIFEST, edit((await repo.read(MANIFEST))!));
    repo.git('commit', '-q', '-am', 'Merge branch feature');
  }

  const entry = (version: number, status: string) =>
    `  - version: ${version}\n    status: ${status}\n    createdFrom: v1\n    createdAt: 2026-01-05T10:00:00Z\n    sha256: ${'0'.repeat(64)}\n`;

  for (const { name, edit, code, says } of [
    {
      name: 'two entries for one version',
      edit: (m: string) => m + entry(2, 'published'),
      code: 'duplicate-version',
      says: /v2 of "support-line" appears twice in the ledger\./,
    },
    {
      name: 'two published versions',
      edit: (m: string) => m.replace('status: draft', 'status: published'),
      code: 'multiple-published',
      says: /"support-line" has 2 published versions; a flow has at most one\./,
    },
    {
      name: 'two drafts',
      edit: (m: string) => m + entry(3, 'draft'),
      code: 'multiple-drafts',
      says: /"support-line" has 2 drafts; a flow has at most one\./,
    },
  ]) {
    it(`${name}: every lifecycle verb refuses (exit 3), verify flags the same rule, nothing changes`, async () => {
      await mergeLedger(edit);
      const before = await snapshot(repo);
      for (const args of [
        ['save', 'support-line'],
        ['publish', 'support-line'],
        ['discard', 'support-line'],
        ['edit', 'support-line'],
        ['restore', 'support-line', '1'],
        ['duplicate', 'support-line', '1', 'Copy Line'],
        ['assign', '+14155550100', 'support-line'],
      ]) {
        const run = await runCallflow(repo.root, args);
        assert.strictEqual(run.code, 3, `${args.join(' ')}: ${run.stderr}`);
        assert.match(run.stderr, new RegExp(`${MANIFEST.replace(/[/.]/g, '\\$&')} breaks the ledger's rules: `));
        assert.match(run.stderr, says, args.join(' '));
        assert.match(run.stderr, /No operation changes "support-line" until it is fixed\./);
        assert.match(
          run.stderr,
          /each version has one entry, in increasing order, with at most one draft and one published version/,
        );
        assert.match(run.stderr, /git log -p -- flows\/support-line\/flow\.yaml/);
      }
      assert.deepStrictEqual(await snapshot(repo), before);
      // The other flow is not held hostage.
      const other = await runCallflow(repo.root, ['edit', 'other-line']);
      assert.strictEqual(other.code, 0, other.stderr);
      const verify = await runCallflow(repo.root, ['verify', '--json']);
      assert.strictEqual(verify.code, 1);
      const codes = (JSON.parse(verify.stdout) as { findings: { code: string; flowId?: string }[] }).findings
        .filter((f) => f.flowId === 'support-line')
        .map((f) => f.code);
      assert.ok(codes.includes(code), codes.join());
    });
  }

  it("a manifest's comments and unknown keys survive save, publish and edit", async () => {
    const commented = (await repo.read(MANIFEST))!
      .replace(
        'name: Support Line',
        '# Owned by the support team; ask #telephony before changing.\nname: Support Line # shown in the tree',
      )
      .replace('  - version: 2', '  # the spring menu\n  - version: 2');
    await repo.write(MANIFEST, commented + 'x-owner: support@example.com\n');
    repo.git('commit', '-q', '-am', 'annotate the ledger');
    const v2 = 'flows/support-line/v2.yaml';
    await repo.write(v2, (await repo.read(v2))!.replace('v2.', 'v2, edited.'));
    for (const args of [
      ['save', 'support-line'],
      ['publish', 'support-line'],
      ['edit', 'support-line'],
    ]) {
      const run = await runCallflow(repo.root, args);
      assert.strictEqual(run.code, 0, `${args.join(' ')}: ${run.stderr}`);
      const text = (await repo.read(MANIFEST))!;
      assert.match(
        text,
        /^# Owned by the support team; ask #telephony before changing\.\nname: Support Line # shown in the tree\n/,
      );
      assert.match(text, / {2}# the spring menu\n {2}- version: 2\n/);
      assert.match(text, /x-owner: support@example\.com/);
    }
    const details = await repo.workspace.show(parseFlowId('support-line'));
    assert.deepStrictEqual(
      details.versions.map((v) => `${v.version}:${v.status}`),
      ['1:archived', '2:published', '3:draft'],
    );
  });
});
