/**
 * The flow graph of a version marked against another: steps added or changed, exits rewired;
 * and the changed part alone (marked steps and their neighbours), for a pull-request comment.
 */
import { exitKeyOfSimulated } from '../graph/exitLabels';
import type { FlowGraph } from '../graph/types';
import type { FlowChanges } from './semanticDiff';

/** Marks `graph` (of the newer version) in place with what `changes` found; returns it. */
export function markGraphChanges(graph: FlowGraph, changes: FlowChanges): FlowGraph {
  const added = new Set(changes.steps.added);
  const changed = new Set([...changes.steps.changed.map((c) => c.step), ...changes.steps.renamed.map((r) => r.to)]);
  const types = new Map(graph.nodes.map((n) => [n.id, n.type]));
  const rewired = new Set(
    changes.exits.filter((e) => e.to !== null).map((e) => `${e.step}:${exitKeyOfSimulated(types.get(e.step), e.exit)}`),
  );
  for (const node of graph.nodes) {
    if (added.has(node.id)) node.change = 'added';
    else if (changed.has(node.id)) node.change = 'changed';
  }
  for (const edge of graph.edges) if (rewired.has(edge.id) || added.has(edge.from)) edge.change = 'rewired';
  return graph;
}

/** The marked steps and exits with the steps next to them; undefined when nothing is marked. */
export function changedPart(graph: FlowGraph): FlowGraph | undefined {
  const keep = new Set<string>();
  for (const node of graph.nodes) if (node.change) keep.add(node.id);
  for (const edge of graph.edges) {
    if (edge.change || keep.has(edge.from)) {
      keep.add(edge.from);
      keep.add(edge.to);
    }
  }
  for (const edge of graph.edges)
    if (keep.has(edge.to) && graph.nodes.find((n) => n.id === edge.to)?.change) keep.add(edge.from);
  if (keep.size === 0) return undefined;
  const part: FlowGraph = {
    nodes: graph.nodes.filter((n) => keep.has(n.id)),
    edges: graph.edges.filter((e) => keep.has(e.from) && keep.has(e.to)),
    problems: [],
  };
  if (graph.start && keep.has(graph.start)) part.start = graph.start;
  return part;
}
