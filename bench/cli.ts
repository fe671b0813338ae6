/**
 * The CLI as a shell runs it: whole processes, CPU time (user + system, the process and every child it
 * waited for, git included) against `node -e 0` and against raw git, measured in the same rounds so the
 * machine's load falls on both sides of each ratio. CPU time is read as the bench's own children's
 * total (/proc/self/stat, Linux), which counts every process the measured one waited for.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTempRepo, type TempRepo } from '../test/helpers/tempRepo';
import { median, type BenchResult } from './result';
import { COMPILE_CACHE_ENV } from '../src/platform/compileCache';

const REPO_ROOT = path.resolve(__dirname, '../..');
// CALLFLOW_BENCH_CLI measures another build's bin/callflow.js (a before/after comparison).
const CLI = process.env['CALLFLOW_BENCH_CLI'] ?? path.join(REPO_ROOT, 'bin/callflow.js');
const SELF_CPU = path.join(REPO_ROOT, 'bench/support/selfCpu.js');
const ROUNDS = 12;
const RUNS_PER_ROUND = 3;
const CYCLES = 8;
const CLOCK_TICK_MS = 10;

/** CPU milliseconds of every child this process has waited for so far (utime + stime of the reaped). */
function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // After "pid (comm) ", field 14 (cutime) and 15 (cstime) of proc(5) are at index 13 and 14.
  return (Number(fields[13]) + Number(fields[14])) * CLOCK_TICK_MS;
}

/**
 * The CLI's compile caches (src/platform/compileCache.ts) for this run only, so every run starts from none,
 * and its own measures say what a first run costs.
 */
