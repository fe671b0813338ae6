/**
 * Renaming a step id as text edits: the step's key, `start`, every exit that names it, and the
 * `path` entries of the flow's call scenarios (docs/flow-format.md sections 4 and 9). Edits are
 * offsets into the texts given, computed over the yaml Document, so comments, quoting, order and
 * everything else written around the ids stay exactly as they were.
 */
import { isMap, isScalar, isSeq, parse, parseDocument, Scalar, type Document, type Node } from 'yaml';
import { STEP_ID_PATTERN } from '../ids';
import type { LedgerStatus } from '../model';
import { exitFieldsOf } from '../validation/flowSteps';
import type { TextEdit } from './textEdits';

export interface ScenarioText {
  /** Workspace-relative path of the scenario file. */
  file: string;
  text: string;
}

export interface StepRenameRequest {
  /** The version file's text. */
  text: string;
  from: string;
  to: string;
  /** The flow's id: scenario paths may name its steps as `flow:step`. */
  flowId?: string;
  /** The version's status in its manifest; published and archived versions are read-only. */
  status?: LedgerStatus;
  /** The flow's call scenario files, whose `expect.path` entries follow the rename. */
  scenarios?: readonly ScenarioText[];
}

export type StepRenameRefusalCode =
  'locked-version' | 'invalid-step-id' | 'step-id-taken' | 'unknown-step' | 'unreadable-flow';

export interface StepRenameRefusal {
  code: StepRenameRefusalCode;
  /** In plain words, with what to do instead. */
  message: string;
}

export interface StepIdRename {
  /** Edits of the version file, in text order, not overlapping. */
  flowEdits: TextEdit[];
  /** Edits per scenario file that mentions the step (files without a mention are left out). */
  scenarioEdits: Array<{ file: string; edits: TextEdit[] }>;
}

export type StepRenameResult = { ok: true; rename: StepIdRename } | { ok: false; refusal: StepRenameRefusal };

/** Why `to` cannot be a new id for `from` in a flow with these step ids, or undefined when it can. */
export function stepIdRefusal(from: string, to: string, stepIds: Iterable<string>): StepRenameRefusal | undefined {
  if (!STEP_ID_PATTERN.test(to)) {
    return {
      code: 'invalid-step-id',
      message: `"${to}" cannot be a step id: step ids are 1-64 lowercase letters, digits, "-" and "_", starting with a letter (e.g. main-menu).`,
    };
  }
  if (to !== from && [...stepIds].includes(to)) {
    return {
      code: 'step-id-taken',
      message: `This flow already has a step "${to}". Choose another id, or rename or remove that step first.`,
    };
  }
  return undefined;
}

export function renameStep(request: StepRenameRequest): StepRenameResult {
  const { text, from, to } = request;
  if (request.status === 'published' || request.status === 'archived') {
    return refuse(
      'locked-version',
      `This version is ${request.status} and read-only, so its steps cannot be renamed. Make a new draft (Edit for a published version, Restore for an archived one) and rename the step there.`,
    );
  }
  const document = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  if (document.errors.length > 0) {
    return refuse(
      'unreadable-flow',
      'The file has a YAML syntax error, so its step ids cannot be found reliably. Fix the syntax error first, then rename.',
    );
  }
  const steps = stepsMap(document);
  const keys = steps ? steps.items.map((pair) => pair.key).filter(isScalar) : [];
  const ids = keys.map((key) => String(key.value));
  if (!ids.includes(from)) return refuse('unknown-step', `This flow has no step "${from}" to rename.`);
  const refusal = stepIdRefusal(from, to, ids);
  if (refusal) return { ok: false, refusal };
  if (from === to) return { ok: true, rename: { flowEdits: [], scenarioEdits: [] } };

  const edits: TextEdit[] = [];
  const replace = (node: unknown): void => {
    if (isScalar(node) && node.value === from && node.range) edits.push(scalarEdit(text, node, to));
  };
  const root = document.contents;
  if (isMap(root)) replace(root.get('start', true));
  for (const pair of steps?.items ?? []) {
    replace(pair.key);
    if (isMap(pair.value)) for (const exit of exitNodes(pair.value)) replace(exit);
  }
  edits.sort((a, b) => a.start - b.start);

  const scenarioEdits: StepIdRename['scenarioEdits'] = [];
  for (const scenario of request.scenarios ?? []) {
    const found = renameInScenarioPaths(scenario.text, from, to, request.flowId);
    if (found.length > 0) scenarioEdits.push({ file: scenario.file, edits: found });
  }
  return { ok: true, rename: { flowEdits: edits, scenarioEdits } };
}

