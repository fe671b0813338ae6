/**
 * A test call as a call scenario (flow format section 9): its inputs and what it did, appended
 * to the flow's calls.yaml with the yaml Document API, so the file's comments and layout stay.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, type Node, type YAMLSeq } from 'yaml';
import { InvalidInputError } from '../errors';
import { describeOutcome } from '../simulator/describe';
import type { CallOutcome, SimulationResult } from '../simulator/types';
import type { ScenarioExpectation } from '../scenarios/types';
import type { GivenInputs } from './interactiveCall';

export interface SavedScenario {
  /** The file's new text. */
  text: string;
  /** The name the call was saved under (made unique in the file). */
  name: string;
}

/** The name a test call is saved under when the user gives none: `test call: connected to queue sales`. */
export function testCallScenarioName(outcome: CallOutcome): string {
  return `test call: ${describeOutcome(outcome).replace(/^error: .*/, 'error')}`;
}

/** What the call did, as a scenario expects it: the outcome, its queue, number, mailbox or message, and the path. */
export function expectationOf(result: SimulationResult): ScenarioExpectation {
  const { outcome } = result;
  const expect: ScenarioExpectation = { outcome: outcome.kind };
  if (outcome.kind === 'connected' || outcome.kind === 'callback') expect.queue = outcome.queue;
  if (outcome.kind === 'transferred') expect.to = outcome.to;
  if (outcome.kind === 'voicemail' && outcome.mailbox !== undefined) expect.mailbox = outcome.mailbox;
  if (outcome.kind === 'error') expect.message = outcome.message;
  expect.path = result.steps.map((entry) => (entry.flow === result.flow ? entry.step : `${entry.flow}:${entry.step}`));
  return expect;
}

/** The scenario entry, keys in the order section 9 lists them. */
export function scenarioEntry(name: string, inputs: GivenInputs, result: SimulationResult): Record<string, unknown> {
  const entry: Record<string, unknown> = { name, at: inputs.at };
  if (inputs.from !== undefined) entry.from = inputs.from;
  if (inputs.dialed !== undefined) entry.dialed = inputs.dialed;
  if (inputs.digits.length > 0) entry.digits = inputs.digits;
  if (Object.keys(inputs.agents).length > 0) entry.agents = inputs.agents;
  if (inputs.transfer !== undefined) entry.transfer = inputs.transfer;
  if (Object.keys(inputs.http).length > 0) entry.http = inputs.http;
  entry.expect = expectationOf(result);
  return entry;
}

/**
 * Appends `entry` to the `calls:` list of a scenario file's text (undefined: a new file). A file
 * that is not valid YAML, or not a map with a `calls` list, is refused rather than rewritten.
 */
export function appendScenario(
  text: string | undefined,
  file: string,
  flowId: string,
  entry: Record<string, unknown>,
): SavedScenario {
  const fresh = text === undefined || text.trim() === '';
  const doc: Document = fresh
    ? parseDocument(
        `# Call scenarios of ${flowId}: \`callflow test ${flowId}\` runs them (docs/flow-format.md, section 9).\ncalls: []\n`,
      )
    : parseDocument(text);
  if (doc.errors.length > 0) {
    throw new InvalidInputError(
      'invalid-scenario-file',
      `${file} is not valid YAML (${doc.errors[0]!.message.split('\n')[0]}), so the call was not added to it.`,
      `Fix ${file} (\`callflow validate ${file}\` shows where), then save the call again.`,
    );
  }
  if (doc.contents === null) doc.contents = doc.createNode({ calls: [] });
  const root = doc.contents;
  if (!isMap(root)) throw notAScenarioFile(file);
  let calls = root.get('calls', true) as Node | undefined;
  if (calls === undefined || (isScalar(calls) && calls.value === null)) {
    root.set('calls', doc.createNode([]));
    calls = root.get('calls', true);
  }
  if (!isSeq(calls)) throw notAScenarioFile(file);
  calls.flow = false;
  const taken = new Set(
    calls.items.flatMap((item) => {
      const value = isMap(item) ? item.get('name') : undefined;
      return typeof value === 'string' ? [value] : [];
    }),
  );
  const base = String(entry.name);
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base} (${n})`;
  const node = entryNode(doc, { ...entry, name });
  const appended = fresh ? undefined : appendToBlockList(text, calls, node, doc);
  if (appended !== undefined) return { text: appended, name };
  calls.items.push(node);
  return { text: doc.toString({ lineWidth: 0 }), name };
}

/**
 * The file's own text with the entry added after its last call, when `calls` is a block list
 * that ends the file: every existing line stays exactly as written.
 */
function appendToBlockList(text: string, calls: YAMLSeq, node: Node, doc: Document): string | undefined {
  const last = calls.items[calls.items.length - 1] as Node | undefined;
  const end = calls.range?.[2] ?? calls.range?.[1];
  if (!last?.range || end === undefined || text.slice(end).trim().replace(/^#.*$/gm, '').trim() !== '')
    return undefined;
  const lineStart = text.lastIndexOf('\n', last.range[0]) + 1;
  const dash = text.slice(lineStart, last.range[0]).lastIndexOf('-');
  if (dash < 0) return undefined;
  const indent = ' '.repeat(dash);
  const list = new Document([null]);
  (list.contents as YAMLSeq).items[0] = node;
  void doc;
  const lines = list.toString({ lineWidth: 0 }).replace(/\n$/, '').split('\n');
  const body = text.endsWith('\n') ? text : `${text}\n`;
  return body + lines.map((line) => indent + line).join('\n') + '\n';
}

/** Short lists and maps on one line, as the examples of section 9 write them; http answers as blocks. */
function entryNode(doc: Document, entry: Record<string, unknown>): Node {
  const node = doc.createNode(entry);
  if (!isMap(node)) return node as Node;
  for (const key of ['digits', 'agents', 'expect']) {
    const value = node.get(key, true);
    if (isSeq(value) || isMap(value)) value.flow = true;
  }
  const expect = node.get('expect', true);
  if (isMap(expect)) {
    const path = expect.get('path', true);
    if (isSeq(path)) path.flow = true;
    // A long path or error message reads better as a block.
    if (JSON.stringify(entry.expect).length > 100) expect.flow = false;
  }
  return node;
}

function notAScenarioFile(file: string): InvalidInputError {
  return new InvalidInputError(
    'invalid-scenario-file',
    `${file} is not a scenario file (a map with a \`calls:\` list), so the call was not added to it.`,
    `Fix ${file} (see docs/flow-format.md, section 9), then save the call again.`,
  );
}
