/**
 * The canvas gestures as edits of a version file's text (docs/flow-format.md section 4):
 * add a step, set or remove an exit, delete a step, set the start step. Each returns the
 * text edits one hand edit would make; the editor applies them as one undoable change.
 */
import { isMap, isScalar, type Node } from 'yaml';
import { InvalidInputError } from '../errors';
import { STEP_ID_PATTERN } from '../ids';
import type { StepType } from '../model';
import { FlowSteps } from '../validation/flowSteps';
import { exitKey } from '../graph/exitLabels';
import { exitName, exitValuePath, isExitOf, MAIN_EXIT, type ExitRef } from './exits';
import { freshStepId, isStepTypeName, templateFields, type StepTemplateOptions } from './stepTemplates';
import { formatScalar, keyText, YamlEditSource, type TextEdit } from './yamlEdits';

export interface FlowEdit {
  edits: TextEdit[];
  /** What the gesture did, in an admin's words ("Connect menu key 3 to sales"). */
  description: string;
  /** The step the editor should select afterwards. */
  step?: string;
  /** Edits of other files made with the same gesture (a rename's call scenarios), by the `file` they were given as. */
  otherFiles?: Array<{ file: string; edits: TextEdit[] }>;
}

/** A version file open for one gesture: its YAML for the edits, its steps as values for the checks. */
class FlowSource extends YamlEditSource {
  readonly steps: FlowSteps;

  constructor(text: string) {
    super(text);
    this.steps = new FlowSteps(this.document.toJS({ maxAliasCount: 100 }));
  }

  requireStep(id: string): void {
    if (!this.steps.has(id))
      throw new InvalidInputError(
        'unknown-step',
        `This flow has no step "${id}".`,
        'Pick one of the steps on the canvas.',
      );
  }

  requireExit(ref: ExitRef): void {
    this.requireStep(ref.step);
    const type = this.steps.typeOf(ref.step);
    if (!isExitOf(type, ref.exit)) {
      throw new InvalidInputError(
        'unknown-exit',
        `A ${type ?? 'step of unknown type'} step has no exit "${exitName(ref.exit)}".`,
        'Choose one of the exits the step offers (docs/flow-format.md section 4 lists them).',
      );
    }
  }

  /** The step's mapping in the file. */
  stepPath(id: string): (string | number)[] {
    return ['steps', id];
  }
}

/** A step id (or another plain word) as the value of an exit or `start`. */
function stepIdText(id: string, replacing?: Node | null): string {
  return formatScalar(id, isScalar(replacing) ? replacing.type : undefined);
}

function checkStepId(id: string): void {
  if (!STEP_ID_PATTERN.test(id)) {
    throw new InvalidInputError(
      'invalid-step-id',
      `"${id}" is not a valid step id.`,
      'Use lowercase letters, digits, - and _, starting with a letter (at most 64 characters).',
    );
  }
}

/** Points the exit at `target` (which must be a step): replaces the value, or adds the one line. */
export function setExit(text: string, ref: ExitRef, target: string): FlowEdit {
  const source = new FlowSource(text);
  source.requireExit(ref);
  source.requireStep(target);
  return {
    edits: [exitEdit(source, ref, target)],
    description: `Connect ${ref.step} ${exitName(ref.exit)} to ${target}`,
    step: ref.step,
  };
}

function exitEdit(source: FlowSource, ref: ExitRef, target: string): TextEdit {
  const { parent, key } = exitValuePath(ref.exit);
  const stepPath = source.stepPath(ref.step);
  const parentPath = [...stepPath, ...parent];
  if (!source.map(parentPath)) {
    if (parent[0] === 'options')
      return source.setValue(stepPath, 'options', `{ ${JSON.stringify(key)}: ${stepIdText(target)} }`);
    throw new InvalidInputError(
      'unknown-exit',
      `Step "${ref.step}" has no ${exitName(ref.exit)}.`,
      'Add the branch in the step properties first.',
    );
  }
  const existing = source.node([...parentPath, key]);
  return source.setValue(parentPath, key, stepIdText(target, existing), parent[0] === 'options' ? undefined : 'plain');
}

/** Clears the exit (the call hangs up there, or takes the type's default): removes its line or its `{ … }` item. */
export function removeExit(text: string, ref: ExitRef): FlowEdit {
  const source = new FlowSource(text);
  source.requireExit(ref);
  const { parent, key } = exitValuePath(ref.exit);
  const edits = source.removeKeys([...source.stepPath(ref.step), ...parent], [key]);
  return { edits, description: `Remove ${ref.step} ${exitName(ref.exit)}`, step: ref.step };
}

