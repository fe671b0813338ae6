/**
 * The core's public entry: what the CLI, the extension (and any other edge) use. Nothing outside
 * src/core imports a deeper path of it except src/platform's wiring and the tests; a layering test
 * (test/unit/architecture) holds the edges to that.
 */
export { FlowWorkspace, type CreateOptions } from './lifecycle/flowWorkspace';
export { FlowWorkspaceQueries } from './lifecycle/flowWorkspaceQueries';
export { EnvironmentWorkspace, openEnvironment } from './lifecycle/environmentWorkspace';
export * from './lifecycle/types';
export { unifiedDiff } from './lifecycle/unifiedDiff';
export { describeKeptFile, describeRecovery, type RecoveryReport } from './lifecycle/journal';
export { describeNumbers } from './lifecycle/wording';

// The workspace layout: `<flowsDir>/<id>/v<N>.yaml`, manifests, numbers.yaml, settings.
export {
  WorkspaceLayout,
  MANIFEST_FILE,
  NUMBERS_FILE,
  versionFileName,
  versionOfFileName,
} from './workspace/workspaceLayout';
export { SETTINGS_FILE, parseSettings } from './workspace/settings';
export {
  findWorkspaceAbove,
  findWorkspacesBelow,
  innermostWorkspace,
  isSearchedFolder,
  WORKSPACE_SEARCH_DEPTH,
  type FolderEntries,
  type FolderTree,
} from './workspace/discovery';
export { DEPLOYMENTS_FILE, parseDeployments, type Deployment } from './workspace/deployments';
export { requireEnvironment, defaultNumbersFile } from './workspace/environments';
export { applyEnvironment, referencesIn, secretPlaceholder, type EnvironmentReference } from './environmentReferences';
export {
  workspaceFileRole,
  contextForFlow,
  validateWorkspaceFile,
  type WorkspaceFileRole,
} from './workspace/fileRoles';
export type { NumbersProblem } from './workspace/numbers';
export { describePendingNumber, pendingNumbers } from './workspace/pendingNumbers';
export type { NumbersAsCommitted, PendingNumber } from './workspace/pendingNumbers';
export { parseManifest, draftOf, publishedOf } from './workspace/manifest';

// Calls against a workspace.
export {
  parseCallTarget,
  CALL_TARGET_RULE,
  loadReachablePublished,
  gotoFlowTargets,
  describeScenarioFailures,
  fixturesOfScenarioFiles,
  type CallTarget,
  type CallInputs,
  type PreparedCall,
  type VersionSelector,
  type LoadedVersion,
  type WorkspaceSimulation,
  type FlowScenarioRun,
} from './calls';

// The test call (`callflow call`, VS Code's Test Call): a call answered turn by turn.
export * from './interactive';

// Validation, the simulator, call scenarios, the graph.
export * from './validation';
export { validateLooseText, defaultValidationTargets, validateWorkspaceFiles } from './workspaceValidation';
export * from './simulator';
// The call engine: simulate, serve and the test call run the same step machine.
export {
  startCall,
  resumeCall,
  DTMF_ENTRY,
  type CallEvent,
  type CallSnapshot,
  type EngineContext,
  type EngineFlowRef,
  type SideEffect,
  type StartCallRequest,
  type Turn,
  type Utterance,
  type Wait,
} from './engine';
export * from './scenarios';
export * from './graph';
export * from './review';
export * from './flowEdits';

// What editors need beyond validation.
export * from './editor/liveProblems';
export * from './editor/simulationInputs';
export { stepKeyRanges } from './editor/stepLocations';

// Importing flows from Twilio Studio, Amazon Connect and Genesys Architect.
export * from './import';

// Errors, ids, the model, YAML limits.
export * from './errors';
export * from './ids';
export { plural } from './words';
export * from './editorSettings';
export * from './model';
export { assertYamlSize, assertYamlByteSize, MAX_YAML_BYTES } from './yamlText';
export * from './fileLimits';
export { nullRecord } from './records';
export type { RevisionFile } from './ports';

// The language features the language server serves.
export * from './language';

// Schemas as other YAML tools (the Red Hat YAML extension) should get them: docs, no validation.
export {
  editorSchemaKind,
  editorSchemaKindOfUri,
  editorSchemaText,
  editorSchemaUri,
  type EditorSchemaKind,
} from './language/editorSchemas';

// The voice runtime (`callflow serve`): deployments at a commit, carrier documents.
export * from './runtime';
