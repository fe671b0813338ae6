/** One measured figure of a benchmark, as the bench runner prints and checks it. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  target?: string;
  ok?: boolean;
}
