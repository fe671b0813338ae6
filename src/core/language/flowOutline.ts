/**
 * What the language features know about one version file: its steps with where they are
 * written, every place that names a step (start, exits), the variables it defines and the
 * queues it uses. Built from the yaml Document of whatever part of the text parses, so a file
 * being typed still has an outline.
 */
import { isMap, isScalar, isSeq, type LineCounter, type Node, type Pair, type Scalar } from 'yaml';
import { parseYamlForReading } from '../yamlText';
import { exitNodes } from '../flowEdits/renameStep';
import { stepSummary } from '../graph/summary';
import { BUILTIN_VARIABLES } from '../model';
import { asRecord, type StepFields } from '../validation/flowSteps';
import type { TextSpan } from './types';

export interface OutlineStep {
  id: string;
  /** The step's type when it is one of the 13 (else undefined). */
  type?: string;
  /** The key (`welcome`), without the colon. */
  keySpan: TextSpan;
  /** From the key to the end of the step's fields. */
  span: TextSpan;
  fields: StepFields;
  /** One line about what the step does (the graph's words). */
  summary: string;
}

export interface StepReference {
  target: string;
  span: TextSpan;
  /** The step whose exit this is; undefined for `start`. */
  from?: string;
  /** `start`, `next`, `1` (a menu key), `branch 2`. */
  exit: string;
}

export interface VariableDefinition {
  name: string;
  /** The step that sets it; undefined for a built-in. */
  step?: string;
  span?: TextSpan;
  /** How it is set: `collect`, `set`, `http save`, `built in`. */
  how: string;
}

export interface FlowOutline {
  steps: OutlineStep[];
  stepById: Map<string, OutlineStep>;
  start?: string;
  references: StepReference[];
  variables: Map<string, VariableDefinition>;
  queues: Set<string>;
  /** The top-level keys written in the file. */
  topLevelKeys: Set<string>;
  lineCounter: LineCounter;
}

export function flowOutline(text: string): FlowOutline {
  const { document, lineCounter } = parseYamlForReading(text);
  const outline: FlowOutline = {
    steps: [],
    stepById: new Map(),
    references: [],
    variables: new Map(BUILTIN_VARIABLES.map((name) => [name, { name, how: 'built in' }])),
    queues: new Set(),
    topLevelKeys: new Set(),
    lineCounter,
  };
  const root = document.contents;
  if (!isMap(root)) return outline;
  for (const pair of root.items) if (isScalar(pair.key)) outline.topLevelKeys.add(String(pair.key.value));
  const start = root.get('start', true);
  if (isScalar(start) && typeof start.value === 'string') {
    outline.start = start.value;
    addReference(outline, start, undefined, 'start');
  }
  const steps = root.get('steps', true);
  if (!isMap(steps)) return outline;
  for (const pair of steps.items) readStep(outline, pair);
  return outline;
}

function readStep(outline: FlowOutline, pair: Pair<unknown, unknown>): void {
  const key = pair.key;
  if (!isScalar(key) || !key.range) return;
  const id = String(key.value);
  if (outline.stepById.has(id)) return;
  const value = pair.value as Node | null;
  const fields = isMap(value) ? (asRecord(value.toJSON()) ?? {}) : {};
  const type = typeof fields.type === 'string' ? fields.type : undefined;
  const end = value?.range ? value.range[1] : key.range[1];
  const step: OutlineStep = {
    id,
    keySpan: { start: key.range[0], end: key.range[1] },
    span: { start: key.range[0], end },
    fields,
    summary: stepSummary(type, fields),
  };
  if (type) step.type = type;
  outline.steps.push(step);
  outline.stepById.set(id, step);
  if (!isMap(value)) return;
  for (const exit of exitNodes(value)) addReference(outline, exit as Scalar, id, exitName(value, exit));
  readDefinitions(outline, id, type, value);
}

function exitName(step: { items: Pair<unknown, unknown>[] }, node: Node): string {
  for (const pair of step.items) {
    if (pair.value === node && isScalar(pair.key)) return String(pair.key.value);
    if (isMap(pair.value)) {
      const option = pair.value.items.find((p) => p.value === node);
      if (option && isScalar(option.key)) return String(option.key.value);
    }
    if (isSeq(pair.value)) {
      const index = pair.value.items.findIndex((branch) => isMap(branch) && branch.get('next', true) === node);
      if (index >= 0) return `branch ${index + 1}`;
    }
  }
  return 'exit';
}

function addReference(outline: FlowOutline, node: Scalar, from: string | undefined, exit: string): void {
  if (typeof node.value !== 'string' || !node.range) return;
  const reference: StepReference = { target: node.value, span: { start: node.range[0], end: node.range[1] }, exit };
  if (from !== undefined) reference.from = from;
  outline.references.push(reference);
}

function readDefinitions(
  outline: FlowOutline,
  id: string,
  type: string | undefined,
  step: { get(key: string, keepScalar: true): unknown },
): void {
  const define = (node: unknown, how: string): void => {
    if (!isScalar(node) || !node.range) return;
    const name = String(node.value);
    if (!outline.variables.has(name))
      outline.variables.set(name, { name, step: id, span: { start: node.range[0], end: node.range[1] }, how });
  };
  if (type === 'collect') define(step.get('variable', true), 'collect');
  if (type === 'set') {
    const values = step.get('values', true);
    if (isMap(values)) for (const pair of values.items) define(pair.key, 'set');
  }
  if (type === 'http') {
    const save = step.get('save', true);
    if (isMap(save)) for (const pair of save.items) define(pair.key, 'http save');
  }
  if (type === 'assign-dial' || type === 'callback') {
    const queue = step.get('queue', true);
    if (isScalar(queue) && typeof queue.value === 'string' && queue.value) outline.queues.add(queue.value);
  }
}

/** The step whose written text holds `offset`, if any. */
export function stepAt(outline: FlowOutline, offset: number): OutlineStep | undefined {
  return outline.steps.find((step) => offset >= step.span.start && offset <= step.span.end);
}

/** The step reference whose value holds `offset`, if any. */
export function referenceAt(outline: FlowOutline, offset: number): StepReference | undefined {
  return outline.references.find((r) => offset >= r.span.start && offset <= r.span.end);
}

/** The step key (`welcome:`) at `offset`, if any. */
export function stepKeyAt(outline: FlowOutline, offset: number): OutlineStep | undefined {
  return outline.steps.find((step) => offset >= step.keySpan.start && offset <= step.keySpan.end);
}
