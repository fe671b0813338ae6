/**
 * Edits of a version file as the canvas makes them: pure functions from the file's text to
 * text edits that keep the rest of the file byte for byte (docs/flow-format.md section 4).
 */
export { applyTextEdits, formatScalar, type TextEdit } from './yamlEdits';
export { exitName, exitValuePath, isExitOf, MAIN_EXIT, type ExitRef } from './exits';
export { freshStepId, stepTypeDescription, stepTypeTitle, templateFields } from './stepTemplates';
export {
  addStep,
  deleteStep,
  exitsInto,
  removeExit,
  setExit,
  setStart,
  type AddStepOptions,
  type FlowEdit,
} from './gestures';
export { setStepField, type FieldValue } from './fields';
export { branchDrafts, isConditionOperator, MAX_BRANCHES, type BranchDraft } from './branchDrafts';
export { setConditionBranches } from './conditions';
export { queuesInFlowText } from './pickers';
export { editForRequest, type CanvasEditRequest, type CanvasPoint, type RequestContext } from './requests';
export {
  renameStep,
  stepIdRefusal,
  renameInScenarioPaths,
  exitNodes,
  type StepIdRename,
  type StepRenameRequest,
  type StepRenameResult,
  type StepRenameRefusal,
  type StepRenameRefusalCode,
  type ScenarioText,
} from './renameStep';
