/**
 * Zoom, pan and fit. The wheel scrolls the view (Ctrl or ⌘ with it zooms, as a pinch does);
 * fit never shrinks text below 11 px: a flow too big for that opens scrolled to its start.
 */
import type { Box } from '../../core/graph/graphLayout';
import { byId, page, vscode } from './state';

export interface Viewport {
  x: number;
  y: number;
  k: number;
}

const MIN_ZOOM = 0.1;
const MAX_ZOOM = 3;
/** The smallest text on the canvas is 12 px (graph.css): at this scale it is drawn at 11 px. */
export const READABLE_ZOOM = 11 / 12;

const canvas = byId<SVGSVGElement>('canvas');
const viewportGroup = byId<SVGGElement>('viewport');

export let viewport: Viewport | undefined = savedViewport();

export function applyViewport(): void {
  if (!viewport) return;
  viewportGroup.setAttribute('transform', `translate(${viewport.x} ${viewport.y}) scale(${viewport.k})`);
  const state = (vscode.getState() as Record<string, unknown> | undefined) ?? {};
  vscode.setState({ ...state, viewport });
}

function savedViewport(): Viewport | undefined {
  const state = vscode.getState() as { viewport?: Partial<Viewport> } | undefined;
  const v = state?.viewport;
  return v && [v.x, v.y, v.k].every((n) => typeof n === 'number' && Number.isFinite(n)) ? (v as Viewport) : undefined;
}

/** The drawing's extent (a dragged step can lie left of or above the laid-out area). */
export function bounds(): Box {
  const layout = page.layout;
  if (!layout) return { x: 0, y: 0, width: 1, height: 1 };
  let left = 0;
  let top = 0;
  let right = layout.width;
  let bottom = layout.height;
  for (const box of Object.values(layout.nodes)) {
    left = Math.min(left, box.x - 24);
    top = Math.min(top, box.y - 24);
    right = Math.max(right, box.x + box.width + 24);
    bottom = Math.max(bottom, box.y + box.height + 24);
  }
  return { x: left, y: top, width: Math.max(right - left, 1), height: Math.max(bottom - top, 1) };
}

/**
 * The part of the canvas the admin sees, in canvas pixels: the canvas less whatever lies over it
 * (the properties panel on its right, the type menu is transient and left out).
 */
export function visibleArea(): { width: number; height: number } {
  const rect = canvas.getBoundingClientRect();
  const panel = byId('properties');
  let right = rect.right;
  if (!panel.hidden) {
    const over = panel.getBoundingClientRect();
    if (over.width > 0 && over.left < rect.right && over.right > rect.left) right = Math.min(right, over.left);
  }
  return { width: Math.max(right - rect.left, 0), height: rect.height };
}

/** The whole flow in view when its text stays readable; else the readable scale, from the top. */
export function fit(): void {
  const { width, height } = visibleArea();
  if (!page.layout || width === 0 || height === 0) {
    viewport = { x: 0, y: 0, k: 1 };
  } else {
    const box = bounds();
    const k = clamp(Math.min(width / box.width, height / box.height, 1), READABLE_ZOOM, MAX_ZOOM);
    viewport = {
      x: Math.max((width - box.width * k) / 2, 0) - box.x * k,
      y: Math.max(0, (height - box.height * k) / 2) - box.y * k,
      k,
    };
  }
  applyViewport();
}

/** Fit; a flow too big to read that way opens at its start step instead. */
export function initialView(start: string | undefined): void {
  fit();
  const box = start ? page.layout?.nodes[start] : undefined;
  if (!viewport || !box) return;
  const { width, height } = visibleArea();
  const all = bounds();
  if (all.width * viewport.k <= width && all.height * viewport.k <= height) return;
  viewport = { x: width / 2 - (box.x + box.width / 2) * viewport.k, y: 24 - box.y * viewport.k, k: viewport.k };
  applyViewport();
}

export function zoomAt(factor: number, cx: number, cy: number): void {
  const v = viewport ?? { x: 0, y: 0, k: 1 };
  const k = clamp(v.k * factor, MIN_ZOOM, MAX_ZOOM);
  viewport = { x: cx - (cx - v.x) * (k / v.k), y: cy - (cy - v.y) * (k / v.k), k };
  applyViewport();
}

export function zoomCentered(factor: number): void {
  const { width, height } = canvas.getBoundingClientRect();
  zoomAt(factor, width / 2, height / 2);
}

export function panBy(dx: number, dy: number): void {
  if (!viewport) return;
  viewport = { ...viewport, x: viewport.x + dx, y: viewport.y + dy };
  applyViewport();
}

export function setViewport(next: Viewport): void {
  viewport = next;
  applyViewport();
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

/** A point of the window (a pointer event's clientX/Y) in the drawing's coordinates. */
export function toCanvasPoint(clientX: number, clientY: number): { x: number; y: number } {
  const rect = canvas.getBoundingClientRect();
  const v = viewport ?? { x: 0, y: 0, k: 1 };
  return { x: (clientX - rect.left - v.x) / v.k, y: (clientY - rect.top - v.y) / v.k };
}

/**
 * Leaves the view where it is when the step is in sight (outside the properties panel); else pans
 * just enough to bring it in, with a margin: the admin's view is theirs, not the selection's.
 */
export function ensureVisible(id: string): void {
  const box = page.layout?.nodes[id];
  if (!box || !viewport) return;
  const { width, height } = visibleArea();
  const margin = 16;
  const left = viewport.x + box.x * viewport.k;
  const top = viewport.y + box.y * viewport.k;
  const right = left + box.width * viewport.k;
  const bottom = top + box.height * viewport.k;
  const dx = left < 0 ? margin - left : right > width ? Math.max(width - margin - right, margin - left) : 0;
  const dy = top < 0 ? margin - top : bottom > height ? Math.max(height - margin - bottom, margin - top) : 0;
  if (dx === 0 && dy === 0) return;
  viewport = { ...viewport, x: viewport.x + dx, y: viewport.y + dy };
  applyViewport();
}

canvas.addEventListener(
  'wheel',
  (event) => {
    event.preventDefault();
    if (event.ctrlKey || event.metaKey) {
      const rect = canvas.getBoundingClientRect();
      zoomAt(Math.exp(-event.deltaY * 0.01), event.clientX - rect.left, event.clientY - rect.top);
    } else {
      panBy(-(event.shiftKey ? event.deltaY : event.deltaX), event.shiftKey ? 0 : -event.deltaY);
    }
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
  setViewport({ ...viewport, x: drag.startX + dx, y: drag.startY + dy });
});
const endDrag = (event: PointerEvent): void => {
  if (!drag || event.pointerId !== drag.pointer) return;
  if (drag.moved) {
    canvas.classList.remove('panning');
    swallowNextClick();
  }
  drag = undefined;
};
canvas.addEventListener('pointerup', endDrag);
canvas.addEventListener('pointercancel', endDrag);

/** The click that ends a drag must not also select or reveal a step. */
export function swallowNextClick(): void {
  const swallow = (e: Event): void => {
    e.stopPropagation();
  };
  window.addEventListener('click', swallow, { capture: true, once: true });
  setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0);
}

byId('zoom-in').addEventListener('click', () => zoomCentered(1.25));
byId('zoom-out').addEventListener('click', () => zoomCentered(0.8));
byId('fit').addEventListener('click', () => fit());
window.addEventListener('resize', () => applyViewport());
