/**
 * The flow graph page, inside a VS Code webview. Draws the FlowGraph the extension posts
 * (layout runs here), keeps the viewport and the steps' places across updates, and reports
 * clicks and canvas gestures back. Every piece of flow text reaches the DOM through
 * textContent or setAttribute, never markup.
 */
import { layoutFlowGraph, type Box, type GraphLayout, type Point } from '../../core/graph/graphLayout';
import { routeChange, routeLabel } from '../../core/graph/routeMarks';
import { graphScene } from '../../core/graph/scene';
import { plural } from '../../core/words';
import { build, DrawnElements, patchChildren } from './svgDom';
import { keepLayout, stableLayout } from '../../core/graph/stableLayout';
import type { FlowGraph, GraphNode } from '../../core/graph/types';
import type { GraphEditing, GraphReview, SavedGraphState } from '../../extension/graph/protocol';
import { markedCount, setUpChangesLegend, showChangesLegend } from './changes';
import { setUpEditing, showEditing } from './editing';
import { pickerData, showProperties } from './properties';
import { byId, isGhost, page, vscode } from './state';
import { applyViewport, ensureVisible, fit, initialView, viewport, zoomCentered } from './viewport';

const edgesGroup = byId<SVGGElement>('edges');
const nodesGroup = byId<SVGGElement>('nodes');
const defs = byId<SVGDefsElement>('defs');
const statusText = byId('status');
const titleText = byId('title');
const fileProblems = byId<HTMLUListElement>('file-problems');
const emptyNote = byId('empty');
const canvas = byId<SVGSVGElement>('canvas');

let freshLayout: GraphLayout | undefined;
let highlighted: string | null = null;
/** Where each step was drawn last (kept when the panel is hidden and shown again). */
let drawnAt: Record<string, Point> = savedPlaces();
const drawnEdges = new DrawnElements();
const drawnNodes = new DrawnElements();

// ---- drawing ----

function savedPlaces(): Record<string, Point> {
  const state = vscode.getState() as { places?: Record<string, Point> } | undefined;
  return state?.places && typeof state.places === 'object' ? state.places : {};
}

function rememberPlaces(layout: GraphLayout): void {
  drawnAt = Object.fromEntries(Object.entries(layout.nodes).map(([id, box]) => [id, { x: box.x, y: box.y }]));
  const state = (vscode.getState() as Record<string, unknown> | undefined) ?? {};
  vscode.setState({ ...state, places: drawnAt });
}

/** Forget where steps were: the next drawing is a fresh layout. */
export function forgetPlaces(): void {
  drawnAt = {};
  page.pinned = {};
  page.layout = undefined;
}

export function render(next: FlowGraph, title: string): void {
  page.graph = next;
  page.nodesById = new Map(next.nodes.map((n) => [n.id, n]));
  // The steps on screen stay where they are; only a first drawing (or Tidy up) lays the flow out.
  const kept = page.layout ? keepLayout(next, page.layout, page.pinned) : undefined;
  if (kept) page.layout = kept;
  else {
    freshLayout = layoutFlowGraph(next, freshLayout);
    page.layout = stableLayout(next, { fresh: freshLayout, previous: drawnAt, pinned: page.pinned });
  }
  rememberPlaces(page.layout);
  const scene = graphScene(next, page.layout, { ports: page.editing.mode === 'editable' });
  const focusedId = document.activeElement?.getAttribute?.('data-id') ?? null;

  defs.replaceChildren(...scene.defs.map(build));
  patchChildren(
    edgesGroup,
    scene.edges.map((element) =>
      drawnEdges.take(element, '', (g) => {
        g.setAttribute('tabindex', '-1');
        g.setAttribute('aria-label', edgeAriaLabel(g.getAttribute('data-edges') ?? ''));
      }),
    ),
  );
  drawnEdges.forgetUnused();
  patchChildren(
    nodesGroup,
    scene.nodes.map((element) => {
      const node = page.nodesById.get(String(element.attrs?.['data-id'] ?? ''));
      const label = node ? ariaLabel(node) : '';
      const context =
        node && !node.missing && node.change !== 'removed'
          ? JSON.stringify({ webviewSection: 'step', step: node.id })
          : '';
      return drawnNodes.take(element, label + context, (g) => {
        g.setAttribute('tabindex', '0');
        g.setAttribute('role', 'button');
        if (label) g.setAttribute('aria-label', label);
        if (context) g.setAttribute('data-vscode-context', context);
        for (const port of g.querySelectorAll('.port')) port.setAttribute('aria-hidden', 'true');
      });
    }),
  );
  drawnNodes.forgetUnused();
  for (const jump of edgesGroup.querySelectorAll('.jump')) {
    jump.setAttribute('tabindex', '-1');
    jump.setAttribute('role', 'link');
  }

  titleText.textContent = title;
  showChangesLegend(next, page.against);
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
    plural(next.nodes.filter((n) => !n.missing && n.change !== 'removed').length, 'step') +
    (errors ? ` · ${plural(errors, 'error')}` : '');

  if (!viewport) initialView(next.start);
  else applyViewport();
  if (highlighted) setHighlight(highlighted, false);
  if (page.selected && !page.nodesById.has(page.selected)) page.selected = null;
  if (page.selected) markSelected(page.selected);
  pickerData.variables = next.variables ?? [];
  showProperties();
  // A kept element keeps its focus; focusing again would only force a layout. Only while the page has
  // the keyboard: a redraw because the YAML changed must not pull the keyboard out of the text editor
  // (VS Code's Undo and Redo would then reach the page, not the document).
  if (focusedId && document.hasFocus() && document.activeElement?.getAttribute?.('data-id') !== focusedId)
    nodeElement(focusedId)?.focus({ preventScroll: true });
  document.body.dataset.rendered = String(Number(document.body.dataset.rendered ?? '0') + 1);
  vscode.postMessage({
    type: 'rendered',
    nodes: next.nodes.length,
    pathNodes: next.nodes.filter((n) => n.pathOrder?.length).length,
    marked: markedCount(),
    // When the drawing was done (the wall clock, the one both sides share), for measuring a gesture.
    drawnAt: Date.now(),
  });
}

