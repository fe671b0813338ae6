/**
 * Reads a scenario file, keeping each scenario's line so a failure can point at it. Never
 * throws on a bad file: every problem is returned with its position.
 *
 * Scalars are read as written: `from: +14155550123` stays "+14155550123" (YAML would make
 * it a number) and `digits: [01]` stays "01".
 */
import { isMap, isScalar, isSeq, Scalar, type Node, type Pair, type YAMLMap } from 'yaml';
import { callerIdProblem, closestMatch } from '../ids';
import { nullRecord } from '../records';
import { checkHttpFixtures, parseCallTime } from '../simulator/inputs';
import { OUTCOME_KINDS, type HttpFixture, type OutcomeKind } from '../simulator/types';
import { byteLength, parseYaml, positionOf, sizeProblem, splitHint, type ParsedYaml } from '../yamlText';
import type { CallScenario, ParsedScenarioFile, ScenarioExpectation, ScenarioProblem } from './types';

export const SCENARIO_KEYS = [
  'name',
  'at',
  'from',
  'dialed',
  'digits',
  'agents',
  'transfer',
  'http',
  'expect',
] as const;
export const EXPECT_KEYS = ['outcome', 'queue', 'to', 'mailbox', 'message', 'path', 'says', 'variables'] as const;
const DTMF_ENTRY = /^[0-9*#]*$/;

export { isScenarioFileName } from './names';

class ScenarioReader {
  readonly problems: ScenarioProblem[] = [];
  /** Problems of the scenario being read, for its failed result. */
  current: string[] = [];

  constructor(
    readonly file: string,
    readonly source: string,
    readonly parsed: ParsedYaml,
  ) {}

  problem(node: Node | Pair | null | undefined, message: string): void {
    const offset = rangeStart(node);
    this.problems.push({ file: this.file, ...positionOf(this.parsed.lineCounter, offset), message });
    this.current.push(message);
  }

  line(node: Node | null | undefined): number {
    return positionOf(this.parsed.lineCounter, rangeStart(node)).line;
  }

  /** A scalar as its source text (plain) or its value (quoted); undefined after a problem. */
  text(node: unknown, what: string): string | undefined {
    if (!isScalar(node) || (node.value !== null && typeof node.value === 'object')) {
      this.problem(node as Node, `${what} must be a single value.`);
      return undefined;
    }
    if (node.type === Scalar.PLAIN && node.range) {
      const written = this.source.slice(node.range[0], node.range[1]);
      if (!written.includes('\n')) return written;
    }
    // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a YAML scalar's value
    return node.value === null ? '' : String(node.value);
  }

  /** Checks the keys of a map against the allowed ones, with a "did you mean". */
  keys(map: YAMLMap, allowed: readonly string[], where: string): Map<string, Node | null> {
    const found = new Map<string, Node | null>();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!allowed.includes(key)) {
        const guess = closestMatch(key, allowed);
        this.problem(
          pair.key as Node,
          `${where} has no key "${key}"${guess ? `; did you mean "${guess}"?` : `; known keys: ${allowed.join(', ')}.`}`,
        );
        continue;
      }
      found.set(key, pair.value as Node | null);
    }
    return found;
  }
}

function rangeStart(node: Node | Pair | null | undefined): number {
  if (!node) return 0;
  if ('range' in node && node.range) return node.range[0];
  if ('key' in node) return rangeStart(node.key as Node);
  return 0;
}

