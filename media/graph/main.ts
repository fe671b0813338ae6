/**
 * The flow graph page, inside a VS Code webview. Draws the FlowGraph the extension posts
 * (layout runs here), keeps the viewport across updates, and reports clicks back.
 * Every piece of flow text reaches the DOM through textContent or setAttribute, never markup.
 */
import { layoutFlowGraph, type Box, type GraphLayout } from '../../src/core/graph/layout';
import { graphScene, type SvgElement } from '../../src/core/graph/scene';
import type { FlowGraph, GraphNode } from '../../src/core/graph/types';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface Viewport {
  x: number;
  y: number;
  k: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const MIN_ZOOM = 0.1;
const MAX_ZOOM = 3;
/** Below this scale the step names cannot be read. */
const READABLE_ZOOM = 0.5;

const vscode = acquireVsCodeApi();
const canvas = byId<SVGSVGElement>('canvas');
const viewportGroup = byId<SVGGElement>('viewport');
const edgesGroup = byId<SVGGElement>('edges');
const nodesGroup = byId<SVGGElement>('nodes');
const defs = byId<SVGDefsElement>('defs');
const statusText = byId('status');
const titleText = byId('title');
const fileProblems = byId<HTMLUListElement>('file-problems');
const emptyNote = byId('empty');

let layout: GraphLayout | undefined;
let nodesById = new Map<string, GraphNode>();
let viewport: Viewport | undefined = savedViewport();
let highlighted: string | null = null;

function byId<T extends Element = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`flow graph page: #${id} is missing`);
  return element as unknown as T;
}

// ---- drawing ----

function build(element: SvgElement): SVGElement {
  const node = document.createElementNS(SVG_NS, element.tag);
  for (const [name, value] of Object.entries(element.attrs ?? {})) node.setAttribute(name, String(value));
  if (element.text !== undefined) node.textContent = element.text;
  for (const child of element.children ?? []) node.appendChild(build(child));
  return node;
}

function render(next: FlowGraph, title: string): void {
  nodesById = new Map(next.nodes.map((n) => [n.id, n]));
  layout = layoutFlowGraph(next, layout);
  const scene = graphScene(next, layout);
  const focusedId = document.activeElement?.getAttribute?.('data-id') ?? null;

  defs.replaceChildren(...scene.defs.map(build));
  edgesGroup.replaceChildren(...scene.edges.map(build));
  nodesGroup.replaceChildren(
    ...scene.nodes.map((element) => {
      const g = build(element);
      const node = nodesById.get(g.getAttribute('data-id') ?? '');
      g.setAttribute('tabindex', '0');
      g.setAttribute('role', 'button');
      if (node) g.setAttribute('aria-label', ariaLabel(node));
      return g;
    }),
  );
  for (const jump of edgesGroup.querySelectorAll('.jump')) {
    jump.setAttribute('tabindex', '-1');
    jump.setAttribute('role', 'link');
  }

  titleText.textContent = title;
  const problems = next.problems;
  fileProblems.hidden = problems.length === 0;
  fileProblems.replaceChildren(
    ...problems.map((p) => {
      const li = document.createElement('li');
      li.className = `file-problem file-problem-${p.severity}`;
      li.textContent = p.message;
      return li;
    }),
  );
  emptyNote.hidden = next.nodes.length > 0;
  // A placeholder's problem restates the dangling exit's: count each once.
  const errors =
    next.nodes
      .filter((node) => !node.missing)
      .reduce((n, node) => n + node.problems.filter((p) => p.severity === 'error').length, 0) +
    problems.filter((p) => p.severity === 'error').length;
  statusText.textContent =
    `${next.nodes.filter((n) => !n.missing).length} steps` +
    (errors ? ` · ${errors} ${errors === 1 ? 'error' : 'errors'}` : '');

  if (!viewport) initialView(next);
  else applyViewport();
  if (highlighted) setHighlight(highlighted, false);
  if (focusedId)
    nodesGroup.querySelector<SVGGElement>(`[data-id="${CSS.escape(focusedId)}"]`)?.focus({
      preventScroll: true,
    });
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? '0') + 1);
  vscode.postMessage({
    type: 'rendered',
    nodes: next.nodes.length,
    pathNodes: next.nodes.filter((n) => n.pathOrder?.length).length,
  });
}

function ariaLabel(node: GraphNode): string {
  const parts = [node.label, node.missing ? 'missing step' : `${node.type} step`];
  if (node.summary && !node.missing) parts.push(node.summary);
  if (node.isStart) parts.push('start');
  if (node.unreachable) parts.push('unreachable');
  if (node.problems.length)
    parts.push(`${node.problems.length} ${node.problems.length === 1 ? 'problem' : 'problems'}`);
  return parts.join(', ');
}

