/**
 * A layout that stays put while the flow is edited on the canvas. A fresh layered layout of
 * an edited flow can move every step; here the steps already on screen keep their places
 * (and the places the admin dragged them to), a new step is put beside the step it is
 * connected to where the fresh layout would have put it relative to that step, and only the
 * lines touching a step that left its fresh place are redrawn as simple curves.
 */
import {
  edgeGroups,
  NODE_HEIGHT,
  NODE_WIDTH,
  type Box,
  type EdgeRoute,
  type GraphLayout,
  type Point,
} from './graphLayout';
import type { FlowGraph } from './types';

const GAP = 24;
const LABEL_HEIGHT = 16;
const CHAR_WIDTH = 7;

export interface StableLayoutInput {
  /** The fresh layout of the graph as it is now. */
  fresh: GraphLayout;
  /** Where the steps were drawn before the change (top-left corners). */
  previous?: Readonly<Record<string, Point>>;
  /** Where the admin dragged steps to: these win over everything. */
  pinned?: Readonly<Record<string, Point>>;
  /** Where a step just dropped from the palette goes. */
  dropped?: Readonly<Record<string, Point>>;
}

export function stableLayout(graph: FlowGraph, input: StableLayoutInput): GraphLayout {
  const { fresh } = input;
  const previous = input.previous ?? {};
  const pinned = input.pinned ?? {};
  const dropped = input.dropped ?? {};
  if (Object.keys(previous).length === 0 && Object.keys(pinned).length === 0 && Object.keys(dropped).length === 0)
    return fresh;

  const placed: Record<string, Box> = {};
  const delta = new Map<string, Point>();
  const place = (id: string, at: Point): void => {
    const box = fresh.nodes[id]!;
    placed[id] = { x: at.x, y: at.y, width: box.width, height: box.height };
    delta.set(id, { x: at.x - box.x, y: at.y - box.y });
  };
  const newcomers: string[] = [];
  for (const node of graph.nodes) {
    if (!fresh.nodes[node.id]) continue;
    const at = pinned[node.id] ?? dropped[node.id] ?? previous[node.id];
    if (at) place(node.id, at);
    else newcomers.push(node.id);
  }
  // A new step keeps its fresh offset from a neighbour that is already placed.
  const neighbours = new Map<string, string[]>();
  for (const edge of graph.edges) {
    (neighbours.get(edge.to) ?? neighbours.set(edge.to, []).get(edge.to)!).push(edge.from);
    (neighbours.get(edge.from) ?? neighbours.set(edge.from, []).get(edge.from)!).push(edge.to);
  }
  let pending = newcomers;
  while (pending.length > 0) {
    const waiting: string[] = [];
    for (const id of pending) {
      const anchor = (neighbours.get(id) ?? []).find((n) => delta.has(n));
      if (!anchor && waiting.length + 1 < pending.length) {
        waiting.push(id);
        continue;
      }
      const shift = anchor ? delta.get(anchor)! : { x: 0, y: 0 };
      const box = fresh.nodes[id]!;
      place(id, freeSpot(placed, { x: box.x + shift.x, y: box.y + shift.y }));
    }
    if (waiting.length === pending.length) {
      for (const id of waiting) place(id, freeSpot(placed, fresh.nodes[id]!));
      break;
    }
    pending = waiting;
  }

  const routes = fresh.routes.map((route) => {
    const moved = reroute(route, placed, delta);
    // A step placed over a line it does not connect: the line goes around it.
    return !moved.jump && crossesOtherSteps(moved.points, moved.from, moved.to, placed)
      ? withLabelAtMiddle({ ...moved, points: clearCurve(moved.from, moved.to, placed) })
      : moved;
  });
  return finish(`${fresh.key}\u0004${JSON.stringify(placed)}`, placed, routes);
}

