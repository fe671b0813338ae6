/**
 * `npm run bench`: every benchmark of the project, one table, exit 1 when a target is missed.
 * Suites are found by convention (bench/<name>.ts exporting bench<Name>()), so a suite that
 * is not there yet is reported as missing rather than breaking the run.
 */
import * as path from 'node:path';
import type { BenchResult } from './result';

const SUITES: Array<{ module: string; fn: string }> = [
  { module: './validation', fn: 'benchValidation' },
  { module: './lifecycle', fn: 'benchLifecycle' },
  { module: './simulator', fn: 'benchSimulator' },
  { module: './graph', fn: 'benchGraph' },
  { module: './canvas', fn: 'benchCanvas' },
  { module: './review', fn: 'benchReviewSuite' },
  { module: './language', fn: 'benchLanguage' },
  { module: './language-server', fn: 'benchLanguageServer' },
  { module: './vscode', fn: 'benchVSCode' },
  { module: './numbers', fn: 'benchNumbers' },
  { module: './limits', fn: 'benchLimits' },
  { module: './cli', fn: 'benchCli' },
  { module: './import', fn: 'benchImport' },
  { module: './runtime', fn: 'benchRuntime' },
];

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const rows: Array<BenchResult & { suite: string }> = [];
  for (const suite of SUITES) {
    const name = path.basename(suite.module);
    if (only.length > 0 && !only.includes(name)) continue;
    let run: (() => Promise<BenchResult[]>) | undefined;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      run = require(suite.module)[suite.fn];
    } catch {
      console.log(`(suite ${name} is not built; skipped)`);
      continue;
    }
    if (typeof run !== 'function') continue;
    process.stdout.write(`running ${name}...\n`);
    for (const result of await run()) rows.push({ ...result, suite: name });
  }
  const lines = rows.map((r) => [
    r.suite,
    r.name,
    `${formatValue(r.value)} ${r.unit}`,
    r.target ?? '',
    r.ok === undefined ? '' : r.ok ? 'ok' : 'MISSED',
  ]);
  const header = ['suite', 'measure', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  for (const line of [header, ...lines])
    console.log(
      line
        .map((cell, i) => cell.padEnd(widths[i]!))
        .join('  ')
        .trimEnd(),
    );
  return rows.some((r) => r.ok === false) ? 1 : 0;
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
