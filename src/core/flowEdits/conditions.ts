/**
 * A condition step's branches as the properties panel builds them (variable, operator, value,
 * the step each leads to), written back as the step template writes its first branch: one
 * `- when: { variable: "…", <operator>: "…" }` per branch with its `next` under it, every value
 * double-quoted, no trailing space (docs/flow-format.md, "Condition operators").
 */
import { isScalar, isSeq, type Node } from 'yaml';
import { InvalidInputError } from '../errors';
import { CONDITION_OPERATORS } from '../model';
import { isConditionOperator, MAX_BRANCHES, type BranchDraft } from './branchDrafts';
import type { FlowEdit } from './gestures';
import { formatScalar, YamlEditSource } from './yamlEdits';

/** Replaces the condition step's `branches` with these, in this order. */
export function setConditionBranches(text: string, step: string, branches: readonly BranchDraft[]): FlowEdit {
  const source = new YamlEditSource(text);
  const stepMap = source.map(['steps', step]);
  if (!stepMap)
    throw new InvalidInputError(
      'unknown-step',
      `This flow has no step "${step}".`,
      'Pick one of the steps on the canvas.',
    );
  const type = source.node(['steps', step, 'type']);
  if (!isScalar(type) || type.value !== 'condition')
    throw new InvalidInputError(
      'not-a-condition',
      `Step "${step}" is not a condition step.`,
      'Branches belong to condition steps: add one from the palette.',
    );
  if (stepMap.flow)
    throw new InvalidInputError(
      'flow-step-inline',
      `Step "${step}" is written on one line ({ … }), so its branches cannot be edited here.`,
      'Write the step as an indented block, one field per line, then try again.',
    );
  if (branches.length > MAX_BRANCHES)
    throw new InvalidInputError(
      'too-many-branches',
      `A condition step holds at most ${MAX_BRANCHES} branches.`,
      'Split the tests over two condition steps.',
    );
  for (const branch of branches)
    if (!isConditionOperator(branch.operator))
      throw new InvalidInputError(
        'unknown-operator',
        `"${String(branch.operator)}" is not a condition operator.`,
        `Use one of: ${CONDITION_OPERATORS.join(', ')}.`,
      );

  const first = stepMap.items[0];
  const fieldColumn = first && isScalar(first.key) && first.key.range ? source.columnOf(first.key.range[0]) : 4;
  const pair = stepMap.items.find((p) => isScalar(p.key) && p.key.value === 'branches');
  const current = pair?.value as Node | null | undefined;
  const firstItem = isSeq(current) && !current.flow ? (current.items[0] as Node | undefined) : undefined;
  // Items where the file has them (under `branches:` or indented), else two spaces in, as the template does.
  const itemColumn = firstItem?.range ? source.columnOf(firstItem.range[0]) - 2 : fieldColumn + 2;
  const value = branchesText(branches, itemColumn);
  const description = `Set the branches of ${step}`;

  if (pair && isScalar(pair.key) && pair.key.range) {
    const colon = text.indexOf(':', pair.key.range[1]);
    const end = current?.range ? current.range[1] : colon + 1;
    // Up to the end of the value's own text: a comment or blank line after it stays.
    const valueEnd = trimEnd(text, end);
    return { edits: [{ start: colon + 1, end: valueEnd, newText: value }], description, step };
  }
  const insert = source.insertPair(stepMap, 'branches', '[]');
  return {
    edits: [{ ...insert, newText: insert.newText.replace(/: \[\]\n$/, `:${value}\n`) }],
    description,
    step,
  };
}

/** `branches`' value: ` []`, or a newline and one block item per branch (no trailing newline). */
function branchesText(branches: readonly BranchDraft[], column: number): string {
  if (branches.length === 0) return ' []';
  const pad = ' '.repeat(column);
  return branches
    .map((branch) => {
      const when = `{ variable: ${quoted(branch.variable.trim())}, ${branch.operator}: ${testValue(branch)} }`;
      const next = branch.next ? `\n${pad}  next: ${stepIdText(branch.next)}` : '';
      return `\n${pad}- when: ${when}${next}`;
    })
    .join('');
}

function testValue(branch: BranchDraft): string {
  if (branch.operator !== 'in') return quoted(branch.value);
  const items = branch.value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  return `[${items.map(quoted).join(', ')}]`;
}

/** The template's quoting: double quotes, always (a number-like "5" still compares as a number). */
function quoted(value: string): string {
  return formatScalar(value, 'QUOTE_DOUBLE');
}

function stepIdText(id: string): string {
  return formatScalar(id, 'PLAIN');
}

/** `end` moved back over the spaces and line breaks the value's range took in. */
function trimEnd(text: string, end: number): number {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1]!)) at--;
  return at;
}
