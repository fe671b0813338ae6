/**
 * What a flow graph looks like, as a tree of SVG elements with classes. One description for
 * both drawings: toSvg serialises it (escaping every text) and the webview builds DOM nodes
 * from it (text through textContent). Only this file's own code names tags and attributes;
 * flow text only ever becomes text content or an attribute value.
 */
import { iconPath } from './icons';
import { jumpText, NODE_HEIGHT, NODE_WIDTH, type EdgeRoute, type GraphLayout } from './graphLayout';
import { routeChange, routeLabelParts, type RouteChange, type RouteLabelPart } from './routeMarks';
import { clip } from './summary';
import type { FlowGraph, GraphNode } from './types';

export interface SvgElement {
  tag: string;
  attrs?: Record<string, string | number>;
  /** Text content (never markup). */
  text?: string;
  children?: SvgElement[];
}

export interface GraphScene {
  width: number;
  height: number;
  defs: SvgElement[];
  edges: SvgElement[];
  nodes: SvgElement[];
}

const LABEL_CHARS = 22;
const SUMMARY_CHARS = 30;

export interface SceneOptions {
  /** Draw each step's exit ports (the canvas editor drags from them). */
  ports?: boolean;
}

export function graphScene(graph: FlowGraph, layout: GraphLayout, options: SceneOptions = {}): GraphScene {
  const nodesById = new Map(graph.nodes.map((n) => [n.id, n]));
  const onPath = new Set(graph.edges.filter((e) => e.onPath).map((e) => e.id));
  const edgesById = new Map(graph.edges.map((e) => [e.id, e]));
  return {
    width: layout.width,
    height: layout.height,
    defs: [
      arrowMarker('arrow', 'edge-arrow'),
      arrowMarker('arrow-path', 'edge-arrow edge-arrow-path'),
      // Every box has the same size: one clip keeps wide text (CJK, W…) inside it.
      {
        tag: 'clipPath',
        attrs: { id: 'node-clip' },
        children: [{ tag: 'rect', attrs: { x: 4, y: 0, width: NODE_WIDTH - 10, height: NODE_HEIGHT } }],
      },
    ],
    edges: layout.routes.map((route) => {
      const edges = route.edgeIds.flatMap((id) => edgesById.get(id) ?? []);
      return edgeElement(
        route,
        route.edgeIds.some((id) => onPath.has(id)),
        nodesById.get(route.to),
        options.ports === true,
        routeChange(edges),
        routeLabelParts(edges),
      );
    }),
    nodes: graph.nodes.flatMap((node) => {
      const box = layout.nodes[node.id];
      if (!box) return [];
      const element = nodeElement(node, box.x, box.y, box.width, box.height);
      if (options.ports && node.ports?.length) element.children!.push(portsElement(node, box.width, box.height));
      return [element];
    }),
  };
}

function arrowMarker(id: string, className: string): SvgElement {
  return {
    tag: 'marker',
    attrs: {
      id,
      viewBox: '0 0 10 10',
      refX: 9,
      refY: 5,
      markerUnits: 'userSpaceOnUse',
      markerWidth: 10,
      markerHeight: 10,
      orient: 'auto-start-reverse',
    },
    children: [{ tag: 'path', attrs: { d: 'M0 0 10 5 0 10z', class: className } }],
  };
}

export function nodeClasses(node: GraphNode): string {
  const classes = ['node', `node-${node.missing ? 'missing' : node.type === 'unknown' ? 'unknown' : 'step'}`];
  if (node.isStart) classes.push('start');
  if (node.isTerminal) classes.push('terminal');
  if (node.unreachable) classes.push('unreachable');
  if (node.pathOrder?.length) classes.push('on-path');
  if (node.current) classes.push('call-current');
  if (node.problems.some((p) => p.severity === 'error')) classes.push('has-error');
  else if (node.problems.length) classes.push('has-warning');
  if (node.change) classes.push(`change-${node.change}`);
  return classes.join(' ');
}

/** The node's tooltip: everything the box had to cut short. */
export function nodeTitle(node: GraphNode): string {
  const kind = node.missing ? 'missing step' : `${node.type} step`;
  const lines = [`${node.label} (${kind})`];
  if (node.summary && !node.missing) lines.push(node.summary);
  if (node.isStart) lines.push('The call starts here.');
  if (node.unreachable) lines.push('No path from the start step reaches this step.');
  if (node.pathOrder?.length) lines.push(`Simulated call: step ${node.pathOrder.join(', ')}`);
  if (node.current) lines.push('The test call is in this step now.');
  if (node.change) lines.push(CHANGE_TITLES[node.change]);
  return lines.join('\n');
}

