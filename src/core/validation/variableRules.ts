/** `{{variable}}` references and condition variables that nothing in the call defines. */
import { closestMatch } from '../ids';
import { BUILTIN_VARIABLES } from '../model';
import type { FlowSteps, StepFields } from './flowSteps';
import type { ProblemReporter } from './problems';
import type { PathSegment } from './yamlLocator';

const TEMPLATE = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** Every variable a call of this flow can have: built-ins plus what collect, set and http steps store. */
export function definedVariables(steps: FlowSteps): Set<string> {
  const defined = new Set<string>(BUILTIN_VARIABLES);
  for (const [, step] of steps.all()) {
    if (step.type === 'collect' && typeof step.variable === 'string') defined.add(step.variable);
    if (step.type === 'set') for (const name of keysOf(step.values)) defined.add(name);
    if (step.type === 'http') for (const name of keysOf(step.save)) defined.add(name);
  }
  return defined;
}

export function checkVariables(steps: FlowSteps, reporter: ProblemReporter): void {
  const defined = definedVariables(steps);
  const undefinedHint = (suggestion: string | undefined): string =>
    suggestion
      ? ` Did you mean "${suggestion}"?`
      : ` Variables come from collect, set and http steps, or are built in: ${BUILTIN_VARIABLES.join(', ')}.`;
  const checkText = (text: unknown, path: PathSegment[]): void => {
    if (typeof text !== 'string' || !text.includes('{{')) return;
    for (const match of text.matchAll(TEMPLATE)) {
      const name = match[1]!;
      // Environment values and secrets are not call variables: environmentRules checks them.
      if (defined.has(name) || /^(?:env|secret)\./.test(name)) continue;
      const suggestion = closestMatch(name, defined);
      reporter.reportWithin(
        path,
        match[0],
        'warning',
        'undefined-variable',
        `"${match[0]}" uses the variable "${name}", which no step sets.${undefinedHint(suggestion)}`,
        suggestion ? { suggestion: match[0].replace(name, suggestion) } : undefined,
      );
    }
  };

  for (const [id, step] of steps.all()) {
    const base: PathSegment[] = ['steps', id];
    checkText(step.say, [...base, 'say']);
    if (step.type === 'set')
      for (const [name, value] of entriesOf(step.values)) checkText(value, [...base, 'values', name]);
    if (step.type === 'http') {
      checkText(step.url, [...base, 'url']);
      checkText(step.body, [...base, 'body']);
    }
    if (step.type === 'condition' && Array.isArray(step.branches)) {
      step.branches.forEach((branch: unknown, index: number) => {
        const name = (branch as { when?: { variable?: unknown } } | null)?.when?.variable;
        if (typeof name !== 'string' || defined.has(name)) return;
        const suggestion = closestMatch(name, defined);
        reporter.report(
          [...base, 'branches', index, 'when', 'variable'],
          'value',
          'warning',
          'undefined-variable',
          `The condition tests "${name}", which no step sets.${undefinedHint(suggestion)}`,
          { suggestion },
        );
      });
    }
  }
}

function keysOf(value: unknown): string[] {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
}

function entriesOf(value: unknown): [string, unknown][] {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.entries(value as StepFields)
    : [];
}
