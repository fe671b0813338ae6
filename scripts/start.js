#!/usr/bin/env node
// `npm start`: a real VS Code (code-server's VS Code server, web workbench) with this
// repository loaded as the extension under development, on a flow workspace.
//   node scripts/start.js [workspace-folder] [--port N] [--verbose]
// Without a folder it opens a fresh temp folder prepared by scripts/sample-workspace.js.
// Open the printed URL in a browser; Ctrl-C stops the server.
'use strict';

const fs = require('fs');
const path = require('path');
const cs = require('./vscode/code-server');
const { prepareSampleWorkspace } = require('./sample-workspace');

function parseArgs(argv) {
  const opts = { folder: undefined, verbose: false, port: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--verbose') opts.verbose = true;
    else if (a === '--port') opts.port = Number(argv[++i]);
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.folder = a;
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!cs.isInstalled()) {
    throw new Error(`code-server ${cs.CODE_SERVER_VERSION} is not installed: run \`node scripts/vscode/install.js\``);
  }
  if (!fs.existsSync(path.join(cs.REPO_ROOT, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  }

  const stateDir = cs.makeTempDir('callflow-studio-');
  let folder;
  if (opts.folder) {
    folder = path.resolve(opts.folder);
    if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) throw new Error(`not a folder: ${folder}`);
  } else {
    folder = await prepareSampleWorkspace(path.join(stateDir, 'sample-workspace'));
  }

  // `callflow` in the workbench's terminals: the sample workspace lies outside this repository, where
  // `npx callflow` finds nothing, so a shim on the terminals' PATH runs this repository's CLI.
  const terminalCli = cs.callflowOnTerminalPath(path.join(stateDir, 'bin'));
  const server = await cs.startServer({
    stateDir: path.join(stateDir, 'vscode'),
    ...terminalCli,
    port: opts.port,
    onOutput: (line) => {
      if (opts.verbose) console.log(`[server] ${line}`);
    },
  });

  let stopping = false;
  const stop = async (code) => {
    if (stopping) return;
    stopping = true;
    await cs.stopServer(server);
    // The sample workspace lives in stateDir too; a folder given on the command line is never touched.
    fs.rmSync(stateDir, { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => stop(0));
  process.on('SIGTERM', () => stop(0));
  server.child.once('exit', (code, signal) => {
    if (stopping) return;
    console.error(`VS Code server exited (code ${code}, signal ${signal})`);
    stop(1);
  });

  console.log(`Call Flow Studio in VS Code ${cs.CODE_SERVER_VERSION} (code-server), workspace ${folder}`);
  console.log('Open:');
  console.log(cs.workbenchUrl({ port: server.port, folder }));
  console.log('In its terminal, run the CLI as `callflow …` (e.g. `callflow list`).');
  console.log('Ctrl-C to stop.');
}

main().catch((err) => {
  console.error(`start: ${err.message || err}`);
  process.exit(1);
});
