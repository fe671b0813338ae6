#!/usr/bin/env node
// `npm test`: the unit suite, then the integration suite in a real VS Code. Streams both and
// ends with one total "N passed, N failed" line, which is what CI reads. Exits non-zero when
// either suite fails or reports no summary (a suite that silently ran nothing is a failure).
'use strict';
const { spawn } = require('child_process');

const SUITES = ['test:unit', 'test:integration'];
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

(async () => {
  let passed = 0;
  let failed = 0;
  let exitCode = 0;
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