function ariaLabel(node: GraphNode): string {
  const parts = [node.label, node.missing ? 'missing step' : `${node.type} step`];
  if (node.summary && !node.missing) parts.push(node.summary);
  if (node.isStart) parts.push('start');
  if (node.change) parts.push(node.change === 'removed' ? 'removed in this version' : `${node.change} in this version`);
  if (node.unreachable) parts.push('unreachable');
  if (node.problems.length) parts.push(plural(node.problems.length, 'problem'));
  const exits = (node.ports ?? []).filter((p) => p.target).map((p) => `${p.label} to ${p.target}`);
  if (exits.length) parts.push(`exits: ${exits.join('; ')}`);
  return parts.join(', ');
}

function edgeAriaLabel(edgeIds: string): string {
  const edges = edgeIds.split(' ').flatMap((id) => page.graph?.edges.find((e) => e.id === id) ?? []);
  const first = edges[0];
  if (!first) return 'connection';
  const change = routeChange(edges);
  const mark =
    change === 'rewired' ? ', rewired in this version' : change === 'removed' ? ', only in the other version' : '';
  return `${first.from} ${routeLabel(edges)} to ${first.to}${mark}`;
}

export function nodeElement(id: string): SVGGElement | null {
  return nodesGroup.querySelector<SVGGElement>(`[data-id="${CSS.escape(id)}"]`);
}

export function focusNode(id: string): void {
  const element = nodeElement(id);
  if (!element) return;
  ensureVisible(id);
  element.focus({ preventScroll: true });
}

export function markSelected(id: string | null): void {
  for (const element of nodesGroup.querySelectorAll('.selected')) element.classList.remove('selected');
  if (id) nodeElement(id)?.classList.add('selected');
}

export function select(id: string | null): void {
  if (page.selected === id) return;
  page.selected = id;
  markSelected(id);
  showProperties();
  // The panel just opened may cover the step: only then does the view move.
  if (id) ensureVisible(id);
  vscode.postMessage({ type: 'selected', id });
}

// ---- nodes: click, keyboard, highlight ----

export function nodeElementOf(target: EventTarget | null): SVGGElement | null {
  return target instanceof Element ? target.closest<SVGGElement>('#nodes > g.node') : null;
}

/** Shows the step in the YAML; the keyboard stays on the canvas unless `focus` (Enter) hands it to the editor. */
function reveal(id: string, focus = false): void {
  if (page.nodesById.has(id) && !isGhost(id)) vscode.postMessage({ type: 'reveal', id, ...(focus ? { focus } : {}) });
}

/** The keyboard on the canvas: the selected step, else the canvas itself. */
export function focusCanvas(): void {
  const selected = page.selected ? nodeElement(page.selected) : null;
  (selected ?? canvas).focus({ preventScroll: true });
}

/** Nothing selected: the properties panel closes and the keyboard stays on the canvas. */
export function deselect(): void {
  const hadFocusInPanel = byId('properties').contains(document.activeElement);
  select(null);
  if (hadFocusInPanel || document.activeElement === document.body) focusCanvas();
}

