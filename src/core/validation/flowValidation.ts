/** Validation of a flow version file (flows/<id>/v<N>.yaml): YAML, schema, then the semantic checks of section 6. */
import type { FlowDefinition } from '../model';
import { loadAndCheckSchema } from './fileStages';
import { checkUnsetExits } from './exitRules';
import { checkFlowGraph } from './flowGraph';
import { FlowSteps } from './flowSteps';
import { checkGotoFlows } from './gotoFlowRules';
import { checkStepFields } from './stepRules';
import { checkBusinessHours } from './timeRules';
import type { ValidationOptions, ValidationResult, WorkspaceContext } from './types';
import { checkVariables } from './variableRules';

export function validateFlow(
  text: string,
  file: string,
  context?: WorkspaceContext,
  options: ValidationOptions = {},
): ValidationResult {
  const stage = loadAndCheckSchema('flow', text, file);
  if (stage.finished) return { problems: stage.problems };
  const { reporter, value } = stage;
  // The semantic checks run even when the schema found problems, reading fields defensively,
  // so that an admin sees every problem of the file at once rather than in rounds.
  const steps = new FlowSteps(value);
  checkFlowGraph(steps, reporter);
  checkUnsetExits(steps, reporter);
  checkStepFields(steps, reporter);
  checkBusinessHours(steps, reporter);
  checkVariables(steps, reporter);
  if (context) checkGotoFlows(steps, reporter, context, options);
  const problems = reporter.result();
  return stage.schemaValid ? { problems, definition: value as unknown as FlowDefinition } : { problems };
}
