/**
 * The call engine's contract: one resumable step machine that the simulator, the runtime
 * (`callflow serve`) and the test call all run. Pure: a snapshot and an event in, the next
 * instructions and a new snapshot out. Nothing here waits, reads a clock or does I/O; the
 * caller of the engine (a driver) performs what a turn asks and feeds back what happened.
 *
 * A snapshot is plain JSON, so the runtime can carry it between a carrier's requests (signed,
 * in its action URLs) and any replica can resume the call from it.
 */
import type { FlowDefinition } from '../model';
import type { CallOutcome, SimulatedStep, SimulationWarning } from './trace';

/** A flow version the call runs in: `version` as the driver names it (3, "v3", "draft"). */
export interface EngineFlowRef {
  id: string;
  version: number | string;
}

/** What the engine needs from its driver, asked synchronously while it runs steps. */
export interface EngineContext {
  /** The definition of a version the call is in (the one it started in, or one a goto-flow entered). */
  definitionOf(flow: EngineFlowRef): FlowDefinition | undefined;
  /** goto-flow: the published version of another flow, or undefined when it has none. */
  resolvePublished(flowId: string): { version: number | string; definition: FlowDefinition } | undefined;
  /** The instant business-hours steps decide at (the simulator's `--at`, the runtime's clock). */
  now: Date;
  /** Step executions allowed in the whole call (default 1,000, as the simulator). */
  maxSteps?: number;
}

export interface StartCallRequest {
  flow: EngineFlowRef;
  /** `caller.number`: whatever the carrier sends (`+1…`, `anonymous`, `client:…`); omitted = withheld. */
  from?: string;
  /** `dialed.number`. */
  dialed?: string;
  /** `call.time`: the instant the call started. */
  startedAt: Date;
}

/** Something the caller hears, in order, before the engine waits. */
export type Utterance =
  { kind: 'say'; text: string; flow: string; step: string } | { kind: 'play'; url: string; flow: string; step: string };

/**
 * What the engine waits for after a turn. A driver turns it into carrier verbs (a Gather, an
 * Enqueue, a Dial, a Record) or, for http, performs the request itself and resumes at once.
 */
export type Wait =
  | {
      kind: 'digits';
      flow: string;
      step: string;
      mode: 'menu' | 'collect';
      /** The step's own prompt, to be played inside the listening verb (barge-in). */
      prompt: Utterance[];
      /** Seconds the step listens before it counts as no input. */
      timeout: number;
      /** Menu: 1 (the menu acts on the first key). Collect: its max-digits, when it has one. */
      maxDigits?: number;
      /** Collect: the key that ends the entry (default '#'). */
      finishOnKey?: string;
      /** 1-based attempt this listening is, and how many the step allows. */
      attempt: number;
      attempts: number;
    }
  | { kind: 'queue'; flow: string; step: string; queue: string; priority?: number; timeout?: number }
  | {
      kind: 'dial';
      flow: string;
      step: string;
      to: string;
      /** Seconds the number rings before the transfer counts as not answered. */
      ringSeconds: number;
      /** The caller id the number sees; absent: the carrier's default. */
      callerId?: string;
    }
  | { kind: 'record'; flow: string; step: string; mailbox?: string }
  | { kind: 'http'; flow: string; step: string; method: string; url: string; body?: string };

/** A side effect the driver performs without waiting for its result (the engine goes on). */
export type SideEffect = {
  kind: 'callback';
  flow: string;
  step: string;
  queue: string;
  /** The number to call back: `caller.number`, absent when withheld. */
  caller?: string;
};

/** What happened while the engine waited; `resumeCall` takes the one its Wait asked for. */
export type CallEvent =
  /** DTMF keys as entered ('' or a timeout: nothing pressed). */
  | { kind: 'digits'; digits: string }
  | { kind: 'timeout' }
  /** `bridged`: an agent took the call. `no-answer`: nobody did (busy, timed out, the queue left). */
  | { kind: 'queue'; result: 'bridged' | 'no-answer' }
  /** `answered`: the transfer connected. `failed`: busy, no answer, failed. */
  | { kind: 'dial'; result: 'answered' | 'failed' }
  | { kind: 'recorded'; url?: string; seconds?: number }
  /** `status` 0: no answer at all (a timeout or a refused connection). */
  | { kind: 'http'; status: number; body?: unknown };

/** The call's position between two events. Plain JSON; opaque to drivers. */
export interface CallSnapshot {
  format: 1;
  [field: string]: unknown;
}

/** One turn: what ran since the last event. */
export interface Turn {
  /**
   * The steps that ran in this turn, in order, as `simulate --json` prints them. A step that
   * waits (a menu listening, a queue) is reported once, in the turn that ends it, with all its
   * attempts: the steps of every turn, joined, are the call's trace.
   */
  steps: SimulatedStep[];
  /** Each with `index`: the position, in the whole call's trace, of the step that raised it. */
  warnings: SimulationWarning[];
  /** What the caller hears now, in order (a listening step's own prompt is in its Wait). */
  say: Utterance[];
  effects: SideEffect[];
  /** Exactly one of `wait` (the call goes on) and `outcome` (the call has ended). */
  wait?: Wait;
  outcome?: CallOutcome;
  /** Present with `wait`: what `resumeCall` takes back with the event. */
  snapshot?: CallSnapshot;
  /** Every variable's value now, built-ins included. */
  variables: Record<string, string>;
}

/*
 * The engine's functions (src/core/engine/index.ts):
 *   startCall(request: StartCallRequest, context: EngineContext): Turn
 *   resumeCall(snapshot: CallSnapshot, event: CallEvent, context: EngineContext): Turn
 * A snapshot that is not one the engine wrote, or an event its Wait did not ask for, is an
 * InvalidInputError; everything that goes wrong inside the flow is an `error` outcome, as in
 * simulateCall.
 */