/** The nearest place at or beside `at` (top-left corner) where a new step's box overlaps no placed box. */
export function freeSpot(placed: Readonly<Record<string, Box>>, at: Point): Point {
  const boxes = Object.values(placed);
  const overlaps = (p: Point): boolean =>
    boxes.some(
      (b) =>
        p.x < b.x + b.width + GAP / 2 &&
        p.x + NODE_WIDTH + GAP / 2 > b.x &&
        p.y < b.y + b.height + GAP / 2 &&
        p.y + NODE_HEIGHT + GAP / 2 > b.y,
    );
  for (let ring = 0; ring < 200; ring++) {
    for (const candidate of [
      { x: at.x + ring * (NODE_WIDTH + GAP), y: at.y },
      { x: at.x, y: at.y + ring * (NODE_HEIGHT + GAP) },
      { x: at.x - ring * (NODE_WIDTH + GAP), y: at.y },
    ]) {
      if (!overlaps(candidate)) return candidate;
    }
  }
  return at;
}

function reroute(route: EdgeRoute, placed: Record<string, Box>, delta: Map<string, Point>): EdgeRoute {
  const from = delta.get(route.from);
  const to = delta.get(route.to);
  if (route.jump) {
    const shift = from ?? { x: 0, y: 0 };
    return {
      ...route,
      points: route.points.map((p) => ({ x: p.x + shift.x, y: p.y + shift.y })),
      jump: { ...route.jump, x: route.jump.x + shift.x, y: route.jump.y + shift.y },
    };
  }
  // Both ends moved together: the fresh line, moved with them.
  if (from && to && from.x === to.x && from.y === to.y) {
    return {
      ...route,
      points: route.points.map((p) => ({ x: p.x + from.x, y: p.y + from.y })),
      ...(route.labelBox
        ? { labelBox: { ...route.labelBox, x: route.labelBox.x + from.x, y: route.labelBox.y + from.y } }
        : {}),
    };
  }
  const source = placed[route.from];
  const target = placed[route.to];
  if (!source || !target) return route;
  const points = clearCurve(route.from, route.to, placed);
  const middle = points[Math.floor(points.length / 2)]!;
  const result: EdgeRoute = { ...route, points };
  if (route.label) {
    const width = Math.min(route.label.length, 40) * CHAR_WIDTH + 10;
    result.labelBox = { x: middle.x - width / 2, y: middle.y - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT };
  } else delete result.labelBox;
  return result;
}

/** Bottom of the source to the top of the target (or around, for a target above or a loop). */
function curveBetween(source: Box, target: Box, loop: boolean): Point[] {
  const start = { x: source.x + source.width / 2, y: source.y + source.height };
  if (loop) {
    const side = source.x + source.width + GAP;
    return [
      start,
      { x: side, y: source.y + source.height + GAP },
      { x: side, y: source.y - GAP },
      { x: start.x, y: source.y },
    ];
  }
  const below = target.y >= source.y + source.height;
  const end = below
    ? { x: target.x + target.width / 2, y: target.y }
    : { x: target.x + (target.x > source.x ? 0 : target.width), y: target.y + target.height / 2 };
  const bend = { x: (start.x + end.x) / 2, y: below ? (start.y + end.y) / 2 : Math.max(start.y, end.y) + GAP };
  return [start, { x: start.x, y: (start.y + bend.y) / 2 }, bend, { x: end.x, y: (end.y + bend.y) / 2 }, end];
}

/**
 * The next layout from the one on screen, without laying the flow out again: every step that
 * was drawn stays where it was (or where it was dragged), a new step goes below the step it is
 * connected from, a line between two steps that did not move keeps its route, a new or changed
 * line is drawn as a simple curve. Undefined when too little of the flow was on screen (another
 * file, most of it pasted anew): then a fresh layout is the better picture.
 */
