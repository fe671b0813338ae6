/**
 * Reading `callflow serve`'s execution log back: the calls it holds (`callflow calls`), and what a
 * logged call was given, as the simulator's inputs, so `callflow replay` can run it again against
 * the exact version it ran and say whether it ends the same.
 */
import { InvalidInputError } from '../errors';
import type {
  AgentAvailability,
  HttpFixture,
  SimulateCallRequest,
  SimulationResult,
  TransferResult,
} from '../simulator/types';

/** One JSON line of the log (lines that are not JSON objects are skipped). */
export type LogLine = Record<string, unknown> & { event?: unknown };

export interface LoggedCallSummary {
  call: string;
  number?: string;
  from?: string;
  flow?: string;
  version?: number | string;
  commit?: string;
  startedAt?: string;
  /** Absent while the log has no end for the call (in progress, or its replica's log is elsewhere). */
  outcome?: Record<string, unknown>;
  steps: number;
  durationMs?: number;
}

export function parseLogLine(text: string): LogLine | undefined {
  if (text.trim() === '') return undefined;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as LogLine) : undefined;
  } catch {
    return undefined;
  }
}

/** The calls of a log, in the order they started (a call's lines may come from several replicas' logs). */
export function summarizeCalls(lines: Iterable<LogLine>): LoggedCallSummary[] {
  const calls = new Map<string, LoggedCallSummary>();
  for (const line of lines) {
    if ((line.event !== 'step' && line.event !== 'call-end') || typeof line['call'] !== 'string') continue;
    const id = line['call'];
    let summary = calls.get(id);
    if (!summary) calls.set(id, (summary = { call: id, steps: 0 }));
    const text = (key: string): string | undefined => (typeof line[key] === 'string' ? line[key] : undefined);
    summary.number ??= text('number');
    summary.from ??= text('from');
    if (line.event === 'step') {
      summary.steps++;
      summary.startedAt ??= text('time');
      continue;
    }
    summary.flow = text('flow');
    if (typeof line['version'] === 'number' || typeof line['version'] === 'string') summary.version = line['version'];
    summary.commit = text('commit');
    summary.startedAt = text('startedAt') ?? summary.startedAt;
    if (line['outcome'] && typeof line['outcome'] === 'object')
      summary.outcome = line['outcome'] as Record<string, unknown>;
    if (typeof line['durationMs'] === 'number') summary.durationMs = line['durationMs'];
  }
  return [...calls.values()].sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
}

/** What the simulator needs to run a logged call again. */
export interface ReplayPlan {
  call: string;
  flow: string;
  version: number | string;
  commit: string;
  at: string;
  from?: string;
  dialed?: string;
  digits: string[];
  agents: Record<string, AgentAvailability>;
  transfer: TransferResult;
  http: Record<string, HttpFixture>;
  /** The logged trace, to compare with the replay's. */
  steps: Array<{ flow: string; step: string; exit: string | null }>;
  outcome: Record<string, unknown>;
}