nodesGroup.addEventListener('click', (event) => {
  if (event.target instanceof Element && event.target.closest('.port')) return;
  const element = nodeElementOf(event.target);
  const id = element?.getAttribute('data-id');
  if (!id || isGhost(id)) return;
  if (!page.nodesById.get(id)?.missing) select(id);
  reveal(id);
});
// A click on empty canvas (not the end of a pan, which swallows its click) deselects.
canvas.addEventListener('click', (event) => {
  if (event.target === canvas) deselect();
});
edgesGroup.addEventListener('click', (event) => {
  const jump = event.target instanceof Element ? event.target.closest('.jump') : null;
  const target = jump?.getAttribute('data-target');
  if (target) focusNode(target);
});
nodesGroup.addEventListener('focusin', (event) => {
  const id = nodeElementOf(event.target)?.getAttribute('data-id');
  if (id && !page.nodesById.get(id)?.missing && !isGhost(id)) select(id);
});

nodesGroup.addEventListener('keydown', (event) => {
  const element = nodeElementOf(event.target);
  const id = element?.getAttribute('data-id');
  if (!id) return;
  if (event.key === 'Enter' || event.key === ' ') {
    event.preventDefault();
    reveal(id, true);
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
  const layout = page.layout;
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
  if (event.key === 'Escape' && !event.defaultPrevented && page.selected) {
    event.preventDefault();
    deselect();
    return;
  }
  if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.target instanceof HTMLButtonElement && (event.key === 'Enter' || event.key === ' ')) return;
  if (event.key === '+' || event.key === '=') zoomCentered(1.25);
  else if (event.key === '-') zoomCentered(0.8);
  else if (event.key === '0') fit();
});

export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
  );
}

function setHighlight(id: string | null, scroll: boolean): void {
  highlighted = id;
  for (const element of nodesGroup.querySelectorAll('.cursor')) element.classList.remove('cursor');
  if (!id) return;
  const element = nodeElement(id);
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

function editingOf(value: unknown): GraphEditing {
  const v = value as { mode?: unknown; status?: unknown; reason?: unknown } | null;
  if (v?.mode === 'editable') return { mode: 'editable' };
  if (v?.mode === 'locked')
    return {
      mode: 'locked',
      status: typeof v.status === 'string' ? v.status : 'locked',
      reason: typeof v.reason === 'string' ? v.reason : '',
    };
  return { mode: 'view' };
}

function positionsOf(value: unknown): Record<string, Point> {
  if (!value || typeof value !== 'object') return {};
  const positions: Record<string, Point> = {};
  for (const [id, p] of Object.entries(value as Record<string, { x?: unknown; y?: unknown }>)) {
    if (p && typeof p.x === 'number' && typeof p.y === 'number' && Number.isFinite(p.x) && Number.isFinite(p.y))
      positions[id] = { x: p.x, y: p.y };
  }
  return positions;
}

function reviewOf(value: unknown): GraphReview | undefined {
  const v = value as { against?: unknown; older?: unknown } | null | undefined;
  return typeof v?.against === 'string' && typeof v.older === 'string'
    ? { against: v.against, older: v.older }
    : undefined;
}

/**
 * Kept in the webview's state, so VS Code can restore this panel after a reload: on its file, and
 * marked against the same version when it was (a graph without a review drops the old one).
 */
function keepForRestore(saved: SavedGraphState): void {
  const { review: _dropped, ...state } = (vscode.getState() as Record<string, unknown> | undefined) ?? {};
  vscode.setState({ ...state, ...saved });
}

window.addEventListener('message', (event: MessageEvent) => {
  const message = event.data as {
    type?: unknown;
    graph?: unknown;
    title?: unknown;
    id?: unknown;
    editing?: unknown;
    positions?: unknown;
    queues?: unknown[];
    documentUri?: unknown;
    review?: unknown;
  } | null;
  if (!message || typeof message !== 'object') return;
  if (message.type === 'graph' && isGraph(message.graph)) {
    page.editing = editingOf(message.editing);
    page.pinned = positionsOf(message.positions);
    pickerData.queues = Array.isArray(message.queues)
      ? message.queues.filter((q): q is string => typeof q === 'string')
      : [];
    const review = reviewOf(message.review);
    if (typeof message.documentUri === 'string')
      keepForRestore({ documentUri: message.documentUri, ...(review ? { review } : {}) });
    showEditing();
    page.against = review?.against;
    render(message.graph, typeof message.title === 'string' ? message.title : '');
  } else if (message.type === 'highlight' && (message.id === null || typeof message.id === 'string')) {
    setHighlight(message.id, true);
  } else if (message.type === 'select' && typeof message.id === 'string') {
    select(message.id);
    focusNode(message.id);
  } else if (message.type === 'focus') {
    // Only when the keyboard is nowhere on the page: a field the admin is typing in keeps it.
    if (!document.activeElement || document.activeElement === document.body) focusCanvas();
  }
});

setUpEditing();
setUpChangesLegend();
vscode.postMessage({ type: 'ready' });
