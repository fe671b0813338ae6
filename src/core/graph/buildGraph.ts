/**
 * Builds the flow graph from a version file's text. It reads the YAML as written, not the
 * schema-checked definition: a draft the schema rejects still draws every step it can, with
 * the problems validation found marked on the steps they are in.
 */
import { isMap } from 'yaml';
import { FILE_SIZE_LIMITS } from '../fileLimits';
import { byteLength, parseYamlForReading, toPlainValue } from '../yamlText';
import { FlowSteps, type StepExit } from '../validation/flowSteps';
import { definedVariables } from '../validation/variableRules';
import type { Problem } from '../validation/problems';
import { YamlLocator } from '../validation/yamlLocator';
import { exitKey, exitKeyOfSimulated, exitLabel } from './exitLabels';
import { exitPorts } from './exitPorts';
import { stepSummary } from './summary';
import type { FlowGraph, GraphEdge, GraphNode, GraphOptions, GraphProblem, PathStep } from './types';

/** Step types whose call always ends in the step (in this flow). */
const ENDS_CALL = new Set(['hangup', 'goto-flow']);

export const MISSING_PREFIX = 'missing:';

/** `problems`: what validateFlowText found in the same text (placed on the steps by line). */
export function buildFlowGraph(
  text: string,
  problems: readonly Pick<Problem, 'line' | 'severity' | 'message'>[] = [],
  options: GraphOptions = {},
): FlowGraph {
  const graph: FlowGraph = { nodes: [], edges: [], problems: [] };
  if (byteLength(text) > FILE_SIZE_LIMITS.flow) {
    graph.problems.push(...problems.map(toGraphProblem));
    return graph;
  }
  const parsed = parseYamlForReading(text);
  const locator = YamlLocator.of(text, parsed);
  // After a syntax error the document still holds what was read before it: draw that.
  const plain = toPlainValue(parsed.document);
  const steps = new FlowSteps('value' in plain ? plain.value : undefined);

  const byId = new Map<string, GraphNode>();
  for (const id of steps.ids) {
    const node = stepNode(id, steps, locator);
    graph.nodes.push(node);
    byId.set(id, node);
  }

  const missing = new Map<string, GraphNode>();
  const placeholder = (name: string, line: number): GraphNode => {
    let node = missing.get(name);
    if (!node) {
      let id = `${MISSING_PREFIX}${name}`;
      while (byId.has(id)) id = `${id}'`;
      node = {
        id,
        type: 'missing',
        label: name,
        summary: 'missing step',
        isStart: false,
        isTerminal: true,
        unreachable: false,
        missing: true,
        problems: [
          { severity: 'error', message: `No step is named "${name}". Add it, or point the exit at an existing step.` },
        ],
        line,
        column: 1,
        endColumn: 1,
        endLine: line,
      };
      missing.set(name, node);
      byId.set(id, node);
    }
    return node;
  };

  for (const id of steps.ids) {
    for (const exit of steps.exitsOf(id)) {
      const target = steps.has(exit.target)
        ? exit.target
        : placeholder(exit.target, locator.span(exit.path, 'value').line).id;
      graph.edges.push(edgeOf(id, exit, target, steps));
    }
  }

  const start = steps.start;
  if (typeof start === 'string' && start !== '') {
    const node = steps.has(start) ? byId.get(start)! : placeholder(start, locator.span(['start'], 'value').line);
    node.isStart = true;
    graph.start = node.id;
  }
  graph.nodes.push(...missing.values());

  const outgoing = new Map<string, string[]>();
  for (const edge of graph.edges) {
    let targets = outgoing.get(edge.from);
    if (!targets) outgoing.set(edge.from, (targets = []));
    targets.push(edge.to);
  }
  for (const node of graph.nodes) {
    if (!node.missing) node.isTerminal = ENDS_CALL.has(node.type) || !outgoing.has(node.id);
  }
  graph.variables = [...definedVariables(steps)];
  markUnreachable(graph, outgoing);
  placeProblems(graph, problems);
  if (options.path) overlayPath(graph, options.path, options.flow, steps);
  const current = options.current === undefined ? undefined : graph.nodes.find((n) => n.id === options.current);
  if (current) current.current = true;
  return graph;
}