export function keepLayout(
  graph: FlowGraph,
  previous: GraphLayout,
  pinned: Readonly<Record<string, Point>> = {},
): GraphLayout | undefined {
  const ids = graph.nodes.map((n) => n.id);
  const kept = ids.filter((id) => previous.nodes[id]);
  if (ids.length > 0 && kept.length < ids.length / 2) return undefined;
  const placed: Record<string, Box> = {};
  const unmoved = new Set<string>();
  for (const id of kept) {
    const before = previous.nodes[id]!;
    const at = pinned[id] ?? before;
    placed[id] = { x: at.x, y: at.y, width: NODE_WIDTH, height: NODE_HEIGHT };
    if (at.x === before.x && at.y === before.y) unmoved.add(id);
  }
  const incoming = new Map<string, string[]>();
  const outgoing = new Map<string, string[]>();
  for (const edge of graph.edges) {
    (incoming.get(edge.to) ?? incoming.set(edge.to, []).get(edge.to)!).push(edge.from);
    (outgoing.get(edge.from) ?? outgoing.set(edge.from, []).get(edge.from)!).push(edge.to);
  }
  for (const id of ids) {
    if (placed[id]) continue;
    const at = pinned[id];
    const anchorId = [...(incoming.get(id) ?? []), ...(outgoing.get(id) ?? [])].find((n) => placed[n]);
    const anchor = anchorId ? placed[anchorId] : undefined;
    const above = anchor && (incoming.get(id) ?? []).includes(anchorId!);
    const wanted =
      at ?? (anchor ? { x: anchor.x, y: anchor.y + (above ? 1 : -1) * (NODE_HEIGHT + 2 * GAP) } : belowAll(placed));
    const spot = at ?? freeSpot(placed, wanted);
    placed[id] = { x: spot.x, y: spot.y, width: NODE_WIDTH, height: NODE_HEIGHT };
  }

  const before = new Map(previous.routes.map((r) => [routeKey(r.edgeIds, r.from, r.to, r.label), r]));
  const routes: EdgeRoute[] = [];
  for (const group of edgeGroups(graph)) {
    const label = group.label;
    const old = before.get(routeKey(group.edgeIds, group.from, group.to, label));
    if (
      old &&
      unmoved.has(group.from) &&
      (old.jump || (unmoved.has(group.to) && !crossesOtherSteps(old.points, old.from, old.to, placed)))
    ) {
      routes.push(old);
      continue;
    }
    const source = placed[group.from];
    const target = placed[group.to];
    if (!source || !target) continue;
    const points = clearCurve(group.from, group.to, placed);
    const middle = points[Math.floor(points.length / 2)]!;
    const route: EdgeRoute = { id: group.id, edgeIds: group.edgeIds, from: group.from, to: group.to, label, points };
    if (label) {
      const width = Math.min(label.length, 40) * CHAR_WIDTH + 10;
      route.labelBox = { x: middle.x - width / 2, y: middle.y - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT };
    }
    routes.push(route);
  }
  return finish(`${previous.key}\u0005${JSON.stringify(placed)}\u0005${routes.length}`, placed, routes);
}

function withLabelAtMiddle(route: EdgeRoute): EdgeRoute {
  if (!route.label) return route;
  const middle = route.points[Math.floor(route.points.length / 2)]!;
  const width = Math.min(route.label.length, 40) * CHAR_WIDTH + 10;
  return {
    ...route,
    labelBox: { x: middle.x - width / 2, y: middle.y - LABEL_HEIGHT / 2, width, height: LABEL_HEIGHT },
  };
}

/**
 * The line from one step to another that runs under no other step: the simple curve when it is
 * clear, else a detour down, beside the steps in the way, and into the target.
 */
