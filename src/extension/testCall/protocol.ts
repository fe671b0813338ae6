/**
 * Messages between the Test Call panel and its page (src/webview/testCall/main.ts, which shares this
 * file as types). The host owns the call: it sends the whole view after every change, and the page
 * only shows it and reports what the user pressed. The page's messages arrive as untrusted JSON:
 * parseTestCallPageMessage checks type and fields first.
 */

/** One line of the call's transcript, in the order it happened. */
export type TranscriptLine =
  /** A prompt the caller hears (`say`) or a recording played (`play`: its URL as text). */
  | { kind: 'say' | 'play'; text: string; flow: string; step: string }
  /** A step the call went through, as `simulate` describes it. */
  | { kind: 'step'; text: string; flow: string; step: string; index: number }
  /** The keys the caller pressed at a listening step ('' : they let it time out). */
  | { kind: 'pressed'; keys: string; step: string }
  /** An answer given: by the user (an outcome chosen), or kept from earlier in the call. */
  | { kind: 'answered'; text: string }
  | { kind: 'warning'; text: string };

/** What the call waits for from the user. */
export type QuestionView =
  | {
      kind: 'keys';
      flow: string;
      step: string;
      mode: 'menu' | 'collect';
      /** Seconds the step listens before the prompt times out. */
      timeout: number;
      /** As the runtime counts them: this is attempt `attempt` of `attempts`. */
      attempt: number;
      attempts: number;
      finishOnKey?: string;
      maxDigits?: number;
      /** The keys typed so far in this entry (a collect takes several). */
      typed: string;
    }
  | {
      kind: 'choice';
      flow: string;
      step: string;
      text: string;
      choices: { key: string; label: string }[];
      /** An http step: the request's `METHOD url`, which the user may let the panel send for real. */
      liveRequest?: string;
    };

/** A call from the runtime's execution log, replayed: does today's version route it the same way? */
export interface ReplayView {
  /** `call CA123 to support-line v3 at Tue 10:00 in America/New_York`. */
  call: string;
  /** The version the runtime ran (v3) and what it did. */
  logged: { version: string; outcome: string };
  /** Today's version (the published one, else the draft) run with the same inputs. */
  today?: { version: string; outcome: string; same: boolean; differences: string[] };
  /** Why today's version could not be asked. */
  todayProblem?: string;
}

export interface TestCallView {
  /** Grows on every Call Again: the page starts a new transcript (and a new sound queue). */
  callNumber: number;
  mode: 'live' | 'replay';
  /** `support-line v3 (draft)`. */
  title: string;
  /** The caller id ('' : withheld). */
  from: string;
  /** The call's time as the caller lives it: `Tue 10:00 in America/New_York`. */
  atText: string;
  /** The same time as `YYYY-MM-DDTHH:MM` in `zone`, for the time field. */
  atLocal: string;
  /** The call happens now (no time was chosen). */
  atNow: boolean;
  zone: string;
  transcript: TranscriptLine[];
  question?: QuestionView;
  outcome?: { kind: string; text: string };
  /** The call was saved as a call scenario. */
  saved?: { name: string; file: string };
  replay?: ReplayView;
  /** Something the host could not do (a bad time, a failed save), said in the panel. */
  problem?: string;
  /** The panel is waiting for the host (a live request in flight). */
  busy?: string;
}

/** Extension → page. */
export type TestCallPanelMessage = { type: 'view'; view: TestCallView };

/** Page → extension. */
export type TestCallPageMessage =
  | { type: 'ready' }
  /** One key of the dial pad or the keyboard (0-9 * #). */
  | { type: 'key'; key: string }
  /** Let the listening step time out (its countdown ended, or the user did not wait). */
  | { type: 'timeout' }
  /** One of the question's choices, by its key. */
  | { type: 'choose'; key: string }
  /** Send the http step's request for real and give its answer to the call. */
  | { type: 'sendLiveRequest' }
  /** The same call again; `from` and `at` as the fields say ('' : withheld; 'now' or a local time in the zone). */
  | { type: 'callAgain'; from: string; at: string }
  | { type: 'saveScenario' }
  /** Show the step in the YAML. */
  | { type: 'reveal'; flow: string; step: string }
  /** Stop the call where it is. */
  | { type: 'hangUp' };

export const DIAL_KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

const MAX_TEXT = 200;

export function parseTestCallPageMessage(value: unknown): TestCallPageMessage | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'timeout':
    case 'sendLiveRequest':
    case 'saveScenario':
    case 'hangUp':
      return { type: m.type };
    case 'key':
      return typeof m.key === 'string' && (DIAL_KEYS as readonly string[]).includes(m.key)
        ? { type: 'key', key: m.key }
        : undefined;
    case 'choose':
      return isText(m.key, 8) ? { type: 'choose', key: m.key } : undefined;
    case 'callAgain':
      return isText(m.from, MAX_TEXT, true) && isText(m.at, 40)
        ? { type: 'callAgain', from: m.from, at: m.at }
        : undefined;
    case 'reveal':
      return isText(m.flow, 1000) && isText(m.step, 1000) ? { type: 'reveal', flow: m.flow, step: m.step } : undefined;
    default:
      return undefined;
  }
}

function isText(value: unknown, max: number, mayBeEmpty = false): value is string {
  return typeof value === 'string' && value.length <= max && (mayBeEmpty || value.length > 0);
}
