/**
 * Drawing the FlowGraph the extension posts: the layout (run here, keeping steps where they were
 * drawn), the scene's elements patched in place, the file's problems, the status line, and the
 * marks on the selected and the highlighted step. Every piece of flow text reaches the DOM through
 * textContent or setAttribute, never markup.
 */
import { layoutFlowGraph, type GraphLayout, type Point } from '../../core/graph/graphLayout';
import { routeChange, routeLabel } from '../../core/graph/routeMarks';
import { graphScene } from '../../core/graph/scene';
import { plural } from '../../core/words';
import { build, DrawnElements, patchChildren } from './svgDom';
import { keepLayout, stableLayout } from '../../core/graph/stableLayout';
import type { FlowGraph, GraphNode } from '../../core/graph/types';
import { markedCount, showChangesLegend } from './changes';
import { pickerData, showProperties } from './properties';
import { byId, page, vscode } from './state';
import { applyViewport, ensureVisible, initialView, viewport } from './viewport';

export const edgesGroup = byId<SVGGElement>('edges');
export const nodesGroup = byId<SVGGElement>('nodes');
const defs = byId<SVGDefsElement>('defs');
const statusText = byId('status');
const titleText = byId('title');
const fileProblems = byId<HTMLUListElement>('file-problems');
const emptyNote = byId('empty');

let freshLayout: GraphLayout | undefined;
let highlighted: string | null = null;
/** Where each step was drawn last (kept when the panel is hidden and shown again). */
let drawnAt: Record<string, Point> = savedPlaces();
const drawnEdges = new DrawnElements();
const drawnNodes = new DrawnElements();

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

export function markSelected(id: string | null): void {
  for (const element of nodesGroup.querySelectorAll('.selected')) element.classList.remove('selected');
  if (id) nodeElement(id)?.classList.add('selected');
}

export function setHighlight(id: string | null, scroll: boolean): void {
  highlighted = id;
  for (const element of nodesGroup.querySelectorAll('.cursor')) element.classList.remove('cursor');
  if (!id) return;
  const element = nodeElement(id);
  if (!element) return;
  element.classList.add('cursor');
  if (scroll) ensureVisible(id);
}
