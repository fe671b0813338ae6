/**
 * A test call, turn by turn: the caller's keys and the outcomes of queues, transfers and http
 * requests are given as the call reaches them, not up front. The session drives the call engine
 * (the same steps as simulate and serve), records every input given, and turns the call into a
 * call scenario. The terminal (`callflow call`) and the VS Code Test Call panel are thin edges
 * over it: they show what a progress says and pass back what the user pressed.
 *
 * Every answer is one a simulated call can replay: an agent queue's availability, the transfer
 * result and an http request's answer are asked once and kept for the rest of the call (as
 * `--agents`, `--transfer` and `--http` give them), so the saved scenario, or `callflow
 * simulate` with the same inputs, routes the call exactly as it went.
 */
import { resumeCall, startCall } from '../engine';
import type { CallEvent, CallSnapshot, EngineContext, StartCallRequest, Turn, Utterance, Wait } from '../engine';
import { InvalidInputError } from '../errors';
import { engineContextFor } from '../simulator/simulateCall';
import type {
  AgentAvailability,
  CallOutcome,
  HttpFixture,
  PublishedFlowResolver,
  SimulatedFlow,
  SimulatedStep,
  SimulationResult,
  SimulationWarning,
  TransferResult,
} from '../simulator/types';
import { DTMF_ENTRY } from '../engine/dtmf';
import { checkHttpFixtures } from '../simulator/inputs';

export interface InteractiveCallSetup {
  flow: SimulatedFlow;
  /** For goto-flow steps. */
  resolvePublished?: PublishedFlowResolver;
  /** The call's time (business hours decide at it). */
  at: Date;
  /** The caller id; absent: withheld. */
  from?: string;
  dialed?: string;
  /** Answers an http step may be given: the flow's fixtures (from its call scenarios). */
  fixtures?: readonly NamedFixture[];
}

export interface NamedFixture {
  /** Where it comes from, e.g. `calls.yaml: "gold customer"`. */
  source: string;
  /** Its request key: `GET https://…` or a url. */
  key: string;
  fixture: HttpFixture;
}

/** An answer the user can pick with one key. */
export interface Choice {
  key: string;
  label: string;
}

/** What the call waits for from the user. */
export type Question =
  /** Keys at a menu or collect (0-9 * #), or none (the prompt times out). */
  | { kind: 'keys'; wait: Extract<Wait, { kind: 'digits' }> }
  /** One of `choices`, by key: the queue's agents, the transfer's result, an http answer. */
  | { kind: 'choice'; wait: Wait; text: string; choices: Choice[] };

/** What happened since the last input, in order, as the edge shows it. */
export type ProgressItem =
  | { kind: 'heard'; utterance: Utterance }
  | { kind: 'step'; entry: SimulatedStep; index: number }
  | { kind: 'warning'; warning: SimulationWarning }
  /** An answer the session gave itself: kept from earlier in the call, or a voicemail recorded. */
  | { kind: 'answered'; text: string };

export interface CallProgress {
  items: ProgressItem[];
  /** Present while the call goes on. */
  question?: Question;
  /** Present once the call has ended. */
  outcome?: CallOutcome;
}

/** The inputs given so far, as `simulate` and a call scenario take them. */
export interface GivenInputs {
  at: string;
  from?: string;
  dialed?: string;
  /** One entry per listening attempt ('' when the caller let it time out). */
  digits: string[];
  agents: Record<string, AgentAvailability>;
  transfer?: TransferResult;
  /** Keyed `METHOD url`. */
  http: Record<string, HttpFixture>;
}

const HTTP_STATUS_CHOICES: readonly { key: string; label: string; fixture: HttpFixture }[] = [
  { key: 's', label: '200 OK, no body', fixture: { status: 200 } },
  { key: 'n', label: '404 Not Found', fixture: { status: 404 } },
  { key: 'e', label: '500 Server Error', fixture: { status: 500 } },
];

export class InteractiveCall {
  private readonly context: EngineContext;
  private readonly given: GivenInputs;
  private readonly steps: SimulatedStep[] = [];
  private readonly warnings: SimulationWarning[] = [];
  private variables: Record<string, string> = {};
  private snapshot: CallSnapshot | undefined;
  private question: Question | undefined;
  private httpChoices: Map<string, HttpFixture> | undefined;
  private ending: CallOutcome | undefined;
  private started = false;
  /** Whether a transfer's result was given (an answered one is simulate's default: not an input). */
  private transferAsked = false;

