/**
 * Go to Definition, Find All References and Rename for step ids, and Go to Definition on a
 * goto-flow's `flow` (its published version, else its draft), a number's flow, a scenario's
 * path entry and a `{{variable}}`.
 */
import { renameInScenarioPaths, renameStep, type StepRenameRefusal } from '../flowEdits/renameStep';
import type { TextEdit } from '../flowEdits/textEdits';
import { isFlowId } from '../ids';
import { referenceAt, stepKeyAt, type FlowOutline } from './flowOutline';
import { flowOutlineOf, type LanguageFile } from './languageFile';
import type { TextSpan } from './types';
import { valueAt, variableAt } from './textAt';

export interface FileLocation {
  /** Workspace-relative path. */
  file: string;
  span: TextSpan;
}

export function definition(file: LanguageFile, offset: number): FileLocation[] {
  if (file.role.kind === 'version') {
    const outline = flowOutlineOf(file);
    const reference = referenceAt(outline, offset);
    if (reference) {
      const target = outline.stepById.get(reference.target);
      return target ? [{ file: file.relativePath, span: target.keySpan }] : [];
    }
    const variable = variableAt(file.text, offset);
    if (variable) {
      const defined = outline.variables.get(variable.name);
      return defined?.span ? [{ file: file.relativePath, span: defined.span }] : [];
    }
  }
  const value = valueAt(file.text, offset);
  if (!value) return [];
  if ((value.key === 'flow' && file.role.kind === 'version') || file.role.kind === 'numbers') {
    const flow = flowFile(file, value.text);
    return flow ? [flow] : [];
  }
  if (file.role.kind === 'scenarios' && value.inList === 'path') {
    const [flowId, stepId] = value.text.includes(':') ? value.text.split(':', 2) : [file.role.flowId, value.text];
    return stepLocation(file, flowId!, stepId!);
  }
  return [];
}

/** The file a reference to a flow opens: its published version, else its draft. */
function flowFile(file: LanguageFile, flowId: string): FileLocation | undefined {
  if (!isFlowId(flowId) || !file.index) return undefined;
  const version = file.index.referencedVersion(flowId);
  if (version === undefined) return undefined;
  return { file: `${file.index.flowsDir}/${flowId}/v${version}.yaml`, span: { start: 0, end: 0 } };
}

function stepLocation(file: LanguageFile, flowId: string, stepId: string): FileLocation[] {
  const index = file.index;
  const info = index?.flowInfo(flowId);
  const version =
    flowId === (file.role as { flowId?: string }).flowId ? (info?.draft ?? info?.published) : info?.published;
  const outline = version === undefined ? undefined : index?.versionOutline(flowId, version);
  const step = outline?.stepById.get(stepId);
  return step ? [{ file: `${index!.flowsDir}/${flowId}/v${version}.yaml`, span: step.keySpan }] : [];
}

/** The step id at `offset` of a version file: on its key or on a reference to it. */
export function stepIdAt(outline: FlowOutline, offset: number): { id: string; span: TextSpan } | undefined {
  const key = stepKeyAt(outline, offset);
  if (key) return { id: key.id, span: key.keySpan };
  const reference = referenceAt(outline, offset);
  return reference ? { id: reference.target, span: reference.span } : undefined;
}

/** Every place that names the step: its key (with `includeDeclaration`), start, exits, and the flow's scenario paths. */
export function references(file: LanguageFile, offset: number, includeDeclaration = true): FileLocation[] {
  if (file.role.kind !== 'version') return [];
  const outline = flowOutlineOf(file);
  const at = stepIdAt(outline, offset);
  if (!at) return [];
  const locations: FileLocation[] = [];
  const step = outline.stepById.get(at.id);
  if (step && includeDeclaration) locations.push({ file: file.relativePath, span: step.keySpan });
  for (const reference of outline.references)
    if (reference.target === at.id) locations.push({ file: file.relativePath, span: reference.span });
  for (const scenario of file.index?.scenarioFiles(file.role.flowId) ?? []) {
    for (const entry of renameInScenarioPaths(scenario.text, at.id, at.id, file.role.flowId))
      locations.push({ file: scenario.file, span: entry });
  }
  return locations;
}

export type PrepareRenameResult = { span: TextSpan; placeholder: string } | { refusal: StepRenameRefusal };

/** Whether a rename can start at `offset`: on a step id of a version that is not read-only. */
export function prepareRename(file: LanguageFile, offset: number): PrepareRenameResult | undefined {
  if (file.role.kind !== 'version') return undefined;
  const at = stepIdAt(flowOutlineOf(file), offset);
  if (!at) return undefined;
  const status = file.index?.statusOf(file.role.flowId, file.role.version);
  if (status === 'published' || status === 'archived') {
    const refused = renameStep({ text: '', from: at.id, to: at.id, status });
    if (!refused.ok) return { refusal: refused.refusal };
  }
  return { span: at.span, placeholder: at.id };
}

export type RenameResult = { edits: Array<{ file: string; edits: TextEdit[] }> } | { refusal: StepRenameRefusal };

/** The edits of renaming the step id at `offset` to `newId`, in this file and the flow's scenarios. */
export function rename(file: LanguageFile, offset: number, newId: string): RenameResult | undefined {
  if (file.role.kind !== 'version') return undefined;
  const at = stepIdAt(flowOutlineOf(file), offset);
  if (!at) return undefined;
  const status = file.index?.statusOf(file.role.flowId, file.role.version);
  const result = renameStep({
    text: file.text,
    from: at.id,
    to: newId,
    flowId: file.role.flowId,
    ...(status ? { status } : {}),
    scenarios: file.index?.scenarioFiles(file.role.flowId) ?? [],
  });
  if (!result.ok) return { refusal: result.refusal };
  return {
    edits: [{ file: file.relativePath, edits: result.rename.flowEdits }, ...result.rename.scenarioEdits],
  };
}
