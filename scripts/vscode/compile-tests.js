#!/usr/bin/env node
// Compiles the project with `tsc -p .` for the integration suite (out/test/integration).
//
// Tolerance, on purpose and for now: tsc emits despite type errors, and files other
// teams have in progress may have some. Errors in the harness's own files
// (test/integration, src/extension) fail this step; errors elsewhere are reported as a
// warning, and the step fails only if the suite's compiled files were not written.
// Set CALLFLOW_STRICT_TSC=1 (or tighten this once the tree is clean) to fail on any error.
'use strict';

const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..', '..');
const EXPECTED = ['out/test/integration/index.js', 'out/test/integration/activation.test.js'];
const OWN_PATHS = /^(test\/integration\/|src\/extension\/)/;

const started = Date.now();
const tsc = require.resolve('typescript/bin/tsc', { paths: [ROOT] });
const result = spawnSync(process.execPath, [tsc, '-p', '.', '--pretty', 'false'], { cwd: ROOT, encoding: 'utf8' });
const output = `${result.stdout || ''}${result.stderr || ''}`;
if (output.trim()) process.stdout.write(output.endsWith('\n') ? output : `${output}\n`);

const errorFiles = new Set(
  output
    .split('\n')
    .map((line) => /^(.+?)\(\d+,\d+\): error TS\d+/.exec(line))
    .filter(Boolean)
    .map((m) => m[1].replace(/\\/g, '/')),
);
const ownErrors = [...errorFiles].filter((f) => OWN_PATHS.test(f));
const stale = EXPECTED.filter((f) => {
  const abs = path.join(ROOT, f);
  return !fs.existsSync(abs) || fs.statSync(abs).mtimeMs < started - 1000;
});

if (stale.length) {
  console.error(`[compile-tests] ERROR: tsc did not write ${stale.join(', ')} (exit ${result.status})`);
  process.exit(1);
}
if (ownErrors.length) {
  console.error(`[compile-tests] ERROR: type errors in the integration harness: ${ownErrors.join(', ')}`);
  process.exit(1);
}
if (result.status !== 0) {
  if (process.env.CALLFLOW_STRICT_TSC === '1') {
    console.error(`[compile-tests] ERROR: tsc exited ${result.status} (CALLFLOW_STRICT_TSC=1)`);
    process.exit(1);
  }
  console.warn(
    `[compile-tests] WARNING: tsc exited ${result.status} with errors outside the harness (${[...errorFiles].join(', ') || 'see above'}); ` +
      'the suite was emitted and runs anyway.',
  );
}
