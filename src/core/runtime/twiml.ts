/**
 * TwiML (Twilio), cXML (SignalWire) and TeXML (Telnyx) documents, as pure functions: verbs in,
 * XML text out. Every text and attribute is escaped here and nowhere else, and characters XML
 * cannot carry are dropped, so nothing a caller typed or an http answer returned can change the
 * document's shape. Every URL written must already be absolute (the carrier is told where to go
 * next under the server's public URL, which some carriers require).
 */

export const CARRIERS = ['twilio', 'signalwire', 'telnyx'] as const;
export type CarrierName = (typeof CARRIERS)[number];

export interface CarrierProfile {
  name: CarrierName;
  /** Seconds a Gather may wait, as the carrier accepts them. */
  gatherTimeout: { min: number; max: number };
  dialTimeout: { min: number; max: number };
  /** Enqueue with workflowSid and a Task (priority): Twilio's TaskRouter only. */
  taskRouter: boolean;
}

export const CARRIER_PROFILES: Readonly<Record<CarrierName, CarrierProfile>> = {
  twilio: { name: 'twilio', gatherTimeout: { min: 1, max: 600 }, dialTimeout: { min: 5, max: 600 }, taskRouter: true },
  signalwire: {
    name: 'signalwire',
    gatherTimeout: { min: 1, max: 600 },
    dialTimeout: { min: 5, max: 600 },
    taskRouter: false,
  },
  telnyx: { name: 'telnyx', gatherTimeout: { min: 1, max: 120 }, dialTimeout: { min: 5, max: 120 }, taskRouter: false },
};

export type TwimlVerb =
  | { verb: 'say'; text: string }
  | { verb: 'play'; url: string }
  | { verb: 'pause'; seconds: number }
  | {
      verb: 'gather';
      action: string;
      timeout: number;
      numDigits?: number;
      finishOnKey?: string;
      /** Played inside the Gather, so a key press interrupts it. */
      prompt: TwimlVerb[];
    }
  | { verb: 'enqueue'; queue: string; action: string; waitUrl: string; workflowSid?: string; priority?: number }
  | { verb: 'dial'; number: string; action: string; timeout: number; callerId?: string }
  | { verb: 'record'; action: string; maxLength: number }
  | { verb: 'redirect'; url: string }
  | { verb: 'leave' }
  | { verb: 'hangup' };

export interface RenderOptions {
  profile: CarrierProfile;
  voice?: string;
  language?: string;
}

/** The document the carrier plays: `<Response>` with the verbs, in order. */
export function renderTwiml(verbs: readonly TwimlVerb[], options: RenderOptions): string {
  let body = '';
  for (const verb of verbs) body += renderVerb(verb, options);
  return `<?xml version="1.0" encoding="UTF-8"?><Response>${body}</Response>`;
}

function renderVerb(verb: TwimlVerb, options: RenderOptions): string {
  const { profile } = options;
  switch (verb.verb) {
    case 'say':
      return element('Say', { voice: options.voice, language: options.language }, escapeText(verb.text));
    case 'play':
      return element('Play', {}, escapeText(absolute(verb.url)));
    case 'pause':
      return element('Pause', { length: String(wholeSeconds(verb.seconds, 1, 600)) });
    case 'gather':
      return element(
        'Gather',
        {
          input: 'dtmf',
          action: absolute(verb.action),
          method: 'POST',
          timeout: String(wholeSeconds(verb.timeout, profile.gatherTimeout.min, profile.gatherTimeout.max)),
          numDigits: verb.numDigits === undefined ? undefined : String(verb.numDigits),
          finishOnKey: verb.finishOnKey ?? '',
        },
        verb.prompt.map((v) => renderVerb(v, options)).join(''),
      );
    case 'enqueue': {
      const attributes = {
        action: absolute(verb.action),
        method: 'POST',
        waitUrl: absolute(verb.waitUrl),
        waitUrlMethod: 'POST',
      };
      if (verb.workflowSid && profile.taskRouter) {
        const task = element(
          'Task',
          { priority: String(verb.priority ?? 0) },
          escapeText(JSON.stringify({ queue: verb.queue })),
        );
        return element('Enqueue', { ...attributes, workflowSid: verb.workflowSid }, task);
      }
      return element('Enqueue', attributes, escapeText(verb.queue));
    }
    case 'dial':
      return element(
        'Dial',
        {
          action: absolute(verb.action),
          method: 'POST',
          timeout: String(wholeSeconds(verb.timeout, profile.dialTimeout.min, profile.dialTimeout.max)),
          callerId: verb.callerId,
        },
        element('Number', {}, escapeText(verb.number)),
      );
    case 'record':
      return element('Record', {
        action: absolute(verb.action),
        method: 'POST',
        maxLength: String(wholeSeconds(verb.maxLength, 1, 3600)),
        playBeep: 'true',
      });
    case 'redirect':
      return element('Redirect', { method: 'POST' }, escapeText(absolute(verb.url)));
    case 'leave':
      return '<Leave/>';
    case 'hangup':
      return '<Hangup/>';
  }
}

function element(name: string, attributes: Record<string, string | undefined>, content = ''): string {
  let attrs = '';
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) attrs += ` ${key}="${escapeAttribute(value)}"`;
  }
  return content === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

/** Characters XML 1.0 cannot carry at all (controls, U+FFFE/U+FFFF, lone surrogates) are dropped. */
// eslint-disable-next-line no-control-regex -- control characters are what this drops
const XML_CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Whether a text has anything to escape or drop (most prompts do not: they are returned as they are). */
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPING = /[&<>"'\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

export function escapeText(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  return text
    .replace(XML_CONTROL, '')
    .replace(LONE_SURROGATE, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');
}

export function escapeAttribute(text: string): string {
  if (!NEEDS_ESCAPING.test(text)) return text;
  return escapeText(text)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
}

function wholeSeconds(seconds: number, min: number, max: number): number {
  const whole = Number.isFinite(seconds) ? Math.ceil(seconds) : min;
  return Math.min(max, Math.max(min, whole));
}

/** A relative URL in a document would be resolved by each carrier its own way (or refused): never write one. */
function absolute(url: string): string {
  if (!/^https?:\/\/[^\s/?#]+/i.test(url)) throw new Error(`TwiML needs absolute URLs; "${url}" is not one.`);
  return url;
}
