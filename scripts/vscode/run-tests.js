#!/usr/bin/env node
// Runs the integration suite (out/test/integration/index.js) inside a real VS Code.
//
// Default: VS Code's server from the cached code-server (scripts/vscode/install.js) and its
// web workbench in headless Debian Chromium, driven by playwright-core. The tests run in
// the Node extension host with the real `vscode` API.
// --electron: @vscode/test-electron instead (downloads desktop VS Code; needs internet,
// and a display or xvfb-run on Linux).
//
// Exit codes: 0 all passed, 1 a test failed, 2 infrastructure failure, timeout or no test ran.
//
// Options: --grep <pattern>   only tests whose full title matches
//          --timeout <sec>    whole-run limit (default 300, or CALLFLOW_TEST_TIMEOUT)
//          --keep             keep the temp workspace and VS Code state for inspection
//          --verbose          also print the server's and the browser's own logs
'use strict';

const fs = require('fs');
const path = require('path');
const util = require('util');
const { spawnSync } = require('child_process');
const cs = require('./code-server');
const { missingIdentityEnv } = require('../git-identity');

const SUITE = path.join(cs.REPO_ROOT, 'out', 'test', 'integration', 'index.js');
const FIXTURE_WORKSPACE = path.join(cs.REPO_ROOT, 'test', 'integration', 'fixtures', 'workspace');
const ARTIFACTS = path.join(cs.REPO_ROOT, 'test-artifacts');
const SCREENSHOTS = path.join(ARTIFACTS, 'screenshots');
const LOGS = path.join(ARTIFACTS, 'logs');
const SCREENSHOT_MARKER = /^@@screenshot ([A-Za-z0-9][A-Za-z0-9._-]*)\s*$/;
// Routine workbench messages that would bury mocha's report; kept in the logs, shown with --verbose.
const WORKBENCH_NOISE = [
  /^Resolving connection token /,
  /^Resolved connection token /,
  /^Creating a socket \(/,
  /^Ignoring fetching additional builtin extensions from gallery/,
  /^Updating additional builtin extensions cache/,
  /^ChatSessionStore: /,
  /^\[Service Worker\] registration /, // the server serves no service worker; nothing uses it here
];
const SUMMARY_LINE = /^\d+ passed, \d+ failed(, \d+ skipped)?$/;

const EXIT = { passed: 0, failed: 1, infra: 2 };

// Flags that keep Chromium quiet on a closed network and usable as root in a container.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

function parseArgs(argv) {
  const opts = {
    electron: false,
    keep: false,
    verbose: process.env.CALLFLOW_TEST_VERBOSE === '1',
    grep: process.env.CALLFLOW_TEST_GREP || '',
    timeoutSec: Number(process.env.CALLFLOW_TEST_TIMEOUT || 300),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--electron') opts.electron = true;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--grep') opts.grep = argv[++i] || '';
    else if (a === '--timeout') opts.timeoutSec = Number(argv[++i]);
    else {
      console.error(`unknown option ${a}`);
      process.exit(EXIT.infra);
    }
  }
  if (!(opts.timeoutSec > 0)) {
    console.error('--timeout needs a positive number of seconds');
    process.exit(EXIT.infra);
  }
  return opts;
}

function say(msg) {
  console.log(`[vscode-tests] ${msg}`);
}

/** A fresh flow workspace per run: a copy of the fixture, as a git repository. */
function prepareTestWorkspace(stateDir) {
  const workspace = path.join(stateDir, 'workspace');
  fs.cpSync(FIXTURE_WORKSPACE, workspace, { recursive: true });
  spawnSync('git', ['init', '-q'], { cwd: workspace, stdio: 'ignore' });
  // The web workbench auto-saves after a second by default; desktop VS Code (and the tests' idea of
  // "unsaved edits") does not. Kept out of git so the workspace's history is the tests' alone.
  fs.mkdirSync(path.join(workspace, '.vscode'), { recursive: true });
  fs.writeFileSync(path.join(workspace, '.vscode', 'settings.json'), '{ "files.autoSave": "off" }\n');
  fs.mkdirSync(path.join(workspace, '.git', 'info'), { recursive: true });
  fs.appendFileSync(path.join(workspace, '.git', 'info', 'exclude'), '.vscode/\n');
  return workspace;
}

