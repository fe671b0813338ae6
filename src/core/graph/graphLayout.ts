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
import { nullRecord } from '../records';
import { dagre } from './dagre';
import { routeLabel } from './routeMarks';
import type { FlowGraph, GraphEdge } from './types';

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 64;
export const CHIP_HEIGHT = 22;
const CHIP_GAP = 22;
const CHIP_SPACING = 6;
const CHIP_MAX_CHARS = 32;
const CHAR_WIDTH = 7;
const LABEL_HEIGHT = 16;
/**
 * Extra layers an exit into a shared step may span before it becomes a connector chip. Big
 * flows are stricter: their long lines would cross half the drawing (and slow the layout).
 */
const JUMP_SPAN = 3;
const BIG_FLOW_STEPS = 100;
const BIG_FLOW_JUMP_SPAN = 1;

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
  /** The exits' labels, joined: `1, 2` (marked against another version: routeLabel). */
  label: string;
  points: Point[];
  labelBox?: Box;
  /** Drawn to a connector chip naming the target instead of to the target itself. */
  jump?: Box;
  /** The chip's words: `no-input ↪ voicemail`. */
  jumpText?: string;
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
  label: string;
  jump: boolean;
}

/** Lays the graph out; returns `previous` untouched when the graph's shape has not changed (an edit of a prompt). */
export function layoutFlowGraph(graph: FlowGraph, previous?: GraphLayout): GraphLayout {
  const drafts = routeDrafts(graph);
  markJumps(graph, drafts);
  const key = shapeKey(graph, drafts);
  if (previous && previous.key === key) return previous;

  const labels = new Map(graph.nodes.map((n) => [n.id, n.label]));
  // Connector chips stand in a column to the right of their step: the step's layout box is
  // widened to hold them, so dagre keeps the column clear without laying the chips out itself.
  const chipsOf = new Map<string, Array<{ route: RouteDraft; text: string; width: number }>>();
  for (const route of drafts) {
    if (!route.jump) continue;
    const text = jumpText(route.label, labels.get(route.to) ?? route.to);
    let chips = chipsOf.get(route.from);
    if (!chips) chipsOf.set(route.from, (chips = []));
    chips.push({ route, text, width: Math.min([...text].length, CHIP_MAX_CHARS) * CHAR_WIDTH + 20 });
  }
  const reserved = (id: string): { width: number; height: number } => {
    const chips = chipsOf.get(id);
    if (!chips) return { width: NODE_WIDTH, height: NODE_HEIGHT };
    return {
      width: NODE_WIDTH + CHIP_GAP + Math.max(...chips.map((c) => c.width)),
      height: Math.max(NODE_HEIGHT, chips.length * (CHIP_HEIGHT + CHIP_SPACING) - CHIP_SPACING),
    };
  };

  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 44, edgesep: 14, marginx: 24, marginy: 24 });
  for (const node of graph.nodes) g.setNode(node.id, reserved(node.id));
  for (const route of drafts) {
    if (route.jump) continue;
    const label = route.label;
    g.setEdge(route.from, route.to, {
      width: label ? Math.min(label.length, 40) * CHAR_WIDTH + 10 : 0,
      height: label ? LABEL_HEIGHT : 0,
      labelpos: 'c',
    });
  }
  dagre.layout(g);

  const nodes = nullRecord<Box>();
  for (const node of graph.nodes) {
    const placed = g.node(node.id) as { x: number; y: number; width: number; height: number };
    nodes[node.id] = {
      x: round(placed.x - placed.width / 2),
      y: round(placed.y - placed.height / 2),
      width: NODE_WIDTH,
      height: NODE_HEIGHT,
    };
  }
  const routes: EdgeRoute[] = [];
  for (const draft of drafts) {
    if (draft.jump) continue;
    const edge = g.edge(draft.from, draft.to) as {
      points?: Point[];
      x?: number;
      y?: number;
      width?: number;
      height?: number;
    };
    const points = (edge.points ?? []).map((p) => ({ x: p.x, y: p.y }));
    // Ends on a widened step's own box, not on its chip column.
    if (points.length >= 2 && draft.from !== draft.to) {
      if (chipsOf.has(draft.from)) points[0] = borderPoint(nodes[draft.from]!, points[1]!);
      if (chipsOf.has(draft.to)) points[points.length - 1] = borderPoint(nodes[draft.to]!, points[points.length - 2]!);
    }
    const label = draft.label;
    const route: EdgeRoute = {
      id: draft.id,
      edgeIds: draft.edgeIds,
      from: draft.from,
      to: draft.to,
      label,
      points: points.map((p) => ({ x: round(p.x), y: round(p.y) })),
    };
    if (label && edge.x !== undefined && edge.y !== undefined) {
      route.labelBox = {
        x: round(edge.x - (edge.width ?? 0) / 2),
        y: round(edge.y - (edge.height ?? 0) / 2),
        width: edge.width ?? 0,
        height: edge.height ?? 0,
      };
    }
    routes.push(route);
  }
  for (const [from, chips] of chipsOf) {
    const box = nodes[from]!;
    chips.forEach((chip, i) => {
      const jump: Box = {
        x: box.x + NODE_WIDTH + CHIP_GAP,
        y: box.y + i * (CHIP_HEIGHT + CHIP_SPACING),
        width: chip.width,
        height: CHIP_HEIGHT,
      };
      const y = jump.y + CHIP_HEIGHT / 2;
      routes.push({
        id: chip.route.id,
        edgeIds: chip.route.edgeIds,
        from,
        to: chip.route.to,
        label: chip.route.label,
        points: [
          { x: box.x + NODE_WIDTH, y: Math.min(y, box.y + NODE_HEIGHT - 8) },
          { x: jump.x, y },
        ],
        jump,
        jumpText: chip.text,
      });
    });
  }
  const size = g.graph() as { width?: number; height?: number };
  return { key, width: Math.ceil(size.width ?? 0), height: Math.ceil(size.height ?? 0), nodes, routes };
}

