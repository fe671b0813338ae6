/**
 * One call as the carrier plays it: each answer's verbs in order, what the caller heard, what the
 * call waits on, and the caller's (or the network's) next move as a method a test scripts:
 * press(), timeOut(), agentAnswers(), holdUntilLeave(), dialResult(), recordingDone(), hangUp().
 * When the call ends, the carrier posts its status callback, if the number has one.
 * Semantics follow Twilio's documentation (SignalWire and Telnyx follow the same verbs).
 */
import { randomBytes } from 'node:crypto';
import type { CarrierEmulator, CarrierRequest } from './carrierEmulator';
import { InvalidTwimlError, readTwiml, type HttpMethod, type SpokenVerb, type Verb } from './twimlDocument';

export interface CallParties {
  from: string;
  to: string;
  callSid: string;
  accountSid: string;
}

export type Heard =
  | { kind: 'say'; text: string; voice?: string; language?: string }
  | { kind: 'play'; url: string }
  | { kind: 'pause'; seconds: number };

export type Waiting =
  | {
      kind: 'gather';
      numDigits?: number;
      timeout: number;
      finishOnKey: string;
      actionOnEmptyResult: boolean;
      action?: string;
    }
  | { kind: 'enqueue'; queue: string; waitUrl?: string; action?: string; workflowSid?: string; priority?: number }
  | { kind: 'dial'; number: string; timeout: number; callerId?: string; action?: string }
  | { kind: 'record'; maxLength: number; beep: boolean; action?: string };

export type CallEnd =
  /** The document said <Hangup/>. */
  | { reason: 'hangup' }
  /** The document ran out of verbs: the carrier hangs up. */
  | { reason: 'document-ended' }
  | { reason: 'caller-hung-up' }
  /** The server answered something other than 200: the carrier would play its error message. */
  | { reason: 'http-error'; status: number; body: string };

export type DialStatus = 'completed' | 'answered' | 'busy' | 'no-answer' | 'failed' | 'canceled';

/** A call that goes on forever is a bug in the server; the emulator stops it here. */
export const MAX_REQUESTS_PER_CALL = 300;

interface Pending {
  waiting: Waiting;
  method: HttpMethod;
  /** Where a verb without `action` reports: the current document (Gather, Record). */
  documentUrl: string;
  /** The verbs after the waiting one, where a fall-through continues. */
  rest: Verb[];
  /** Enqueue: the queue's bookkeeping. */
  queueSid?: string;
  waitUrlMethod?: HttpMethod;
}

export class EmulatedCall {
  readonly requests: CarrierRequest[] = [];
  readonly transcript: Heard[] = [];
  /** What the waitUrl documents played while the caller waited in a queue. */
  readonly heardOnHold: Heard[] = [];
  ended: CallEnd | undefined;
  /** The status callbacks the carrier posted (the call's end), and what the server answered. */
  readonly statusCallbacks: CarrierRequest[] = [];
  private readonly startedAt = Date.now();
  private pending: Pending | undefined;
  private heardMark = 0;

  constructor(
    private readonly carrier: CarrierEmulator,
    readonly parties: CallParties,
  ) {}

  /** What the call waits on now (undefined once it has ended). */
  get waiting(): Waiting | undefined {
    return this.pending?.waiting;
  }

  /** What the caller heard since the last move (the whole transcript is `transcript`). */
  get lastHeard(): Heard[] {
    return this.transcript.slice(this.heardMark);
  }

  /** The text of every Say so far, in order. */
  get said(): string[] {
    return this.transcript.flatMap((h) => (h.kind === 'say' ? [h.text] : []));
  }

  async start(url: string): Promise<void> {
    await this.fetchAndPlay('POST', url, {}, 'ringing');
  }

