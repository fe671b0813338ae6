/**
 * The operations on numbers.yaml: assign a number to a flow, unassign it. Each is one lifecycle
 * operation (lock, journal, one commit) run by FlowWorkspace.
 */
import {
  InvalidInputError,
  NumberRingsAnotherFlowError,
  UncommittedNumbersError,
  WorkspaceCorruptError,
} from '../errors';
import { assertPhoneNumber, validateFlowName, type FlowId } from '../ids';
import type { VersionControl } from '../ports';
import { normalizeEol } from '../workspace/lockedFiles';
import { type NumbersFile } from '../workspace/numbers';
import type { WorkspaceStore } from '../workspace/store';
import type { OperationBuilder } from './operation';
import { requirePublished } from './rules';
import type { AssignmentResult } from './types';

export interface AssignOptions {
  /** The number's label; absent keeps the label it has, `null` removes it (docs/flow-format.md section 2). */
  label?: string | null;
  /** Move a number that rings another flow now (otherwise refused: it changes what its callers hear). */
  move?: boolean;
}

/** How a number operation runs: as one lifecycle operation of the workspace. */
export type RunOperation = <T>(build: OperationBuilder<T>) => Promise<T>;

/**
 * Maps a number to a flow with a published version. A number that rings another flow moves only
 * with `move`; its label is kept unless a new one is given, or `label: null` removes it
 * (docs/flow-format.md section 2).
 */
export async function assignNumber(
  run: RunOperation,
  vcs: VersionControl,
  number: string,
  flowId: FlowId,
  options: AssignOptions = {},
): Promise<AssignmentResult> {
  assertPhoneNumber(number);
  if (typeof options.label === 'string') {
    const problem = validateFlowName(options.label);
    if (problem) {
      const hint =
        options.label.trim() === ''
          ? 'To remove the label, assign with no label (`--no-label`).'
          : 'Give a label of 1-100 printable characters on one line, or remove it with `--no-label`.';
      throw new InvalidInputError('invalid-label', problem.replace('flow name', 'label'), hint);
    }
  }
  return run<AssignmentResult>(async (tx, store) => {
    requirePublished(flowId, await store.manifest(flowId));
    const numbers = await editableNumbers(store, vcs);
    const existing = numbers.get(number);
    if (existing && existing.flow !== flowId && !options.move) {
      throw new NumberRingsAnotherFlowError(number, existing.flow, flowId, existing.label);
    }
    const label = options.label === null ? undefined : (options.label ?? existing?.label);
    const removedLabel = options.label === null ? existing?.label : undefined;
    const result: AssignmentResult = { action: 'assign', number, flowId, ...(label !== undefined ? { label } : {}) };
    if (existing && existing.flow !== flowId) result.previousFlowId = existing.flow;
    if (existing && existing.flow === flowId && existing.label === label) return { unchanged: result };
    if (removedLabel !== undefined) result.removedLabel = removedLabel;
    numbers.set({ number, flow: flowId, ...(label !== undefined ? { label } : {}) });
    await tx.write(store.layout.numbersPath, numbers.toString());
    const notes = [
      ...(result.previousFlowId ? [`was ${result.previousFlowId}`] : []),
      ...(removedLabel !== undefined ? ['label removed'] : []),
    ];
    return {
      message: {
        flowId,
        action: 'assign',
        summary: `assign ${number}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`,
        trailers: { 'Callflow-Number': number },
        // The flow the number left: its history shows the move too.
        ...(result.previousFlowId ? { otherFlowIds: [result.previousFlowId] } : {}),
      },
      finish: (c) => ({ ...result, commit: c.commit }),
    };
  });
}

export async function unassignNumber(
  run: RunOperation,
  vcs: VersionControl,
  number: string,
): Promise<AssignmentResult> {
  assertPhoneNumber(number);
  return run<AssignmentResult>(async (tx, store) => {
    const numbers = await editableNumbers(store, vcs);
    const existing = numbers.get(number);
    if (!existing) {
      throw new InvalidInputError(
        'number-not-assigned',
        `${number} is not assigned to any flow.`,
        'Run `callflow list` to see the assigned numbers.',
      );
    }
    numbers.remove(number);
    await tx.write(store.layout.numbersPath, numbers.toString());
    return {
      message: {
        flowId: existing.flow,
        action: 'unassign',
        summary: `unassign ${number}`,
        trailers: { 'Callflow-Number': number },
      },
      finish: (c): AssignmentResult => ({
        action: 'unassign',
        number,
        flowId: existing.flow,
        ...(existing.label !== undefined ? { label: existing.label } : {}),
        commit: c.commit,
      }),
    };
  });
}

/** numbers.yaml as committed, to edit: refused when it does not parse or has changes not yet committed. */
async function editableNumbers(store: WorkspaceStore, vcs: VersionControl): Promise<NumbersFile> {
  const numbers = await store.numbers();
  if (numbers.parseError) {
    throw new WorkspaceCorruptError(
      'numbers-invalid',
      `${store.layout.numbersPath} cannot be edited: ${numbers.parseError}.`,
      `Fix ${store.layout.numbersPath} by hand, then run \`callflow verify\`.`,
    );
  }
  const path = store.layout.numbersPath;
  const [committed] = await vcs.readAtRevisions([{ rev: 'HEAD', path }]);
  const current = await store.files.readText(path).catch(() => undefined);
  if (current !== undefined && normalizeEol(current) !== normalizeEol(committed ?? ''))
    throw new UncommittedNumbersError(path);
  return numbers;
}
