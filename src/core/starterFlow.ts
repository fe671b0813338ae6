/**
 * The starter flow `create` writes as v1: small, valid, and showing the usual shape of a
 * contact-center flow (greeting -> business hours -> menu -> queue or voicemail -> hang up).
 */
export interface TemplateOptions {
  /** Flow name, spoken in the greeting. */
  name: string;
  /** IANA time zone for the business-hours step. */
  timezone?: string;
}

export const DEFAULT_TEMPLATE_TIMEZONE = 'America/New_York';

export function starterFlow(options: TemplateOptions): string {
  const timezone = options.timezone ?? DEFAULT_TEMPLATE_TIMEZONE;
  return `callflow: 1
trigger: incoming-call
start: welcome
steps:
  welcome:
    type: play
    say: ${quote(`Thanks for calling ${options.name}.`)}
    next: hours
  hours:
    type: business-hours
    timezone: ${timezone}
    hours:
      mon-fri: ["09:00-17:00"]
    open: menu
    closed: voicemail
  menu:
    type: menu
    say: "For sales press 1, for support press 2."
    options: { "1": sales, "2": support }
    timeout: 5
    attempts: 3
    no-input: voicemail
    invalid: voicemail
  sales:
    type: assign-dial
    queue: sales
    timeout: 120
    no-answer: voicemail
  support:
    type: assign-dial
    queue: support
    timeout: 120
    no-answer: voicemail
  voicemail:
    type: voicemail
    say: "Please leave a message after the tone."
    next: goodbye
  goodbye:
    type: hangup
`;
}

/** A double-quoted YAML scalar (JSON string syntax is valid YAML). */
function quote(text: string): string {
  return JSON.stringify(text);
}
