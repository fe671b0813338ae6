/** Which dialect an exported flow is in, from its shape alone. */
import { InvalidInputError } from '../errors';
import { isRecord, type SourceValue, table } from './sourceText';
import { studioDefinition } from './twilioStudio';
import type { ImportDialect } from './types';

/** Archy's flow kinds (the top-level key of an Archy YAML file). Only inboundCall answers calls. */
export const ARCHY_FLOW_KINDS: Readonly<Record<string, string>> = table({
  inboundCall: 'an inbound call flow',
  inboundChat: 'an inbound chat flow',
  inboundEmail: 'an inbound email flow',
  inboundShortMessage: 'an inbound message (SMS) flow',
  inQueueCall: 'an in-queue call flow (what callers hear while they wait)',
  inQueueEmail: 'an in-queue email flow',
  inQueueShortMessage: 'an in-queue message flow',
  outboundCall: 'an outbound call flow',
  secureCall: 'a secure call flow',
  commonModule: 'a common module',
  bot: 'a bot flow',
  digitalBot: 'a digital bot flow',
  voicemail: 'a voicemail flow',
  workflow: 'a workflow',
  surveyInvite: 'a survey invite flow',
  voiceSurvey: 'a voice survey flow',
  workitem: 'a workitem flow',
});

export const KNOWN_SHAPES =
  'Twilio Studio (a flow definition with "states", "initial_state" and "flags", or the REST Flow resource with it under "definition"), ' +
  'Amazon Connect (the Flow language with "Version", "StartAction" and "Actions"; DescribeContactFlow\'s "Content"; the older export with "modules") ' +
  'and Genesys Architect (Archy YAML with "inboundCall")';

export function detectDialect(value: SourceValue): ImportDialect | undefined {
  if (studioDefinition(value)) return 'twilio-studio';
  if (!isRecord(value)) return undefined;
  const flow = isRecord(value.ContactFlow) ? value.ContactFlow : value;
  if (Array.isArray(flow.Actions) || typeof flow.Content === 'string' || Array.isArray(flow.modules))
    return 'amazon-connect';
  if (Object.keys(value).some((key) => key in ARCHY_FLOW_KINDS)) return 'genesys-archy';
  return undefined;
}

export function unknownDialect(fileName: string, value: SourceValue): InvalidInputError {
  const keys = isRecord(value) ? Object.keys(value).slice(0, 8) : [];
  const what = isRecord(value)
    ? keys.length > 0
      ? `its top-level keys are ${keys.map((k) => `"${k}"`).join(', ')}`
      : 'it is an empty object'
    : `it is ${Array.isArray(value) ? 'a list' : 'a single value'}, not an object`;
  return new InvalidInputError(
    'import-unknown-dialect',
    `${fileName} is not a flow export callflow knows (${what}).`,
    `callflow imports ${KNOWN_SHAPES}.`,
  );
}

/** Whether a YAML text is an Archy file, before it is parsed (its `{{placeholders}}` may not parse). */
export function looksLikeArchy(text: string): boolean {
  return new RegExp(`^(${Object.keys(ARCHY_FLOW_KINDS).join('|')})\\s*:`, 'm').test(text);
}
