/**
 * The `runtime:` block of callflow.yaml: what `callflow serve` says and calls that no flow step
 * names (the apology, the hold message, the callback webhook, Twilio's TaskRouter workflow). It
 * is read from git at the served commit like everything else the server runs, so a change to it
 * reaches callers the way a publish does.
 */
import { printable } from '../ids';
import { parsePlainYaml } from '../yamlText';

export interface RuntimeSettings {
  /** Said, then the call ends, when a number rings nothing callable. */
  apology: string;
  /** Said while a caller waits in a queue (when no hold music is set). */
  holdMessage: string;
  /** An audio URL played while a caller waits in a queue, instead of the hold message. */
  holdMusic?: string;
  /** Text-to-speech voice and language of every spoken text (`<Say voice language>`). */
  voice?: string;
  language?: string;
  /** Where a callback step's request is POSTed (JSON). */
  callbackWebhook?: string;
  /** Twilio only: assign-dial steps enqueue through this TaskRouter workflow, with their priority. */
  twilioWorkflowSid?: string;
}

export const DEFAULT_RUNTIME_SETTINGS: RuntimeSettings = {
  apology: 'Sorry, this number cannot take calls right now. Please try again later. Goodbye.',
  holdMessage: 'Please stay on the line. Your call will be answered by the next available agent.',
};

const MAX_TEXT = 1_000;
const URL_PATTERN = /^https?:\/\/[^\s/?#]+[^\s]*$/;

/**
 * The runtime settings in callflow.yaml's text; defaults for what is not set. Throws a message
 * (for the server's log) when the block is malformed; callflow.yaml's schema says the same at save.
 */
export function parseRuntimeSettings(settingsText: string | undefined): RuntimeSettings {
  const settings: RuntimeSettings = { ...DEFAULT_RUNTIME_SETTINGS };
  if (settingsText === undefined || settingsText.trim() === '') return settings;
  const parsed = parsePlainYaml(settingsText);
  if ('error' in parsed) throw new Error(`callflow.yaml is not valid YAML: ${parsed.error}`);
  const root = parsed.value;
  if (root === null || typeof root !== 'object' || Array.isArray(root)) return settings;
  const block = (root as Record<string, unknown>)['runtime'];
  if (block === undefined || block === null) return settings;
  if (typeof block !== 'object' || Array.isArray(block)) throw new Error('callflow.yaml: runtime must be a map.');
  const record = block as Record<string, unknown>;
  const text = (key: keyof RuntimeSettings, pattern?: RegExp, rule?: string): string | undefined => {
    const value = record[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_TEXT)
      throw new Error(`callflow.yaml: runtime.${key} must be text of 1-${MAX_TEXT} characters.`);
    if (pattern && !pattern.test(value))
      throw new Error(`callflow.yaml: runtime.${key} "${printable(value)}" must be ${rule ?? 'valid'}.`);
    return value;
  };
  const url = (key: keyof RuntimeSettings): string | undefined =>
    text(key, URL_PATTERN, 'an https:// (or http://) URL');
  const apology = text('apology');
  const holdMessage = text('holdMessage');
  const holdMusic = url('holdMusic');
  const voice = text('voice', /^[A-Za-z0-9._:-]{1,100}$/, 'a voice name such as Polly.Joanna or alice');
  const language = text('language', /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as en-US');
  const callbackWebhook = url('callbackWebhook');
  const twilioWorkflowSid = text('twilioWorkflowSid', /^WW[0-9a-f]{32}$/, 'a TaskRouter workflow SID (WW…)');
  for (const key of Object.keys(record))
    if (!(key in SETTING_NAMES)) throw new Error(`callflow.yaml: runtime.${printable(key)} is not a runtime setting.`);
  return {
    ...settings,
    ...(apology ? { apology } : {}),
    ...(holdMessage ? { holdMessage } : {}),
    ...(holdMusic ? { holdMusic } : {}),
    ...(voice ? { voice } : {}),
    ...(language ? { language } : {}),
    ...(callbackWebhook ? { callbackWebhook } : {}),
    ...(twilioWorkflowSid ? { twilioWorkflowSid } : {}),
  };
}

const SETTING_NAMES: Record<keyof RuntimeSettings, true> = {
  apology: true,
  holdMessage: true,
  holdMusic: true,
  voice: true,
  language: true,
  callbackWebhook: true,
  twilioWorkflowSid: true,
};