/** The text of a connector chip: the exit and the step it goes to. */
export function jumpText(exitLabel: string, targetLabel: string): string {
  return `${exitLabel} ↪ ${targetLabel}`;
}

/** Where the line from `towards` to the box's centre crosses the box's border. */
function borderPoint(box: Box, towards: Point): Point {
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const dx = towards.x - cx;
  const dy = towards.y - cy;
  if (dx === 0 && dy === 0) return { x: cx, y: box.y };
  const scale = Math.min(dx ? box.width / 2 / Math.abs(dx) : Infinity, dy ? box.height / 2 / Math.abs(dy) : Infinity);
  return { x: cx + dx * scale, y: cy + dy * scale };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

/** The graph's exits grouped into drawn lines: one per pair of steps, its exits' labels together. */
export function edgeGroups(
  graph: FlowGraph,
): ReadonlyArray<{ id: string; edgeIds: string[]; from: string; to: string; label: string }> {
  return routeDrafts(graph);
}

function routeDrafts(graph: FlowGraph): RouteDraft[] {
  const byPair = new Map<string, { draft: RouteDraft; edges: GraphEdge[] }>();
  for (const edge of graph.edges) {
    const pair = `${edge.from}\u0000${edge.to}`;
    const route = byPair.get(pair);
    if (route) {
      route.draft.edgeIds.push(edge.id);
      route.edges.push(edge);
    } else {
      const draft = { id: edge.id, edgeIds: [edge.id], from: edge.from, to: edge.to, label: '', jump: false };
      byPair.set(pair, { draft, edges: [edge] });
    }
  }
  return [...byPair.values()].map(({ draft, edges }) => ({ ...draft, label: routeLabel(edges) }));
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
  for (const route of routes)
    if (route.from !== route.to && !back.has(route)) indegree.set(route.to, (indegree.get(route.to) ?? 0) + 1);
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
  const allowed = graph.nodes.length > BIG_FLOW_STEPS ? BIG_FLOW_JUMP_SPAN : JUMP_SPAN;
  for (const list of incoming.values()) {
    if (list.length < 2) continue;
    const kept = list.reduce((best, r) => (span(r) < span(best) ? r : best));
    for (const route of list) if (route !== kept && span(route) > allowed) route.jump = true;
  }
}

function shapeKey(graph: FlowGraph, routes: RouteDraft[]): string {
  const parts = graph.nodes.map((n) => n.id);
  parts.push('\u0001');
  for (const r of routes) parts.push(`${r.from}\u0002${r.to}\u0002${r.label}\u0002${r.jump ? 1 : 0}`);
  return parts.join('\u0000');
}
