/**
 * The voice conversation, one carrier request at a time: a call comes in (the number's flow's
 * published version starts), or a waiting step hears back (digits, a queue or dial result, a
 * recording). The engine runs the flow; this drives it: makes the http requests its steps ask
 * for, hands callbacks on, logs each step, and tells the carrier what to do next, with the call's
 * state signed into the URLs it reports back to. Nothing of a call is kept between requests.
 */
import {
  apologyVerbs,
  DEFAULT_RUNTIME_SETTINGS,
  flowForNumber,
  holdVerbs,
  renderTwiml,
  resumeCall,
  startCall,
  turnVerbs,
  type CallEvent,
  type CallOutcome,
  type CarrierProfile,
  type RuntimeDeployment,
  type RuntimeSettings,
  type SideEffect,
  type Turn,
  type TwimlVerb,
  type Utterance,
} from '../core';
import {
  eventOf,
  FINAL_CALL_STATUSES,
  pendingWait,
  runningCall,
  snapshotVariables,
  type Params,
  type RunningCall,
} from './callContinuation';
import type { CallLedger } from './callLedger';
import type { CallState, CallTokens, PendingWait } from './callToken';
import type { Deployments } from './deployments';
import { engineContext } from './engineContext';
import type { AbandonedCall, ExecutionLog } from './executionLog';
import { HTTP_STEP_TIMEOUT_MS, requestJson } from './outboundHttp';
import { httpStepUrl, requestWithSecrets } from './httpStepUrl';
import { collectedValues, MAX_LOGGED_ANSWER_CHARS, maskValues } from './stepLogMasking';

export type { Params } from './callContinuation';

/** A turn makes no new http request after this long: the rest continues on a redirect. */
export const TURN_BUDGET_MS = 8_000;

/** A continuation whose state is not one this server signed for this call. */
export class TamperedStateError extends Error {}

export interface VoiceOptions {
  /** The public URL the carrier calls, without a trailing slash. */
  publicUrl: string;
  profile: CarrierProfile;
  tokens: CallTokens;
  deployments: Deployments;
  log: ExecutionLog;
  /** Where calls wait, and whose end is logged (shared by the replicas with --store). */
  ledger: CallLedger;
  /** The call clock (business hours): the system clock, or serve --at. */
  now: () => Date;
  httpTimeoutMs?: number;
  /** A `{{secret.NAME}}`'s value: the server's environment variable NAME. */
  secret?: (name: string) => string | undefined;
}

