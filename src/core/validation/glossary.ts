/**
 * The admin's words for the fields of the format, used when a schema problem names a field:
 * what the field is for (after "is missing") and what kind of value it takes.
 */
import { STEP_TYPES } from '../model';

/** `<step type>.<field>` first, then `<field>`. */
const PURPOSE: Record<string, string> = {
  callflow: 'the format version, always 1',
  trigger: 'what starts the flow, always incoming-call',
  start: 'the id of the first step',
  steps: 'the steps of the flow',
  type: 'what the step does',
  next: 'the step to go to next',
  'menu.options': 'the keys callers can press',
  'collect.variable': 'the variable that receives the digits',
  'collect.next': 'the step to go to once the digits are collected',
  branches: 'the tests to check, in order',
  when: 'the variable and the test to check',
  variable: 'the variable to test',
  else: 'the step to go to when no branch matches',
  timezone: 'the IANA time zone of the hours, e.g. America/New_York',
  hours: 'the opening hours per day, e.g. mon-fri: ["09:00-17:00"]',
  open: 'the step to go to during opening hours',
  closed: 'the step to go to outside opening hours',
  values: 'the variables to set and their values',
  'assign-dial.queue': 'the agent queue that answers the call',
  'callback.queue': 'the agent queue that calls back',
  to: 'the phone number to transfer to, e.g. "+14155550199"',
  method: 'GET, POST, PUT, PATCH or DELETE',
  url: 'the address of the web service',
  success: 'the step to go to when the service answers',
  failure: 'the step to go to when the request fails',
  flow: 'the id of the flow to continue in',
  name: "the flow's display name",
  versions: 'the list of versions',
  version: 'the version number',
  status: 'draft, published, archived or discarded',
  createdFrom: 'what the version was copied from, e.g. template or v2',
  createdAt: 'when the version was created',
  numbers: 'the phone numbers and the flow that answers each',
  'numbers.flow': 'the flow that answers the number',
};

const VALUE_KIND: Record<string, string> = {
  timeout: 'a number of seconds',
  attempts: 'a whole number of attempts',
  'min-digits': 'a whole number of digits',
  'max-digits': 'a whole number of digits',
  priority: 'a whole number',
  options: 'a mapping of keys to steps, e.g. { "1": sales, "2": support }',
  hours: 'a mapping of days to time ranges, e.g. mon-fri: ["09:00-17:00"]',
  holidays: 'a list of dates, e.g. ["2026-12-25"]',
  branches: 'a list of branches, each with "when" and "next"',
  when: 'a mapping with "variable" and one test, e.g. { variable: account, starts-with: "9" }',
  values: 'a mapping of variable names to values',
  save: 'a mapping of variable names to paths in the answer',
  in: 'a list of values, e.g. ["1", "2"]',
  steps: 'a mapping of step ids to steps',
};

const TYPE_KIND: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping of "key: value" lines',
  null: 'empty',
};

export function purposeOf(field: string, stepType?: string): string | undefined {
  return (stepType && PURPOSE[`${stepType}.${field}`]) || PURPOSE[field];
}

export function valueKindOf(field: string | undefined, schemaTypes: readonly string[]): string {
  if (field && VALUE_KIND[field]) return VALUE_KIND[field];
  if (schemaTypes.length === 3 && ['string', 'number', 'boolean'].every((t) => schemaTypes.includes(t))) {
    return 'text, a number or true/false';
  }
  if (schemaTypes.length === 2 && schemaTypes.includes('string') && schemaTypes.includes('object')) {
    return 'a flow id or { flow: <flow id>, label: <text> }';
  }
  const kinds = schemaTypes.map((t) => TYPE_KIND[t] ?? t);
  return kinds.length <= 1
    ? (kinds[0] ?? 'something else')
    : `${kinds.slice(0, -1).join(', ')} or ${kinds[kinds.length - 1]}`;
}

export const STEP_TYPE_LIST = STEP_TYPES.join(', ');

export function isStepType(value: unknown): value is (typeof STEP_TYPES)[number] {
  return typeof value === 'string' && (STEP_TYPES as readonly string[]).includes(value);
}

/**
 * Patterns the schemas give other YAML tools (menu keys, day keys, time ranges, E.164 numbers)
 * that the semantic rules check in their own words: AJV's report of them is dropped.
 */
export const RULE_PATTERNS: ReadonlySet<string> = new Set([
  '^[0-9*#]$',
  '^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$',
  '^([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$',
  '^\\+[1-9][0-9]{1,14}$',
]);

/** Explanations of the schemas' patterns, by pattern source. */
export const PATTERN_MEANING: Record<string, (subject: string) => string> = {
  '^[a-z][a-z0-9_-]{0,63}$': (s) =>
    `${s} is not a valid step id: use lowercase letters, digits, - and _, starting with a letter (at most 64 characters).`,
  '^[A-Za-z_][A-Za-z0-9_.-]{0,63}$': (s) =>
    `${s} is not a valid variable name: use letters, digits, _, . and -, starting with a letter or _ (at most 64 characters).`,
  '^(\\+[1-9][0-9]{1,14}|caller|dialed)$': (s) =>
    `${s} is not a caller id: give "caller" (the caller's own number), "dialed" (the number the caller dialed) or a number of yours in E.164 form, in quotes ("+14155550100").`,
  '^[0-9a-f]{64}$': (s) => `${s} must be a SHA-256 hash: 64 lowercase hexadecimal characters.`,
  '^(?!/)(?!.*(^|/)\\.\\.(/|$))[^\\\\:]+$': (s) =>
    `${s} must be a folder inside the workspace, such as flows (no leading "/", no "..").`,
  '^[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9][A-Za-z0-9._-]*)*$': (s) =>
    `${s} can only use letters, digits, ".", "_", "-" and "/" (e.g. callflow).`,
};

export const FORMAT_MEANING: Record<string, string> = {
  'date-time': 'a date and time such as 2026-11-24T15:00:00Z',
  date: 'a date such as 2026-12-25',
};
