/** One measured figure of a benchmark, as the bench runner prints and checks it. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Milliseconds one synchronous run takes. */
export function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

let unseenCount = 0;

/**
 * The text with a comment line never written before: parses are kept per text
 * (parseYamlForReading), and a measure of work from text must not reuse the previous run's.
 */
export function unseen(text: string): string {
  return `${text}# run ${++unseenCount}\n`;
}
