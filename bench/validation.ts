/**
 * Validation speed: full validation (YAML with positions, schema, every semantic check) of a
 * generated 2,000-step flow against a bare `yaml` parseDocument of the same text, in the same
 * process. The editor validates on every keystroke, so validation should cost at most twice
 * what reading the YAML alone costs.
 */
import { parseDocument } from 'yaml';
import { validateFlowText } from '../src/core/validation';
import { median, time, type BenchResult } from './result';

const STEPS = 2_000;
const WARM_UP_RUNS = 3;
const MEASURED_RUNS = 9;
const MAX_RATIO = 2;

/** A valid flow of `steps` steps mixing every step type, written as an admin would (block style, some flow style). */
export function generateFlowText(steps: number): string {
  const lines = ['callflow: 1', 'trigger: incoming-call', 'start: s0', 'steps:'];
  const id = (i: number): string => `s${i}`;
  for (let i = 0; i < steps - 1; i++) {
    const next = id(i + 1);
    lines.push(`  ${id(i)}:`);
    switch (i % 10) {
      case 0:
        lines.push('    type: play', `    say: "Step ${i}, calling from {{caller.number}}."`, `    next: ${next}`);
        break;
      case 1:
        lines.push(
          '    type: set',
          '    values:',
          `      counter: "${i}"`,
          '      greeting: "Hello {{counter}}"',
          `    next: ${next}`,
        );
        break;
      case 2:
        lines.push(
          '    type: condition',
          '    branches:',
          '      - when: { variable: counter, greater-than: 1000000000 }',
          `        next: ${next}`,
          '      - when: { variable: caller.number, matches: "^\\\\+44" }',
          `        next: ${next}`,
          `    else: ${next}`,
        );
        break;
      case 3:
        lines.push(
          '    type: business-hours',
          '    timezone: America/New_York',
          '    hours:',
          '      mon-fri: ["08:00-12:00", "13:00-18:00"]',
          '      sat: ["10:00-14:00"]',
          '    holidays: ["2026-12-25", "2027-01-01"]',
          `    open: ${next}`,
          `    closed: ${next}`,
        );
        break;
      case 4:
        lines.push(
          '    type: menu',
          '    say: "For sales press 1, for support press 2."',
          `    options: { "1": ${next}, "2": ${next}, "#": ${next} }`,
          '    timeout: 5',
          '    attempts: 3',
          `    no-input: ${next}`,
          `    invalid: ${next}`,
        );
        break;
      case 5:
        lines.push(
          '    type: http',
          '    method: GET',
          '    url: "https://crm.example.com/customers?phone={{caller.number}}"',
          '    save: { tier: customer.tier }',
          `    success: ${next}`,
          `    failure: ${next}`,
        );
        break;
      case 6:
        lines.push(
          '    type: collect',
          '    say: "Enter your account number."',
          '    variable: account',
          '    min-digits: 4',
          '    max-digits: 8',
          '    finish-on: "#"',
          `    next: ${next}`,
          `    no-input: ${next}`,
        );
        break;
      case 7:
        lines.push('    type: assign-dial', '    queue: sales', '    timeout: 60', `    no-answer: ${next}`);
        break;
      case 8:
        lines.push('    type: transfer', '    to: "+14155550199"', `    failed: ${next}`);
        break;
      default:
        lines.push(
          '    type: voicemail',
          '    say: "Leave a message for {{account}} ({{tier}})."',
          `    next: ${next}`,
        );
    }
  }
  lines.push(`  ${id(steps - 1)}:`, '    type: hangup', '    say: "Goodbye."');
  return lines.join('\n') + '\n';
}

export async function benchValidation(): Promise<BenchResult[]> {
  const text = generateFlowText(STEPS);
  const validate = (): unknown => validateFlowText(text, 'flows/bench/v1.yaml');
  const parse = (): unknown => parseDocument(text);
  // The yaml package's own duplicate-key check is quadratic and validation does it linearly,
  // so also compare with a parse that skips it: validation's overhead over reading the YAML.
  const parseWithoutKeyCheck = (): unknown => parseDocument(text, { uniqueKeys: false });

  const firstCall = time(validate); // includes compiling the schemas, once per process
  const problems = validateFlowText(text, 'flows/bench/v1.yaml').problems.length;
  for (let i = 0; i < WARM_UP_RUNS; i++) {
    validate();
    parse();
    parseWithoutKeyCheck();
  }
  // Interleaved, so that drift (GC, CPU frequency) hits both alike.
  const validationTimes: number[] = [];
  const parseTimes: number[] = [];
  const plainParseTimes: number[] = [];
  for (let i = 0; i < MEASURED_RUNS; i++) {
    validationTimes.push(time(validate));
    parseTimes.push(time(parse));
    plainParseTimes.push(time(parseWithoutKeyCheck));
  }
  const validation = median(validationTimes);
  const bareParse = median(parseTimes);
  const ratio = validation / bareParse;
  const round = (n: number): number => Math.round(n * 100) / 100;
  return [
    {
      name: `validation: ${STEPS.toLocaleString('en')}-step flow (median of ${MEASURED_RUNS})`,
      value: round(validation),
      unit: 'ms',
    },
    {
      name: `validation: bare yaml parseDocument of the same text (median of ${MEASURED_RUNS})`,
      value: round(bareParse),
      unit: 'ms',
    },
    {
      name: 'validation: time relative to the bare parse',
      value: round(ratio),
      unit: '×',
      target: `≤ ${MAX_RATIO}×`,
      ok: ratio <= MAX_RATIO,
    },
    {
      name: 'validation: time relative to a parse without the duplicate-key check',
      value: round(validation / median(plainParseTimes)),
      unit: '×',
    },
    { name: 'validation: first call in the process (schemas compiled)', value: round(firstCall), unit: 'ms' },
    {
      name: 'validation: problems found in the generated flow',
      value: problems,
      unit: 'problems',
      target: '0',
      ok: problems === 0,
    },
  ];
}