function nodeElement(node: GraphNode, x: number, y: number, width: number, height: number): SvgElement {
  const children: SvgElement[] = [
    { tag: 'title', text: nodeTitle(node) },
    { tag: 'rect', attrs: { class: 'node-box', width, height, rx: node.isTerminal ? height / 2 : 6 } },
    {
      tag: 'g',
      attrs: { class: 'node-icon', transform: 'translate(12 10)' },
      children: [{ tag: 'path', attrs: { d: iconPath(node.missing ? 'missing' : node.type) } }],
    },
    {
      tag: 'text',
      attrs: { class: 'node-label', x: 36, y: 23, 'clip-path': 'url(#node-clip)' },
      text: clip(node.label, LABEL_CHARS),
    },
    {
      tag: 'text',
      attrs: { class: 'node-summary', x: 14, y: 46, 'clip-path': 'url(#node-clip)' },
      text: clip(node.summary || (node.missing ? 'missing step' : node.type), SUMMARY_CHARS),
    },
  ];
  if (node.isStart) {
    children.push({
      tag: 'g',
      attrs: { class: 'start-tag', transform: `translate(${width - 46} -9)` },
      children: [
        { tag: 'rect', attrs: { width: 40, height: 16, rx: 8 } },
        { tag: 'text', attrs: { x: 20, y: 12 }, text: 'start' },
      ],
    });
  }
  if (node.problems.length) children.push(problemBadge(node, width));
  if (node.pathOrder?.length) {
    const text = clip(node.pathOrder.join(','), 12);
    const w = Math.max(18, text.length * 7 + 8);
    children.push({
      tag: 'g',
      attrs: { class: 'path-order', transform: `translate(${-w / 2} -9)` },
      children: [
        { tag: 'rect', attrs: { width: w, height: 18, rx: 9 } },
        { tag: 'text', attrs: { x: w / 2, y: 13 }, text },
      ],
    });
  }
  return {
    tag: 'g',
    attrs: { class: nodeClasses(node), 'data-id': node.id, transform: `translate(${x} ${y})` },
    children,
  };
}

function problemBadge(node: GraphNode, width: number): SvgElement {
  const errors = node.problems.filter((p) => p.severity === 'error').length;
  const severity = errors ? 'error' : 'warning';
  const count = String(node.problems.length);
  return {
    tag: 'g',
    attrs: { class: `badge badge-${severity}`, transform: `translate(${width - 4} ${node.isStart ? 16 : 4})` },
    children: [
      {
        tag: 'title',
        text: node.problems.map((p) => `${p.severity === 'error' ? 'Error' : 'Warning'}: ${p.message}`).join('\n'),
      },
      { tag: 'circle', attrs: { r: 9 } },
      { tag: 'text', attrs: { y: 4 }, text: count },
    ],
  };
}

export const PORT_HEIGHT = 16;
const PORT_GAP = 4;

/** A port's width: its label at the port font's width. */
export function portWidth(label: string): number {
  return Math.max(PORT_HEIGHT, [...label].length * 6.5 + 10);
}

/** The exit ports as pills across the box's bottom edge, each carrying its exit in data-exit. */
function portsElement(node: GraphNode, width: number, height: number): SvgElement {
  const ports = node.ports ?? [];
  const widths = ports.map((p) => portWidth(p.label));
  const total = widths.reduce((a, b) => a + b, 0) + PORT_GAP * (ports.length - 1);
  let x = (width - total) / 2;
  return {
    tag: 'g',
    attrs: { class: 'ports' },
    children: ports.map((port, i) => {
      const w = widths[i]!;
      const element: SvgElement = {
        tag: 'g',
        attrs: {
          class: `port ${port.target ? 'port-set' : 'port-open'}${port.adds ? ' port-add' : ''}`,
          'data-exit': port.exit,
          transform: `translate(${x} ${height - PORT_HEIGHT / 2})`,
        },
        children: [
          {
            tag: 'title',
            text: port.adds
              ? `Add key ${port.exit.slice('options.'.length)}: drag to a step`
              : `${port.label}${port.target ? ` → ${port.target}` : ' (not connected)'}: drag to a step to connect`,
          },
          { tag: 'rect', attrs: { width: w, height: PORT_HEIGHT, rx: PORT_HEIGHT / 2 } },
          { tag: 'text', attrs: { x: w / 2, y: PORT_HEIGHT - 4 }, text: port.label },
        ],
      };
      x += w + PORT_GAP;
      return element;
    }),
  };
}