export function parseCallScenarios(text: string, file: string): ParsedScenarioFile {
  const tooLarge = sizeProblem(byteLength(text), 'scenarios');
  const parsed = parseYaml(tooLarge ? '' : text);
  const reader = new ScenarioReader(file, text, parsed);
  const result: ParsedScenarioFile = { file, scenarios: [], problems: reader.problems, unreadable: [] };
  if (tooLarge) {
    reader.problem(null, `The file is too large: ${tooLarge}. ${splitHint('scenarios')}`);
    return result;
  }
  for (const error of parsed.errors) {
    reader.problems.push({
      file,
      ...positionOf(parsed.lineCounter, error.pos[0]),
      message: error.message.split('\n')[0]!,
    });
  }
  if (parsed.errors.length > 0) return result;
  const root = parsed.document.contents;
  if (!isMap(root)) {
    reader.problem(root, 'A scenario file is a map with a `calls:` list of calls.');
    return result;
  }
  const calls = reader.keys(root, ['calls'], 'A scenario file').get('calls');
  if (!isSeq(calls)) {
    reader.problem(calls ?? root, '`calls` must be a list of calls, each with a name, inputs and an `expect`.');
    return result;
  }
  const names = new Set<string>();
  calls.items.forEach((item, index) => {
    reader.current = [];
    const scenario = readScenario(reader, item as Node, index);
    if (scenario && names.has(scenario.name))
      reader.problem(item as Node, `Another call is named "${scenario.name}" too; give each call its own name.`);
    if (scenario) names.add(scenario.name);
    if (scenario && reader.current.length === 0) result.scenarios.push(scenario);
    else
      result.unreadable.push({
        name: scenario?.name ?? `call ${index + 1}`,
        line: reader.line(item as Node),
        problems: reader.current,
      });
  });
  result.problems.sort((a, b) => a.line - b.line || a.column - b.column);
  return result;
}

function readScenario(reader: ScenarioReader, node: Node, index: number): CallScenario | undefined {
  if (!isMap(node)) {
    reader.problem(node, `Call ${index + 1} must be a map with a name, inputs and an \`expect\`.`);
    return undefined;
  }
  const fields = reader.keys(node, SCENARIO_KEYS, `Call ${index + 1}`);
  const nameNode = fields.get('name');
  const name = nameNode === undefined ? undefined : reader.text(nameNode, 'name');
  if (nameNode === undefined || name === '') reader.problem(node, `Call ${index + 1} needs a name.`);
  const label = name ? `"${name}"` : `Call ${index + 1}`;
  const scenario: CallScenario = {
    name: name || `call ${index + 1}`,
    line: reader.line(node),
    digits: [],
    agents: nullRecord(),
    http: nullRecord(),
    expect: {},
  };
  for (const [key, value] of fields) {
    switch (key) {
      case 'at': {
        const at = reader.text(value, `${label}: at`);
        if (at !== undefined) {
          try {
            parseCallTime(at);
            scenario.at = at;
          } catch (err) {
            reader.problem(value, `${label}: ${(err as Error).message} Write it like 2026-11-24T15:00:00Z.`);
          }
        }
        break;
      }
      case 'from': {
        const caller = reader.text(value, `${label}: from`);
        const problem = caller === undefined ? undefined : callerIdProblem(caller);
        if (problem) reader.problem(value, `${label}: from: ${problem}`);
        else if (caller !== undefined) scenario.from = caller;
        break;
      }
      case 'dialed': {
        const number = reader.text(value, `${label}: dialed`);
        if (number !== undefined) scenario.dialed = number;
        break;
      }
      case 'digits':
        scenario.digits = readDigits(reader, value, label);
        break;
      case 'agents':
        scenario.agents = readAgents(reader, value, label);
        break;
      case 'transfer': {
        const transfer = reader.text(value, `${label}: transfer`);
        if (transfer === 'ok' || transfer === 'failed') scenario.transfer = transfer;
        else if (transfer !== undefined)
          reader.problem(value, `${label}: transfer is ok or failed, not "${transfer}".`);
        break;
      }
      case 'http':
        scenario.http = readHttp(reader, value, label);
        break;
      case 'expect':
        scenario.expect = readExpectation(reader, value, label);
        break;
      default:
        break;
    }
  }
  if (!fields.has('expect')) reader.problem(node, `${label} needs an \`expect\`, e.g. expect: { outcome: voicemail }.`);
  return scenario;
}

function readDigits(reader: ScenarioReader, node: Node | null, label: string): string[] {
  const items = isSeq(node) ? node.items : [node];
  const digits: string[] = [];
  for (const item of items) {
    const entry = reader.text(item, `${label}: each digits entry`);
    if (entry === undefined) continue;
    if (!DTMF_ENTRY.test(entry)) {
      reader.problem(
        item as Node,
        `${label}: "${entry}" is not a DTMF entry; use the keys 0-9, * and # (quote entries with # or *, e.g. "1234#").`,
      );
      continue;
    }
    digits.push(entry);
  }
  return digits;
}

