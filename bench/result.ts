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
