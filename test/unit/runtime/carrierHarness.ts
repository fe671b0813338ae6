/**
 * The runtime's tests through the carrier emulator: a flow workspace in a temporary git
 * repository, `callflow serve` on a loopback port (in this process, or as real processes for the
 * replica tests), calls placed and scripted by the emulator, and each call's step trace and
 * outcome read back from the execution log.
 */
import { randomBytes } from 'node:crypto';
import { makeWorkspace } from '../../helpers/tempRepo';
import {
  CarrierEmulator,
  generateCarrierKeys,
  serverEnvironment,
  type CarrierKeys,
  type CarrierName,
  type EmulatedCall,
} from '../../support/carrier';
import { ExecutionLog, startRuntime, type RunningRuntime, type RuntimeConfig } from '../../../src/runtime';
import { parseFlowId } from '../../../src/core';

export const PUBLIC_URL = 'https://voice.example.com/cf';
export const STATE_SECRET = randomBytes(32).toString('hex');
/** The number the tests' workspaces assign, and a Tuesday afternoon in New York (business hours open). */
export const NUMBER = '+14155550100';
export const WEEKDAY_OPEN = new Date('2026-11-24T15:00:00Z');

export type Workspace = Awaited<ReturnType<typeof makeWorkspace>>;

/** A workspace with each flow's text published as v1 and each number assigned. */
export async function publishedWorkspace(
  flows: Record<string, string>,
  numbers: Record<string, string>,
  runtimeSettings?: string,
): Promise<Workspace> {
  const repo = await makeWorkspace();
  for (const [id, text] of Object.entries(flows)) await publishFlow(repo, id, text);
  for (const [number, flow] of Object.entries(numbers)) await repo.workspace.assign(number, parseFlowId(flow));
  if (runtimeSettings !== undefined) {
    const config = (await repo.read('callflow.yaml')) ?? '';
    await repo.write('callflow.yaml', `${config.trimEnd()}\n${runtimeSettings}\n`);
    repo.git('commit', '-qam', 'runtime settings');
  }
  return repo;
}

/** Publishes `text` as the flow's next version (creating the flow when it is new). */
export async function publishFlow(repo: Workspace, id: string, text: string): Promise<number> {
  const ws = repo.workspace;
  const exists = (await ws.list()).some((flow) => flow.id === id);
  if (exists) await ws.edit(parseFlowId(id));
  else await ws.create(id, { id });
  const version = (await ws.list()).find((flow) => flow.id === id)!.draft!;
  await repo.write(`flows/${id}/v${version}.yaml`, text);
  const saved = await ws.save(parseFlowId(id));
  const problems = saved.validation?.problems.filter((p) => p.severity === 'error') ?? [];
  if (problems.length > 0) throw new Error(`${id} v${version} is not valid: ${JSON.stringify(problems)}`);
  await ws.publish(parseFlowId(id));
  return version;
}

export interface LogLines {
  lines: Array<Record<string, unknown>>;
  of(event: string): Array<Record<string, unknown>>;
}

export function memoryLog(): { log: ExecutionLog; logged: LogLines } {
  const lines: Array<Record<string, unknown>> = [];
  const log = new ExecutionLog(
    { write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>), close: async () => {} },
    { keepDigits: true },
  );
  return { log, logged: { lines, of: (event) => lines.filter((l) => l['event'] === event) } };
}

export interface ServedCarrier {
  runtime: RunningRuntime;
  logged: LogLines;
  emulator: CarrierEmulator;
  keys: CarrierKeys;
  stop(): Promise<void>;
}

/** `callflow serve --carrier <carrier>` on the workspace, in this process, and an emulator of that carrier. */
export async function serveFor(
  repo: { root: string },
  carrier: CarrierName,
  options: Partial<RuntimeConfig> & { keys?: CarrierKeys } = {},
): Promise<ServedCarrier> {
  const keys = options.keys ?? generateCarrierKeys();
  const { log, logged } = memoryLog();
  const runtime = await startRuntime({
    cwd: repo.root,
    host: '127.0.0.1',
    port: 0,
    publicUrl: PUBLIC_URL,
    carrier,
    log,
    env: { ...serverEnvironment(keys), CALLFLOW_STATE_SECRET: STATE_SECRET },
    pollMs: 100,
    ...options,
  });
  const emulator = new CarrierEmulator({
    carrier,
    keys,
    publicUrl: PUBLIC_URL,
    servers: runtime.url,
    statusCallback: `${PUBLIC_URL}/status`,
  });
  return { runtime, logged, emulator, keys, stop: () => runtime.stop() };
}

export interface StepTrace {
  flow: string;
  step: string;
  exit: string | null;
}

/** The steps a call ran and its outcome, as the execution log says. */
export function traceOf(lines: ReadonlyArray<Record<string, unknown>>, callSid: string) {
  const ofCall = lines.filter((l) => l['call'] === callSid);
  const steps: StepTrace[] = ofCall
    .filter((l) => l['event'] === 'step')
    .map((l) => ({ flow: l['flow'] as string, step: l['step'] as string, exit: (l['exit'] as string | null) ?? null }));
  const ends = ofCall.filter((l) => l['event'] === 'call-end');
  return {
    steps,
    outcome: ends[0]?.['outcome'] as Record<string, unknown> | undefined,
    ends: ends.length,
    lines: ofCall,
  };
}

/** What a caller does, in the simulator's terms (section 7 of the flow format). */
export interface CallerScript {
  digits?: readonly string[];
  agents?: Readonly<Record<string, 'available' | 'busy' | boolean>>;
  transfer?: 'ok' | 'failed';
}

/**
 * Plays the caller's part until the call ends: each listening prompt takes the next entry (none
 * left, or '': the prompt times out), a queue is answered when its agents are available and
 * otherwise held until it leaves, a transfer connects or is busy, a voicemail is recorded.
 */
export async function playScript(call: EmulatedCall, script: CallerScript): Promise<void> {
  const digits = [...(script.digits ?? [])];
  for (let moves = 0; call.waiting && !call.ended; moves++) {
    if (moves > 100) throw new Error('The call is still going after 100 moves.');
    const waiting = call.waiting;
    switch (waiting.kind) {
      case 'gather': {
        const entry = digits.shift();
        if (entry === undefined || entry === '') await call.timeOut();
        else await call.press(entry);
        break;
      }
      case 'enqueue': {
        const agents = script.agents?.[waiting.queue];
        if (agents === undefined || agents === true || agents === 'available')
          await call.agentAnswers({ queueSeconds: 4 });
        else await call.holdUntilLeave();
        break;
      }
      case 'dial':
        await call.dialResult(script.transfer === 'failed' ? 'busy' : 'completed', { seconds: 60 });
        break;
      case 'record':
        await call.recordingDone({ seconds: 7 });
        break;
    }
  }
}
