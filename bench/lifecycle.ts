/**
 * Lifecycle benchmarks: publish (validate + ledger + commit in a temporary index + annotated tag,
 * under the workspace lock) against the same commit and tag made with raw git commands, and list()
 * over 1,000 flows.
 */
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FlowWorkspace } from '../src/core/lifecycle/flowWorkspace';
import type { VersionControl } from '../src/core/ports';
import { NodeWorkspaceFiles } from '../src/platform/nodeWorkspaceFiles';
import { writeManyFlows } from '../test/helpers/manyFlows';
import { makeTempRepo, makeWorkspace } from '../test/helpers/tempRepo';
import { median, type BenchResult } from './result';
import { parseFlowId } from '../src/core';

const ROUNDS = 30;

async function benchPublish(): Promise<number> {
  const repo = await makeWorkspace();
  try {
    const ws = repo.workspace;
    await ws.create('Support Line');
    await ws.publish(parseFlowId('support-line'));
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      await ws.edit(parseFlowId('support-line'));
      const text = (await repo.read(`flows/support-line/v${i + 2}.yaml`))!;
      await repo.write(
        `flows/support-line/v${i + 2}.yaml`,
        text.replace(/Thanks for calling[^"]*/, `Thanks for calling, round ${i}.`),
      );
      await ws.save(parseFlowId('support-line'));
      const started = performance.now();
      await ws.publish(parseFlowId('support-line'));
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await repo.cleanup();
  }
}

/** The same work by hand: write the two files, `git add`, `git commit`, `git tag -a`. */
async function benchRawGit(): Promise<number> {
  const repo = await makeTempRepo();
  try {
    await repo.write('flows/support-line/flow.yaml', 'name: Support Line\nversions: []\n');
    repo.git('add', '.');
    repo.git('commit', '-q', '-m', 'init');
    const times: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const started = performance.now();
      await repo.write(`flows/support-line/v${i + 2}.yaml`, `round: ${i}\n`);
      await repo.write('flows/support-line/flow.yaml', `name: Support Line\nround: ${i}\n`);
      const git = (...args: string[]) => execFileSync('git', args, { cwd: repo.root, stdio: 'ignore' });
      git('add', '--', 'flows/support-line/flow.yaml', `flows/support-line/v${i + 2}.yaml`);
      git('commit', '-q', '-m', `callflow(support-line): publish v${i + 2}\n\nCallflow-Flow: support-line`);
      git('tag', '-a', '-m', `v${i + 2}`, `callflow/support-line/v${i + 2}`);
      times.push(performance.now() - started);
    }
    return median(times);
  } finally {
    await repo.cleanup();
  }
}

async function benchList(): Promise<number> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'callflow-bench-list-')));
  try {
    await writeManyFlows(root, 1000);
    const noGit = new Proxy({} as VersionControl, {
      get: () => () => {
        throw new Error('list() must not call git');
      },
    });
    const ws = new FlowWorkspace(new NodeWorkspaceFiles(root), noGit);
    await ws.list();
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const flows = await ws.list();
      times.push(performance.now() - started);
      if (flows.length !== 1000) throw new Error(`listed ${flows.length} flows`);
    }
    return median(times);
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

export async function benchLifecycle(): Promise<BenchResult[]> {
  const publish = await benchPublish();
  const raw = await benchRawGit();
  const ratio = publish / raw;
  const list = await benchList();
  return [
    { name: 'publish (median)', value: round(publish), unit: 'ms' },
    { name: 'raw git add+commit+tag -a (median)', value: round(raw), unit: 'ms' },
    { name: 'publish / raw git', value: round(ratio), unit: 'x', target: '<= 3x', ok: ratio <= 3 },
    { name: 'list() of 1,000 flows (median)', value: round(list), unit: 'ms', target: '<= 300 ms', ok: list <= 300 },
  ];
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
