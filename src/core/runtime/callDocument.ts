/**
 * What the carrier is told to do after an engine turn: the turn's prompts, then the verbs that
 * wait for what the engine waits for (a Gather, an Enqueue, a Dial, a Record), or a hang-up when
 * the call has ended. Pure: the server gives the absolute, signed URLs each verb reports back to.
 */
import type { Utterance, Wait } from '../engine/types';
import type { CallOutcome } from '../simulator/types';
import type { RuntimeSettings } from './settings';
import type { CarrierProfile, TwimlVerb } from './twiml';

/** The longest voicemail message, in seconds. */
export const VOICEMAIL_MAX_SECONDS = 120;
/** Seconds of hold between two looks at a queue's timeout. */
export const HOLD_PAUSE_SECONDS = 10;

export interface CallLinks {
  /** Where the carrier posts what happened while the engine waited (a signed continuation). */
  action: string;
  /** Where a Gather that ends with nothing pressed falls through to. */
  noInput: string;
  /** An Enqueue's waitUrl. */
  hold: string;
  /** An `audio` value of a flow (an https URL or a workspace path) as an absolute URL. */
  audio(value: string): string;
}

export interface TurnOutput {
  say: readonly Utterance[];
  wait?: Wait;
  outcome?: CallOutcome;
}

export function turnVerbs(
  turn: TurnOutput,
  links: CallLinks,
  runtime: RuntimeSettings,
  profile: CarrierProfile,
): TwimlVerb[] {
  const verbs = turn.say.map((u) => utteranceVerb(u, links));
  const wait = turn.wait;
  if (!wait) return [...verbs, { verb: 'hangup' }];
  switch (wait.kind) {
    case 'digits':
      return [
        ...verbs,
        {
          verb: 'gather',
          action: links.action,
          timeout: wait.timeout,
          prompt: wait.prompt.map((u) => utteranceVerb(u, links)),
          ...(wait.mode === 'menu'
            ? { numDigits: 1, finishOnKey: '' }
            : {
                ...(wait.maxDigits !== undefined ? { numDigits: wait.maxDigits } : {}),
                finishOnKey: wait.finishOnKey ?? '#',
              }),
        },
        // Carriers fall through a Gather that heard nothing: that is the step's no-input.
        { verb: 'redirect', url: links.noInput },
      ];
    case 'queue':
      return [
        ...verbs,
        {
          verb: 'enqueue',
          queue: wait.queue,
          action: links.action,
          waitUrl: links.hold,
          ...(runtime.twilioWorkflowSid && profile.taskRouter
            ? { workflowSid: runtime.twilioWorkflowSid, priority: wait.priority ?? 0 }
            : {}),
        },
      ];
    case 'dial':
      return [
        ...verbs,
        {
          verb: 'dial',
          number: wait.to,
          action: links.action,
          timeout: wait.ringSeconds,
          ...(wait.callerId !== undefined ? { callerId: wait.callerId } : {}),
        },
      ];
    case 'record':
      return [...verbs, { verb: 'record', action: links.action, maxLength: VOICEMAIL_MAX_SECONDS }];
    case 'http':
      // The server makes http requests itself; one left for later (its time budget spent) is
      // picked up when the carrier follows this redirect.
      return [...verbs, { verb: 'redirect', url: links.action }];
  }
}

/**
 * The queue's hold document, requested again and again while the caller waits: leave the queue
 * once the step's timeout has passed (the Enqueue's action then hears `leave`: no answer).
 */
export function holdVerbs(queueSeconds: number, timeout: number | undefined, runtime: RuntimeSettings): TwimlVerb[] {
  const remaining = timeout === undefined ? HOLD_PAUSE_SECONDS : timeout - queueSeconds;
  if (remaining <= 0) return [{ verb: 'leave' }];
  const hold: TwimlVerb = runtime.holdMusic
    ? { verb: 'play', url: runtime.holdMusic }
    : { verb: 'say', text: runtime.holdMessage };
  return [hold, { verb: 'pause', seconds: Math.min(HOLD_PAUSE_SECONDS, remaining) }];
}

/** A number that rings nothing callable: the apology, then the end of the call. */
export function apologyVerbs(runtime: RuntimeSettings): TwimlVerb[] {
  return [{ verb: 'say', text: runtime.apology }, { verb: 'hangup' }];
}

function utteranceVerb(utterance: Utterance, links: CallLinks): TwimlVerb {
  return utterance.kind === 'say'
    ? { verb: 'say', text: utterance.text }
    : { verb: 'play', url: links.audio(utterance.url) };
}