/** Every exit that leads to the step (not counting the step's own), in file order: what deleting it clears. */
export function exitsInto(text: string, id: string): ExitRef[] {
  const source = new FlowSource(text);
  return exitsIntoStep(source, id);
}

function exitsIntoStep(source: FlowSource, id: string): ExitRef[] {
  const refs: ExitRef[] = [];
  for (const from of source.steps.ids) {
    if (from === id) continue;
    for (const exit of source.steps.exitsOf(from))
      if (exit.target === id) refs.push({ step: from, exit: exitKey(exit.path) });
  }
  return refs;
}

/** Deletes the step's lines and clears every exit that led to it. Refused for the start step. */
export function deleteStep(text: string, id: string): FlowEdit & { cleared: ExitRef[] } {
  const source = new FlowSource(text);
  source.requireStep(id);
  if (source.steps.start === id) {
    throw new InvalidInputError(
      'delete-start-step',
      `"${id}" is the start step; a flow cannot lose its start.`,
      'Make another step the start step first, then delete this one.',
    );
  }
  const steps = source.map(['steps'])!;
  const pair = steps.items.find((p) => keyText(p) === id)!;
  const edits: TextEdit[] = [];
  if (steps.flow) edits.push(...source.removeKeys(['steps'], [id]));
  else {
    const range = source.blockEntryRange(pair);
    const end = range.end;
    let start = range.start;
    // The last step: the blank lines before it go too, so the file does not end in a gap.
    if (steps.items[steps.items.length - 1] === pair && end >= text.trimEnd().length) {
      while (start > 1 && text[start - 1] === '\n' && text[start - 2] === '\n') start--;
    }
    edits.push({ start, end, newText: '' });
  }
  const cleared = exitsIntoStep(source, id);
  // Exits of one mapping (a `{ "1": x, "2": x }`) are removed together so their edits do not overlap.
  const byParent = new Map<string, { path: (string | number)[]; keys: string[] }>();
  for (const ref of cleared) {
    const { parent, key } = exitValuePath(ref.exit);
    const path = [...source.stepPath(ref.step), ...parent];
    const group = byParent.get(JSON.stringify(path)) ?? { path, keys: [] };
    group.keys.push(key);
    byParent.set(JSON.stringify(path), group);
  }
  for (const group of byParent.values()) edits.push(...source.removeKeys(group.path, group.keys));
  return { edits, cleared, description: `Delete step ${id}` };
}

/** Makes the step the one calls start at. */
export function setStart(text: string, id: string): FlowEdit {
  const source = new FlowSource(text);
  source.requireStep(id);
  const existing = source.node(['start']);
  return {
    edits: [source.setValue([], 'start', stepIdText(id, existing), 'plain')],
    description: `Start the flow at ${id}`,
    step: id,
  };
}

export interface AddStepOptions extends StepTemplateOptions {
  type: string;
  /** Insert the step on this exit: the exit leads to the new step, the new step's main exit to where it led. */
  on?: ExitRef;
  /** Connect this exit to the new step (a drag from an exit port to empty space). */
  from?: ExitRef;
  /** An id to use instead of a fresh one. */
  id?: string;
}

/** Adds a step of the type with a fresh id (`play-1`), after the step it is connected from, else at the end. */
export function addStep(text: string, options: AddStepOptions): FlowEdit & { id: string } {
  const source = new FlowSource(text);
  if (!isStepTypeName(options.type)) {
    throw new InvalidInputError(
      'unknown-step-type',
      `"${options.type}" is not a step type.`,
      'Pick one of the types in the palette.',
    );
  }
  const type: StepType = options.type;
  const id = options.id ?? freshStepId(type, new Set(source.steps.ids));
  checkStepId(id);
  if (source.steps.has(id))
    throw new InvalidInputError('step-exists', `There is already a step "${id}".`, 'Choose another id.');
  const link = options.on ?? options.from;
  if (link) source.requireExit(link);

  const exits: Array<[string, string]> = [];
  let previousTarget: string | undefined;
  if (options.on) {
    const { parent, key } = exitValuePath(options.on.exit);
    const current = source.node([...source.stepPath(options.on.step), ...parent, key]);
    previousTarget = isScalar(current) && typeof current.value === 'string' ? current.value : undefined;
    const main = MAIN_EXIT[type];
    if (previousTarget && main) exits.push([main, previousTarget]);
  }

  const steps = source.map(['steps']);
  const edits: TextEdit[] = [];
  edits.push(insertStepBlock(source, steps, id, type, exits, options, link?.step));
  if (link) edits.push(exitEdit(source, link, id));
  const where = options.on ? ` on ${options.on.step} ${exitName(options.on.exit)}` : '';
  return { edits, id, step: id, description: `Add ${type} step ${id}${where}` };
}

