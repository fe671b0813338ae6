/**
 * The runtime's execution log: JSON lines, one per executed step and one per call at its end
 * (what `callflow calls` lists and `callflow replay` re-runs), plus the server's own events
 * (started, deployment loaded, request refused). Digits a caller typed into a collect step are
 * masked unless the server runs with --log-digits. Secrets never reach it.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import type { CallOutcome, SimulatedStep } from '../core';

/** The caller hung up before the flow ended: where they were (a Gather listening, a queue, a transfer ringing). */
export interface AbandonedCall {
  kind: 'abandoned';
  flow: string;
  step: string;
}

export type LogRecord = { event: string } & Record<string, unknown>;

export interface LogSink {
  write(line: string): void;
  close(): Promise<void>;
}

export class ExecutionLog {
  constructor(
    private readonly sink: LogSink,
    private readonly options: { keepDigits: boolean; now?: () => Date },
  ) {}

  static toFile(file: string, keepDigits: boolean): ExecutionLog {
    const stream: WriteStream = createWriteStream(file, { flags: 'a' });
    return new ExecutionLog(
      {
        write: (line) => void stream.write(line),
        close: () => new Promise((resolve) => stream.end(() => resolve())),
      },
      { keepDigits },
    );
  }

  static toStream(stream: NodeJS.WritableStream, keepDigits: boolean): ExecutionLog {
    return new ExecutionLog({ write: (line) => void stream.write(line), close: async () => {} }, { keepDigits });
  }

  /** Whether collected digits are kept as typed (serve --log-digits). */
  get keepsDigits(): boolean {
    return this.options.keepDigits;
  }

  record(record: LogRecord): void {
    const time = (this.options.now?.() ?? new Date()).toISOString();
    this.sink.write(JSON.stringify({ time, ...record }) + '\n');
  }

  /** One executed step of a call. */
  step(
    call: LoggedCall,
    step: SimulatedStep,
    version: number | string | undefined,
    durationMs: number,
    extra: Record<string, unknown> = {},
  ): void {
    this.record({
      event: 'step',
      call: call.call,
      number: call.number,
      ...(call.from !== undefined ? { from: call.from } : {}),
      flow: step.flow,
      ...(version !== undefined ? { version } : {}),
      step: step.step,
      type: step.type,
      exit: step.exit,
      ...(step.next !== undefined ? { next: step.next } : {}),
      durationMs: Math.max(0, Math.round(durationMs)),
      ...(call.commit !== undefined ? { commit: call.commit } : {}),
      ...this.stepDetail(step),
      ...extra,
    });
  }

  /** The call ended: its outcome and the deployment it ran on. */
  callEnd(call: LoggedCall, outcome: CallOutcome | AbandonedCall, commit: string, durationMs: number): void {
    this.record({
      event: 'call-end',
      call: call.call,
      number: call.number,
      ...(call.from !== undefined ? { from: call.from } : {}),
      flow: call.flow,
      version: call.version,
      commit,
      startedAt: call.startedAt,
      outcome,
      durationMs: Math.max(0, Math.round(durationMs)),
    });
  }

  close(): Promise<void> {
    return this.sink.close();
  }

  private stepDetail(step: SimulatedStep): Record<string, unknown> {
    const detail: Record<string, unknown> = {};
    const masked = step.type === 'collect' && !this.options.keepDigits;
    if (step.attempts)
      detail['attempts'] = step.attempts.map((a) => ({
        ...a,
        digits: a.digits === null || !masked ? a.digits : mask(a.digits),
      }));
    if (step.type === 'collect' && step.value !== undefined) detail['value'] = masked ? mask(step.value) : step.value;
    if (step.queue !== undefined) detail['queue'] = step.queue;
    if (step.to !== undefined) detail['to'] = step.to;
    if (step.ringSeconds !== undefined) detail['ringSeconds'] = step.ringSeconds;
    if (step.callerId !== undefined) detail['callerId'] = step.callerId;
    if (step.localTime !== undefined) detail['localTime'] = step.localTime;
    if (step.branch !== undefined) detail['branch'] = step.branch;
    if (step.status !== undefined) detail['status'] = step.status;
    if (step.target !== undefined) detail['target'] = step.target;
    return detail;
  }
}

export interface LoggedCall {
  call: string;
  number: string;
  from?: string;
  flow: string;
  version: number | string;
  startedAt: string;
  /** The deployment commit the call runs on. */
  commit?: string;
}

/** Masked digits keep their count (a support question is often "did they type all 8?"). */
export function mask(digits: string): string {
  return '•'.repeat([...digits].length);
}
