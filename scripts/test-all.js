#!/usr/bin/env node
// `npm test`: lint and the format check, the unit suite, then the integration suite in a real VS Code (each suite
// installs the system packages it needs first: scripts/system-deps.js). Streams
// them and ends with one total "N passed, N failed" line, which is what CI reads. Exits non-zero when
// either suite fails or reports no summary (a suite that silently ran nothing is a failure).
'use strict';
const { spawn } = require('child_process');

const SUITES = ['test:unit', 'test:integration'];
// Checks that print no test summary: each counts as one passed or failed test in the total.
const CHECKS = ['lint', 'format:check'];
const SUMMARY = /^(?:\S+: )?(\d+) passed, (\d+) failed/;

function run(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let last;
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop();
      for (const line of lines) {
        const match = SUMMARY.exec(line.trim());
        if (match) last = { passed: Number(match[1]), failed: Number(match[2]) };
      }
    });
    child.on('close', (code) => {
      const match = SUMMARY.exec(buffer.trim());
      if (match) last = { passed: Number(match[1]), failed: Number(match[2]) };
      resolve({ script, code: code ?? 1, summary: last });
    });
  });
}

function check(script) {
  return new Promise((resolve) => {
    const child = spawn('npm', ['run', '--silent', script], { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('close', (code) => resolve(code ?? 1));
  });
}

(async () => {
  let passed = 0;
  let failed = 0;
  let exitCode = 0;
  for (const script of CHECKS) {
    const code = await check(script);
    if (code === 0) {
      passed += 1;
      console.log(`npm run ${script}: passed`);
    } else {
      failed += 1;
      exitCode = exitCode || 1;
      console.error(
        `npm run ${script} failed (exit ${code}): run \`npm run ${script === 'lint' ? 'lint' : 'format'}\` to see or fix it.`,
      );
    }
  }
  for (const script of SUITES) {
    const result = await run(script);
    if (!result.summary) {
      console.error(`\n${script} reported no test results (exit ${result.code}); counting it as failed.`);
      exitCode = exitCode || 2;
      continue;
    }
    passed += result.summary.passed;
    failed += result.summary.failed;
    if (result.code !== 0) exitCode = result.code;
  }
  console.log(`\n${passed} passed, ${failed} failed`);
  process.exit(failed > 0 && exitCode === 0 ? 1 : exitCode);
})();
