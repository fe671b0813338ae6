/**
 * The flow graph of a version marked against another: steps added or changed, exits rewired;
 * and the changed part alone (marked steps and their neighbours), for a pull-request comment.
 */
import { buildFlowGraph } from '../graph/buildGraph';
import { exitKeyOfSimulated } from '../graph/exitLabels';
import type { FlowGraph, GraphEdge } from '../graph/types';
import { readVersionText } from './compare';
import { diffFlowVersions, type FlowChanges } from './semanticDiff';

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

/**
 * A comparison's `to` version's graph marked against its `from` version, for the graph panel's
 * review view. The two are in the direction of publishing (comparisonDirection), not of version
 * numbers: the draft v5 is marked against the published v6 it would replace. Added and changed
 * steps and rewired exits are marked as markGraphChanges does, plus what the `to` version no
 * longer has, ghosted: each removed step with its exits, and each exit's old line where it was
 * removed or rewired. `graph` is the `to` text's graph; both texts are version files.
 */
export function markGraphAgainstVersion(graph: FlowGraph, fromText: string, toText: string): FlowGraph {
  const changes = diffFlowVersions(readVersionText(fromText), readVersionText(toText));
  markGraphChanges(graph, changes);
  const older = buildFlowGraph(fromText, []);
  const toNewer = new Map(changes.steps.renamed.map((r) => [r.from, r.to]));
  const toOlder = new Map(changes.steps.renamed.map((r) => [r.to, r.from]));
  const removed = new Set(changes.steps.removed);
  for (const node of older.nodes) {
    if (!removed.has(node.id)) continue;
    graph.nodes.push({ ...node, isStart: false, problems: [], ports: [], unreachable: false, change: 'removed' });
  }
  const present = new Set(graph.nodes.map((n) => n.id));
  const ghost = (edge: GraphEdge, from: string): void => {
    const to = toNewer.get(edge.to) ?? edge.to;
    if (present.has(from) && present.has(to))
      graph.edges.push({ id: `removed:${edge.id}`, from, to, label: edge.label, change: 'removed' });
  };
  const olderTypes = new Map(older.nodes.map((n) => [n.id, n.type]));
  const olderEdges = new Map(older.edges.map((e) => [e.id, e]));
  for (const exit of changes.exits) {
    if (exit.from === null) continue;
    const step = toOlder.get(exit.step) ?? exit.step;
    const edge = olderEdges.get(`${step}:${exitKeyOfSimulated(olderTypes.get(step), exit.exit)}`);
    if (edge) ghost(edge, exit.step);
  }
  for (const edge of older.edges) if (removed.has(edge.from)) ghost(edge, edge.from);
  return graph;
}
