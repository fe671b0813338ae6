import * as assert from 'assert';
import { GitVersionControl } from '../../../src/git/gitVersionControl';
import { makeTempRepo, type TempRepo } from '../../helpers/tempRepo';

describe('git adapter: reading revisions for a review', () => {
  let repo: TempRepo;
  beforeEach(async () => {
    repo = await makeTempRepo({ subfolder: 'ws' });
    await repo.write('flows/a/flow.yaml', 'name: A\n');
    await repo.write('flows/a/odd name.yaml', 'x\n');
    await repo.write('other.txt', 'y\n');
    repo.git('add', '.');
    repo.git('commit', '-qm', 'one');
    await repo.write('flows/b/flow.yaml', 'name: B\n');
    repo.git('add', '.');
    repo.git('commit', '-qm', 'two');
  });
  afterEach(() => repo.cleanup());

  it('lists the files under a workspace folder at a revision, workspace-relative, names verbatim', async () => {
    const vcs = new GitVersionControl(repo.root);
    assert.deepStrictEqual(await vcs.listFilesAtRevision('HEAD~1', 'flows'), [
      'flows/a/flow.yaml',
      'flows/a/odd name.yaml',
    ]);
    assert.deepStrictEqual((await vcs.listFilesAtRevision('HEAD', 'flows')).length, 3);
    assert.deepStrictEqual(await vcs.listFilesAtRevision('HEAD', 'nothing-here'), []);
  });

  it('resolves a revision to its commit, and nothing for a name that is no commit', async () => {
    const vcs = new GitVersionControl(repo.root);
    assert.strictEqual(await vcs.resolveRevision('HEAD'), repo.git('rev-parse', 'HEAD').trim());
    assert.strictEqual(await vcs.resolveRevision('no-such-branch'), undefined);
    await assert.rejects(vcs.resolveRevision('--output=x'), RangeError);
    await assert.rejects(vcs.listFilesAtRevision('HEAD', '../outside'), RangeError);
  });
});
