#!/usr/bin/env node
// The system packages `npm test` and `npm start` need beyond Node and git: Debian's chromium (the
// headless browser driving the canvas page in the unit suite, and VS Code in the integration suite),
// ripgrep and the Kerberos headers (code-server's native modules), and a compiler for those. Each suite
// ensures its own before it runs (`node scripts/system-deps.js unit` is the unit suite's first step), so
// a fresh machine passes on the first try. As root with apt-get the missing ones are installed, saying
// what and why; otherwise this stops at once with the exact command to run.
'use strict';

const fs = require('fs');
const { spawnSync } = require('child_process');

/** What needs system packages: the unit suite (the canvas page), the integration suite and `npm start`. */
const PURPOSES = ['unit', 'integration', 'start'];
const CODE_SERVER = ['integration', 'start'];

/**
 * Each system requirement with the Debian package that provides it, why the project needs it, and
 * which purposes need it.
 */
const SYSTEM_REQUIREMENTS = [
  {
    apt: 'chromium',
    why: 'the headless browser that drives the canvas page in the unit tests, and VS Code in the integration tests and screenshots',
    neededFor: PURPOSES,
    present: () => fs.existsSync('/usr/bin/chromium'),
  },
  {
    apt: 'redis-server',
    why: 'the shared store `callflow serve` replicas record retried answers in; the unit tests start a real one on loopback',
    neededFor: ['unit'],
    present: () => onPath('redis-server'),
  },
  {
    apt: 'bsdutils',
    why: '`script`, the pseudo-terminal the unit tests type keys into `callflow call` through',
    neededFor: ['unit'],
    present: () => onPath('script'),
  },
  {
    apt: 'ripgrep',
    why: "VS Code's search (code-server's @vscode/ripgrep uses /usr/bin/rg instead of downloading it)",
    neededFor: CODE_SERVER,
    present: () => fs.existsSync('/usr/bin/rg'),
  },
  {
    apt: 'libkrb5-dev',
    why: "the Kerberos headers code-server's kerberos native module builds against",
    neededFor: CODE_SERVER,
    present: () => fs.existsSync('/usr/include/krb5.h') || fs.existsSync('/usr/include/gssapi/gssapi.h'),
  },
  { apt: 'make', why: "building code-server's native modules", neededFor: CODE_SERVER, present: () => onPath('make') },
  { apt: 'g++', why: "building code-server's native modules", neededFor: CODE_SERVER, present: () => onPath('g++') },
  {
    apt: 'python3',
    why: "node-gyp, which builds code-server's native modules",
    neededFor: CODE_SERVER,
    present: () => onPath('python3'),
  },
];

/** The requirements one purpose needs (all of them when none is named). */
function requirementsFor(purpose) {
  if (purpose === undefined) return SYSTEM_REQUIREMENTS;
  if (!PURPOSES.includes(purpose)) throw new Error(`Unknown purpose "${purpose}": use one of ${PURPOSES.join(', ')}.`);
  return SYSTEM_REQUIREMENTS.filter((r) => r.neededFor.includes(purpose));
}

function aptCommand(packages) {
  return `apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends ${packages.join(' ')}`;
}

/**
 * What to do about the missing packages: nothing, install them (root with apt-get), or stop with
 * the command to run. Pure, so the decision is tested without touching the machine.
 * @param {{ missing: { apt: string, why: string }[], isRoot: boolean, hasAptGet: boolean }} machine
 */
function planSystemDeps({ missing, isRoot, hasAptGet }) {
  if (missing.length === 0) return { action: 'none' };
  const packages = missing.map((r) => r.apt);
  const reasons = missing.map((r) => `  - ${r.apt}: ${r.why}`);
  if (isRoot && hasAptGet) {
    return { action: 'install', packages, message: [`Installing ${packages.join(' ')}:`, ...reasons].join('\n') };
  }
  const command = hasAptGet
    ? `sudo sh -c '${aptCommand(packages)}'`
    : `install the equivalents of the Debian packages ${packages.join(' ')} with your system's package manager`;
  return {
    action: 'stop',
    packages,
    command,
    message: [
      `Missing system packages: ${packages.join(' ')}`,
      ...reasons,
      hasAptGet ? 'Install them with:' : 'This machine has no apt-get:',
      `  ${command}`,
      'then run the command again.',
    ].join('\n'),
  };
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

/** Probes this machine for what `purpose` needs (everything by default); installs or stops as planSystemDeps decides. */
function ensureSystemDeps(log = (m) => console.log(`[system-deps] ${m}`), purpose = undefined) {
  const needed = requirementsFor(purpose);
  const plan = planSystemDeps({
    missing: needed.filter((r) => !r.present()),
    isRoot: typeof process.getuid === 'function' && process.getuid() === 0,
    hasAptGet: onPath('apt-get'),
  });
  if (plan.action === 'none') return;
  if (plan.action === 'stop') {
    for (const line of plan.message.split('\n')) console.error(`[system-deps] ${line}`);
    process.exit(1);
  }
  log(plan.message);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...plan.packages],
  ]) {
    const result = spawnSync('apt-get', args, { stdio: 'inherit', env });
    if (result.status !== 0) {
      console.error(`[system-deps] apt-get ${args.join(' ')} failed (exit ${result.status}).`);
      console.error(`[system-deps] Run it by hand: ${aptCommand(plan.packages)}`);
      process.exit(1);
    }
  }
  const still = needed.filter((r) => !r.present()).map((r) => r.apt);
  if (still.length) {
    console.error(`[system-deps] Still missing after apt-get: ${still.join(' ')}.`);
    process.exit(1);
  }
}

module.exports = { SYSTEM_REQUIREMENTS, PURPOSES, requirementsFor, planSystemDeps, ensureSystemDeps, aptCommand };

// `node scripts/system-deps.js [unit|integration|start]`
if (require.main === module) ensureSystemDeps(undefined, process.argv[2]);
