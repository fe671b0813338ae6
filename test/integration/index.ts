// Entry point VS Code calls in the extension host (extensionTestsPath): runs every
// *.test.js beside this file with mocha and resolves only if all of them passed.
// Used unchanged by both runners: scripts/vscode/run-tests.js (code-server, headless
// Chromium) and its --electron mode (@vscode/test-electron).
import * as fs from 'fs';
import * as path from 'path';
import type Mocha from 'mocha';

export interface SuiteResults {
  passed: number;
  failed: number;
  skipped: number;
  durationMs: number;
  failures: { title: string; error: string }[];
}

function findTestFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

export async function run(): Promise<void> {
  // A dynamic import, not require(): mocha 12 is an ES module, and the Node inside a
  // desktop VS Code may be too old for require(esm).
  const { default: MochaClass } = (await import('mocha')) as unknown as { default: typeof Mocha };
  const grep = process.env.CALLFLOW_TEST_GREP;
  const mocha = new MochaClass({
    ui: 'bdd',
    reporter: 'spec',
    color: false, // the report travels through the workbench log, not a terminal
    timeout: 30_000,
    ...(grep ? { grep } : {}),
  });
  // Mocha's tick and cross carry their own colour (log-symbols decides it, e.g. when CI is set).
  MochaClass.reporters.Base.symbols.ok = '✔';
  MochaClass.reporters.Base.symbols.err = '✖';
  for (const file of findTestFiles(__dirname)) mocha.addFile(file);
  await mocha.loadFilesAsync();

  const results = await new Promise<SuiteResults>((resolve) => {
    const failures: SuiteResults['failures'] = [];
    const runner = mocha.run(() => {
      const stats = runner.stats;
      resolve({
        passed: stats?.passes ?? 0,
        failed: stats?.failures ?? 0,
        skipped: stats?.pending ?? 0,
        durationMs: stats?.duration ?? 0,
        failures,
      });
    });
    runner.on(MochaClass.Runner.constants.EVENT_TEST_FAIL, (test: Mocha.Runnable, err: Error) => {
      failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err) });
    });
  });

  // The plain closing line CI reads (mocha's "N passing" is not one).
  const skipped = results.skipped ? `, ${results.skipped} skipped` : '';
  console.log(`${results.passed} passed, ${results.failed} failed${skipped}`);

  const resultsFile = process.env.CALLFLOW_TEST_RESULTS;
  if (resultsFile) fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2));

  if (results.failed > 0) throw new Error(`${results.failed} integration test(s) failed`);
  if (results.passed === 0) throw new Error('no integration test ran');
}
