/**
 * Lifecycle commits and tags are signed as `git commit` and `git tag` sign them, with real keys:
 * an SSH key (gpg.format=ssh, checked through gpg.ssh.allowedSignersFile) and an OpenPGP key in a
 * throwaway GNUPGHOME. A signing failure changes nothing and says what to fix.
 */
import * as assert from 'assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SigningFailedError } from '../../../src/core/errors';
import type { FlowWorkspace } from '../../../src/core/lifecycle';
import { makeWorkspace, type TempRepo } from '../../helpers/tempRepo';
import { runCallflow, snapshot } from '../hostile/harness';
import { parseFlowId } from '../../../src/core';

const TAG = 'callflow/support-line/v1';

function onPath(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' }).status === 0;
}

function verifies(repo: TempRepo, what: 'commit' | 'tag', object: string): boolean {
  return spawnSync('git', [`verify-${what}`, object], { cwd: repo.root, stdio: 'ignore' }).status === 0;
}

/** Every lifecycle commit's signature status as `git log %G?` says it (G: good, N: none). */
function signatures(repo: TempRepo): string {
  return repo.git('log', '--format=%G?').replace(/\n/g, '');
}

async function expectSigningFailure(
  repo: TempRepo & { workspace: FlowWorkspace },
  object: 'commit' | 'tag',
  setting: string,
): Promise<void> {
  const before = await snapshot(repo);
  await assert.rejects(repo.workspace.publish(parseFlowId('support-line')), (err: unknown) => {
    assert.ok(err instanceof SigningFailedError, String(err));
    assert.strictEqual(err.object, object);
    assert.match(
      err.message,
      new RegExp(`^git could not sign the ${object} \\(${setting.replace('.', '\\.')} is on\\): `),
    );
    assert.match(err.message, /Nothing was changed: files, index, HEAD and tags are as they were\.$/);
    assert.match(err.hint ?? '', new RegExp(`Set up your signing key .* \`git config ${setting} false\``));
    return true;
  });
  assert.deepStrictEqual(await snapshot(repo), before, 'the failed publish left everything as it was');
}

