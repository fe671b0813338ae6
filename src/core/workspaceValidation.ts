/**
 * Validation of workspace files by kind, for `callflow validate` and the extension: the file's
 * name says what it is (callflow.yaml, numbers.yaml, flow.yaml, v<N>.yaml, *.calls.yaml).
 */
import { draftOf, publishedOf } from './lifecycle/rules';
import type { WorkspaceStore } from './lifecycle/store';
import { parseCallScenarios, isScenarioFileName } from './scenarios';
import { validateFlowText, validateManifestText, validateNumbersText, validateSettingsText, type Problem, type WorkspaceContext } from './validation';
import { MANIFEST_FILE, NUMBERS_FILE, versionOfFileName } from './workspace/layout';
import { SETTINGS_FILE } from './workspace/settings';

export type WorkspaceFileKind = 'settings' | 'numbers' | 'manifest' | 'version' | 'scenarios' | 'other';

export function workspaceFileKind(path: string): WorkspaceFileKind {
  const name = path.split('/').pop() ?? path;
  if (name === SETTINGS_FILE) return 'settings';
  if (name === NUMBERS_FILE) return 'numbers';
  if (name === MANIFEST_FILE) return 'manifest';
  if (versionOfFileName(name) !== undefined) return 'version';
  if (isScenarioFileName(name)) return 'scenarios';
  return 'other';
}

/** The flow id of `<flowsDir>/<id>/...`, when the path is inside a flow folder. */
export function flowIdOfPath(path: string, flowsDir: string): string | undefined {
  const prefix = flowsDir.replace(/\/+$/, '') + '/';
  if (!path.startsWith(prefix)) return undefined;
  const parts = path.slice(prefix.length).split('/');
  return parts.length >= 2 ? parts[0] : undefined;
}

/** A workspace context that knows which flow the validated file belongs to (for goto-flow cycles). */
export function contextForFlow(context: WorkspaceContext, flowId: string | undefined): WorkspaceContext {
  if (flowId === undefined) return context;
  return {
    flowId,
    flowExists: (id) => context.flowExists(id),
    hasPublishedVersion: (id) => context.hasPublishedVersion(id),
    publishedGotoTargets: (id) => context.publishedGotoTargets(id),
    flowIds: () => context.flowIds(),
  };
}

/** Validates one file's text according to its kind. `display` is the name problems carry. */
export function validateByKind(text: string, path: string, display: string, context: WorkspaceContext | undefined, flowsDir = 'flows'): Problem[] {
  switch (workspaceFileKind(path)) {
    case 'settings':
      return validateSettingsText(text, display);
    case 'numbers':
      return validateNumbersText(text, display, context);
    case 'manifest':
      return validateManifestText(text, display);
    case 'scenarios':
      return parseCallScenarios(text, display).problems.map((p) => ({ ...p, severity: 'error' as const, code: 'scenario', message: p.message }));
    default:
      return validateFlowText(text, display, context && contextForFlow(context, flowIdOfPath(path, flowsDir))).problems;
  }
}

/** The files `callflow validate` checks by default: settings, numbers, and each flow's manifest, draft and published version. */
export async function defaultValidationTargets(store: WorkspaceStore, flowIds?: readonly string[]): Promise<string[]> {
  const targets: string[] = [];
  if (!flowIds) targets.push(SETTINGS_FILE, store.layout.numbersPath);
  for (const flowId of flowIds ?? (await store.flowIds())) {
    const manifest = await store.manifest(flowId);
    targets.push(store.layout.manifestPath(flowId));
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
    const text = await store.files.readText(path);
    if (text === undefined) {
      problems.push({ file: path, line: 1, column: 1, severity: 'error', code: 'missing-file', message: `${path} does not exist.` });
      continue;
    }
    problems.push(...validateByKind(text, path, path, context, store.layout.flowsDir));
  }
  return problems;
}
