/**
 * What an import cannot know and the admin must fill in, written so that the draft stays
 * structurally valid and validation names each gap at its line: a business-hours step with no
 * hours (`no-opening-hours`), an http step whose address is a sentence (`invalid-url`), a
 * prompt known only by its id in the source system (`unplayable-audio`), a transfer to a number
 * the source computes (`invalid-phone-number`).
 */
import type { BusinessHoursStep, HttpStep } from '../model';
import { DEFAULT_TEMPLATE_TIMEZONE } from '../starterFlow';

/** The scheme of audio that names a prompt of the source system; validation reports it as `unplayable-audio`. */
export const SOURCE_PROMPT_SCHEMES = {
  'amazon-connect': 'connect-prompt:',
  'genesys-archy': 'genesys-prompt:',
  'twilio-studio': 'twilio-asset:',
} as const;

export function hoursToFillIn(
  timezone: string | undefined,
  exits: Pick<BusinessHoursStep, 'open' | 'closed'> & { holiday?: string },
): BusinessHoursStep {
  return {
    type: 'business-hours',
    timezone: timezone ?? DEFAULT_TEMPLATE_TIMEZONE,
    hours: {},
    open: exits.open,
    closed: exits.closed,
    ...(exits.holiday !== undefined ? { holiday: exits.holiday } : {}),
  };
}

/** The url of an http step that calls code with no web address in the source (a Lambda, a data action). */
export function urlToFillIn(what: string): string {
  return `fill in the https address that replaces ${what}`;
}

export function httpToFillIn(what: string, exits: Pick<HttpStep, 'success' | 'failure'>): HttpStep {
  return { type: 'http', method: 'POST', url: urlToFillIn(what), success: exits.success, failure: exits.failure };
}

/** A phone number the source computes at call time: kept as text, which validation asks to replace. */
export function numberToFillIn(expression: string): string {
  return `fill in a number for ${expression}`;
}