function readAgents(reader: ScenarioReader, node: Node | null, label: string): CallScenario['agents'] {
  const agents: CallScenario['agents'] = nullRecord();
  if (!isMap(node)) {
    reader.problem(node, `${label}: agents maps queues to available or busy, e.g. agents: { sales: busy }.`);
    return agents;
  }
  for (const pair of node.items) {
    const queue = reader.text(pair.key, `${label}: a queue name`);
    const value = reader.text(pair.value, `${label}: agents of ${queue}`);
    if (queue === undefined || value === undefined) continue;
    if (value === 'available' || value === 'true') agents[queue] = 'available';
    else if (value === 'busy' || value === 'false') agents[queue] = 'busy';
    else
      reader.problem(pair.value as Node, `${label}: agents of queue ${queue} are available or busy, not "${value}".`);
  }
  return agents;
}

function readHttp(reader: ScenarioReader, node: Node | null, label: string): Record<string, HttpFixture> {
  const fixtures = nullRecord<HttpFixture>();
  if (!isMap(node)) {
    reader.problem(node, `${label}: http maps "METHOD url" to { status, body }.`);
    return fixtures;
  }
  for (const pair of node.items) {
    const key = reader.text(pair.key, `${label}: an http request`);
    if (key === undefined) continue;
    const fixture = (pair.value as Node | null)?.toJS(reader.parsed.document, { maxAliasCount: 100 }) as HttpFixture;
    try {
      checkHttpFixtures({ [key]: fixture });
      fixtures[key] = fixture;
    } catch (err) {
      reader.problem(pair.key as Node, `${label}: ${(err as Error).message}`);
    }
  }
  return fixtures;
}

function readExpectation(reader: ScenarioReader, node: Node | null, label: string): ScenarioExpectation {
  const expect: ScenarioExpectation = {};
  if (!isMap(node)) {
    reader.problem(node, `${label}: expect is a map, e.g. expect: { outcome: connected, queue: sales }.`);
    return expect;
  }
  const fields = reader.keys(node, EXPECT_KEYS, `${label}: expect`);
  if (fields.size === 0 && node.items.length === 0) reader.problem(node, `${label}: expect says nothing to check.`);
  for (const [key, value] of fields) {
    switch (key) {
      case 'outcome': {
        const outcome = reader.text(value, `${label}: expect.outcome`);
        if (outcome === undefined) break;
        if ((OUTCOME_KINDS as readonly string[]).includes(outcome)) expect.outcome = outcome as OutcomeKind;
        else reader.problem(value, `${label}: "${outcome}" is not an outcome; use one of ${OUTCOME_KINDS.join(', ')}.`);
        break;
      }
      case 'queue':
      case 'to':
      case 'mailbox':
      case 'message': {
        const text = reader.text(value, `${label}: expect.${key}`);
        if (text !== undefined) expect[key] = text;
        break;
      }
      case 'path':
      case 'says': {
        const items = isSeq(value) ? value.items : key === 'says' ? [value] : undefined;
        if (!items) {
          reader.problem(value, `${label}: expect.path is a list of step ids, e.g. [welcome, hours, menu].`);
          break;
        }
        const texts = items.map((item) => reader.text(item, `${label}: each expect.${key} entry`));
        if (texts.every((t): t is string => t !== undefined)) expect[key] = texts;
        break;
      }
      case 'variables': {
        if (!isMap(value)) {
          reader.problem(value, `${label}: expect.variables maps variables to values, e.g. { tier: gold }.`);
          break;
        }
        expect.variables = nullRecord();
        for (const pair of value.items) {
          const name = reader.text(pair.key, `${label}: a variable name`);
          const expected = reader.text(pair.value, `${label}: the value of ${name}`);
          if (name !== undefined && expected !== undefined) expect.variables[name] = expected;
        }
        break;
      }
      default:
        break;
    }
  }
  return expect;
}
