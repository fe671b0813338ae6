// Mocha's spec report plus the plain closing line CI reads: "N passed, N failed".
import * as Mocha from 'mocha';

class SpecWithSummary extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const stats = runner.stats;
      if (!stats) return;
      const skipped = stats.pending ? `, ${stats.pending} skipped` : '';
      // Printed after the spec epilogue, alone on its line.
      process.nextTick(() => console.log(`\n${stats.passes} passed, ${stats.failures} failed${skipped}`));
    });
  }
}

export = SpecWithSummary;