  /** The caller presses keys while a Gather listens. The entry ends at numDigits, at finishOnKey, or on the pause after the last key. */
  async press(keys: string): Promise<void> {
    const pending = this.expect('gather');
    if (!/^[0-9*#]+$/.test(keys)) throw new Error(`"${keys}" are not phone keys (0-9, *, #).`);
    const gather = pending.waiting as Extract<Waiting, { kind: 'gather' }>;
    let digits = '';
    let finishedOnKey = '';
    for (const key of keys) {
      if (gather.finishOnKey !== '' && key === gather.finishOnKey) {
        finishedOnKey = key;
        break;
      }
      digits += key;
      if (gather.numDigits !== undefined && digits.length >= gather.numDigits) break;
    }
    if (digits === '') return this.emptyGather(pending);
    await this.report(pending, gather.action, { Digits: digits, FinishedOnKey: finishedOnKey });
  }

  /** Nobody presses anything: with actionOnEmptyResult the action hears empty Digits, otherwise the next verb plays. */
  async timeOut(): Promise<void> {
    const pending = this.expect('gather');
    await this.emptyGather(pending);
  }

  /** An agent takes the queued call (the Enqueue's action hears QueueResult=bridged once the bridge ends). */
  async agentAnswers(options: { queueSeconds?: number } = {}): Promise<void> {
    const pending = this.expect('enqueue');
    const waiting = pending.waiting as Extract<Waiting, { kind: 'enqueue' }>;
    await this.report(pending, waiting.action, {
      QueueResult: 'bridged',
      QueueSid: pending.queueSid!,
      QueueTime: String(options.queueSeconds ?? 0),
    });
  }

  /**
   * Nobody answers: the carrier requests the waitUrl again and again, the queue time advancing by
   * what each document pauses, until a document says <Leave/> (the Enqueue's action then hears
   * QueueResult=leave) or hangs up. Returns the number of waitUrl requests made.
   */
  async holdUntilLeave(options: { maxRequests?: number; position?: number } = {}): Promise<number> {
    const pending = this.expect('enqueue');
    const waiting = pending.waiting as Extract<Waiting, { kind: 'enqueue' }>;
    if (!waiting.waitUrl) throw new Error('The <Enqueue> has no waitUrl: only an agent or a hang-up ends its wait.');
    const maxRequests = options.maxRequests ?? 100;
    let queueSeconds = 0;
    for (let round = 1; round <= maxRequests; round++) {
      let url = waiting.waitUrl;
      let method = pending.waitUrlMethod ?? 'POST';
      let verbs: Verb[] | undefined;
      // A Redirect in a wait document leads to the next wait document, within the same round.
      for (let hops = 0; hops < 10; hops++) {
        const answer = await this.fetch(
          method,
          url,
          {
            QueueSid: pending.queueSid!,
            QueueTime: String(queueSeconds),
            QueuePosition: String(options.position ?? 1),
            CurrentQueueSize: String(options.position ?? 1),
            AvgQueueTime: '0',
          },
          'in-progress',
          'hold',
        );
        if (answer === undefined) return round;
        verbs = answer;
        const redirect = verbs.find((v): v is Extract<Verb, { verb: 'Redirect' }> => v.verb === 'Redirect');
        const stopsBefore = verbs.findIndex((v) => v.verb === 'Redirect' || v.verb === 'Leave' || v.verb === 'Hangup');
        queueSeconds += this.hear(verbs.slice(0, stopsBefore === -1 ? undefined : stopsBefore), this.heardOnHold);
        if (!redirect || stopsBefore !== verbs.indexOf(redirect)) break;
        url = redirect.url;
        method = redirect.method;
      }
      const end = verbs!.find((v) => v.verb === 'Leave' || v.verb === 'Hangup');
      if (end?.verb === 'Hangup') {
        await this.finish({ reason: 'hangup' });
        return round;
      }
      if (end?.verb === 'Leave') {
        await this.report(pending, waiting.action, {
          QueueResult: 'leave',
          QueueSid: pending.queueSid!,
          QueueTime: String(queueSeconds),
        });
        return round;
      }
      // A wait document that pauses for nothing still takes the carrier some time to play.
      if (!verbs!.some((v) => v.verb === 'Pause')) queueSeconds += 1;
    }
    throw new Error(`The caller was still on hold after ${maxRequests} waitUrl requests: the wait never left.`);
  }

  /** The transfer's outcome, as the Dial's action hears it. */
  async dialResult(status: DialStatus, options: { seconds?: number } = {}): Promise<void> {
    const pending = this.expect('dial');
    const waiting = pending.waiting as Extract<Waiting, { kind: 'dial' }>;
    const connected = status === 'completed' || status === 'answered';
    await this.report(pending, waiting.action, {
      DialCallStatus: status,
      DialCallSid: `CA${randomBytes(16).toString('hex')}`,
      ...(connected ? { DialCallDuration: String(options.seconds ?? 30) } : {}),
    });
  }

  /** The caller finished a message: the Record's action hears its URL, sid and duration. */
  async recordingDone(options: { seconds?: number; hangUp?: boolean } = {}): Promise<{ url: string; sid: string }> {
    const pending = this.expect('record');
    const waiting = pending.waiting as Extract<Waiting, { kind: 'record' }>;
    const sid = `RE${randomBytes(16).toString('hex')}`;
    const url = `https://api.twilio.com/2010-04-01/Accounts/${this.parties.accountSid}/Recordings/${sid}`;
    const params = {
      RecordingUrl: url,
      RecordingSid: sid,
      RecordingDuration: String(options.seconds ?? 12),
      Digits: options.hangUp ? 'hangup' : '#',
    };
    if (options.hangUp) {
      await this.report(pending, waiting.action, params, 'completed');
      await this.finish({ reason: 'caller-hung-up' });
    } else {
      await this.report(pending, waiting.action, params);
    }
    return { url, sid };
  }

  /**
   * The caller hangs up. A queue or a transfer in progress reports it to its action, as carriers
   * do; a Gather or a Record listening reports nothing. The status callback follows (when set).
   */
  async hangUp(): Promise<void> {
    const pending = this.pending;
    if (this.ended) throw new Error('The call has already ended.');
    if (pending?.waiting.kind === 'enqueue' && pending.waiting.action) {
      await this.report(
        pending,
        pending.waiting.action,
        { QueueResult: 'hangup', QueueSid: pending.queueSid! },
        'completed',
      );
    } else if (pending?.waiting.kind === 'dial' && pending.waiting.action) {
      await this.report(pending, pending.waiting.action, { DialCallStatus: 'canceled' }, 'completed');
    }
    await this.finish({ reason: 'caller-hung-up' });
  }

  /** The carrier sends its last request again (a retry): both answers, and whether they are the same. */
  async retryLast(): Promise<{ same: boolean; first: string; second: string; retried: CarrierRequest }> {
    const last = this.requests[this.requests.length - 1];
    if (!last) throw new Error('The call has made no request yet.');
    const retried = await this.carrier.resend(last);
    return {
      same: retried.answer.body === last.answer.body && retried.answer.status === last.answer.status,
      first: last.answer.body,
      second: retried.answer.body,
      retried,
    };
  }

  // ---- the carrier's machinery ----

  private expect(kind: Waiting['kind']): Pending {
    if (this.ended) throw new Error(`The call has ended (${this.ended.reason}); it waits on nothing.`);
    const pending = this.pending;
    if (!pending || pending.waiting.kind !== kind) {
      throw new Error(`The call waits on ${pending ? pending.waiting.kind : 'nothing'}, not on ${kind}.`);
    }
    this.heardMark = this.transcript.length;
    return pending;
  }

  private async emptyGather(pending: Pending): Promise<void> {
    const gather = pending.waiting as Extract<Waiting, { kind: 'gather' }>;
    if (gather.actionOnEmptyResult) return this.report(pending, gather.action, { Digits: '' });
    this.pending = undefined;
    await this.play(pending.rest, pending.documentUrl);
  }

  /** Posts a waiting verb's result to its action, or, without one, per the verb's rule. */
  private async report(
    pending: Pending,
    action: string | undefined,
    params: Record<string, string>,
    callStatus: string = 'in-progress',
  ): Promise<void> {
    this.pending = undefined;
    const kind = pending.waiting.kind;
    if (action === undefined && (kind === 'dial' || kind === 'enqueue')) {
      // Without an action, Dial and Enqueue go on with the next verb; Gather and Record report to the document's URL.
      if (callStatus === 'completed') return;
      return this.play(pending.rest, pending.documentUrl);
    }
    await this.fetchAndPlay(pending.method, action ?? pending.documentUrl, params, callStatus);
  }

  private async fetchAndPlay(
    method: HttpMethod,
    url: string,
    params: Record<string, string>,
    callStatus: string = 'in-progress',
  ): Promise<void> {
    const verbs = await this.fetch(method, url, params, callStatus);
    // A request made after the caller hung up is only a report: its answer plays to no one.
    if (verbs !== undefined && callStatus !== 'completed') await this.play(verbs, url);
  }

  /** One request of the call; its answer read as the carrier reads it (undefined: the call ended on an HTTP error). */
  private async fetch(
    method: HttpMethod,
    url: string,
    params: Record<string, string>,
    callStatus: string = 'in-progress',
    context: 'call' | 'hold' = 'call',
  ): Promise<Verb[] | undefined> {
    if (this.requests.length >= MAX_REQUESTS_PER_CALL) {
      throw new Error(`The call made ${MAX_REQUESTS_PER_CALL} requests without ending: a redirect loop?`);
    }
    const request = await this.carrier.request(method, url, { ...this.baseParams(callStatus), ...params });
    this.requests.push(request);
    const { answer } = request;
    if (answer.status !== 200) {
      await this.finish({ reason: 'http-error', status: answer.status, body: answer.body });
      return undefined;
    }
    if (!/^(text|application)\/xml\b/.test(answer.contentType)) {
      throw new InvalidTwimlError(`The answer's content type is "${answer.contentType}", not text/xml.`, answer.body);
    }
    return readTwiml(answer.body, this.carrier.profile, context);
  }

  private baseParams(callStatus: string): Record<string, string> {
    return {
      CallSid: this.parties.callSid,
      AccountSid: this.parties.accountSid,
      From: this.parties.from,
      To: this.parties.to,
      CallStatus: callStatus,
      Direction: 'inbound',
      ApiVersion: '2010-04-01',
    };
  }

  /** Plays a document's verbs until one waits, redirects, or the document ends. */
  private async play(verbs: Verb[], documentUrl: string): Promise<void> {
    for (let index = 0; index < verbs.length; index++) {
      const verb = verbs[index]!;
      const rest = verbs.slice(index + 1);
      switch (verb.verb) {
        case 'Say':
        case 'Play':
        case 'Pause':
          this.hear([verb], this.transcript);
          continue;
        case 'Gather':
          this.hear(verb.prompt, this.transcript);
          this.pending = {
            waiting: {
              kind: 'gather',
              ...(verb.numDigits !== undefined ? { numDigits: verb.numDigits } : {}),
              timeout: verb.timeout,
              finishOnKey: verb.finishOnKey,
              actionOnEmptyResult: verb.actionOnEmptyResult,
              ...(verb.action !== undefined ? { action: verb.action } : {}),
            },
            method: verb.method,
            documentUrl,
            rest,
          };
          return;
        case 'Enqueue':
          this.pending = {
            waiting: {
              kind: 'enqueue',
              queue: verb.queue,
              ...(verb.waitUrl !== undefined ? { waitUrl: verb.waitUrl } : {}),
              ...(verb.action !== undefined ? { action: verb.action } : {}),
              ...(verb.workflowSid !== undefined ? { workflowSid: verb.workflowSid } : {}),
              ...(verb.task?.priority !== undefined ? { priority: verb.task.priority } : {}),
            },
            method: verb.method,
            documentUrl,
            rest,
            queueSid: `QU${randomBytes(16).toString('hex')}`,
            waitUrlMethod: verb.waitUrlMethod,
          };
          return;
        case 'Dial':
          this.pending = {
            waiting: {
              kind: 'dial',
              number: verb.number,
              timeout: verb.timeout,
              ...(verb.callerId !== undefined ? { callerId: verb.callerId } : {}),
              ...(verb.action !== undefined ? { action: verb.action } : {}),
            },
            method: verb.method,
            documentUrl,
            rest,
          };
          return;
        case 'Record':
          this.pending = {
            waiting: {
              kind: 'record',
              maxLength: verb.maxLength,
              beep: verb.playBeep,
              ...(verb.action !== undefined ? { action: verb.action } : {}),
            },
            method: verb.method,
            documentUrl,
            rest,
          };
          return;
        case 'Redirect':
          return this.fetchAndPlay(verb.method, verb.url, {});
        case 'Hangup':
          return this.finish({ reason: 'hangup' });
        case 'Leave':
          throw new Error('<Leave/> outside a queue wait.');
      }
    }
    await this.finish({ reason: 'document-ended' });
  }

  /** Adds what the verbs play to `into`; returns the seconds they pause. */
  private hear(verbs: readonly (SpokenVerb | Verb)[], into: Heard[]): number {
    let paused = 0;
    for (const verb of verbs) {
      const times = 'loop' in verb ? Math.max(1, Math.min(verb.loop, 10)) : 1;
      for (let i = 0; i < times; i++) {
        if (verb.verb === 'Say') {
          into.push({
            kind: 'say',
            text: verb.text,
            ...(verb.voice !== undefined ? { voice: verb.voice } : {}),
            ...(verb.language !== undefined ? { language: verb.language } : {}),
          });
        } else if (verb.verb === 'Play') {
          into.push({ kind: 'play', url: verb.url });
        } else if (verb.verb === 'Pause') {
          into.push({ kind: 'pause', seconds: verb.length });
          paused += verb.length;
        }
      }
    }
    return paused;
  }

  /**
   * The call is over: the carrier posts its status callback to the URL set on the number (when the
   * emulator has one), as Twilio does for the call status changes the number subscribes to.
   */
  private async finish(end: CallEnd): Promise<void> {
    this.pending = undefined;
    if (this.ended) return;
    this.ended = end;
    const url = this.carrier.options.statusCallback;
    if (!url) return;
    const request = await this.carrier.request('POST', url, {
      ...this.baseParams('completed'),
      CallDuration: String(Math.max(1, Math.round((Date.now() - this.startedAt) / 1000))),
      Timestamp: new Date().toUTCString(),
      CallbackSource: 'call-progress-events',
      SequenceNumber: '0',
    });
    this.requests.push(request);
    this.statusCallbacks.push(request);
  }
}
