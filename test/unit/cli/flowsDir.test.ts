import * as assert from 'assert';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';
import { openFlowWorkspace } from '../../../src/platform/openFlowWorkspace';
import { callflow } from './cliHarness';
import { parseFlowId } from '../../../src/core';

describe('a workspace with a custom flowsDir', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo();
    assert.strictEqual((await callflow(repo.root, 'init', '--flows-dir', 'call-flows/acme')).code, 0);
  });
  afterEach(() => repo.cleanup());

  it('keeps every verb in <flowsDir>/<id>/v<N>.yaml: create, save, publish, assign, show, validate, simulate, test, graph', async () => {
    const created = await callflow(repo.root, 'create', 'Support Line');
    assert.strictEqual(created.code, 0, created.stderr);
    assert.match(created.stdout, /call-flows\/acme\/support-line\/v1\.yaml/);
    assert.ok(existsSync(path.join(repo.root, 'call-flows/acme/support-line/v1.yaml')));
    assert.ok(!existsSync(path.join(repo.root, 'flows')));

    for (const argv of [
      ['save', 'support-line'],
      ['publish', 'support-line'],
      ['assign', '+14155550100', 'support-line'],
      ['validate'],
      ['validate', 'support-line'],
      ['validate', 'call-flows/acme/support-line/v1.yaml'],
      ['verify'],
      ['simulate', '+14155550100', '--at', '2026-11-24T15:00:00Z', '--digits', '1'],
      ['test', 'support-line'],
      ['graph', 'support-line'],
      ['graph', 'call-flows/acme/support-line/v1.yaml'],
    ]) {
      const run = await callflow(repo.root, ...argv);
      assert.strictEqual(run.code, 0, `${argv.join(' ')}: ${run.stdout}${run.stderr}`);
    }
    const shown = (await callflow(repo.root, 'show', 'support-line', '--json')).json<{
      versions: { file: string }[];
      manifestFile: string;
    }>();
    assert.deepStrictEqual(
      [shown.manifestFile, shown.versions[0]?.file],
      ['call-flows/acme/support-line/flow.yaml', 'call-flows/acme/support-line/v1.yaml'],
    );
  });

  it('the core answers where files live and what a path is, from callflow.yaml', async () => {
    const workspace = openFlowWorkspace(repo.root);
    const layout = await workspace.layout();
    assert.strictEqual(layout.versionPath(parseFlowId('support-line'), 3), 'call-flows/acme/support-line/v3.yaml');
    assert.strictEqual(layout.manifestPath(parseFlowId('support-line')), 'call-flows/acme/support-line/flow.yaml');
    assert.deepStrictEqual(await workspace.fileRole('call-flows/acme/support-line/v3.yaml'), {
      kind: 'version',
      flowId: 'support-line',
      version: 3,
    });
    assert.strictEqual(await workspace.fileRole('flows/support-line/v3.yaml'), undefined);
  });
});
