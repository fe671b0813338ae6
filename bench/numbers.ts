/**
 * numbers.yaml with 100,000 numbers: `assign` (the whole operation: lock, read, edit, commit in a
 * temporary index) and `list` (manifests and numbers, no git). Target: each under a second.
 */
import { manyNumbersText } from '../test/helpers/manyNumbers';
import { makeWorkspace } from '../test/helpers/tempRepo';
import { median, type BenchResult } from './result';
import { parseFlowId } from '../src/core';

const NUMBERS = 100_000;
const ROUNDS = 7;
const TARGET_MS = 1_000;

export async function benchNumbers(): Promise<BenchResult[]> {
  const repo = await makeWorkspace();
  try {
    const ws = repo.workspace;
    await ws.create('Support Line');
    await ws.publish(parseFlowId('support-line'));
    await repo.write('numbers.yaml', manyNumbersText(NUMBERS, 'support-line'));
    repo.git('commit', '-qam', `${NUMBERS} numbers`);
    await ws.assign('+19995550000', parseFlowId('support-line'));
    const assignTimes: number[] = [];
    const listTimes: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let started = performance.now();
      await ws.assign(`+1999555${String(i + 1).padStart(4, '0')}`, parseFlowId('support-line'), { label: `Line ${i}` });
      assignTimes.push(performance.now() - started);
      started = performance.now();
      const flows = await ws.list();
      listTimes.push(performance.now() - started);
      if (flows[0]!.numbers.length !== NUMBERS + i + 2) throw new Error(`listed ${flows[0]!.numbers.length} numbers`);
    }
    const assign = median(assignTimes);
    const list = median(listTimes);
    const n = NUMBERS.toLocaleString('en-US');
    return [
      {
        name: `assign with ${n} numbers (median)`,
        value: round(assign),
        unit: 'ms',
        target: `<= ${TARGET_MS} ms`,
        ok: assign <= TARGET_MS,
      },
      {
        name: `list() with ${n} numbers (median)`,
        value: round(list),
        unit: 'ms',
        target: `<= ${TARGET_MS} ms`,
        ok: list <= TARGET_MS,
      },
    ];
  } finally {
    await repo.cleanup();
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
