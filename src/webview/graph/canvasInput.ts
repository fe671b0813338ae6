/**
 * The canvas's clicks and keys: a step selected by click or focus, shown in the YAML with Enter,
 * the keyboard moved between steps with the arrows, Escape to deselect, and the zoom keys.
 */
import type { Box } from '../../core/graph/graphLayout';
import { edgesGroup, markSelected, nodeElement, nodesGroup } from './drawing';
import { showProperties } from './properties';
import { byId, isGhost, page, vscode } from './state';
import { ensureVisible, fit, zoomCentered } from './viewport';

const canvas = byId<SVGSVGElement>('canvas');

export function focusNode(id: string): void {
  const element = nodeElement(id);
  if (!element) return;
  ensureVisible(id);
  element.focus({ preventScroll: true });
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

export function setUpCanvasInput(): void {
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
      { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] } as Record<
        string,
        [number, number]
      >
    )[event.key];
    if (!direction) return;
    event.preventDefault();
    const next = nearestInDirection(id, direction);
    if (next) focusNode(next);
  });

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
}

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

export function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
  );
}