function readResults(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Decides the exit code from what the suite reported, never from the exit call alone. */
function verdict(results, reportedExit, reason) {
  if (reason) return { code: EXIT.infra, why: reason };
  if (!results)
    return { code: EXIT.infra, why: 'the suite reported no results (it did not load, or the extension host died)' };
  if (results.failed > 0) return { code: EXIT.failed, why: `${results.failed} test(s) failed` };
  if (results.passed === 0) return { code: EXIT.infra, why: 'no test ran' };
  if (reportedExit !== 0) return { code: EXIT.failed, why: `the suite's run() rejected (exit ${reportedExit})` };
  return { code: EXIT.passed, why: 'all tests passed' };
}

function printSummary(results) {
  if (!results) return;
  const skipped = results.skipped ? `, ${results.skipped} skipped` : '';
  console.log(`${results.passed} passed, ${results.failed} failed${skipped}`);
}

function checkSuiteBuilt() {
  if (!fs.existsSync(SUITE)) {
    console.error(`[vscode-tests] ERROR: ${path.relative(cs.REPO_ROOT, SUITE)} is missing: run \`npx tsc -p .\` first`);
    process.exit(EXIT.infra);
  }
  const main = path.join(cs.REPO_ROOT, 'dist', 'extension.js');
  if (!fs.existsSync(main)) {
    console.error('[vscode-tests] ERROR: dist/extension.js is missing: run `npm run build` first');
    process.exit(EXIT.infra);
  }
}

// --- code-server + headless Chromium ---------------------------------------------------

async function runInBrowser(opts) {
  const started = Date.now();
  if (!cs.isInstalled()) {
    console.error(
      `[vscode-tests] ERROR: code-server ${cs.CODE_SERVER_VERSION} is not installed: run \`node scripts/vscode/install.js\``,
    );
    return EXIT.infra;
  }
  if (!fs.existsSync(cs.CHROMIUM)) {
    console.error(`[vscode-tests] ERROR: ${cs.CHROMIUM} is missing: apt-get install -y chromium`);
    return EXIT.infra;
  }
  const { chromium } = require('playwright-core');

  const stateDir = cs.makeTempDir('callflow-vscode-tests-');
  const workspace = prepareTestWorkspace(stateDir);
  const resultsFile = path.join(stateDir, 'results.json');
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  fs.rmSync(LOGS, { recursive: true, force: true }); // logs describe the last run only
  fs.mkdirSync(LOGS, { recursive: true });
  const serverLog = fs.createWriteStream(path.join(LOGS, 'vscode-server.log'));
  const browserLog = fs.createWriteStream(path.join(LOGS, 'browser-console.log'));
  const workbenchLog = fs.createWriteStream(path.join(LOGS, 'workbench-console.log'));

  let server;
  let context;
  let finished = false;
  let reportedExit;
  let failureReason;
  let settle;
  const done = new Promise((resolve) => {
    settle = resolve;
  });
  const finish = (reason) => {
    if (finished) return;
    finished = true;
    if (reason) failureReason = reason;
    settle();
  };

  const onSignal = (sig) => finish(`interrupted by ${sig}`);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const timer = setTimeout(() => finish(`timed out after ${opts.timeoutSec} s`), opts.timeoutSec * 1000);

  // Screenshots are taken one at a time, in the order the suite asks for them.
  let screenshots = Promise.resolve();
  let page;
  const takeScreenshot = (name) => {
    screenshots = screenshots.then(async () => {
      const file = path.join(SCREENSHOTS, `${name}.png`);
      const partial = `${file}.partial`;
      try {
        await page.screenshot({ path: partial, type: 'png' });
        fs.renameSync(partial, file);
        // The suite waits for this file (CALLFLOW_SCREENSHOT_DIR) before going on.
        say(`screenshot ${path.relative(cs.REPO_ROOT, file)}`);
      } catch (err) {
        console.error(`[vscode-tests] screenshot ${name} failed: ${err.message}`);
      }
    });
  };

  const onSuiteLine = (line) => {
    const marker = SCREENSHOT_MARKER.exec(line);
    if (marker) return takeScreenshot(marker[1]);
    console.log(line);
  };

  try {
    say(`VS Code ${cs.CODE_SERVER_VERSION} (code-server) server starting; workspace ${workspace}`);
    // The terminals get `callflow` as `npm start` gives it to them (test/integration/terminal.test.ts).
    const terminalCli = cs.callflowOnTerminalPath(path.join(stateDir, 'bin'));
    server = await cs.startServer({
      stateDir: path.join(stateDir, 'vscode'),
      args: terminalCli.args,
      env: {
        ...terminalCli.env,
        CALLFLOW_TEST_WORKSPACE: workspace,
        CALLFLOW_TEST_RESULTS: resultsFile,
        CALLFLOW_SCREENSHOT_DIR: SCREENSHOTS,
        CALLFLOW_TEST_GREP: opts.grep,
        CALLFLOW_BENCH_FILE: process.env.CALLFLOW_BENCH_FILE || '',
        // The tests commit: a machine without a git identity gets one for this server only.
        ...missingIdentityEnv(),
      },
      onOutput: (line) => {
        serverLog.write(`${line}\n`);
        if (opts.verbose) console.log(`[server] ${line}`);
      },
    });
    server.child.once('exit', (code, signal) => finish(`the VS Code server exited (code ${code}, signal ${signal})`));

    context = await chromium.launchPersistentContext(path.join(stateDir, 'chromium'), {
      executablePath: cs.CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 800 },
      timeout: 60_000,
    });
    page = context.pages()[0] || (await context.newPage());
    page.on('console', (msg) => {
      browserLog.write(`[${msg.type()}] ${msg.text()}\n`);
      if (opts.verbose) console.log(`[browser] ${msg.text()}`);
    });
    page.on('pageerror', (err) => browserLog.write(`[pageerror] ${err.stack || err}\n`));
    page.on('crash', () => finish('the browser page crashed'));

    // In test mode the workbench forwards its log, which carries the extension host's
    // console (mocha's report), to codeAutomationLog, and calls codeAutomationExit when
    // the suite's run() settles (0 resolved, 1 rejected) and the extension host stopped.
    await page.exposeFunction('codeAutomationLog', (level, args) => {
      // The extension host's console arrives as console.log's arguments ('%s' and values).
      const text = util.format(...(Array.isArray(args) ? args : [args]));
      for (const line of text.replace(/\r?\n$/, '').split(/\r?\n/)) {
        workbenchLog.write(`[${level}] ${line}\n`);
        if (!opts.verbose && WORKBENCH_NOISE.some((re) => re.test(line))) continue;
        onSuiteLine(line);
      }
    });
    await page.exposeFunction('codeAutomationExit', async (code, logs) => {
      reportedExit = code;
      if (Array.isArray(logs)) {
        for (const { relativePath, contents } of logs) {
          const target = path.join(LOGS, 'workbench', relativePath);
          if (!target.startsWith(path.join(LOGS, 'workbench') + path.sep)) continue;
          fs.mkdirSync(path.dirname(target), { recursive: true });
          fs.writeFileSync(target, contents);
        }
      }
      finish();
    });

    const url = cs.workbenchUrl({ port: server.port, folder: workspace, extensionTestsPath: SUITE });
    say(`opening ${url.split('&payload=')[0]} with the extension under development`);
    await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 60_000 });
    await done;
    await screenshots;
  } catch (err) {
    finish(`infrastructure error: ${err.stack || err.message || err}`);
  } finally {
    clearTimeout(timer);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    if (failureReason && page && !page.isClosed()) {
      await page.screenshot({ path: path.join(LOGS, 'failure.png') }).catch(() => {});
    }
    await context?.close().catch(() => {});
    await cs.stopServer(server);
    serverLog.end();
    browserLog.end();
    workbenchLog.end();
  }

  const results = readResults(resultsFile);
  const { code, why } = verdict(results, reportedExit, failureReason);
  if (opts.keep) say(`kept ${stateDir}`);
  else fs.rmSync(stateDir, { recursive: true, force: true });
  say(`${why}; exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (code === EXIT.infra) say(`logs in ${path.relative(cs.REPO_ROOT, LOGS)}/`);
  printSummary(results);
  return code;
}

// --- @vscode/test-electron (machines that can download VS Code) ---------------------------

async function runInElectron(opts) {
  const started = Date.now();
  const { runTests } = require('@vscode/test-electron');
  const stateDir = cs.makeTempDir('callflow-vscode-tests-');
  const workspace = prepareTestWorkspace(stateDir);
  const resultsFile = path.join(stateDir, 'results.json');
  let failureReason;
  // runTests gives no handle on the VS Code it starts: on timeout, report and leave.
  const watchdog = setTimeout(() => {
    say(`timed out after ${opts.timeoutSec} s; exit ${EXIT.infra}`);
    process.exit(EXIT.infra);
  }, opts.timeoutSec * 1000);
  try {
    await runTests({
      // Same VS Code as the code-server runner unless told otherwise; or a local build.
      version: process.env.VSCODE_TEST_VERSION || '1.100.3',
      ...(process.env.VSCODE_EXECUTABLE_PATH ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH } : {}),
      extensionDevelopmentPath: cs.REPO_ROOT,
      extensionTestsPath: SUITE,
      launchArgs: [
        workspace,
        '--disable-extensions', // other installed extensions stay out of the test
        // runTests itself adds --disable-workspace-trust, --skip-welcome, --disable-updates …
        '--user-data-dir',
        path.join(stateDir, 'user-data'),
        '--extensions-dir',
        path.join(stateDir, 'extensions'),
      ],
      extensionTestsEnv: {
        CALLFLOW_TEST_WORKSPACE: workspace,
        CALLFLOW_TEST_RESULTS: resultsFile,
        CALLFLOW_TEST_GREP: opts.grep,
        CALLFLOW_BENCH_FILE: process.env.CALLFLOW_BENCH_FILE || '',
      },
    });
  } catch (err) {
    // runTests rejects on a non-zero exit as well as on a failed download or launch;
    // the results file tells the two apart.
    if (!readResults(resultsFile)) failureReason = `VS Code did not run the suite: ${err.message || err}`;
  } finally {
    clearTimeout(watchdog);
  }
  const results = readResults(resultsFile);
  const { code, why } = verdict(results, results && results.failed === 0 ? 0 : 1, failureReason);
  if (opts.keep) say(`kept ${stateDir}`);
  else fs.rmSync(stateDir, { recursive: true, force: true });
  say(`${why}; exit ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
  printSummary(results);
  return code;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  checkSuiteBuilt();
  const code = opts.electron ? await runInElectron(opts) : await runInBrowser(opts);
  process.exit(code);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(`[vscode-tests] ERROR: ${err.stack || err}`);
    process.exit(EXIT.infra);
  });
}

module.exports = { verdict, SUMMARY_LINE };