const CACHE = mkdtempSync(path.join(os.tmpdir(), 'callflow-bench-compile-cache-'));
const CLI_ENV: NodeJS.ProcessEnv = { ...process.env, [COMPILE_CACHE_ENV]: CACHE };

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = CLI_ENV): void {
  const result = spawnSync(command, args, { cwd, env, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  // `validate` of a draft with warnings exits 1; anything above is a failure the numbers must not hide.
  if (result.status === null || result.status > 1)
    throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
}

/** Mean CPU milliseconds of one run of `command`, over `times` runs. */
function cpuPerRun(times: number, command: string, args: readonly string[], cwd: string): number {
  const before = childrenCpuMs();
  for (let i = 0; i < times; i++) run(command, args, cwd);
  return (childrenCpuMs() - before) / times;
}

interface Measure {
  name: string;
  args: string[];
  target: number;
}

const MEASURES: Measure[] = [
  { name: 'callflow --version', args: ['--version'], target: 1.6 },
  { name: 'callflow validate (small flow)', args: ['validate', 'support-line'], target: 2.5 },
  { name: 'callflow list', args: ['list'], target: 2 },
];

async function startupRatios(repo: TempRepo): Promise<BenchResult[]> {
  const ratios = new Map<string, number[]>(MEASURES.map((m) => [m.name, []]));
  const coldRatios: number[] = [];
  const nodeMs: number[] = [];
  // A verb's first run compiles what it runs and writes its cache: measured apart, before the rest.
  for (let round = 0; round < ROUNDS; round++) {
    rmSync(CACHE, { recursive: true, force: true });
    const baseline = cpuPerRun(1, process.execPath, ['-e', '0'], repo.root);
    coldRatios.push(cpuPerRun(1, process.execPath, [CLI, 'list'], repo.root) / Math.max(baseline, 1));
  }
  for (const measure of MEASURES) run(process.execPath, [CLI, ...measure.args], repo.root);
  for (let round = 0; round < ROUNDS; round++) {
    const baseline = cpuPerRun(RUNS_PER_ROUND, process.execPath, ['-e', '0'], repo.root);
    nodeMs.push(baseline);
    for (const measure of MEASURES)
      ratios
        .get(measure.name)!
        .push(cpuPerRun(RUNS_PER_ROUND, process.execPath, [CLI, ...measure.args], repo.root) / Math.max(baseline, 1));
  }
  return [
    { name: 'node -e 0 (CPU, median)', value: round(median(nodeMs)), unit: 'ms' },
    {
      name: 'callflow list, first run (compiles, writes its cache) / node -e 0',
      value: round(median(coldRatios)),
      unit: 'x',
    },
    ...MEASURES.map((m) => {
      const ratio = median(ratios.get(m.name)!);
      return {
        name: `${m.name} / node -e 0 (CPU)`,
        value: round(ratio),
        unit: 'x',
        target: `<= ${m.target}x`,
        ok: ratio <= m.target,
      };
    }),
  ];
}

/** The draft's text with its greeting changed, so each save and publish has something to record. */
function edited(text: string, round: number): string {
  return text.replace(/Thanks for calling[^"\n]*/, `Thanks for calling, round ${round}.`);
}

/** One edit + save + publish through the CLI, each a process as a shell runs it; `self` collects node's own CPU. */
function cliCycle(repo: TempRepo, version: number, selfFile: string): void {
  const env = { ...CLI_ENV, CALLFLOW_BENCH_SELF_CPU: selfFile };
  const callflow = (...args: string[]) => run(process.execPath, ['--require', SELF_CPU, CLI, ...args], repo.root, env);
  callflow('edit', 'support-line');
  const file = path.join(repo.root, `flows/support-line/v${version}.yaml`);
  writeFileSync(file, edited(readFileSync(file, 'utf8'), version));
  callflow('save', 'support-line');
  callflow('publish', 'support-line');
}

/** The same three commits and the tag with raw git: write, add, commit (x3), tag -a. */
function rawGitCycle(repo: TempRepo, version: number): void {
  const git = (...args: string[]) => run('git', args, repo.root);
  const file = `flows/support-line/v${version}.yaml`;
  const write = (relative: string, text: string) => writeFileSync(path.join(repo.root, relative), text);
  write(file, `round: ${version}\n`);
  write('flows/support-line/flow.yaml', `name: Support Line\ndraft: ${version}\n`);
  git('add', '--', file, 'flows/support-line/flow.yaml');
  git('commit', '-q', '-m', `callflow(support-line): edit v${version}`);
  write(file, `round: ${version}\nsaved: true\n`);
  git('add', '--', file);
  git('commit', '-q', '-m', `callflow(support-line): save v${version}`);
  write('flows/support-line/flow.yaml', `name: Support Line\npublished: ${version}\n`);
  git('add', '--', 'flows/support-line/flow.yaml');
  git('commit', '-q', '-m', `callflow(support-line): publish v${version}`);
  git('tag', '-a', '-m', `v${version}`, `callflow/support-line/v${version}`);
}

async function cycleRatio(repo: TempRepo, raw: TempRepo, nodeMs: number): Promise<BenchResult[]> {
  const selfFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'callflow-bench-cpu-')), 'self');
  const ratios: number[] = [];
  const cliMs: number[] = [];
  const rawMs: number[] = [];
  try {
    mkdirSync(path.join(raw.root, 'flows/support-line'), { recursive: true });
    writeFileSync(path.join(raw.root, 'flows/support-line/flow.yaml'), 'name: Support Line\n');
    for (let i = 0; i < CYCLES; i++) {
      const version = i + 2;
      let before = childrenCpuMs();
      cliCycle(repo, version, selfFile);
      const cli = childrenCpuMs() - before;
      before = childrenCpuMs();
      rawGitCycle(raw, version);
      const git = childrenCpuMs() - before;
      cliMs.push(cli);
      rawMs.push(git);
      ratios.push(cli / Math.max(git, 1));
    }
    const selfUs = readFileSync(selfFile, 'utf8').trim().split('\n').map(Number);
    const nodeOwn = selfUs.reduce((a, b) => a + b, 0) / 1000 / CYCLES;
    const ratio = median(ratios);
    const cli = median(cliMs);
    return [
      { name: 'CLI edit+save+publish (3 processes, CPU, median)', value: round(cli), unit: 'ms' },
      { name: '  of which the CLI processes themselves (node, mean)', value: round(nodeOwn), unit: 'ms' },
      { name: '  of which the git processes they ran (mean)', value: round(Math.max(0, cli - nodeOwn)), unit: 'ms' },
      { name: 'raw git: 3 commits + tag -a (CPU, median)', value: round(median(rawMs)), unit: 'ms' },
      { name: 'CLI cycle / raw git (CPU)', value: round(ratio), unit: 'x', target: '<= 10x', ok: ratio <= 10 },
      // Three processes cost three Node starts before any work: the floor of the ratio above.
      { name: '  3 x node -e 0 / raw git (the floor)', value: round((3 * nodeMs) / median(rawMs)), unit: 'x' },
    ];
  } finally {
    rmSync(path.dirname(selfFile), { recursive: true, force: true });
  }
}

export async function benchCli(): Promise<BenchResult[]> {
  if (!existsSync('/proc/self/stat')) return [{ name: 'CLI CPU (needs Linux /proc; skipped)', value: 0, unit: '' }];
  if (!existsSync(path.join(path.dirname(CLI), '../dist/cli.js')))
    throw new Error('dist/cli.js is missing: run `npm run build`');
  const repo = await makeTempRepo();
  const raw = await makeTempRepo();
  try {
    run(process.execPath, [CLI, 'init'], repo.root);
    run(process.execPath, [CLI, 'create', 'Support Line'], repo.root);
    run(process.execPath, [CLI, 'publish', 'support-line'], repo.root);
    appendFileSync(path.join(raw.root, '.keep'), '');
    run('git', ['add', '.keep'], raw.root);
    run('git', ['commit', '-q', '-m', 'init'], raw.root);
    const startup = await startupRatios(repo);
    // The cycle's first round writes edit's, save's and publish's caches; the median is of all eight.
    return [...startup, ...(await cycleRatio(repo, raw, startup[0]!.value))];
  } finally {
    await repo.cleanup();
    await raw.cleanup();
    rmSync(CACHE, { recursive: true, force: true });
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