export function replayPlan(lines: Iterable<LogLine>, call: string): ReplayPlan {
  const steps: LogLine[] = [];
  let end: LogLine | undefined;
  for (const line of lines) {
    if (line['call'] !== call) continue;
    if (line.event === 'step') steps.push(line);
    else if (line.event === 'call-end') end = line;
  }
  if (!end)
    throw new InvalidInputError(
      'unknown-call',
      steps.length > 0
        ? `The log has steps of call ${call} but not its end (still in progress, or ended on a replica that logs elsewhere).`
        : `The log has no call ${call}.`,
      steps.length > 0
        ? "Give the log that has the call's end (`callflow calls --log FILE` lists the calls of a log)."
        : 'List the calls of the log with `callflow calls --log FILE`.',
    );
  const digits: string[] = [];
  const agents: Record<string, AgentAvailability> = {};
  const http: Record<string, HttpFixture> = {};
  let transfer: TransferResult = 'ok';
  for (const step of steps) {
    for (const attempt of (step['attempts'] as Array<{ digits: string | null }> | undefined) ?? []) {
      const entry = attempt.digits ?? '';
      if (entry.includes('•'))
        throw new InvalidInputError(
          'masked-digits',
          `Call ${call} typed digits that the log masks, so it cannot be replayed as it ran.`,
          'Run `callflow serve --log-digits` for calls you want to replay; their digits are then kept in the log.',
        );
      digits.push(entry);
    }
    if (step['type'] === 'assign-dial' && typeof step['queue'] === 'string')
      agents[step['queue']] = step['exit'] === 'no-answer' ? 'busy' : 'available';
    if (step['type'] === 'transfer' && step['exit'] === 'failed') transfer = 'failed';
    if (step['type'] === 'http' && typeof step['request'] === 'string')
      http[step['request']] = {
        status: typeof step['status'] === 'number' ? step['status'] : 0,
        ...(step['answer'] !== undefined ? { body: step['answer'] } : {}),
      };
  }
  const text = (key: string): string | undefined => (typeof end[key] === 'string' ? end[key] : undefined);
  const flow = text('flow');
  const commit = text('commit');
  const at = text('startedAt');
  const version = end['version'];
  if (!flow || !commit || !at || (typeof version !== 'number' && typeof version !== 'string'))
    throw new InvalidInputError(
      'unreadable-log',
      `The end of call ${call} in the log lacks its flow, version, commit or start.`,
    );
  return {
    call,
    flow,
    version,
    commit,
    at,
    ...(text('from') ? { from: text('from')! } : {}),
    ...(text('number') ? { dialed: text('number')! } : {}),
    digits,
    agents,
    transfer,
    http,
    steps: steps.map((s) => ({
      flow: String(s['flow']),
      step: String(s['step']),
      exit: (s['exit'] as string | null) ?? null,
    })),
    outcome: end['outcome'] as Record<string, unknown>,
  };
}

/** The logged call's inputs as the simulator takes them: the same time, caller, keys and answers. */
export function replaySimulateInputs(plan: ReplayPlan): Omit<SimulateCallRequest, 'flow' | 'resolvePublished'> {
  return {
    at: plan.at,
    ...(plan.from !== undefined ? { from: plan.from } : {}),
    ...(plan.dialed !== undefined ? { dialed: plan.dialed } : {}),
    digits: plan.digits,
    agents: plan.agents,
    transfer: plan.transfer,
    http: plan.http,
  };
}

export interface ReplayComparison {
  same: boolean;
  differences: string[];
}

/** Whether a replay ends as the logged call did: the same outcome, through the same steps and exits. */
export function compareReplay(plan: ReplayPlan, result: SimulationResult): ReplayComparison {
  const differences: string[] = [];
  const logged = plan.outcome;
  // `caller-hung-up`: what logs written before `abandoned` say.
  if (logged['kind'] === 'abandoned' || logged['kind'] === 'caller-hung-up') {
    differences.push(
      `the caller hung up at ${String(logged['step'])}; the replay runs to ${result.outcome.kind} at ${result.outcome.step ?? '?'}`,
    );
    return { same: false, differences };
  }
  for (const key of new Set([...Object.keys(logged), ...Object.keys(result.outcome)])) {
    if (key === 'message') continue;
    const was = JSON.stringify(logged[key]);
    const now = JSON.stringify((result.outcome as Record<string, unknown>)[key]);
    if (was !== now) differences.push(`outcome ${key}: logged ${was ?? 'none'}, replayed ${now ?? 'none'}`);
  }
  const replayed = result.steps.map((s) => ({ flow: s.flow, step: s.step, exit: s.exit }));
  const length = Math.max(replayed.length, plan.steps.length);
  for (let i = 0; i < length; i++) {
    const a = plan.steps[i];
    const b = replayed[i];
    if (a?.flow === b?.flow && a?.step === b?.step && a?.exit === b?.exit) continue;
    differences.push(`step ${i + 1}: logged ${describe(a)}, replayed ${describe(b)}`);
    break;
  }
  return { same: differences.length === 0, differences };
}

function describe(step: { flow: string; step: string; exit: string | null } | undefined): string {
  return step ? `${step.flow}:${step.step} → ${step.exit ?? '(end)'}` : 'nothing';
}
