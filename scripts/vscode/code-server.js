// Where the cached code-server lives and how to start VS Code's own server from it.
// Shared by install.js, run-tests.js and scripts/start.js so that they agree on one layout.
'use strict';

const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const CODE_SERVER_VERSION = '4.100.3'; // VS Code 1.100.3; the last line whose engines.node is 20
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE_DIR = path.join(REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
const PACKAGE_DIR = path.join(CACHE_DIR, 'node_modules', 'code-server');
const VSCODE_DIR = path.join(PACKAGE_DIR, 'lib', 'vscode');
const SERVER_MAIN = path.join(VSCODE_DIR, 'out', 'server-main.js');
const INSTALLED_MARKER = path.join(CACHE_DIR, '.installed.json');
const CHROMIUM = '/usr/bin/chromium';

/** Files whose absence means the postinstall did not finish (native modules, ripgrep). */
const REQUIRED_FILES = [
  SERVER_MAIN,
  path.join(VSCODE_DIR, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'),
  path.join(VSCODE_DIR, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
  path.join(VSCODE_DIR, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
  path.join(VSCODE_DIR, 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'),
  path.join(VSCODE_DIR, 'extensions', 'node_modules'),
];

function missingInstallFiles() {
  return REQUIRED_FILES.filter((f) => !fs.existsSync(f));
}

function isInstalled() {
  if (!fs.existsSync(INSTALLED_MARKER)) return false;
  try {
    const marker = JSON.parse(fs.readFileSync(INSTALLED_MARKER, 'utf8'));
    return marker.version === CODE_SERVER_VERSION && missingInstallFiles().length === 0;
  } catch {
    return false;
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/**
 * Starts VS Code's server (the one code-server wraps) on 127.0.0.1 with every piece of state
 * in `stateDir`, so that nothing lands in $HOME or /tmp and no marketplace is asked.
 * Resolves once the server listens. `onOutput(line)` receives the server's own log lines.
 */
async function startServer({ stateDir, env = {}, args: extraArgs = [], port: requestedPort, onOutput = () => {} }) {
  if (!isInstalled()) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed: run \`node scripts/vscode/install.js\``);
  }
  const port = requestedPort || (await freePort());
  const dirs = {};
  for (const name of ['server-data', 'user-data', 'extensions', 'xdg-config', 'xdg-data', 'tmp']) {
    dirs[name] = path.join(stateDir, name);
    fs.mkdirSync(dirs[name], { recursive: true });
  }
  const args = [
    SERVER_MAIN,
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--without-connection-token',
    '--accept-server-license-terms',
    '--server-data-dir',
    dirs['server-data'],
    '--user-data-dir',
    dirs['user-data'],
    '--extensions-dir',
    dirs.extensions,
    '--telemetry-level',
    'off',
    // A fresh temp folder would open in Restricted Mode (and ask a dialog tests refuse).
    '--disable-workspace-trust',
    ...extraArgs,
  ];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      XDG_CONFIG_HOME: dirs['xdg-config'],
      XDG_DATA_HOME: dirs['xdg-data'],
      TMPDIR: dirs.tmp,
      EXTENSIONS_GALLERY: JSON.stringify({ serviceUrl: '' }),
      // The tests run in this process's extension host: keep its node from loading anything odd.
      NODE_OPTIONS: '',
      ELECTRON_RUN_AS_NODE: undefined,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true, // own process group, so stopServer can end the extension hosts with it
  });

  const lines = (stream) => {
    let rest = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk) => {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop();
      for (const line of parts) onOutput(line);
    });
  };
  lines(child.stdout);
  lines(child.stderr);

  await new Promise((resolve, reject) => {
    const deadline = Date.now() + 60_000;
    const onExit = (code, signal) => reject(new Error(`VS Code server exited early (code ${code}, signal ${signal})`));
    child.once('exit', onExit);
    const probe = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        child.off('exit', onExit);
        resolve();
      });
      socket.once('error', () => {
        socket.destroy();
        if (Date.now() > deadline) {
          child.off('exit', onExit);
          reject(new Error('VS Code server did not listen within 60 s'));
        } else {
          setTimeout(probe, 100);
        }
      });
    };
    probe();
  });

  return { port, child, url: `http://127.0.0.1:${port}` };
}

function stopServer(server) {
  if (!server || server.child.exitCode !== null || server.child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      try {
        process.kill(-server.child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      resolve();
    }, 5000);
    server.child.once('exit', () => {
      clearTimeout(timer);
      // The extension hosts are children of the server in the same group.
      try {
        process.kill(-server.child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
      resolve();
    });
    try {
      process.kill(-server.child.pid, 'SIGTERM');
    } catch {
      clearTimeout(timer);
      resolve();
    }
  });
}

/**
 * `callflow` in the workbench's terminals: a shim in `binDir` that runs this repository's CLI, and
 * what `startServer` needs to keep it on the terminals' PATH (spread into its options). VS Code's
 * server otherwise replaces its PATH with the one of a login shell it runs (`bash -i -l`, whose
 * /etc/profile resets PATH on Debian), and the shim's folder is lost; --force-disable-user-env keeps
 * this process's environment, already the user's own.
 */
function callflowOnTerminalPath(binDir) {
  fs.mkdirSync(binDir, { recursive: true });
  const shim = path.join(binDir, 'callflow');
  fs.writeFileSync(
    shim,
    `#!/bin/sh\nexec "${process.execPath}" "${path.join(REPO_ROOT, 'bin', 'callflow.js')}" "$@"\n`,
  );
  fs.chmodSync(shim, 0o755);
  return {
    env: { PATH: `${binDir}${path.delimiter}${process.env.PATH ?? ''}` },
    args: ['--force-disable-user-env'],
  };
}

/** The workbench URL that opens `folder` with this repository loaded as the extension under development. */
function workbenchUrl({ port, folder, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(REPO_ROOT)],
    ...(extensionTestsPath ? [['extensionTestsPath', remote(extensionTestsPath)]] : []),
    ['skipWelcome', 'true'],
  ];
  return `http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

module.exports = {
  CODE_SERVER_VERSION,
  REPO_ROOT,
  CACHE_DIR,
  PACKAGE_DIR,
  VSCODE_DIR,
  SERVER_MAIN,
  INSTALLED_MARKER,
  CHROMIUM,
  missingInstallFiles,
  isInstalled,
  freePort,
  makeTempDir,
  startServer,
  stopServer,
  workbenchUrl,
  callflowOnTerminalPath,
};