// ---- viewport: zoom, pan, fit ----

function applyViewport(): void {
  if (!viewport) return;
  viewportGroup.setAttribute('transform', `translate(${viewport.x} ${viewport.y}) scale(${viewport.k})`);
  vscode.setState({ viewport });
}

function savedViewport(): Viewport | undefined {
  const state = vscode.getState() as { viewport?: Partial<Viewport> } | undefined;
  const v = state?.viewport;
  return v && [v.x, v.y, v.k].every((n) => typeof n === 'number' && Number.isFinite(n)) ? (v as Viewport) : undefined;
}

function fit(): void {
  const { width, height } = canvas.getBoundingClientRect();
  if (!layout || width === 0 || height === 0) {
    viewport = { x: 0, y: 0, k: 1 };
  } else {
    const k = clamp(
      Math.min(width / Math.max(layout.width, 1), height / Math.max(layout.height, 1), 1),
      MIN_ZOOM,
      MAX_ZOOM,
    );
    viewport = { x: (width - layout.width * k) / 2, y: Math.max(0, (height - layout.height * k) / 2), k };
  }
  applyViewport();
}

/** The whole flow when it is readable at that size; a big flow opens at its start step instead. */
function initialView(next: FlowGraph): void {
  fit();
  const start = next.start ? layout?.nodes[next.start] : undefined;
  if (!viewport || viewport.k >= READABLE_ZOOM || !start) return;
  const { width } = canvas.getBoundingClientRect();
  const k = 0.8;
  viewport = { x: width / 2 - (start.x + start.width / 2) * k, y: 24 - start.y * k, k };
  applyViewport();
}

function zoomAt(factor: number, cx: number, cy: number): void {
  const v = viewport ?? { x: 0, y: 0, k: 1 };
  const k = clamp(v.k * factor, MIN_ZOOM, MAX_ZOOM);
  viewport = { x: cx - (cx - v.x) * (k / v.k), y: cy - (cy - v.y) * (k / v.k), k };
  applyViewport();
}

function zoomCentered(factor: number): void {
  const { width, height } = canvas.getBoundingClientRect();
  zoomAt(factor, width / 2, height / 2);
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

/** Pans just enough to bring the node into view (centres it when it is off screen). */
function ensureVisible(id: string): void {
  const box = layout?.nodes[id];
  if (!box || !viewport) return;
  const { width, height } = canvas.getBoundingClientRect();
  const left = viewport.x + box.x * viewport.k;
  const top = viewport.y + box.y * viewport.k;
  const right = left + box.width * viewport.k;
  const bottom = top + box.height * viewport.k;
  if (left >= 0 && top >= 0 && right <= width && bottom <= height) return;
  viewport = {
    ...viewport,
    x: width / 2 - (box.x + box.width / 2) * viewport.k,
    y: height / 2 - (box.y + box.height / 2) * viewport.k,
  };
  applyViewport();
}

canvas.addEventListener(
  'wheel',
  (event) => {
    event.preventDefault();
    const rect = canvas.getBoundingClientRect();
    zoomAt(
      Math.exp(-event.deltaY * (event.ctrlKey ? 0.01 : 0.0015)),
      event.clientX - rect.left,
      event.clientY - rect.top,
    );
  },
  { passive: false },
);

let drag: { pointer: number; x: number; y: number; startX: number; startY: number; moved: boolean } | undefined;
canvas.addEventListener('pointerdown', (event) => {
  if (event.button !== 0 || !viewport) return;
  drag = {
    pointer: event.pointerId,
    x: event.clientX,
    y: event.clientY,
    startX: viewport.x,
    startY: viewport.y,
    moved: false,
  };
});
canvas.addEventListener('pointermove', (event) => {
  if (!drag || event.pointerId !== drag.pointer || !viewport) return;
  const dx = event.clientX - drag.x;
  const dy = event.clientY - drag.y;
  if (!drag.moved && Math.hypot(dx, dy) < 4) return;
  if (!drag.moved) {
    drag.moved = true;
    canvas.setPointerCapture(event.pointerId);
    canvas.classList.add('panning');
  }
  viewport = { ...viewport, x: drag.startX + dx, y: drag.startY + dy };
  applyViewport();
});
const endDrag = (event: PointerEvent): void => {
  if (!drag || event.pointerId !== drag.pointer) return;
  if (drag.moved) {
    canvas.classList.remove('panning');
    // The click that ends a drag must not also reveal a step.
    const swallow = (e: Event): void => {
      e.stopPropagation();
    };
    window.addEventListener('click', swallow, { capture: true, once: true });
    setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
  }
  drag = undefined;
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);

byId('zoom-in').addEventListener('click', () => zoomCentered(1.25));
byId('zoom-out').addEventListener('click', () => zoomCentered(0.8));
byId('fit').addEventListener('click', () => fit());
window.addEventListener('resize', () => applyViewport());

// ---- nodes: click, keyboard, highlight ----

function nodeElementOf(target: EventTarget | null): SVGGElement | null {
  return target instanceof Element ? target.closest<SVGGElement>('#nodes > g.node') : null;
}

function reveal(id: string): void {
  if (nodesById.has(id)) vscode.postMessage({ type: 'reveal', id });
}

function focusNode(id: string): void {
  const element = nodesGroup.querySelector<SVGGElement>(`[data-id="${CSS.escape(id)}"]`);
  if (!element) return;
  ensureVisible(id);
  element.focus({ preventScroll: true });
}

nodesGroup.addEventListener('click', (event) => {
  const element = nodeElementOf(event.target);
  const id = element?.getAttribute('data-id');
  if (id) reveal(id);
});
edgesGroup.addEventListener('click', (event) => {
  const jump = event.target instanceof Element ? event.target.closest('.jump') : null;
  const target = jump?.getAttribute('data-target');
  if (target) focusNode(target);
});

nodesGroup.addEventListener('keydown', (event) => {
  const element = nodeElementOf(event.target);
  const id = element?.getAttribute('data-id');
  if (!id) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    reveal(id);
    return;
  }
  const direction = (
    { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] } as Record<string, [number, number]>
  )[event.key];
  if (!direction) return;
  event.preventDefault();
  const next = nearestInDirection(id, direction);
  if (next) focusNode(next);
});