function stepNode(id: string, steps: FlowSteps, locator: YamlLocator): GraphNode {
  const { key, node } = locator.resolve(['steps', id]);
  const keySpan = locator.spanOfNode(key ?? node);
  const valueEnd = node?.range ? locator.spanOfOffsets(node.range[1], node.range[1]).line : keySpan.line;
  // A block mapping's range ends at the start of the next key's line: that line is not the step's.
  const endLine =
    isMap(node) && valueEnd > keySpan.line && node.range && atLineStart(locator, node.range[1])
      ? valueEnd - 1
      : valueEnd;
  const type = steps.typeOf(id);
  return {
    id,
    type: type ?? 'unknown',
    label: id,
    summary: stepSummary(type, steps.get(id)),
    isStart: false,
    isTerminal: false,
    unreachable: false,
    missing: false,
    problems: [],
    line: keySpan.line,
    column: keySpan.column,
    endColumn: keySpan.endLine === keySpan.line && keySpan.endColumn ? keySpan.endColumn : keySpan.column + id.length,
    endLine: Math.max(keySpan.line, endLine),
    ports: exitPorts(type, steps.get(id)),
    ...(steps.get(id) ? { fields: steps.get(id)! } : {}),
  };
}

function atLineStart(locator: YamlLocator, offset: number): boolean {
  return locator.spanOfOffsets(offset, offset).column === 1;
}

function edgeOf(from: string, exit: StepExit, to: string, steps: FlowSteps): GraphEdge {
  return { id: `${from}:${exitKey(exit.path)}`, from, to, label: exitLabel(exit.path, steps.get(from)) };
}

function markUnreachable(graph: FlowGraph, outgoing: Map<string, string[]>): void {
  const start = graph.start;
  // Without a start that is a real step, "unreachable" would grey out the whole flow: say nothing.
  if (!start || graph.nodes.find((n) => n.id === start)?.missing) return;
  const reached = new Set<string>([start]);
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const target of outgoing.get(queue[i]!) ?? []) {
      if (!reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  for (const node of graph.nodes) node.unreachable = !reached.has(node.id);
}

/** Each problem goes to the step whose lines hold it; the rest are the file's. */
function placeProblems(graph: FlowGraph, problems: readonly Pick<Problem, 'line' | 'severity' | 'message'>[]): void {
  const steps = graph.nodes.filter((n) => !n.missing).sort((a, b) => a.line - b.line);
  for (const problem of problems) {
    const owner = stepAtLine(steps, problem.line);
    (owner ? owner.problems : graph.problems).push(toGraphProblem(problem));
  }
}

/** The step (sorted by line) whose definition spans `line`, by binary search. */
export function stepAtLine<T extends { line: number; endLine: number }>(
  sortedSteps: readonly T[],
  line: number,
): T | undefined {
  let low = 0;
  let high = sortedSteps.length - 1;
  let found: T | undefined;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (sortedSteps[middle]!.line <= line) {
      found = sortedSteps[middle];
      low = middle + 1;
    } else {
      high = middle - 1;
    }
  }
  return found && line <= found.endLine ? found : undefined;
}

function toGraphProblem(problem: Pick<Problem, 'severity' | 'message'>): GraphProblem {
  return { severity: problem.severity, message: problem.message };
}

function overlayPath(graph: FlowGraph, path: readonly PathStep[], flow: string | undefined, steps: FlowSteps): void {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const edges = new Map(graph.edges.map((e) => [e.id, e]));
  const entries = path
    .map((entry) => (typeof entry === 'string' ? { step: entry } : entry))
    .filter((entry) => !flow || !('flow' in entry) || entry.flow === undefined || entry.flow === flow);
  entries.forEach((entry, index) => {
    const node = nodes.get(entry.step);
    if (!node) return;
    (node.pathOrder ??= []).push(index + 1);
    const following = entries[index + 1]?.step ?? ('next' in entry ? entry.next : undefined);
    const exit = 'exit' in entry ? entry.exit : undefined;
    const byExit = exit ? edges.get(`${entry.step}:${exitKeyOfSimulated(steps.typeOf(entry.step), exit)}`) : undefined;
    const taken =
      byExit && (following === undefined || byExit.to === following || !nodes.has(following))
        ? byExit
        : following !== undefined
          ? graph.edges.find((e) => e.from === entry.step && e.to === following)
          : undefined;
    if (taken) taken.onPath = true;
  });
}
