import * as assert from 'assert';
import { LifecycleRefusedError, parseDeployments } from '../../../src/core';
import { makeWorkspace, workspaceOn, type TempRepo } from '../../helpers/tempRepo';
import type { FlowWorkspace } from '../../../src/core/lifecycle/flowWorkspace';

describe('concurrent deployments (real git, two workspaces on one repository as two processes would be)', function () {
  this.timeout(60_000);
  let repo: TempRepo & { workspace: FlowWorkspace };
  let first: string;
  let second: string;
  const deployments = async () => parseDeployments(await repo.read('deployments.yaml'));
  const deployCommits = (): string[] =>
    repo
      .git('log', '--format=%s')
      .split('\n')
      .filter((s) => s.includes('deploy '));

  beforeEach(async () => {
    repo = await makeWorkspace();
    await repo.write('callflow.yaml', 'environments:\n  staging: {}\n  prod: { numbers: numbers.yaml }\n');
    repo.git('commit', '-qam', 'environments');
    first = repo.git('rev-parse', 'HEAD').trim();
    await repo.workspace.create('Support Line');
    second = repo.git('rev-parse', 'HEAD').trim();
  });
  afterEach(() => repo.cleanup());

  it('two deploys of one environment from the same plan: one wins, the other is refused (deployment-moved) and nothing else changes', async () => {
    const other = workspaceOn(repo.root);
    const results = await Promise.allSettled([
      repo.workspace.deploy('staging', first, null),
      other.deploy('staging', second, null),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    assert.strictEqual(won.length, 1, JSON.stringify(results));
    assert.ok(refused[0] instanceof LifecycleRefusedError);
    assert.strictEqual(refused[0].code, 'deployment-moved');
    assert.match(refused[0].message, /staging was deployed meanwhile/);

    const winner = (won[0] as PromiseFulfilledResult<{ commit: string }>).value.commit;
    assert.deepStrictEqual(
      [...(await deployments()).values()].map((d) => [d.environment, d.commit]),
      [['staging', winner]],
    );
    assert.strictEqual(deployCommits().length, 1, 'one deployment commit');
    assert.strictEqual(repo.git('status', '--porcelain'), '');
  });

  it('deploys of two environments at once both land, each on its own line', async () => {
    const other = workspaceOn(repo.root);
    await Promise.all([repo.workspace.deploy('staging', second, null), other.deploy('prod', first, null)]);
    assert.deepStrictEqual(
      [...(await deployments()).values()].map((d) => [d.environment, d.commit]),
      [
        ['prod', first],
        ['staging', second],
      ],
    );
    assert.strictEqual(deployCommits().length, 2);
    assert.strictEqual(repo.git('status', '--porcelain'), '');
  });
});