/** The closest node whose centre lies in the direction (within a 45° cone, distance weighted off-axis). */
function nearestInDirection(id: string, [dx, dy]: [number, number]): string | undefined {
  if (!layout) return undefined;
  const from = centre(layout.nodes[id]);
  if (!from) return undefined;
  let best: string | undefined;
  let bestScore = Infinity;
  for (const [other, box] of Object.entries(layout.nodes)) {
    if (other === id) continue;
    const to = centre(box)!;
    const along = (to.x - from.x) * dx + (to.y - from.y) * dy;
    const across = Math.abs((to.x - from.x) * dy - (to.y - from.y) * dx);
    if (along <= 0 || across > along * 1.5) continue;
    const score = along + across * 2;
    if (score < bestScore) {
      bestScore = score;
      best = other;
    }
  }
  return best;
}

function centre(box: Box | undefined): { x: number; y: number } | undefined {
  return box && { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

document.addEventListener('keydown', (event) => {
  if (event.target instanceof HTMLButtonElement || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === '+' || event.key === '=') zoomCentered(1.25);
  else if (event.key === '-') zoomCentered(0.8);
  else if (event.key === '0') fit();
});

function setHighlight(id: string | null, scroll: boolean): void {
  highlighted = id;
  for (const element of nodesGroup.querySelectorAll('.cursor')) element.classList.remove('cursor');
  if (!id) return;
  const element = nodesGroup.querySelector(`[data-id="${CSS.escape(id)}"]`);
  if (!element) return;
  element.classList.add('cursor');
  if (scroll) ensureVisible(id);
}

// ---- messages ----

function isGraph(value: unknown): value is FlowGraph {
  const g = value as FlowGraph | null;
  return (
    !!g &&
    typeof g === 'object' &&
    Array.isArray(g.nodes) &&
    Array.isArray(g.edges) &&
    Array.isArray(g.problems) &&
    g.nodes.every((n) => n && typeof n.id === 'string' && typeof n.label === 'string' && Array.isArray(n.problems)) &&
    g.edges.every((e) => e && typeof e.from === 'string' && typeof e.to === 'string' && typeof e.label === 'string')
  );
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as { type?: unknown; graph?: unknown; title?: unknown; id?: unknown } | null;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'graph' && isGraph(message.graph)) {
    render(message.graph, typeof message.title === 'string' ? message.title : '');
  } else if (message.type === 'highlight' && (message.id === null || typeof message.id === 'string')) {
    setHighlight(message.id, true);
  }
});

vscode.postMessage({ type: 'ready' });
