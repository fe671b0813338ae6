/**
 * Validation entry points: the contract the lifecycle, the CLI and the extension use.
 * Each takes a file's text and name and returns problems with 1-based positions, sorted by line.
 * None throws on bad input, however large or malformed.
 */
import { validateFlow } from './flowValidation';
import type { Problem } from './problems';
import type { ValidationOptions, ValidationResult, WorkspaceContext } from './types';
import { validateManifest, validateNumbers, validateSettings } from './workspaceFiles';

export { countBySeverity, MAX_PROBLEMS_PER_FILE, type Problem, type ProblemData, type Severity } from './problems';
export { EXIT_HANGS_UP, HANG_UP_EXITS } from './exitRules';
export type { NodeTarget, PathSegment } from './yamlLocator';
export type { ValidationOptions, ValidationResult, WorkspaceContext } from './types';
export { definedVariables } from './variableRules';
export { isTimeZone } from './timeRules';
export { FlowSteps, type StepExit } from './flowSteps';

/** flows/<id>/v<N>.yaml. `definition` is set when the file passes the JSON Schema (the simulator can run it). */
export function validateFlowText(
  text: string,
  file: string,
  context?: WorkspaceContext,
  options?: ValidationOptions,
): ValidationResult {
  return validateFlow(text, file, context, options);
}

/** flows/<id>/flow.yaml */
export function validateManifestText(text: string, file: string): Problem[] {
  return validateManifest(text, file);
}

/** numbers.yaml; `context` checks that assigned flows exist and are published. */
export function validateNumbersText(text: string, file: string, context?: WorkspaceContext): Problem[] {
  return validateNumbers(text, file, context);
}

/** callflow.yaml */
export function validateSettingsText(text: string, file: string): Problem[] {
  return validateSettings(text, file);
}
