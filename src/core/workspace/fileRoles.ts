/**
 * What a workspace file is, from its workspace-relative path, and the validation that fits it.
 * The editor uses this to decide which files get live problems, which are locked and which
 * hold call scenarios; the CLI's validate can use the same words.
 */
import { isScenarioFileName } from '../scenarios/parse';
import {
  validateFlowText,
  validateManifestText,
  validateNumbersText,
  validateSettingsText,
  type Problem,
  type ValidationResult,
  type WorkspaceContext,
} from '../validation';
import { isFlowId, type FlowId } from '../ids';
import { MANIFEST_FILE, NUMBERS_FILE, versionOfFileName } from './workspaceLayout';
import { SETTINGS_FILE } from './settings';

export type WorkspaceFileRole =
  | { kind: 'version'; flowId: FlowId; version: number }
  | { kind: 'manifest'; flowId: FlowId }
  | { kind: 'scenarios'; flowId: FlowId }
  | { kind: 'numbers' }
  | { kind: 'settings' };

/**
 * The role of `relativePath` (forward slashes, relative to the folder holding callflow.yaml)
 * in a workspace whose flows live in `flowsDir`; undefined for any other file.
 */
export function workspaceFileRole(relativePath: string, flowsDir: string): WorkspaceFileRole | undefined {
  const path = relativePath.replace(/\\/g, '/').replace(/^\.\//, '');
  if (path === SETTINGS_FILE) return { kind: 'settings' };
  if (path === NUMBERS_FILE) return { kind: 'numbers' };
  const prefix = `${flowsDir.replace(/\/+$/, '')}/`;
  if (!path.startsWith(prefix)) return undefined;
  const rest = path.slice(prefix.length).split('/');
  if (rest.length !== 2) return undefined;
  const [flowId, name] = rest as [string, string];
  if (!isFlowId(flowId)) return undefined;
  if (name === MANIFEST_FILE) return { kind: 'manifest', flowId };
  const version = versionOfFileName(name);
  if (version !== undefined) return { kind: 'version', flowId, version };
  if (isScenarioFileName(name)) return { kind: 'scenarios', flowId };
  return undefined;
}

/** The workspace context as seen from one flow's file (goto-flow cycles start at that flow). */
export function contextForFlow(context: WorkspaceContext, flowId: string): WorkspaceContext {
  return {
    flowId,
    flowExists: (id) => context.flowExists(id),
    hasPublishedVersion: (id) => context.hasPublishedVersion(id),
    publishedGotoTargets: (id) => context.publishedGotoTargets(id),
    flowIds: () => context.flowIds(),
    environments: context.environments,
  };
}

/**
 * Validates a workspace file by its role. Scenario files are not validated here (the scenario
 * runner reports their problems); they and unknown roles give no problems.
 */
export function validateWorkspaceFile(
  role: WorkspaceFileRole,
  text: string,
  file: string,
  context?: WorkspaceContext,
): ValidationResult {
  switch (role.kind) {
    case 'version':
      return validateFlowText(text, file, context ? contextForFlow(context, role.flowId) : undefined);
    case 'manifest':
      return { problems: validateManifestText(text, file) };
    case 'numbers':
      return { problems: validateNumbersText(text, file, context) };
    case 'settings':
      return { problems: validateSettingsText(text, file) };
    case 'scenarios':
      return { problems: [] as Problem[] };
  }
}
