/** The decisions `npm test` and `npm start` take on a fresh machine: system packages and a git identity. */
import * as assert from 'assert';
import * as path from 'node:path';

interface Requirement {
  apt: string;
  why: string;
  neededFor?: string[];
}
interface Plan {
  action: 'none' | 'install' | 'stop';
  packages?: string[];
  command?: string;
  message?: string;
}
const SCRIPTS = path.resolve(__dirname, '../../../../scripts');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain Node scripts, run before any build
const { planSystemDeps, SYSTEM_REQUIREMENTS, requirementsFor } = require(path.join(SCRIPTS, 'system-deps.js')) as {
  planSystemDeps: (machine: { missing: Requirement[]; isRoot: boolean; hasAptGet: boolean }) => Plan;
  SYSTEM_REQUIREMENTS: Requirement[];
  requirementsFor: (purpose?: string) => Requirement[];
};
const PACKAGE_JSON = path.resolve(SCRIPTS, '../package.json');
// eslint-disable-next-line @typescript-eslint/no-require-imports -- plain Node scripts, run before any build
const { identityEnv } = require(path.join(SCRIPTS, 'git-identity.js')) as {
  identityEnv: (env: Record<string, string | undefined>, configured: { name?: string; email?: string }) => object;
};

const chromium = { apt: 'chromium', why: 'the headless browser' };
const ripgrep = { apt: 'ripgrep', why: "VS Code's search" };

describe('fresh machine: system packages', () => {
  it('does nothing when every package is there', () => {
    for (const isRoot of [true, false])
      for (const hasAptGet of [true, false])
        assert.deepStrictEqual(planSystemDeps({ missing: [], isRoot, hasAptGet }), { action: 'none' });
  });

  it('as root with apt-get, installs exactly the missing packages and says why', () => {
    const plan = planSystemDeps({ missing: [chromium, ripgrep], isRoot: true, hasAptGet: true });
    assert.strictEqual(plan.action, 'install');
    assert.deepStrictEqual(plan.packages, ['chromium', 'ripgrep']);
    assert.match(plan.message!, /Installing chromium ripgrep/);
    assert.match(plan.message!, /chromium: the headless browser/);
  });

  it('without root, stops with the exact apt-get command for the missing packages only', () => {
    const plan = planSystemDeps({ missing: [ripgrep], isRoot: false, hasAptGet: true });
    assert.strictEqual(plan.action, 'stop');
    assert.strictEqual(
      plan.command,
      "sudo sh -c 'apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ripgrep'",
    );
    assert.match(plan.message!, /ripgrep: VS Code's search/);
  });

  it('without apt-get, stops and names the Debian packages to find equivalents of, root or not', () => {
    for (const isRoot of [true, false]) {
      const plan = planSystemDeps({ missing: [chromium], isRoot, hasAptGet: false });
      assert.strictEqual(plan.action, 'stop');
      assert.match(plan.message!, /no apt-get/);
      assert.match(plan.command!, /chromium/);
    }
  });

  it('knows the packages the integration tests and npm start need', () => {
    assert.deepStrictEqual(
      SYSTEM_REQUIREMENTS.map((r) => r.apt),
      ['chromium', 'redis-server', 'bsdutils', 'ripgrep', 'libkrb5-dev', 'make', 'g++', 'python3'],
    );
  });
});

describe('fresh machine: each suite ensures its system packages before it runs', () => {
  it("the unit suite needs chromium (the canvas page tests), redis-server (serve's shared store) and bsdutils (`script`, the pty of callflow call's tests), and nothing only code-server needs", () => {
    assert.deepStrictEqual(
      requirementsFor('unit').map((r) => r.apt),
      ['chromium', 'redis-server', 'bsdutils'],
    );
  });

  it('the integration suite and npm start need every package but the unit-only ones; no purpose means all of them', () => {
    const all = SYSTEM_REQUIREMENTS.map((r) => r.apt).filter((apt) => apt !== 'redis-server' && apt !== 'bsdutils');
    assert.deepStrictEqual(
      requirementsFor('integration').map((r) => r.apt),
      all,
    );
    assert.deepStrictEqual(
      requirementsFor('start').map((r) => r.apt),
      all,
    );
    assert.deepStrictEqual(
      requirementsFor().map((r) => r.apt),
      SYSTEM_REQUIREMENTS.map((r) => r.apt),
    );
  });

  it('refuses a purpose it does not know, naming the ones it does', () => {
    assert.throws(() => requirementsFor('canvas'), /unit, integration, start/);
  });

  it("on a machine without chromium, the unit suite's plan installs it (root) or says what is missing and how", () => {
    const missing = requirementsFor('unit').filter((r) => r.apt === 'chromium');
    assert.deepStrictEqual(planSystemDeps({ missing, isRoot: true, hasAptGet: true }).packages, ['chromium']);
    const stop = planSystemDeps({ missing, isRoot: false, hasAptGet: true });
    assert.strictEqual(stop.action, 'stop');
    assert.match(stop.message!, /Missing system packages: chromium/);
    assert.match(stop.message!, /canvas page/);
  });

  it('`npm run test:unit` (the first suite `npm test` runs) ensures them before building or running a test', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the manifest as npm reads it
    const scripts = (require(PACKAGE_JSON) as { scripts: Record<string, string> }).scripts;
    const steps = scripts['test:unit']!.split('&&').map((s) => s.trim());
    assert.strictEqual(steps[0], 'node scripts/system-deps.js unit');
    assert.ok(steps.some((s) => s === 'mocha'));
  });
});

describe('fresh machine: git identity for the tests', () => {
  it('adds none when git is configured', () => {
    assert.deepStrictEqual(identityEnv({}, { name: 'Ada', email: 'ada@example.com' }), {});
  });

  it("adds a test identity for what is missing, through git's environment only", () => {
    assert.deepStrictEqual(identityEnv({}, {}), {
      GIT_AUTHOR_NAME: 'Call Flow Tests',
      GIT_COMMITTER_NAME: 'Call Flow Tests',
      GIT_AUTHOR_EMAIL: 'tests@callflow.invalid',
      GIT_COMMITTER_EMAIL: 'tests@callflow.invalid',
    });
    assert.deepStrictEqual(Object.keys(identityEnv({}, { name: 'Ada' })), ['GIT_AUTHOR_EMAIL', 'GIT_COMMITTER_EMAIL']);
  });

  it('keeps an identity the environment already gives', () => {
    const env = {
      GIT_AUTHOR_NAME: 'CI',
      GIT_COMMITTER_NAME: 'CI',
      GIT_AUTHOR_EMAIL: 'ci@x.invalid',
      GIT_COMMITTER_EMAIL: 'ci@x.invalid',
    };
    assert.deepStrictEqual(identityEnv(env, {}), {});
  });
});
