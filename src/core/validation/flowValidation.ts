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
import { mayReferenceEnvironments, placedReferences, validateAcrossEnvironments } from './environmentRules';
import { ProblemReporter } from './problems';

export function validateFlow(
  text: string,
  file: string,
  context?: WorkspaceContext,
  options: ValidationOptions = {},
): ValidationResult {
  if (!mayReferenceEnvironments(text)) return validateAs(text, file, context, options);
  const asWritten = loadAndCheckSchema('flow', text, file);
  if (asWritten.finished) return { problems: asWritten.problems };
  const references = placedReferences(asWritten.value);
  if (references.length === 0) return validateAs(text, file, context, options);
  // The problems of the references themselves, placed on them; then the flow once per environment.
  const referenceProblems = new ProblemReporter(file, asWritten.reporter.locator);
  let usable = true;
  const problems = validateAcrossEnvironments(
    references,
    context?.environments,
    (transform) => {
      const result = validateAs(text, file, context, options, transform);
      usable &&= result.definition !== undefined;
      return result.problems;
    },
    referenceProblems,
  );
  for (const problem of problems) referenceProblems.add(problem);
  const all = referenceProblems.result();
  // The definition as written: each tool fills in the environment it runs in (applyEnvironment).
  return usable ? { problems: all, definition: asWritten.value as unknown as FlowDefinition } : { problems: all };
}

function validateAs(
  text: string,
  file: string,
  context: WorkspaceContext | undefined,
  options: ValidationOptions,
  transform?: (value: unknown) => unknown,
): ValidationResult {
  const stage = loadAndCheckSchema('flow', text, file, transform);
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