function insertStepBlock(
  source: FlowSource,
  steps: ReturnType<FlowSource['map']>,
  id: string,
  type: StepType,
  exits: Array<[string, string]>,
  options: StepTemplateOptions,
  after: string | undefined,
): TextEdit {
  const text = source.text;
  const first = steps?.items[0];
  const stepIndent = first && isScalar(first.key) && first.key.range ? source.columnOf(first.key.range[0]) : 2;
  const firstBody = first?.value;
  const fieldKey = isMap(firstBody) && !firstBody.flow ? firstBody.items[0]?.key : undefined;
  const inner = isScalar(fieldKey) && fieldKey.range ? Math.max(1, source.columnOf(fieldKey.range[0]) - stepIndent) : 2;
  const fieldIndent = ' '.repeat(stepIndent + inner);
  const mainExit = MAIN_EXIT[type];
  const fields: Array<[string, string]> = [['type', type], ...templateFields(type, options)];
  for (const [exit, target] of exits) {
    if (exit === mainExit && exit.startsWith('options.'))
      fields.push(['options', `{ ${JSON.stringify(exit.slice('options.'.length))}: ${stepIdText(target)} }`]);
    else fields.push([exit, stepIdText(target)]);
  }
  if (type === 'menu' && !fields.some(([key]) => key === 'options')) fields.push(['options', '{}']);
  const body = fields
    // A value on the next lines (a condition's first branch) follows its key without a space after the colon.
    .map(
      ([key, value]) =>
        `${fieldIndent}${key}:${value.startsWith('\n') ? '' : ' '}${value.replace(/\n/g, `\n${fieldIndent}${' '.repeat(inner)}`)}`,
    )
    .join('\n');
  const block = `${' '.repeat(stepIndent)}${id}:\n${body}\n`;

  if (!steps || steps.flow) {
    if (steps && steps.items.length > 0)
      throw new InvalidInputError(
        'flow-steps-inline',
        'The steps of this file are written on one line ({ … }), so the canvas cannot add one.',
        'Write the steps as an indented block, one step per key, then try again.',
      );
    // `steps:` with nothing (or `{}`) after it: the block replaces the empty value.
    const stepsNode = source.node(['steps']);
    const stepsPair = (source.document.contents as { items?: Array<{ key: unknown }> } | null)?.items?.find(
      (p) => isScalar(p.key) && p.key.value === 'steps',
    );
    if (!stepsPair || !isScalar(stepsPair.key) || !stepsPair.key.range)
      throw new InvalidInputError(
        'flow-no-steps',
        'This file has no "steps:" to add a step to.',
        'Add "steps:" first.',
      );
    const colon = text.indexOf(':', stepsPair.key.range[1]);
    const end = stepsNode?.range ? stepsNode.range[1] : colon + 1;
    return { start: colon + 1, end, newText: `\n${block.replace(/\n$/, '')}` };
  }
  const separated = blankLineBetweenSteps(source, steps);
  const anchor = after ? steps.items.find((p) => keyText(p) === after) : undefined;
  const anchorValue = anchor?.value as Node | null | undefined;
  let offset: number;
  if (anchorValue?.range && anchor !== steps.items[steps.items.length - 1])
    offset = endOfContent(text, anchorValue.range[1]);
  else offset = endOfContent(text, steps.range![1]);
  const needsNewline = offset > 0 && text[offset - 1] !== '\n';
  return { start: offset, end: offset, newText: `${needsNewline ? '\n' : ''}${separated ? '\n' : ''}${block}` };
}

/** Whether the file puts a blank line between its steps. */
function blankLineBetweenSteps(source: FlowSource, steps: NonNullable<ReturnType<FlowSource['map']>>): boolean {
  const [first, second] = steps.items;
  const end = (first?.value as Node | null)?.range?.[1];
  const next = (second?.key as Node | null)?.range?.[0];
  if (end === undefined || next === undefined) return false;
  return /\n[ \t]*\n/.test(source.text.slice(end - 1, next));
}

/** After the last line with content at or before `offset`. */
function endOfContent(text: string, offset: number): number {
  let end = offset;
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  const newline = text.indexOf('\n', end);
  return newline === -1 ? text.length : newline + 1;
}