const CHANGE_TITLES: Record<NonNullable<GraphNode['change']>, string> = {
  added: 'Added in this version.',
  changed: 'Changed in this version.',
  removed: 'Removed: the other version has this step, this one does not.',
};

function edgeElement(
  route: EdgeRoute,
  onPath: boolean,
  target: GraphNode | undefined,
  hitArea = false,
  change?: RouteChange,
  labelParts: readonly RouteLabelPart[] = [{ text: route.label }],
): SvgElement {
  const classes = ['edge'];
  if (onPath) classes.push('on-path');
  if (change) classes.push(`change-${change}`);
  if (route.jump) classes.push('jump-edge');
  const children: SvgElement[] = [
    {
      tag: 'path',
      attrs: {
        class: 'edge-line',
        d: pathData(route.points),
        'marker-end': `url(#${onPath ? 'arrow-path' : 'arrow'})`,
      },
    },
  ];
  // A wide invisible stroke under the line, so a drop or a click on it need not be pixel-exact.
  if (hitArea) children.unshift({ tag: 'path', attrs: { class: 'edge-hit', d: pathData(route.points) } });
  if (route.labelBox) {
    const box = route.labelBox;
    children.push({
      tag: 'g',
      attrs: { class: 'edge-label', transform: `translate(${box.x} ${box.y})` },
      children: [
        { tag: 'title', text: route.label },
        { tag: 'rect', attrs: { width: box.width, height: box.height, rx: 3 } },
        { tag: 'text', attrs: { x: box.width / 2, y: box.height - 4 }, ...labelText(labelParts, LINE_LABEL_CHARS) },
      ],
    });
  }
  if (route.jump) {
    const box = route.jump;
    const label = target?.label ?? route.to;
    children.push({
      tag: 'g',
      attrs: { class: 'jump', 'data-target': route.to, transform: `translate(${box.x} ${box.y})` },
      children: [
        { tag: 'title', text: `${route.label}: goes to "${label}" (drawn elsewhere in the graph; click to go there)` },
        { tag: 'rect', attrs: { width: box.width, height: box.height, rx: box.height / 2 } },
        {
          tag: 'text',
          attrs: { x: box.width / 2, y: box.height / 2 + 4 },
          text: clip(route.jumpText ?? jumpText(route.label, label), 32),
        },
      ],
    });
  }
  return { tag: 'g', attrs: { class: classes.join(' '), 'data-edges': route.edgeIds.join(' ') }, children };
}

const LINE_LABEL_CHARS = 40;

/**
 * A line's label as text content: one text, or (exits marked differently) a tspan per part, the
 * marked ones classed `exit-rewired` / `exit-removed`; cut to `max` characters either way. The
 * unchanged exits give way first: the marked ones are what a review reads.
 */
function labelText(parts: readonly RouteLabelPart[], max: number): Pick<SvgElement, 'text' | 'children'> {
  if (parts.length === 1) return { text: clip(parts[0]!.text, max) };
  const texts = parts.map((p) => p.text);
  const length = (t: string): number => [...t].length;
  const over = texts.reduce((n, t) => n + length(t), 0) - max;
  if (over > 0 && !parts[0]!.change) texts[0] = clip(texts[0]!, Math.max(2, length(texts[0]!) - over));
  let left = max;
  const children: SvgElement[] = [];
  parts.forEach((part, i) => {
    if (left <= 0) return;
    const text = clip(texts[i]!, left);
    left -= length(text);
    children.push({ tag: 'tspan', ...(part.change ? { attrs: { class: `exit-${part.change}` } } : {}), text });
  });
  return { children };
}

/** A smooth line through the layout's points. */
export function pathData(points: readonly { x: number; y: number }[]): string {
  if (points.length === 0) return '';
  const [first, ...rest] = points;
  if (rest.length === 0) return `M${first!.x} ${first!.y}`;
  let d = `M${first!.x} ${first!.y}`;
  // Quadratic curves through the midpoints of the layout's segments: rounded corners, same ends.
  for (let i = 0; i < rest.length - 1; i++) {
    const p = rest[i]!;
    const q = rest[i + 1]!;
    d += ` Q${p.x} ${p.y} ${(p.x + q.x) / 2} ${(p.y + q.y) / 2}`;
  }
  const last = rest[rest.length - 1]!;
  return `${d} L${last.x} ${last.y}`;
}
