/** goto-flow steps against the rest of the workspace: the target exists, is live, and does not lead back here. */
import { closestMatch, isFlowId } from '../ids';
import type { FlowSteps } from './flowSteps';
import type { ProblemReporter } from './problems';
import type { ValidationOptions, WorkspaceContext } from './types';

export function checkGotoFlows(
  steps: FlowSteps,
  reporter: ProblemReporter,
  context: WorkspaceContext,
  options: ValidationOptions,
): void {
  for (const [id, step] of steps.ofType('goto-flow')) {
    const flow = step.flow;
    if (typeof flow !== 'string' || !isFlowId(flow)) continue;
    const path = ['steps', id, 'flow'];
    if (!context.flowExists(flow)) {
      const suggestion = closestMatch(flow, context.flowIds());
      reporter.report(
        path,
        'value',
        'error',
        'unknown-flow',
        `There is no flow "${flow}" in this workspace.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
        { suggestion },
      );
      continue;
    }
    if (!context.hasPublishedVersion(flow)) {
      reporter.report(
        path,
        'value',
        options.forPublish ? 'error' : 'warning',
        'unpublished-flow',
        `Flow "${flow}" has no published version, so calls reaching step "${id}" would fail. Publish "${flow}" ${options.forPublish ? 'first' : 'before this flow goes live'}.`,
      );
    }
    const loop = context.flowId ? pathBack(flow, context.flowId, context) : undefined;
    if (loop) {
      reporter.report(
        path,
        'value',
        'error',
        'goto-flow-cycle',
        loop.length === 1
          ? `Step "${id}" goes to this same flow ("${flow}"), so calls would start over without end.`
          : `Going to flow "${flow}" leads back to this flow: ${[context.flowId, ...loop].join(' → ')}. Calls could pass between these flows without end.`,
      );
    }
  }
}

/** The chain of published goto-flows from `from` back to `home` (ending with `home`), if there is one. */
function pathBack(from: string, home: string, context: WorkspaceContext): string[] | undefined {
  const parent = new Map<string, string | undefined>([[from, undefined]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const flow = queue[i]!;
    if (flow === home) {
      const chain: string[] = [];
      for (let at: string | undefined = flow; at !== undefined; at = parent.get(at)) chain.unshift(at);
      return chain;
    }
    for (const next of context.publishedGotoTargets(flow)) {
      if (!parent.has(next)) {
        parent.set(next, flow);
        queue.push(next);
      }
    }
  }
  return undefined;
}
