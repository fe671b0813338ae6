/**
 * Positions for a flow graph: a layered layout (dagre), top to bottom from the start step.
 * Pure and free of Node APIs: the CLI's SVG export and the webview both run it.
 *
 * A step that many others lead to (a shared voicemail or goodbye) would pull long lines
 * across the whole drawing, and in a big flow make the layout slow. Such an exit is drawn
 * as a short line to a connector chip ("↪ goodbye") when it would span more than a few
 * layers; the nearest way in stays a real line. Nodes have a fixed size, so the CLI and the
 * webview draw the same picture without measuring text.
 */
import { dagre } from './dagre';
import type { FlowGraph } from './types';

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 64;
export const CHIP_HEIGHT = 24;
const CHAR_WIDTH = 7;
const LABEL_HEIGHT = 16;
/** Layers an exit into a shared step may span before it becomes a connector chip. */
const JUMP_SPAN = 3;

export interface Point {
  x: number;
  y: number;
}

/** Top-left corner and size. */
export interface Box extends Point {
  width: number;
  height: number;
}

/** One drawn line: the exits from one step to one other (parallel exits share a line and a label). */
export interface EdgeRoute {
  id: string;
  edgeIds: string[];
  from: string;
  to: string;
  /** The exits' labels, joined: `1, 2`. */
  label: string;
  points: Point[];
  labelBox?: Box;
  /** Drawn to a connector chip naming the target instead of to the target itself. */
  jump?: Box;
}

export interface GraphLayout {
  /** Identifies the graph's shape: equal keys, equal layout. */
  key: string;
  width: number;
  height: number;
  nodes: Record<string, Box>;
  routes: EdgeRoute[];
}

interface RouteDraft {
  id: string;
  edgeIds: string[];
  from: string;
  to: string;
  labels: string[];
  jump: boolean;
}

/** Lays the graph out; returns `previous` untouched when the graph's shape has not changed (an edit of a prompt). */
export function layoutFlowGraph(graph: FlowGraph, previous?: GraphLayout): GraphLayout {
  const drafts = routeDrafts(graph);
  markJumps(graph, drafts);
  const key = shapeKey(graph, drafts);
  if (previous && previous.key === key) return previous;

  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 44, edgesep: 14, marginx: 24, marginy: 24 });
  for (const node of graph.nodes) g.setNode(node.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const route of drafts) {
    const label = route.labels.join(', ');
    const labelSize = { width: label ? Math.min(label.length, 40) * CHAR_WIDTH + 10 : 0, height: label ? LABEL_HEIGHT : 0, labelpos: 'c' };
    let target = route.to;
    if (route.jump) {
      target = jumpNodeId(route.id);
      g.setNode(target, { width: chipWidth(graph, route.to), height: CHIP_HEIGHT });
    }
    g.setEdge(route.from, target, labelSize);
  }
  dagre.layout(g);

  const nodes: Record<string, Box> = {};
  for (const node of graph.nodes) nodes[node.id] = boxOf(g.node(node.id));
  const routes = drafts.map((draft): EdgeRoute => {
    const target = draft.jump ? jumpNodeId(draft.id) : draft.to;
    const edge = g.edge(draft.from, target) as { points?: Point[]; x?: number; y?: number; width?: number; height?: number };
    const label = draft.labels.join(', ');
    const route: EdgeRoute = {
      id: draft.id, edgeIds: draft.edgeIds, from: draft.from, to: draft.to, label,
      points: (edge.points ?? []).map((p) => ({ x: round(p.x), y: round(p.y) })),
    };
    if (label && edge.x !== undefined && edge.y !== undefined) {
      route.labelBox = { x: round(edge.x - (edge.width ?? 0) / 2), y: round(edge.y - (edge.height ?? 0) / 2), width: edge.width ?? 0, height: edge.height ?? 0 };
    }
    if (draft.jump) route.jump = boxOf(g.node(target));
    return route;
  });
  const size = g.graph() as { width?: number; height?: number };
  return { key, width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), nodes, routes };
}

/** The text of a connector chip. */
export function jumpText(targetLabel: string): string {
  return `↪ ${targetLabel}`;
}

