/**
 * Checks on the shape of the call: exits that name no step, steps no call reaches, and loops
 * a call can never leave. Linear in the number of steps and exits.
 */
import { closestMatch } from '../ids';
import type { FlowSteps } from './flowSteps';
import type { ProblemReporter } from './problems';

export function checkFlowGraph(steps: FlowSteps, reporter: ProblemReporter): void {
  const edges = checkReferences(steps, reporter);
  checkReachability(steps, reporter);
  checkWaysOut(steps, edges, reporter);
}

/** Exits to existing steps, by step; a step with an exit to a missing step gets `undefined` (it is broken already). */
type Edges = Map<string, string[] | undefined>;

function checkReferences(steps: FlowSteps, reporter: ProblemReporter): Edges {
  const start = steps.start;
  if (typeof start === 'string' && !steps.has(start)) {
    const suggestion = closestMatch(start, steps.ids);
    reporter.report(
      ['start'],
      'value',
      'error',
      'unknown-step',
      `The flow starts at "${start}", which is not a step of this flow.${didYouMean(suggestion)}`,
      { suggestion },
    );
  }
  const edges: Edges = new Map();
  for (const id of steps.ids) {
    const targets: string[] = [];
    let broken = false;
    for (const exit of steps.exitsOf(id)) {
      if (steps.has(exit.target)) {
        targets.push(exit.target);
      } else {
        broken = true;
        const suggestion = closestMatch(exit.target, steps.ids);
        reporter.report(
          exit.path,
          'value',
          'error',
          'unknown-step',
          `Step "${id}": ${exit.name} goes to "${exit.target}", which is not a step of this flow.${didYouMean(suggestion)}`,
          { suggestion },
        );
      }
    }
    edges.set(id, broken ? undefined : targets);
  }
  return edges;
}

function didYouMean(suggestion: string | undefined): string {
  return suggestion ? ` Did you mean "${suggestion}"?` : '';
}

function checkReachability(steps: FlowSteps, reporter: ProblemReporter): void {
  const start = steps.start;
  if (typeof start !== 'string' || !steps.has(start)) return;
  // A step of unknown type may lead anywhere: guessing would only add noise to the type problem.
  if (steps.ids.some((id) => !steps.typeOf(id))) return;
  const reached = new Set<string>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const { target } of steps.exitsOf(queue[i]!)) {
      if (steps.has(target) && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  for (const id of steps.ids) {
    if (!reached.has(id)) {
      reporter.report(
        ['steps', id],
        'key',
        'warning',
        'unreachable-step',
        `Step "${id}" is never reached: no path from the start step "${start}" leads to it.`,
      );
    }
  }
}

/**
 * A step from which no path leads to a step where the call can end is trapped. Trapped steps
 * form loops (a menu retrying itself is fine as long as something leads out); each closed
 * loop is reported once, on its first step in the file.
 */
function checkWaysOut(steps: FlowSteps, edges: Edges, reporter: ProblemReporter): void {
  const incoming = new Map<string, string[]>();
  for (const [id, targets] of edges) {
    for (const target of targets ?? []) {
      let sources = incoming.get(target);
      if (!sources) incoming.set(target, (sources = []));
      sources.push(id);
    }
  }
  const canEnd = new Set<string>();
  const queue: string[] = [];
  for (const id of steps.ids) {
    if (edges.get(id) === undefined || steps.canEndAt(id)) {
      canEnd.add(id);
      queue.push(id);
    }
  }
  for (let i = 0; i < queue.length; i++) {
    for (const source of incoming.get(queue[i]!) ?? []) {
      if (!canEnd.has(source)) {
        canEnd.add(source);
        queue.push(source);
      }
    }
  }
  if (canEnd.size === steps.ids.length) return;
  const trapped = steps.ids.filter((id) => !canEnd.has(id));
  for (const loop of closedLoops(trapped, edges)) {
    const first = loop[0]!;
    const members =
      loop.length === 1 ? `"${first}" only leads back to itself` : `${listed(loop)} only lead to each other`;
    reporter.report(
      ['steps', first],
      'key',
      'error',
      'no-way-out',
      `Calls that reach step "${first}" can never end: ${members}. ` +
        'Add a way out, such as an exit to a hangup, assign-dial, transfer or voicemail step.',
    );
  }
}

function listed(ids: string[]): string {
  const shown = ids.slice(0, 6).map((id) => `"${id}"`);
  const rest = ids.length > 6 ? ` and ${ids.length - 6} more` : '';
  return `steps ${shown.join(', ')}${rest}`;
}

/**
 * Strongly connected components of the trapped steps that no edge leaves (Tarjan's algorithm,
 * iterative so that a long chain of steps cannot overflow the stack). Members in file order.
 */
function closedLoops(trapped: string[], edges: Edges): string[][] {
  const order = new Map(trapped.map((id, i) => [id, i]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const component = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let counter = 0;
  for (const root of trapped) {
    if (index.has(root)) continue;
    const work: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      const targets = edges.get(frame.id) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!order.has(target)) continue;
        if (!index.has(target)) {
          index.set(target, counter);
          low.set(target, counter++);
          stack.push(target);
          onStack.add(target);
          work.push({ id: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.id, Math.min(low.get(frame.id)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const members: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.set(member, components.length);
          members.push(member);
        } while (member !== frame.id);
        components.push(members);
      }
    }
  }
  return components
    .filter((members, c) =>
      members.every((id) => (edges.get(id) ?? []).every((t) => !order.has(t) || component.get(t) === c)),
    )
    .map((members) => members.sort((a, b) => order.get(a)! - order.get(b)!));
}