export function clearCurve(from: string, to: string, placed: Readonly<Record<string, Box>>): Point[] {
  const source = placed[from]!;
  const target = placed[to]!;
  const curve = curveBetween(source, target, from === to);
  if (from === to) return curve;
  let blockers = stepsUnder(curve, from, to, placed);
  if (blockers.length === 0) return curve;
  const start = curve[0]!;
  const end = curve[curve.length - 1]!;
  const below = target.y >= source.y + source.height;
  const approach = below ? { x: end.x, y: end.y - GAP } : { x: end.x + (end.x > target.x ? GAP : -GAP), y: end.y };
  const detour = (side: number): Point[] => [
    start,
    { x: start.x, y: start.y + GAP },
    { x: side, y: start.y + GAP },
    { x: side, y: approach.y },
    approach,
    end,
  ];
  // Widened around every step found in the way, a few times (a detour can meet other steps).
  for (let round = 0; round < 4 && blockers.length > 0; round++) {
    const left = Math.min(...blockers.map((b) => b.x)) - GAP;
    const right = Math.max(...blockers.map((b) => b.x + b.width)) + GAP;
    const sides = Math.abs(left - start.x) <= Math.abs(right - start.x) ? [left, right] : [right, left];
    let nearest: Point[] | undefined;
    let nearestBlockers: Box[] = blockers;
    for (const side of sides) {
      const points = detour(side);
      const under = stepsUnder(points, from, to, placed);
      if (under.length === 0) return points;
      if (!nearest || under.length < nearestBlockers.length) {
        nearest = points;
        nearestBlockers = under;
      }
    }
    blockers = [...new Set([...blockers, ...nearestBlockers])];
  }
  return curve;
}

/** Whether a line (its layout points) runs under a step other than its two ends. */
export function crossesOtherSteps(
  points: readonly Point[],
  from: string,
  to: string,
  placed: Readonly<Record<string, Box>>,
): boolean {
  return stepsUnder(points, from, to, placed).length > 0;
}

function stepsUnder(points: readonly Point[], from: string, to: string, placed: Readonly<Record<string, Box>>): Box[] {
  const under: Box[] = [];
  for (const [id, box] of Object.entries(placed)) {
    if (id === from || id === to) continue;
    for (let i = 1; i < points.length; i++) {
      if (segmentMeetsBox(points[i - 1]!, points[i]!, box)) {
        under.push(box);
        break;
      }
    }
  }
  return under;
}

/** Liang–Barsky: does the segment a→b enter the box (shrunk by 2 px, so a line along an edge is not "under")? */
function segmentMeetsBox(a: Point, b: Point, box: Box): boolean {
  const inset = 2;
  const minX = box.x + inset;
  const maxX = box.x + box.width - inset;
  const minY = box.y + inset;
  const maxY = box.y + box.height - inset;
  let t0 = 0;
  let t1 = 1;
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  for (const [p, q] of [
    [-dx, a.x - minX],
    [dx, maxX - a.x],
    [-dy, a.y - minY],
    [dy, maxY - a.y],
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const r = q / p;
    if (p < 0) t0 = Math.max(t0, r);
    else t1 = Math.min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

function routeKey(edgeIds: readonly string[], from: string, to: string, label: string): string {
  return `${edgeIds.join(' ')}\u0000${from}\u0000${to}\u0000${label}`;
}

function belowAll(placed: Readonly<Record<string, Box>>): Point {
  let bottom = 0;
  let left = Infinity;
  for (const box of Object.values(placed)) {
    bottom = Math.max(bottom, box.y + box.height);
    left = Math.min(left, box.x);
  }
  return { x: Number.isFinite(left) ? left : GAP, y: bottom + 2 * GAP };
}

function finish(key: string, placed: Record<string, Box>, routes: EdgeRoute[]): GraphLayout {
  let right = 0;
  let bottom = 0;
  for (const box of Object.values(placed)) {
    right = Math.max(right, box.x + box.width);
    bottom = Math.max(bottom, box.y + box.height);
  }
  for (const route of routes) if (route.jump) right = Math.max(right, route.jump.x + route.jump.width);
  return { key, width: Math.ceil(right + GAP), height: Math.ceil(bottom + GAP), nodes: placed, routes };
}