function chipWidth(graph: FlowGraph, target: string): number {
  const label = graph.nodes.find((n) => n.id === target)?.label ?? target;
  return Math.min(jumpText(label).length, 26) * CHAR_WIDTH + 22;
}

function jumpNodeId(routeId: string): string {
  return `\u0000jump:${routeId}`;
}

function boxOf(node: { x: number; y: number; width: number; height: number }): Box {
  return { x: round(node.x - node.width / 2), y: round(node.y - node.height / 2), width: node.width, height: node.height };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function routeDrafts(graph: FlowGraph): RouteDraft[] {
  const byPair = new Map<string, RouteDraft>();
  for (const edge of graph.edges) {
    const pair = `${edge.from}\u0000${edge.to}`;
    const route = byPair.get(pair);
    if (route) {
      route.edgeIds.push(edge.id);
      route.labels.push(edge.label);
    } else {
      byPair.set(pair, { id: edge.id, edgeIds: [edge.id], from: edge.from, to: edge.to, labels: [edge.label], jump: false });
    }
  }
  return [...byPair.values()];
}

/**
 * Depth of each step: the longest path to it from the start (then from any step not reached)
 * once the loops' back edges are set aside. Iterative, linear in steps and exits.
 */
function depths(graph: FlowGraph, routes: RouteDraft[]): Map<string, number> {
  const out = new Map<string, RouteDraft[]>();
  for (const node of graph.nodes) out.set(node.id, []);
  for (const route of routes) if (route.from !== route.to) out.get(route.from)?.push(route);
  const back = new Set<RouteDraft>();
  const state = new Map<string, 1 | 2>(); // 1: on the DFS stack, 2: done
  const roots = [...(graph.start ? [graph.start] : []), ...graph.nodes.map((n) => n.id)];
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: Array<{ id: string; next: number }> = [{ id: root, next: 0 }];
    state.set(root, 1);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      const edges = out.get(frame.id) ?? [];
      if (frame.next < edges.length) {
        const route = edges[frame.next++]!;
        const seen = state.get(route.to);
        if (seen === 1) back.add(route);
        else if (seen === undefined) {
          state.set(route.to, 1);
          stack.push({ id: route.to, next: 0 });
        }
      } else {
        state.set(frame.id, 2);
        stack.pop();
      }
    }
  }
  const indegree = new Map<string, number>();
  for (const node of graph.nodes) indegree.set(node.id, 0);
  for (const route of routes) if (route.from !== route.to && !back.has(route)) indegree.set(route.to, (indegree.get(route.to) ?? 0) + 1);
  const depth = new Map<string, number>();
  const queue = graph.nodes.map((n) => n.id).filter((id) => indegree.get(id) === 0);
  for (const id of queue) depth.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const route of out.get(id) ?? []) {
      if (back.has(route)) continue;
      depth.set(route.to, Math.max(depth.get(route.to) ?? 0, depth.get(id)! + 1));
      const left = indegree.get(route.to)! - 1;
      indegree.set(route.to, left);
      if (left === 0) queue.push(route.to);
    }
  }
  return depth;
}

function markJumps(graph: FlowGraph, routes: RouteDraft[]): void {
  const incoming = new Map<string, RouteDraft[]>();
  for (const route of routes) {
    if (route.from === route.to) continue;
    let list = incoming.get(route.to);
    if (!list) incoming.set(route.to, (list = []));
    list.push(route);
  }
  if (![...incoming.values()].some((list) => list.length > 1)) return;
  const depth = depths(graph, routes);
  const span = (r: RouteDraft): number => Math.abs((depth.get(r.to) ?? 0) - (depth.get(r.from) ?? 0) - 1);
  for (const list of incoming.values()) {
    if (list.length < 2) continue;
    const kept = list.reduce((best, r) => (span(r) < span(best) ? r : best));
    for (const route of list) if (route !== kept && span(route) > JUMP_SPAN) route.jump = true;
  }
}

function shapeKey(graph: FlowGraph, routes: RouteDraft[]): string {
  const parts = graph.nodes.map((n) => n.id);
  parts.push('\u0001');
  for (const r of routes) parts.push(`${r.from}\u0002${r.to}\u0002${r.labels.join('\u0003')}\u0002${r.jump ? 1 : 0}`);
  return parts.join('\u0000');
}
