// Tests make real commits, so git needs an identity. A machine with none (a fresh CI runner) gets
// one for the test processes only, through git's environment variables: the machine's and the
// user's git configuration are never written.
'use strict';

const { spawnSync } = require('child_process');

const TEST_IDENTITY = { name: 'Call Flow Tests', email: 'tests@callflow.invalid' };

/**
 * The GIT_AUTHOR_ and GIT_COMMITTER_ variables to add so commits have an identity: none when git's
 * configuration or the environment already gives one. Pure.
 * @param {Record<string, string | undefined>} env
 * @param {{ name?: string, email?: string }} configured what `git config user.name/user.email` print
 */
function identityEnv(env, configured) {
  const add = {};
  const name = configured.name || (env.GIT_AUTHOR_NAME && env.GIT_COMMITTER_NAME);
  const email = configured.email || (env.GIT_AUTHOR_EMAIL && env.GIT_COMMITTER_EMAIL);
  if (!name) Object.assign(add, { GIT_AUTHOR_NAME: TEST_IDENTITY.name, GIT_COMMITTER_NAME: TEST_IDENTITY.name });
  if (!email) Object.assign(add, { GIT_AUTHOR_EMAIL: TEST_IDENTITY.email, GIT_COMMITTER_EMAIL: TEST_IDENTITY.email });
  return add;
}

function gitConfig(key) {
  const result = spawnSync('git', ['config', '--get', key], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** This machine's missing identity variables (empty when git has an identity). */
function missingIdentityEnv(env = process.env) {
  return identityEnv(env, { name: gitConfig('user.name'), email: gitConfig('user.email') });
}

// Loaded by mocha (.mocharc.json `require`): the unit tests' git commands get the identity.
const mochaHooks = {
  beforeAll() {
    Object.assign(process.env, missingIdentityEnv());
  },
};

module.exports = { identityEnv, missingIdentityEnv, TEST_IDENTITY, mochaHooks };
