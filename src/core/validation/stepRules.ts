/** Checks on single fields of single steps that a JSON Schema cannot express in an admin's words. */
import { isE164, isFlowId } from '../ids';
import { compilePattern, PATTERN_SYNTAX_HINT } from '../patterns';
import type { FlowSteps } from './flowSteps';
import type { ProblemReporter } from './problems';

const DTMF_KEY = /^[0-9*#]$/;

export function checkStepFields(steps: FlowSteps, reporter: ProblemReporter): void {
  for (const [id, step] of steps.ofType('menu')) {
    const options = step.options;
    if (options === null || typeof options !== 'object' || Array.isArray(options)) continue;
    for (const key of Object.keys(options)) {
      if (!DTMF_KEY.test(key)) {
        reporter.report(
          ['steps', id, 'options', key],
          'key',
          'error',
          'invalid-dtmf-key',
          `"${key}" is not a key callers can press. Each option is one phone key: 0-9, * or # (in quotes: "*", "#").`,
        );
      }
    }
  }

  for (const [id, step] of steps.ofType('collect')) {
    const min = step['min-digits'];
    const max = step['max-digits'];
    if (typeof min === 'number' && typeof max === 'number' && min > max) {
      reporter.report(
        ['steps', id, 'min-digits'],
        'value',
        'error',
        'min-greater-than-max',
        `"min-digits" (${min}) is more than "max-digits" (${max}), so no input could ever be accepted.`,
      );
    }
    const finishOn = step['finish-on'];
    if (typeof finishOn === 'string' && !DTMF_KEY.test(finishOn)) {
      reporter.report(
        ['steps', id, 'finish-on'],
        'value',
        'error',
        'invalid-dtmf-key',
        `"finish-on" must be one phone key: 0-9, * or # (in quotes: "#"), not "${finishOn}".`,
      );
    }
  }

  for (const [id, step] of steps.ofType('transfer')) {
    if (typeof step.to === 'string' && !isE164(step.to)) {
      reporter.report(
        ['steps', id, 'to'],
        'value',
        'error',
        'invalid-phone-number',
        `"${step.to}" is not a phone number in E.164 form. ${e164Hint(step.to)}`,
      );
    }
  }

  for (const [id, step] of steps.ofType('condition')) {
    if (!Array.isArray(step.branches)) continue;
    step.branches.forEach((branch: unknown, index: number) => {
      const pattern = (branch as { when?: { matches?: unknown } } | null)?.when?.matches;
      if (typeof pattern !== 'string') return;
      const compiled = compilePattern(pattern);
      if (typeof compiled === 'string') {
        reporter.report(
          ['steps', id, 'branches', index, 'when', 'matches'],
          'value',
          'error',
          'invalid-regex',
          `"${pattern}" is not a pattern callflow can run (${compiled}). ${PATTERN_SYNTAX_HINT}`,
        );
      }
    });
  }

  for (const [id, step] of steps.ofType('http')) {
    if (typeof step.url !== 'string') continue;
    // Variables may fill in any part of the address; only the scheme must be written out.
    if (!/^https?:\/\/[^\s/]/i.test(step.url)) {
      reporter.report(
        ['steps', id, 'url'],
        'value',
        'error',
        'invalid-url',
        `"${step.url}" is not a web address. It must start with https:// (or http://), e.g. https://crm.example.com/lookup.`,
      );
    }
  }

  for (const [id, step] of steps.ofType('business-hours')) {
    const hours = step.hours;
    // No hours at all is never meant: every call would take "closed" (an import leaves them to fill in).
    if (hours !== null && typeof hours === 'object' && !Array.isArray(hours) && Object.keys(hours).length === 0) {
      reporter.report(
        ['steps', id, 'hours'],
        'value',
        'error',
        'no-opening-hours',
        `"${id}" lists no opening hours, so every call would go to "closed". Give the hours per day, e.g. mon-fri: ["09:00-17:00"].`,
      );
    }
  }

  for (const [id, step] of steps.all()) {
    const audio = step.audio;
    // A prompt named by another system's id (connect-prompt:arn:…) or an s3:// address cannot be played.
    if (typeof audio === 'string' && /^[a-z][a-z0-9+.-]+:/i.test(audio) && !/^https?:\/\//i.test(audio)) {
      reporter.report(
        ['steps', id, 'audio'],
        'value',
        'error',
        'unplayable-audio',
        `"${audio}" is not a recording callflow can play. Give a file in the workspace (e.g. prompts/welcome.wav) or an https:// address, or write the prompt's words in "say".`,
      );
    }
  }

  for (const [id, step] of steps.ofType('goto-flow')) {
    if (typeof step.flow === 'string' && !isFlowId(step.flow)) {
      reporter.report(
        ['steps', id, 'flow'],
        'value',
        'error',
        'invalid-flow-id',
        `"${step.flow}" is not a flow id. Flow ids are the folder names under flows/: lowercase letters, digits and dashes (e.g. support-line).`,
      );
    }
  }
}

export function e164Hint(value: string): string {
  const digits = value.replace(/[^0-9]/g, '');
  const example =
    digits.length >= 2 && digits.length <= 15 ? `+${digits.length === 10 ? `1${digits}` : digits}` : '+14155550100';
  return `Write a plus sign, the country code and the number, with no spaces, in quotes (e.g. "${example}").`;
}
