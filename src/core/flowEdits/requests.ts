/**
 * A canvas gesture as data (what the page sends, what a command is given) and the edit it
 * makes: one mapping for the extension and for tests of the page.
 */
import type { ExitRef } from './exits';
import { setStepField, type FieldValue } from './fields';
import type { BranchDraft } from './branchDrafts';
import { setConditionBranches } from './conditions';
import { InvalidInputError } from '../errors';
import { plural } from '../words';
import { addStep, deleteStep, removeExit, setExit, setStart, type FlowEdit } from './gestures';
import { renameStep, type ScenarioText } from './renameStep';

export interface CanvasPoint {
  x: number;
  y: number;
}

export type CanvasEditRequest =
  | { kind: 'addStep'; stepType: string; on?: ExitRef; from?: ExitRef; at?: CanvasPoint }
  | { kind: 'setExit'; step: string; exit: string; target: string }
  | { kind: 'removeExit'; step: string; exit: string }
  | { kind: 'deleteStep'; step: string }
  | { kind: 'renameStep'; step: string; to?: string }
  | { kind: 'setStart'; step: string }
  /** A field from the properties panel; without `value`, the field is removed. */
  | { kind: 'setField'; step: string; field: string; value?: FieldValue }
  /** A condition step's branches, built in the properties panel. */
  | { kind: 'setBranches'; step: string; branches: BranchDraft[] };

export interface RequestContext {
  /** The workspace's default zone, for a new business-hours step. */
  timezone?: string;
  /** The flow's id, and its call scenario files, whose `path` entries follow a rename. */
  flowId?: string;
  scenarios?: readonly ScenarioText[];
}

/** The edit a gesture makes; `renameStep` needs its new id (`to`). Throws the core's typed errors. */
export function editForRequest(text: string, request: CanvasEditRequest, context: RequestContext = {}): FlowEdit {
  switch (request.kind) {
    case 'addStep':
      return addStep(text, {
        type: request.stepType,
        ...(request.on ? { on: request.on } : {}),
        ...(request.from ? { from: request.from } : {}),
        ...(context.timezone ? { timezone: context.timezone } : {}),
      });
    case 'setExit':
      return setExit(text, { step: request.step, exit: request.exit }, request.target);
    case 'removeExit':
      return removeExit(text, { step: request.step, exit: request.exit });
    case 'setStart':
      return setStart(text, request.step);
    case 'deleteStep':
      return deleteStep(text, request.step);
    case 'renameStep':
      return renameStepEdit(text, request.step, request.to, context);
    case 'setField':
      return setStepField(text, request.step, request.field, request.value);
    case 'setBranches':
      return setConditionBranches(text, request.step, request.branches);
  }
}

function renameStepEdit(text: string, step: string, to: string | undefined, context: RequestContext): FlowEdit {
  if (to === undefined)
    throw new InvalidInputError('rename-needs-id', `Give a new id for step "${step}".`, 'Type the new step id.');
  // The one rename of the core (the language server's F2 uses it too): key, start, every exit, call scenarios.
  const result = renameStep({
    text,
    from: step,
    to,
    ...(context.flowId ? { flowId: context.flowId } : {}),
    ...(context.scenarios ? { scenarios: context.scenarios } : {}),
  });
  if (!result.ok) throw new InvalidInputError(result.refusal.code, result.refusal.message, 'Choose another id.');
  const { flowEdits, scenarioEdits } = result.rename;
  const files = scenarioEdits.length;
  return {
    edits: flowEdits,
    description: `Rename step ${step} to ${to}` + (files > 0 ? ` (and in ${plural(files, 'call scenario file')})` : ''),
    step: to,
    ...(files > 0 ? { otherFiles: scenarioEdits } : {}),
  };
}
