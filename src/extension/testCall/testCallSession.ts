/**
 * One test call as the panel shows it: the core's InteractiveCall (the engine, turn by turn) plus
 * what a panel adds, the keys typed so far at a collect, the transcript lines and the path so far.
 * Nothing here touches VS Code: the panel feeds it what the page posted and posts its view.
 */
import {
  describeCallTime,
  describeOutcome,
  entryComplete,
  InteractiveCall,
  localInputOf,
  type CallProgress,
  type InteractiveCallSetup,
  type GivenInputs,
  type HttpFixture,
  type Question,
  type SimulatedStep,
  type SimulationResult,
} from '../../core';
import type { QuestionView, TestCallView, TranscriptLine } from './protocol';

export interface TestCallStart {
  setup: InteractiveCallSetup;
  /** `support-line v3 (draft)`. */
  title: string;
  zone: string;
  /** No time was chosen: the call happens now. */
  atNow: boolean;
  callNumber: number;
}

export class TestCallSession {
  private readonly call: InteractiveCall;
  private readonly transcript: TranscriptLine[] = [];
  private readonly steps: SimulatedStep[] = [];
  private progress: CallProgress;
  private typed = '';
  private hungUp = false;

  constructor(readonly start: TestCallStart) {
    this.call = new InteractiveCall(start.setup);
    this.progress = this.record(this.call.start());
  }

  get question(): Question | undefined {
    return this.hungUp ? undefined : this.progress.question;
  }

  get ended(): boolean {
    return this.hungUp || this.progress.outcome !== undefined;
  }

  /** One key of the dial pad: sent to the call once it completes the entry (a collect waits for more). */
  key(key: string): void {
    const question = this.question;
    if (question?.kind !== 'keys') return;
    this.typed += key;
    if (entryComplete(question.wait, this.typed)) this.sendKeys();
  }

  /** The listening step times out, with whatever was typed (a carrier sends the partial entry). */
  timeOut(): void {
    if (this.question?.kind === 'keys') this.sendKeys();
  }

  choose(key: string): void {
    if (this.question?.kind !== 'choice') return;
    const label =
      this.progress.question?.kind === 'choice' && this.progress.question.choices.find((c) => c.key === key);
    const progress = this.call.choose(key);
    if (label) this.transcript.push({ kind: 'answered', text: `You chose: ${label.label}` });
    this.progress = this.record(progress);
  }

  /** The live request's answer, given to the http step the call waits on. */
  answerHttp(fixture: HttpFixture, request: string): void {
    const progress = this.call.answerHttp(fixture);
    this.transcript.push({ kind: 'answered', text: `${request} answered ${fixture.status} (the live request)` });
    this.progress = this.record(progress);
  }

  hangUp(): void {
    if (this.ended) return;
    this.hungUp = true;
    this.transcript.push({ kind: 'answered', text: 'You hung up.' });
  }

  /** The http request the call waits on, as `{ method, url, body }`. */
  pendingRequest(): { method: string; url: string; body?: string } | undefined {
    const wait = this.question?.kind === 'choice' ? this.question.wait : undefined;
    return wait?.kind === 'http'
      ? { method: wait.method, url: wait.url, ...(wait.body !== undefined ? { body: wait.body } : {}) }
      : undefined;
  }

  inputs(): GivenInputs {
    return this.call.inputs();
  }

  /** The call as simulate reports it, once it ended with an outcome (not when the user hung up). */
  result(): SimulationResult | undefined {
    return this.progress.outcome ? this.call.result() : undefined;
  }

  /** The path so far and the step the call is in, for the canvas. */
  path(): { steps: SimulatedStep[]; current?: string; flow: string } {
    const wait = this.question?.wait;
    const flow = this.start.setup.flow.id;
    return { steps: [...this.steps], flow, ...(wait && wait.flow === flow ? { current: wait.step } : {}) };
  }

  view(extra: Pick<TestCallView, 'saved' | 'problem' | 'busy'> = {}): TestCallView {
    const { setup } = this.start;
    const outcome = this.hungUp
      ? { kind: 'hung-up', text: 'you hung up before the call ended' }
      : this.progress.outcome && { kind: this.progress.outcome.kind, text: describeOutcome(this.progress.outcome) };
    const question = this.questionView();
    return {
      callNumber: this.start.callNumber,
      mode: 'live',
      title: this.start.title,
      from: setup.from ?? '',
      atText: describeCallTime(setup.at, this.start.zone),
      atLocal: localInputOf(setup.at, this.start.zone),
      atNow: this.start.atNow,
      zone: this.start.zone,
      transcript: [...this.transcript],
      ...(question ? { question } : {}),
      ...(outcome ? { outcome } : {}),
      ...extra,
    };
  }

  private sendKeys(): void {
    const keys = this.typed;
    const step = this.question!.wait.step;
    this.typed = '';
    const progress = this.call.press(keys);
    this.transcript.push({ kind: 'pressed', keys, step });
    this.progress = this.record(progress);
  }

  private record(progress: CallProgress): CallProgress {
    const top = this.start.setup.flow.id;
    for (const item of progress.items) {
      if (item.kind === 'heard') {
        const u = item.utterance;
        this.transcript.push({ kind: u.kind, text: u.kind === 'say' ? u.text : u.url, flow: u.flow, step: u.step });
      } else if (item.kind === 'step') {
        this.steps.push(item.entry);
        this.transcript.push({
          kind: 'step',
          text: stepText(item.entry, top),
          flow: item.entry.flow,
          step: item.entry.step,
          index: item.index,
        });
      } else if (item.kind === 'warning') {
        this.transcript.push({ kind: 'warning', text: item.warning.message });
      } else {
        this.transcript.push({ kind: 'answered', text: `(${item.text})` });
      }
    }
    return progress;
  }

  private questionView(): QuestionView | undefined {
    const question = this.question;
    if (!question) return undefined;
    const { wait } = question;
    if (question.kind === 'keys') {
      const w = question.wait;
      return {
        kind: 'keys',
        flow: w.flow,
        step: w.step,
        mode: w.mode,
        timeout: w.timeout,
        attempt: w.attempt,
        attempts: w.attempts,
        ...(w.finishOnKey !== undefined ? { finishOnKey: w.finishOnKey } : {}),
        ...(w.maxDigits !== undefined ? { maxDigits: w.maxDigits } : {}),
        typed: this.typed,
      };
    }
    return {
      kind: 'choice',
      flow: wait.flow,
      step: wait.step,
      text: question.text,
      choices: question.choices.map((c) => ({ key: c.key, label: c.label })),
      ...(wait.kind === 'http' ? { liveRequest: `${wait.method} ${wait.url}` } : {}),
    };
  }
}

/** `(menu) → 1 → sales`: the step's type and the exit it took (its name is the line's link). */
export function stepText(entry: SimulatedStep, topFlow: string): string {
  const where = entry.flow !== topFlow ? ` in ${entry.flow}` : '';
  const exit =
    entry.exit === null ? '' : ` → ${entry.exit}${entry.next !== undefined ? ` → ${entry.next}` : ' (not set)'}`;
  return `(${entry.type}${where})${exit}`;
}
