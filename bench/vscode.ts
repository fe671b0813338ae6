/**
 * The extension's targets measured in a real VS Code: runs the integration tests that record
 * measurements (test/integration/measure.ts) and reads what they recorded.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { BenchResult } from './result';

const REPO = path.resolve(__dirname, '..', '..');

export async function benchVSCode(): Promise<BenchResult[]> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'callflow-bench-')), 'vscode.jsonl');
  const run = spawnSync('node', ['scripts/vscode/run-tests.js', '--grep', 'records how long|populate it'], {
    cwd: REPO,
    env: { ...process.env, CALLFLOW_BENCH_FILE: file },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (run.status !== 0 || !fs.existsSync(file)) {
    throw new Error(
      `the VS Code measurements did not run (exit ${run.status}); run \`npm run test:integration\` to see why.\n${run.stdout}`,
    );
  }
  return fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as BenchResult);
}