describe('git adapter: signed commits and tags', function () {
  this.timeout(60_000);
  let repo: TempRepo & { workspace: FlowWorkspace };
  afterEach(() => repo.cleanup());

  describe('with an SSH signing key (gpg.format=ssh)', () => {
    let keys: string;
    before(async function () {
      if (!onPath('ssh-keygen')) {
        console.log('      (skipped: ssh-keygen is not installed; Debian package openssh-client)');
        this.skip();
      }
      keys = await fs.mkdtemp(path.join(os.tmpdir(), 'callflow-ssh-'));
      execFileSync('ssh-keygen', [
        '-q',
        '-t',
        'ed25519',
        '-N',
        '',
        '-C',
        'callflow test',
        '-f',
        path.join(keys, 'key'),
      ]);
      const publicKey = await fs.readFile(path.join(keys, 'key.pub'), 'utf8');
      await fs.writeFile(path.join(keys, 'allowed'), `admin@example.com ${publicKey}`);
    });
    after(async () => {
      if (keys) await fs.rm(keys, { recursive: true, force: true });
    });

    beforeEach(async () => {
      repo = await makeWorkspace();
      repo.git('config', 'gpg.format', 'ssh');
      repo.git('config', 'user.signingkey', path.join(keys, 'key.pub'));
      repo.git('config', 'gpg.ssh.allowedSignersFile', path.join(keys, 'allowed'));
    });

    it('commit.gpgsign and tag.gpgsign: every lifecycle commit and the publish tag are signed and verify', async () => {
      repo.git('config', 'commit.gpgsign', 'true');
      repo.git('config', 'tag.gpgsign', 'true');
      await repo.workspace.create('Support Line');
      const published = await repo.workspace.publish(parseFlowId('support-line'));
      assert.ok(verifies(repo, 'commit', 'HEAD'), 'git verify-commit HEAD');
      assert.ok(verifies(repo, 'tag', TAG), `git verify-tag ${TAG}`);
      assert.strictEqual(repo.git('rev-parse', `${TAG}^{commit}`).trim(), repo.git('rev-parse', 'HEAD').trim());
      assert.strictEqual(published.commit, repo.git('rev-parse', 'HEAD').trim());
      // create's and publish's commits signed; init's commit was made before signing was set up.
      assert.strictEqual(signatures(repo), 'GGN');
      assert.deepStrictEqual((await snapshot(repo)).leftovers, [], 'no temporary hooks or files left in .git');
    });

    it('tag.gpgsign alone: the tag is signed, the commits are not', async () => {
      repo.git('config', 'tag.gpgsign', 'true');
      await repo.workspace.create('Support Line');
      await repo.workspace.publish(parseFlowId('support-line'));
      assert.ok(verifies(repo, 'tag', TAG));
      assert.ok(!verifies(repo, 'commit', 'HEAD'));
      assert.strictEqual(signatures(repo), 'NNN');
    });

    it('tag.forceSignAnnotated: git signs the tag, as `git tag -m` would', async () => {
      repo.git('config', 'tag.forceSignAnnotated', 'true');
      await repo.workspace.create('Support Line');
      await repo.workspace.publish(parseFlowId('support-line'));
      assert.ok(verifies(repo, 'tag', TAG));
    });

    it('signing off: neither commits nor tags carry a signature', async () => {
      await repo.workspace.create('Support Line');
      await repo.workspace.publish(parseFlowId('support-line'));
      assert.strictEqual(signatures(repo), 'NNN');
      assert.doesNotMatch(repo.git('cat-file', 'tag', TAG), /BEGIN SSH SIGNATURE/);
    });

    it('the commit cannot be signed (the key file is missing): typed error, nothing changed', async () => {
      await repo.workspace.create('Support Line');
      repo.git('config', 'commit.gpgsign', 'true');
      repo.git('config', 'user.signingkey', path.join(keys, 'missing.pub'));
      await expectSigningFailure(repo, 'commit', 'commit.gpgsign');
    });

    it('the tag cannot be signed: typed error, no commit on HEAD, no tag, nothing changed', async () => {
      await repo.workspace.create('Support Line');
      repo.git('config', 'tag.gpgsign', 'true');
      repo.git('config', 'user.signingkey', path.join(keys, 'missing.pub'));
      await expectSigningFailure(repo, 'tag', 'tag.gpgsign');
      assert.strictEqual(repo.git('tag', '--list'), '');
    });

    it('callflow publish: exit 4 with what to fix, and the publish works once signing is fixed', async () => {
      await repo.workspace.create('Support Line');
      repo.git('config', 'commit.gpgsign', 'true');
      repo.git('config', 'user.signingkey', path.join(keys, 'missing.pub'));
      const failed = await runCallflow(repo.root, ['publish', 'support-line']);
      assert.strictEqual(failed.code, 4, failed.stderr);
      assert.match(failed.stderr, /callflow: git could not sign the commit \(commit\.gpgsign is on\): .*missing\.pub/);
      assert.match(failed.stderr, /or turn signing off for this repository with `git config commit\.gpgsign false`/);
      repo.git('config', 'user.signingkey', path.join(keys, 'key.pub'));
      const published = await runCallflow(repo.root, ['publish', 'support-line']);
      assert.strictEqual(published.code, 0, published.stderr);
      assert.ok(verifies(repo, 'commit', 'HEAD'));
    });
  });

  describe('with an OpenPGP key (gpg, the default gpg.format)', () => {
    let gnupgHome: string;
    let previous: string | undefined;
    before(async function () {
      if (!onPath('gpg')) {
        console.log('      (skipped: gpg is not installed; Debian package gnupg)');
        this.skip();
      }
      gnupgHome = await fs.mkdtemp(path.join(os.tmpdir(), 'callflow-gpg-'));
      previous = process.env.GNUPGHOME;
      process.env.GNUPGHOME = gnupgHome; // git, and the gpg it runs, inherit it
      execFileSync(
        'gpg',
        ['--batch', '--passphrase', '', '--quick-gen-key', 'Test Admin <admin@example.com>'].concat([
          'ed25519',
          'sign',
          'never',
        ]),
        { stdio: 'ignore' },
      );
    });
    after(async () => {
      if (!gnupgHome) return;
      spawnSync('gpgconf', ['--kill', 'gpg-agent'], { stdio: 'ignore' });
      if (previous === undefined) delete process.env.GNUPGHOME;
      else process.env.GNUPGHOME = previous;
      await fs.rm(gnupgHome, { recursive: true, force: true });
    });

    beforeEach(async () => {
      repo = await makeWorkspace();
      repo.git('config', 'commit.gpgsign', 'true');
      repo.git('config', 'tag.gpgsign', 'true');
    });

    it('signs with the key of the committer identity (no user.signingkey): commit and tag verify', async () => {
      await repo.workspace.create('Support Line');
      await repo.workspace.publish(parseFlowId('support-line'));
      assert.ok(verifies(repo, 'commit', 'HEAD'), 'git verify-commit HEAD');
      assert.ok(verifies(repo, 'tag', TAG), `git verify-tag ${TAG}`);
      assert.match(repo.git('cat-file', 'tag', TAG), /-----BEGIN PGP SIGNATURE-----/);
    });

    it('gpg cannot be run (gpg.program names no program): typed error, nothing changed', async () => {
      repo.git('config', 'commit.gpgsign', 'false');
      await repo.workspace.create('Support Line');
      repo.git('config', 'commit.gpgsign', 'true');
      repo.git('config', 'gpg.program', path.join(gnupgHome, 'no-such-gpg'));
      await expectSigningFailure(repo, 'commit', 'commit.gpgsign');
    });

    it('no secret key for the signing key named: typed error for the tag, nothing changed', async () => {
      repo.git('config', 'commit.gpgsign', 'false');
      await repo.workspace.create('Support Line');
      repo.git('config', 'user.signingkey', 'nobody@example.com');
      await expectSigningFailure(repo, 'tag', 'tag.gpgsign');
    });
  });
});
