// Measurements taken inside the real VS Code. Targets are checked by `npm run bench`
// (bench/vscode.ts), not asserted here: a loaded CI machine must not fail a functional test.
import * as fs from 'fs';

export interface Measure {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
}

export function recordMeasure(measure: Measure): void {
  console.log(
    `      ${measure.name}: ${measure.value} ${measure.unit}${measure.target ? ` (target ${measure.target})` : ''}`,
  );
  const file = process.env.CALLFLOW_BENCH_FILE;
  if (file) fs.appendFileSync(file, JSON.stringify(measure) + '\n');
}