export class VoiceService {
  /** Callback webhooks in flight (a drain waits for them). */
  readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly options: VoiceOptions) {}

  /** POST /voice: a call arrives for `To`. */
  async incoming(params: Params): Promise<string> {
    const call = params['CallSid'] ?? '';
    const number = params['To'] ?? '';
    const deployment = this.options.deployments.current;
    if (!deployment) return this.apology(undefined, call, number, 'not-ready', 'no deployment has loaded yet');
    const found = flowForNumber(deployment, number);
    if ('reason' in found) return this.apology(deployment, call, number, found.reason, found.detail);
    const now = this.options.now();
    const from = params['From'];
    const running: RunningCall = {
      call,
      number,
      ...(from ? { from } : {}),
      flow: found.flow.id,
      version: found.flow.version,
      startedAt: now.toISOString(),
      commit: deployment.commit,
    };
    const turn = startCall(
      {
        flow: { id: found.flow.id, version: found.flow.version },
        ...(from ? { from } : {}),
        dialed: number,
        startedAt: now,
      },
      engineContext(deployment, now),
    );
    return this.drive(running, deployment, turn, 0);
  }

  /** POST /voice/continue and /voice/no-input: what the waiting step waited for. */
  async resume(token: string, params: Params, noInput: boolean): Promise<string> {
    const state = this.open(token, params);
    const deployment = await this.pinned(state);
    if (typeof deployment === 'string') return deployment;
    const running = runningCall(state);
    const waited = Date.now() - state.since;
    const event = eventOf(state.wait, params, noInput);
    if (event === 'caller-gone') {
      await this.end(running, { kind: 'abandoned', flow: state.step.flow, step: state.step.id });
      return this.render(deployment.runtime, [{ verb: 'hangup' }]);
    }
    if (event.kind === 'http') return this.drive(running, deployment, undefined, 0, state);
    const turn = resumeCall(state.snapshot, event, engineContext(deployment, this.options.now()));
    const extra = event.kind === 'recorded' && event.url ? { recording: event.url } : {};
    return this.drive(running, deployment, turn, waited, undefined, extra);
  }

  /**
   * POST /status: the carrier's call status callback. A call that ended (the caller hung up) while
   * the flow still waited logs its end here, `abandoned` in the step it waited in; a call whose
   * end the flow already logged, or a retried callback, logs nothing.
   */
  async status(params: Params): Promise<void> {
    const call = params['CallSid'] ?? '';
    if (!FINAL_CALL_STATUSES.has(params['CallStatus'] ?? '')) return;
    const position = await this.options.ledger.position(call);
    if (!position) return;
    const seconds = Number(params['CallDuration']);
    await this.end(
      position,
      { kind: 'abandoned', flow: position.step.flow, step: position.step.id },
      params['CallDuration'] && Number.isFinite(seconds) ? seconds * 1000 : undefined,
    );
  }

  /** POST /voice/hold: the queue's wait document, until an agent answers or the step's timeout passes. */
  async hold(token: string, params: Params): Promise<string> {
    const state = this.open(token, params);
    const deployment = await this.pinned(state);
    if (typeof deployment === 'string') return deployment;
    const timeout = state.wait.kind === 'queue' ? state.wait.timeout : undefined;
    const queueSeconds = Number(params['QueueTime'] ?? '0');
    return this.render(
      deployment.runtime,
      holdVerbs(Number.isFinite(queueSeconds) ? queueSeconds : 0, timeout, deployment.runtime),
    );
  }

  /**
   * Runs the call on from a turn until it waits for the carrier or ends, making the http requests
   * its steps ask for (within the turn's time budget; the rest on a redirect).
   */
  private async drive(
    call: RunningCall,
    deployment: RuntimeDeployment,
    first: Turn | undefined,
    firstWaitMs: number,
    httpPending?: CallState,
    firstExtra: Record<string, unknown> = {},
  ): Promise<string> {
    const started = Date.now();
    const say: Utterance[] = [];
    let turn = first;
    let waitedMs = firstWaitMs;
    let extra = firstExtra;
    if (httpPending)
      turn = await this.answerHttp(
        httpPending.snapshot,
        httpPending.wait,
        deployment,
        (ms) => (waitedMs = ms),
        httpPending.step,
        snapshotVariables(httpPending.snapshot),
      );
    for (;;) {
      this.logSteps(call, deployment, turn!, waitedMs, extra);
      extra = {};
      for (const effect of turn!.effects) this.handOn(call, deployment, effect);
      say.push(...turn!.say);
      if (turn!.outcome || !turn!.wait || !turn!.snapshot) {
        if (turn!.outcome) await this.end(call, turn!.outcome);
        return this.render(
          deployment.runtime,
          turnVerbs(
            { say, ...(turn!.outcome ? { outcome: turn!.outcome } : {}) },
            this.links('', deployment.commit),
            deployment.runtime,
            this.options.profile,
          ),
        );
      }
      const wait = turn!.wait;
      if (wait.kind === 'http' && Date.now() - started < TURN_BUDGET_MS) {
        const url = httpStepUrl(deployment, wait, turn!.variables);
        turn = await this.answerHttp(
          turn!.snapshot,
          { kind: 'http', method: wait.method, url, ...(wait.body !== undefined ? { body: wait.body } : {}) },
          deployment,
          (ms) => (waitedMs = ms),
          { flow: wait.flow, id: wait.step },
          turn!.variables,
        );
        continue;
      }
      const pending = pendingWait(wait, deployment, turn!.variables);
      const position = { ...call, step: { flow: wait.flow, id: wait.step } };
      await this.options.ledger.note(position);
      const token = this.options.tokens.seal({
        ...position,
        wait: pending,
        since: Date.now(),
        snapshot: turn!.snapshot,
      });
      return this.render(
        deployment.runtime,
        turnVerbs({ say, wait }, this.links(token, call.commit), deployment.runtime, this.options.profile),
      );
    }
  }

  private async answerHttp(
    snapshot: Turn['snapshot'] & object,
    wait: PendingWait,
    deployment: RuntimeDeployment,
    took: (ms: number, logged: Record<string, unknown>) => void,
    step: { flow: string; id: string },
    variables: Readonly<Record<string, string>>,
  ): Promise<Turn> {
    if (wait.kind !== 'http') throw new TamperedStateError('not an http continuation');
    const sent = requestWithSecrets(deployment, step, wait, variables, this.options.secret ?? (() => undefined));
    const before = Date.now();
    const answer = await requestJson(
      wait.method,
      sent.url,
      sent.body,
      this.options.httpTimeoutMs ?? HTTP_STEP_TIMEOUT_MS,
    );
    // The answer goes into the step's log line (bounded), for `callflow replay`.
    const text = answer.body === undefined ? undefined : JSON.stringify(answer.body);
    took(Date.now() - before, {
      ...(text !== undefined && text.length <= MAX_LOGGED_ANSWER_CHARS ? { answer: answer.body } : {}),
      ...(answer.failure ? { failure: answer.failure } : {}),
    });
    const event: CallEvent = {
      kind: 'http',
      status: answer.status,
      ...(answer.body !== undefined ? { body: answer.body } : {}),
    };
    return resumeCall(snapshot, event, engineContext(deployment, this.options.now()));
  }

  private logSteps(
    call: RunningCall,
    deployment: RuntimeDeployment,
    turn: Turn,
    firstMs: number,
    extra: Record<string, unknown>,
  ): void {
    if (turn.steps.length === 0) return;
    const collected = this.options.log.keepsDigits ? [] : collectedValues(deployment, turn.variables);
    turn.steps.forEach((step, i) => {
      const version = deployment.flows.get(step.flow)?.version;
      const request = step.request === undefined ? {} : { request: maskValues(step.request, collected) };
      this.options.log.step(call, step, version, i === 0 ? firstMs : 0, { ...request, ...(i === 0 ? extra : {}) });
    });
  }

  /** The call's one call-end line, written by whichever ends it first: the flow, or the carrier's status callback. */
  private async end(call: RunningCall, outcome: CallOutcome | AbandonedCall, durationMs?: number): Promise<void> {
    if (!(await this.options.ledger.claimEnd(call.call))) return;
    this.options.log.callEnd(call, outcome, call.commit, durationMs ?? Date.now() - Date.parse(call.startedAt));
  }

  /** A callback step's request: in the log, and POSTed to the workspace's callback webhook. */
  private handOn(call: RunningCall, deployment: RuntimeDeployment, effect: SideEffect): void {
    const request = {
      call: call.call,
      number: call.number,
      flow: effect.flow,
      step: effect.step,
      queue: effect.queue,
      ...(effect.caller !== undefined ? { caller: effect.caller } : {}),
      requestedAt: new Date().toISOString(),
    };
    this.options.log.record({ event: 'callback', ...request, commit: deployment.commit });
    const webhook = deployment.runtime.callbackWebhook;
    if (!webhook) return;
    const posted = requestJson('POST', webhook, JSON.stringify(request)).then((answer) =>
      this.options.log.record({
        event: 'callback-webhook',
        call: call.call,
        status: answer.status,
        ...(answer.failure ? { failure: answer.failure } : {}),
      }),
    );
    this.pending.add(posted);
    void posted.finally(() => this.pending.delete(posted));
  }

  private open(token: string, params: Params): CallState {
    const state = this.options.tokens.open(token);
    if (!state) throw new TamperedStateError('the call state is not one this server signed');
    if (state.call !== (params['CallSid'] ?? ''))
      throw new TamperedStateError('the call state belongs to another call');
    return state;
  }

  /** The deployment a call is pinned to; the apology when it cannot be read here. */
  private async pinned(state: CallState): Promise<RuntimeDeployment | string> {
    try {
      return await this.options.deployments.at(state.commit);
    } catch (err) {
      this.options.log.record({
        event: 'error',
        call: state.call,
        message: `The call's deployment ${state.commit} cannot be read: ${(err as Error).message}`,
      });
      return this.render(DEFAULT_RUNTIME_SETTINGS, apologyVerbs(DEFAULT_RUNTIME_SETTINGS));
    }
  }

  private apology(
    deployment: RuntimeDeployment | undefined,
    call: string,
    number: string,
    reason: string,
    detail: string,
  ): string {
    const runtime = deployment?.runtime ?? DEFAULT_RUNTIME_SETTINGS;
    this.options.log.record({
      event: 'apology',
      call,
      number,
      reason,
      detail,
      ...(deployment ? { commit: deployment.commit } : {}),
    });
    return this.render(runtime, apologyVerbs(runtime));
  }

  /** The document for an unexpected failure: the caller hears the apology, never an error page. */
  failure(): string {
    return this.render(DEFAULT_RUNTIME_SETTINGS, apologyVerbs(DEFAULT_RUNTIME_SETTINGS));
  }

  private render(runtime: RuntimeSettings, verbs: TwimlVerb[]): string {
    return renderTwiml(verbs, {
      profile: this.options.profile,
      ...(runtime.voice ? { voice: runtime.voice } : {}),
      ...(runtime.language ? { language: runtime.language } : {}),
    });
  }

  /** A workspace recording, served from git at the call's commit under a URL the server signed. */
  private mediaUrl(commit: string, path: string): string {
    const clean = path.replace(/^\.\//, '');
    const signature = this.options.tokens.mediaSignature(commit, clean);
    return `${this.options.publicUrl}/audio/${commit}/${clean.split('/').map(encodeURIComponent).join('/')}?sig=${signature}`;
  }

  /** GET /audio/<commit>/<path>?sig=…: a flow's recording, as committed, when the URL is one the server signed. */
  async media(commit: string, path: string, signature: string): Promise<Buffer | undefined> {
    if (!/^[0-9a-f]{40,64}$/.test(commit) || !this.options.tokens.verifyMedia(commit, path, signature))
      return undefined;
    return this.options.deployments.media(commit, path);
  }

  private links(token: string, commit: string) {
    const base = this.options.publicUrl;
    // A token is base64url text and a dot (CallTokens.seal): safe in a URL as it is.
    const query = `?s=${token}`;
    return {
      action: `${base}/voice/continue${query}`,
      noInput: `${base}/voice/no-input${query}`,
      hold: `${base}/voice/hold${query}`,
      audio: (value: string) => (/^https?:\/\//i.test(value) ? value : this.mediaUrl(commit, value)),
    };
  }
}