  constructor(private readonly setup: InteractiveCallSetup) {
    this.context = engineContextFor(setup.flow, setup.resolvePublished, setup.at);
    this.given = { at: setup.at.toISOString(), digits: [], agents: {}, http: {} };
    if (setup.from !== undefined) this.given.from = setup.from;
    if (setup.dialed !== undefined) this.given.dialed = setup.dialed;
  }

  /** Places the call: runs it to the first question or its end. */
  start(): CallProgress {
    if (this.started) throw new InvalidInputError('call-started', 'This test call has already started.');
    this.started = true;
    const request: StartCallRequest = {
      flow: { id: this.setup.flow.id, version: this.setup.flow.version },
      startedAt: this.setup.at,
    };
    if (this.setup.from !== undefined) request.from = this.setup.from;
    if (this.setup.dialed !== undefined) request.dialed = this.setup.dialed;
    return this.follow(startCall(request, this.context), []);
  }

  /** The keys pressed at the listening step ('' when the caller lets it time out). */
  press(keys: string): CallProgress {
    this.expect('keys');
    if (!DTMF_ENTRY.test(keys)) {
      throw new InvalidInputError('invalid-digits', `"${keys}" are not keys of a phone: 0-9, * and #.`);
    }
    this.given.digits.push(keys);
    return this.resume({ kind: 'digits', digits: keys });
  }

  /** Answers the choice question with one of its keys. */
  choose(key: string): CallProgress {
    const question = this.expect('choice');
    if (!question.choices.some((c) => c.key === key)) {
      throw new InvalidInputError(
        'invalid-choice',
        `"${key}" is not one of the answers (${question.choices.map((c) => c.key).join(', ')}).`,
      );
    }
    return this.resume(this.remember(question.wait, key));
  }

  /**
   * Answers the http step the call waits on with an answer obtained elsewhere (the live request,
   * sent when the user allowed it), kept for the rest of the call like a chosen one.
   */
  answerHttp(fixture: HttpFixture): CallProgress {
    const question = this.expect('choice');
    const { wait } = question;
    if (wait.kind !== 'http')
      throw new InvalidInputError('unexpected-answer', 'The call is not waiting on an http request.');
    checkHttpFixtures({ [httpKey(wait)]: fixture });
    this.given.http[httpKey(wait)] = fixture;
    return this.resume(httpEvent(fixture));
  }

  /** The question the call waits on, if it goes on. */
  get waitingFor(): Question | undefined {
    return this.question;
  }

  get outcome(): CallOutcome | undefined {
    return this.ending;
  }

  /** The inputs given so far. */
  inputs(): GivenInputs {
    return structuredClone(this.given);
  }

  /** The call so far as `simulate --json` reports it (with its outcome once it has ended). */
  result(): SimulationResult {
    if (!this.ending) throw new InvalidInputError('call-in-progress', 'The test call has not ended yet.');
    return {
      flow: this.setup.flow.id,
      version: this.setup.flow.version,
      outcome: this.ending,
      steps: [...this.steps],
      warnings: [...this.warnings],
      variables: { ...this.variables },
      unusedDigits: [],
    };
  }

  private expect<K extends Question['kind']>(kind: K): Extract<Question, { kind: K }> {
    const question = this.question;
    if (!question || question.kind !== kind) {
      throw new InvalidInputError(
        'unexpected-answer',
        this.ending
          ? 'The test call has ended.'
          : question
            ? `The call is waiting for ${question.kind === 'keys' ? 'keys' : 'an answer to a question'}, not ${kind === 'keys' ? 'keys' : 'an answer'}.`
            : 'The test call has not started.',
      );
    }
    return question as Extract<Question, { kind: K }>;
  }

  private resume(event: CallEvent): CallProgress {
    const snapshot = this.snapshot!;
    this.question = undefined;
    return this.follow(resumeCall(snapshot, event, this.context), []);
  }

  /** Records a turn, then answers by itself what was already answered, until a question or the end. */
  private follow(first: Turn, items: ProgressItem[]): CallProgress {
    let turn = first;
    for (;;) {
      for (const utterance of turn.say) items.push({ kind: 'heard', utterance });
      for (const entry of turn.steps) {
        items.push({ kind: 'step', entry, index: this.steps.length });
        this.steps.push(entry);
      }
      for (const warning of turn.warnings) {
        items.push({ kind: 'warning', warning });
        this.warnings.push(warning);
      }
      this.variables = turn.variables;
      if (turn.outcome) {
        this.ending = turn.outcome;
        this.snapshot = undefined;
        return { items, outcome: turn.outcome };
      }
      const wait = turn.wait!;
      this.snapshot = turn.snapshot;
      if (wait.kind === 'digits') {
        for (const utterance of wait.prompt) items.push({ kind: 'heard', utterance });
        this.question = { kind: 'keys', wait };
        return { items, question: this.question };
      }
      const kept = this.keptAnswer(wait);
      if (kept) {
        items.push({ kind: 'answered', text: kept.text });
        turn = resumeCall(this.snapshot!, kept.event, this.context);
        continue;
      }
      this.question = this.ask(wait);
      return { items, question: this.question };
    }
  }