/** The nodes of a step that name other steps: its exit fields, menu options, condition branches' `next`. */
export function exitNodes(step: { get(key: string, keepScalar: true): unknown }): Node[] {
  const type = step.get('type', true);
  const typeName = isScalar(type) ? String(type.value) : '';
  const nodes: Node[] = [];
  const options = typeName === 'menu' ? step.get('options', true) : undefined;
  if (isMap(options)) for (const pair of options.items) if (isScalar(pair.value)) nodes.push(pair.value);
  const branches = typeName === 'condition' ? step.get('branches', true) : undefined;
  if (isSeq(branches)) {
    for (const branch of branches.items) {
      const next = isMap(branch) ? branch.get('next', true) : undefined;
      if (isScalar(next)) nodes.push(next);
    }
  }
  for (const field of exitFieldsOf(typeName)) {
    const node = step.get(field, true);
    if (isScalar(node)) nodes.push(node);
  }
  return nodes;
}

/** `expect.path` entries naming the step (`from`, or `flow:from` for this flow) in a scenario file. */
export function renameInScenarioPaths(text: string, from: string, to: string, flowId?: string): TextEdit[] {
  const document = parseDocument(text, { keepSourceTokens: false, uniqueKeys: false });
  if (document.errors.length > 0) return [];
  const root = document.contents;
  const calls = isMap(root) ? root.get('calls', true) : undefined;
  if (!isSeq(calls)) return [];
  const edits: TextEdit[] = [];
  for (const call of calls.items) {
    const expect = isMap(call) ? call.get('expect', true) : undefined;
    const path = isMap(expect) ? expect.get('path', true) : undefined;
    const entries = isSeq(path) ? path.items : [path];
    for (const entry of entries) {
      if (!isScalar(entry) || !entry.range) continue;
      if (entry.value === from) edits.push(scalarEdit(text, entry, to));
      else if (flowId && entry.value === `${flowId}:${from}`) edits.push(scalarEdit(text, entry, `${flowId}:${to}`));
    }
  }
  return edits.sort((a, b) => a.start - b.start);
}

function stepsMap(document: Document.Parsed): ReturnType<typeof asMap> {
  const root = document.contents;
  return isMap(root) ? asMap(root.get('steps', true)) : undefined;
}

function asMap(node: unknown): (Node & { items: Array<{ key: unknown; value: unknown }> }) | undefined {
  return isMap(node) ? node : undefined;
}

/** Replaces a scalar's characters with `value`, written in the same quoting style. */
function scalarEdit(text: string, node: Scalar, value: string): TextEdit {
  const [start, end] = node.range!;
  const written = text.slice(start, end);
  let newText: string;
  if (node.type === Scalar.QUOTE_DOUBLE) newText = JSON.stringify(value);
  else if (node.type === Scalar.QUOTE_SINGLE) newText = `'${value.replace(/'/g, "''")}'`;
  // A plain `null`, `true` or `false` would read back as another type: quote those.
  else newText = parse(value) === value ? value : JSON.stringify(value);
  return { start, end: start + written.length, newText };
}

function refuse(code: StepRenameRefusalCode, message: string): StepRenameResult {
  return { ok: false, refusal: { code, message } };
}
