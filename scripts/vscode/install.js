#!/usr/bin/env node
// Installs code-server (a real VS Code: server, web workbench, Node extension host) into
// .vscode-test/code-server-<version>/ for the integration tests. Skipped when already complete.
//
// Works without internet beyond the npm registry (see CONTRIBUTING.md, "Integration tests in a real VS Code"):
// - ripgrep comes from Debian's /usr/bin/rg, pre-seeded in @vscode/ripgrep's download cache;
// - native modules build against the system's Node headers (/usr/include/node);
// - kerberos needs libkrb5-dev; the browser is Debian's chromium.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawn, spawnSync } = require('child_process');
const cs = require('./code-server');
const { ensureSystemDeps } = require('../system-deps');

const RIPGREP_CACHE = 'vscode-ripgrep-cache-1.15.11'; // @vscode/ripgrep version in code-server's lib/vscode
const RIPGREP_ASSET_VERSION = 'v13.0.0-10';
const INSTALL_TIMEOUT_MS = 15 * 60_000;

function log(msg) {
  console.log(`[vscode-install] ${msg}`);
}

function fail(msg) {
  console.error(`[vscode-install] ERROR: ${msg}`);
  console.error('[vscode-install] The integration tests cannot run in a real VS Code without this; not skipping them.');
  process.exit(1);
}

function checkSystem() {
  const nodeMajor = Number(process.versions.node.split('.')[0]);
  if (nodeMajor !== 20) {
    fail(`code-server ${cs.CODE_SERVER_VERSION} requires Node 20 (this is ${process.version}).`);
  }
  ensureSystemDeps((msg) => log(msg));
}

function ripgrepTarget() {
  switch (process.arch) {
    case 'x64':
      return 'x86_64-unknown-linux-musl';
    case 'arm64':
      return 'aarch64-unknown-linux-musl';
    default:
      fail(`no ripgrep target known for ${process.arch}`);
  }
}

/** Puts Debian's rg where @vscode/ripgrep looks for its download, so its postinstall never goes online. */
function seedRipgrepCache(tmpDir) {
  const cacheDir = path.join(tmpDir, RIPGREP_CACHE);
  fs.mkdirSync(cacheDir, { recursive: true });
  const asset = path.join(cacheDir, `ripgrep-${RIPGREP_ASSET_VERSION}-${ripgrepTarget()}.tar.gz`);
  const tar = spawnSync('tar', ['czf', asset, '-C', '/usr/bin', 'rg'], { stdio: 'inherit' });
  if (tar.status !== 0) fail(`could not make ${asset} from /usr/bin/rg`);
}

function runLogged(cmd, args, { cwd, env, logFile }) {
  return new Promise((resolve) => {
    const out = fs.openSync(logFile, 'a');
    fs.writeSync(out, `\n$ ${cmd} ${args.join(' ')}\n`);
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
    const timer = setTimeout(() => {
      fs.writeSync(out, `\n[vscode-install] timed out after ${INSTALL_TIMEOUT_MS / 1000} s\n`);
      child.kill('SIGKILL');
    }, INSTALL_TIMEOUT_MS);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fs.closeSync(out);
      resolve(code === 0 ? 0 : (code ?? (signal ? 128 : 1)));
    });
    child.on('error', (err) => {
      clearTimeout(timer);
      fs.writeSync(out, `\n${err.stack}\n`);
      fs.closeSync(out);
      resolve(1);
    });
  });
}

function tail(file, lines) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

async function install() {
  const started = Date.now();
  // A half-finished install is never reused: start from an empty folder.
  fs.rmSync(cs.CACHE_DIR, { recursive: true, force: true });
  fs.mkdirSync(cs.CACHE_DIR, { recursive: true });
  // Its own package.json so npm does not walk up to the repository's.
  fs.writeFileSync(
    path.join(cs.CACHE_DIR, 'package.json'),
    JSON.stringify({ name: 'callflow-vscode-test-cache', private: true }, null, 2) + '\n',
  );
  const tmpDir = path.join(cs.CACHE_DIR, '.tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  seedRipgrepCache(tmpDir);
  const logFile = path.join(cs.CACHE_DIR, 'install.log');

  const env = {
    ...process.env,
    TMPDIR: tmpDir,
    // node-pty's postinstall runs `npx node-gyp`: never stop to ask.
    npm_config_yes: 'true',
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
  // Build native modules against the installed Node headers instead of downloading them.
  if (fs.existsSync('/usr/include/node/node.h')) env.npm_config_nodedir = '/usr';

  log(
    `installing code-server ${cs.CODE_SERVER_VERSION} into ${path.relative(cs.REPO_ROOT, cs.CACHE_DIR)} (about 1-2 min; log: ${path.relative(cs.REPO_ROOT, logFile)})`,
  );
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const code = await runLogged(
    npm,
    ['install', '--unsafe-perm', '--no-save', '--no-package-lock', `code-server@${cs.CODE_SERVER_VERSION}`],
    { cwd: cs.CACHE_DIR, env, logFile },
  );
  if (code !== 0) {
    console.error(tail(logFile, 60));
    fail(`npm install code-server@${cs.CODE_SERVER_VERSION} failed (exit ${code}); full log in ${logFile}`);
  }
  const missing = cs.missingInstallFiles();
  if (missing.length) {
    console.error(tail(logFile, 60));
    fail(`code-server installed but incomplete; missing:\n  ${missing.join('\n  ')}\nfull log in ${logFile}`);
  }
  const rg = spawnSync(path.join(cs.VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'), ['--version']);
  if (rg.status !== 0) fail('the ripgrep placed in code-server does not run');
  fs.rmSync(tmpDir, { recursive: true, force: true });
  fs.writeFileSync(
    cs.INSTALLED_MARKER,
    JSON.stringify(
      { version: cs.CODE_SERVER_VERSION, node: process.version, installedAt: new Date().toISOString() },
      null,
      2,
    ) + '\n',
  );
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
}

async function main() {
  if (cs.isInstalled()) {
    log(`code-server ${cs.CODE_SERVER_VERSION} already installed in ${path.relative(cs.REPO_ROOT, cs.CACHE_DIR)}`);
    // Chromium is still needed to run the tests even when the cache survived.
    checkSystem();
    return;
  }
  checkSystem();
  await install();
}

if (require.main === module) {
  main().catch((err) => fail(err.stack || String(err)));
}

module.exports = { checkSystem };
