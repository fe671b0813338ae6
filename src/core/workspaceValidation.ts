/**
 * Validation of workspace files for `callflow validate`: each file by its role (see
 * workspace/fileRoles.ts, which the editor's live problems use too).
 */
import type { FlowId } from './ids';
import { UnreadableFileError, WorkspaceCorruptError } from './errors';
import { draftOf, publishedOf } from './workspace/manifest';
import { readTolerantly, type WorkspaceStore } from './workspace/store';
import { parseCallScenarios } from './scenarios';
import {
  validateFlowText,
  validateManifestText,
  validateNumbersText,
  validateSettingsText,
  type Problem,
} from './validation';
import { validateWorkspaceFile, workspaceFileRole } from './workspace/fileRoles';
import { MANIFEST_FILE, NUMBERS_FILE } from './workspace/workspaceLayout';
import { isScenarioFileName } from './scenarios/parse';
import { SETTINGS_FILE } from './workspace/settings';

/** A file outside any workspace (or outside its known places): its kind from its name, no cross-flow checks. */
export function validateLooseText(text: string, display: string): Problem[] {
  const name = display.split(/[\\/]/).pop() ?? display;
  if (name === SETTINGS_FILE) return validateSettingsText(text, display);
  if (name === NUMBERS_FILE) return validateNumbersText(text, display);
  if (name === MANIFEST_FILE) return validateManifestText(text, display);
  if (isScenarioFileName(name)) return scenarioProblems(text, display);
  return validateFlowText(text, display).problems;
}

function scenarioProblems(text: string, file: string): Problem[] {
  return parseCallScenarios(text, file).problems.map((p) => ({ ...p, severity: 'error' as const, code: 'scenario' }));
}

/** The files `callflow validate` checks by default: settings, numbers, and each flow's manifest, draft and published version. */
export async function defaultValidationTargets(store: WorkspaceStore, flowIds?: readonly FlowId[]): Promise<string[]> {
  const targets: string[] = [];
  if (!flowIds) targets.push(SETTINGS_FILE, store.layout.numbersPath);
  for (const flowId of flowIds ?? (await store.flowIds())) {
    const manifest = await store.manifest(flowId).catch((error: unknown) => {
      // A broken manifest is itself a problem to list (validating it says what is wrong), not a reason to stop.
      if (error instanceof WorkspaceCorruptError || error instanceof UnreadableFileError) return undefined;
      throw error;
    });
    targets.push(store.layout.manifestPath(flowId));
    if (!manifest) continue;
    for (const entry of [draftOf(manifest), publishedOf(manifest)]) {
      if (entry) targets.push(store.layout.versionPath(flowId, entry.version));
    }
  }
  return targets;
}

/** Validates workspace files (workspace-relative paths); a missing file is itself a problem. */
export async function validateWorkspaceFiles(store: WorkspaceStore, paths: readonly string[]): Promise<Problem[]> {
  const context = await store.fullContext();
  const problems: Problem[] = [];
  for (const path of paths) {
    const text = await readTolerantly(store.files, path);
    if (text instanceof UnreadableFileError) {
      problems.push({ file: path, line: 1, column: 1, severity: 'error', code: text.code, message: text.message });
      continue;
    }
    if (text === undefined) {
      problems.push({
        file: path,
        line: 1,
        column: 1,
        severity: 'error',
        code: 'missing-file',
        message: `${path} does not exist.`,
      });
      continue;
    }
    const role = workspaceFileRole(path, store.layout.flowsDir);
    if (!role) problems.push(...validateLooseText(text, path));
    else if (role.kind === 'scenarios') problems.push(...scenarioProblems(text, path));
    else problems.push(...validateWorkspaceFile(role, text, path, context).problems);
  }
  return problems;
}
