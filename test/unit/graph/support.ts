/** Helpers for the flow graph tests: flows written line by line, graphs built as the editor builds them. */
import { readFileSync } from 'fs';
import * as path from 'path';
import {
  buildFlowGraph,
  type FlowGraph,
  type GraphOptions,
  type GraphNode,
  type GraphEdge,
} from '../../../src/core/graph';
import { validateFlowText } from '../../../src/core/validation';

/** Compiled to <outDir>/test/unit/graph: fixtures and the built page stay in the source tree. */
export const REPO_ROOT = path.resolve(__dirname, '../../../..');

export function fixture(name: string): string {
  return readFileSync(path.join(REPO_ROOT, 'test/fixtures/flows', name), 'utf8');
}

/** Lines 1-4 are the header; the given step lines start at line 5. */
export function flowWith(steps: string[], start = 'welcome'): string {
  return ['callflow: 1', 'trigger: incoming-call', `start: ${start}`, 'steps:', ...steps].join('\n') + '\n';
}

export function graphOf(text: string, options?: GraphOptions): FlowGraph {
  return buildFlowGraph(text, validateFlowText(text, 'flows/test/v1.yaml').problems, options);
}

export function node(graph: FlowGraph, id: string): GraphNode {
  const found = graph.nodes.find((n) => n.id === id);
  if (!found) throw new Error(`no node "${id}" in ${graph.nodes.map((n) => n.id).join(', ')}`);
  return found;
}

export function edgeList(graph: FlowGraph): string[] {
  return graph.edges.map((e: GraphEdge) => `${e.from} -${e.label}-> ${e.to}`);
}

/** A flow where every block's way out goes to one shared goodbye step far below. */
export function sharedGoodbyeFlow(blocks: number): string {
  const lines: string[] = [];
  for (let b = 0; b < blocks; b++) {
    const next = b + 1 < blocks ? `menu${b + 1}` : 'goodbye';
    lines.push(
      `  menu${b}:`,
      '    type: menu',
      `    say: "Block ${b}"`,
      `    options: { "1": play${b}, "2": ${next} }`,
      '    no-input: goodbye',
      `  play${b}:`,
      '    type: play',
      `    say: "Info ${b}"`,
      `    next: ${next}`,
    );
  }
  lines.push('  goodbye:', '    type: hangup');
  return flowWith(lines, 'menu0');
}