  /** An answer given earlier in the call for the same queue, transfer or request; a recording always. */
  private keptAnswer(wait: Wait): { event: CallEvent; text: string } | undefined {
    switch (wait.kind) {
      case 'record':
        return { event: { kind: 'recorded' }, text: 'the caller leaves a message' };
      case 'queue': {
        const agents = this.given.agents[wait.queue];
        if (!agents) return undefined;
        return { event: queueEvent(agents), text: `agents of ${wait.queue} ${agents}, as before` };
      }
      case 'dial': {
        const result = this.given.transfer ?? (this.transferAsked ? 'ok' : undefined);
        if (!result) return undefined;
        return { event: dialEvent(result), text: `transfer ${result === 'ok' ? 'answered' : 'failed'}, as before` };
      }
      case 'http': {
        const fixture = this.given.http[httpKey(wait)];
        if (!fixture) return undefined;
        return { event: httpEvent(fixture), text: `${httpKey(wait)}: ${fixture.status}, as before` };
      }
      default:
        return undefined;
    }
  }

  private ask(wait: Wait): Question {
    switch (wait.kind) {
      case 'queue':
        return {
          kind: 'choice',
          wait,
          text: `Queue ${wait.queue}: are its agents available?`,
          choices: [
            { key: 'a', label: 'available (an agent answers)' },
            { key: 'b', label: 'busy (no agent answers)' },
          ],
        };
      case 'dial':
        return {
          kind: 'choice',
          wait,
          text: `Transfer to ${wait.to}: does it connect?`,
          choices: [
            { key: 'a', label: 'answered' },
            { key: 'f', label: 'failed (busy, no answer)' },
          ],
        };
      case 'http': {
        this.httpChoices = new Map();
        const choices: Choice[] = [];
        for (const named of this.fixturesFor(wait).slice(0, 9)) {
          const key = String(choices.length + 1);
          this.httpChoices.set(key, named.fixture);
          choices.push({ key, label: `${named.fixture.status} from ${named.source}` });
        }
        for (const status of HTTP_STATUS_CHOICES) {
          this.httpChoices.set(status.key, status.fixture);
          choices.push({ key: status.key, label: status.label });
        }
        return { kind: 'choice', wait, text: `${httpKey(wait)}: what does it answer?`, choices };
      }
      default:
        throw new Error(`unexpected wait ${wait.kind}`);
    }
  }

  /** The flow's fixtures, those written for this very request first. */
  private fixturesFor(wait: Extract<Wait, { kind: 'http' }>): NamedFixture[] {
    const all = this.setup.fixtures ?? [];
    const matches = (named: NamedFixture): boolean => {
      const key = named.key.trim();
      return (
        key === wait.url || key.replace(/^([A-Za-z]+)\s+/, (_, m: string) => `${m.toUpperCase()} `) === httpKey(wait)
      );
    };
    return [...all.filter(matches), ...all.filter((named) => !matches(named))];
  }

  /** Keeps the answer for the rest of the call (as simulate's inputs would) and turns it into an event. */
  private remember(wait: Wait, key: string): CallEvent {
    switch (wait.kind) {
      case 'queue': {
        const agents: AgentAvailability = key === 'a' ? 'available' : 'busy';
        this.given.agents[wait.queue] = agents;
        return queueEvent(agents);
      }
      case 'dial': {
        this.transferAsked = true;
        if (key === 'f') this.given.transfer = 'failed';
        return dialEvent(key === 'f' ? 'failed' : 'ok');
      }
      case 'http': {
        const fixture = this.httpChoices!.get(key)!;
        this.given.http[httpKey(wait)] = fixture;
        return httpEvent(fixture);
      }
      default:
        throw new Error(`unexpected wait ${wait.kind}`);
    }
  }
}

function httpKey(wait: Extract<Wait, { kind: 'http' }>): string {
  return `${wait.method} ${wait.url}`;
}

function queueEvent(agents: AgentAvailability): CallEvent {
  return { kind: 'queue', result: agents === 'available' ? 'bridged' : 'no-answer' };
}

function dialEvent(result: TransferResult): CallEvent {
  return { kind: 'dial', result: result === 'failed' ? 'failed' : 'answered' };
}

function httpEvent(fixture: HttpFixture): CallEvent {
  return { kind: 'http', status: fixture.status, body: fixture.body };
}
