/**
 * Canvas gestures on a draft: the palette (drag a type onto the canvas or onto a line, or
 * press Enter), exit ports (drag to a step to connect, to empty space to add a step there),
 * dragging a step to move it, and keys on a focused step or line. Each gesture is one message
 * to the extension, which edits the YAML; the canvas redraws from the new text.
 */
import { SVG_NS } from './svgDom';
import { freeSpot } from '../../core/graph/stableLayout';
import { STEP_TYPES } from '../../core/model';
import { NODE_HEIGHT, NODE_WIDTH } from '../../core/graph/graphLayout';
import { stepTypeTitle } from '../../core/flowEdits/stepTemplates';
import type { GraphEditRequest } from '../../extension/graph/protocol';
import { isTyping, nodeElementOf, select } from './canvasInput';
import { forgetPlaces, render } from './drawing';
import { announce, byId, editable, exitOfEdge, isGhost, isGhostLine, page, requestEdit, vscode } from './state';
import { swallowNextClick, toCanvasPoint, viewport, visibleArea } from './viewport';

const DRAG_THRESHOLD = 4;

const palette = byId('palette');
const lockedBar = byId('locked');
const typeMenu = byId('type-menu');
const overlay = byId<SVGGElement>('overlay');
const edgesGroup = byId<SVGGElement>('edges');
const nodesGroup = byId<SVGGElement>('nodes');
const canvas = byId<SVGSVGElement>('canvas');

let selectedEdge: string | null = null;

export function setUpEditing(): void {
  for (const type of STEP_TYPES) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'palette-item';
    button.dataset.type = type;
    button.textContent = type;
    button.title = `${stepTypeTitle(type)}: drag onto the canvas or onto a line, or press Enter to add it`;
    button.setAttribute('aria-label', `Add a ${type} step (${stepTypeTitle(type)})`);
    palette.appendChild(button);
  }
  palette.addEventListener('pointerdown', onPalettePointerDown);
  palette.addEventListener('click', (event) => {
    const type = paletteType(event.target);
    // A click (or Enter) adds the step on the selected line, if one is, else unconnected in free space in view.
    if (!type) return;
    const on = selectedEdge ? edgeExit(selectedEdge) : undefined;
    addStep(type, on, on ? undefined : freeInView());
  });
  nodesGroup.addEventListener('pointerdown', onNodePointerDown);
  edgesGroup.addEventListener('click', onEdgeClick);
  edgesGroup.addEventListener('keydown', onEdgeKey);
  nodesGroup.addEventListener('keydown', onNodeKey);
  document.addEventListener('keydown', onUndoKey);
  canvas.addEventListener('click', (event) => {
    if (event.target === canvas) selectEdge(null);
  });
  byId('edit-draft').addEventListener('click', () => vscode.postMessage({ type: 'editDraft' }));
  byId('maximize').addEventListener('click', () => vscode.postMessage({ type: 'maximize' }));
  byId('test-call').addEventListener('click', () => vscode.postMessage({ type: 'testCall' }));
  byId('tidy').addEventListener('click', () => {
    forgetPlaces();
    vscode.postMessage({ type: 'resetLayout' });
  });
  typeMenu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    event.preventDefault(); // closes the menu only, the selection stays
    closeTypeMenu();
  });
}

/** Shows the palette and ports on a draft, the locked bar on a published or archived version. */
export function showEditing(): void {
  const editing = page.editing;
  palette.hidden = editing.mode !== 'editable';
  byId('tidy').hidden = editing.mode !== 'editable';
  lockedBar.hidden = editing.mode !== 'locked';
  document.body.classList.toggle('editable', editing.mode === 'editable');
  if (editing.mode === 'locked') byId('locked-text').textContent = editing.reason;
}

function paletteType(target: EventTarget | null): string | undefined {
  return target instanceof Element
    ? (target.closest<HTMLElement>('.palette-item')?.dataset.type ?? undefined)
    : undefined;
}

function addStep(stepType: string, on?: { step: string; exit: string }, at?: { x: number; y: number }): void {
  const edit: GraphEditRequest = { kind: 'addStep', stepType, ...(on ? { on } : {}), ...(at ? { at } : {}) };
  requestEdit(edit);
  announce(`Adding a ${stepType} step${on ? ` on ${on.step} ${on.exit}` : ''}`);
}

// ---- palette: drag a type onto the canvas or a line ----

function onPalettePointerDown(event: PointerEvent): void {
  const type = paletteType(event.target);
  if (!type || event.button !== 0 || !editable()) return;
  const source = event.target as HTMLElement;
  const startX = event.clientX;
  const startY = event.clientY;
  let ghost: HTMLElement | undefined;
  let over: Element | null = null;
  const move = (e: PointerEvent): void => {
    if (!ghost && Math.hypot(e.clientX - startX, e.clientY - startY) < DRAG_THRESHOLD) return;
    if (!ghost) {
      ghost = document.createElement('div');
      ghost.className = 'drag-ghost';
      ghost.textContent = type;
      document.body.appendChild(ghost);
    }
    ghost.style.left = `${e.clientX + 8}px`;
    ghost.style.top = `${e.clientY + 8}px`;
    over?.classList.remove('drop-target');
    over = edgeAt(e.clientX, e.clientY);
    over?.classList.add('drop-target');
  };
  const up = (e: PointerEvent): void => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    over?.classList.remove('drop-target');
    if (!ghost) return; // a click: the click handler adds it
    ghost.remove();
    swallowNextClick();
    const edge = edgeAt(e.clientX, e.clientY);
    if (edge) addStep(type, edgeExit(edge.getAttribute('data-edges') ?? ''));
    else if (overCanvas(e.clientX, e.clientY)) addStep(type, undefined, topLeftAt(e.clientX, e.clientY));
  };
  source.setPointerCapture?.(event.pointerId);
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}

function edgeAt(x: number, y: number): Element | null {
  const edge = document.elementFromPoint(x, y)?.closest('#edges > g.edge');
  return edge && !isGhostLine(edge) ? edge : null;
}

function overCanvas(x: number, y: number): boolean {
  const element = document.elementFromPoint(x, y);
  return !!element && (element === canvas || canvas.contains(element));
}

/** A new step dropped at a point: its box is centred there, or moved beside the steps it would cover. */
function topLeftAt(clientX: number, clientY: number): { x: number; y: number } {
  const p = toCanvasPoint(clientX, clientY);
  const spot = freeSpot(page.layout?.nodes ?? {}, { x: p.x - NODE_WIDTH / 2, y: p.y - NODE_HEIGHT / 2 });
  return { x: Math.round(spot.x), y: Math.round(spot.y) };
}

/** A free place for a new unconnected step, near the middle of what the admin sees. */
function freeInView(): { x: number; y: number } {
  const rect = canvas.getBoundingClientRect();
  const { width, height } = visibleArea();
  return topLeftAt(rect.left + width / 2, rect.top + Math.min(height / 3, 160));
}

/** The first exit a drawn line stands for (`data-edges` holds `<step>:<exit>` ids). */
function edgeExit(edgeIds: string): { step: string; exit: string } | undefined {
  const first = edgeIds.split(' ')[0];
  const edge = page.graph?.edges.find((e) => e.id === first);
  return edge ? { step: edge.from, exit: exitOfEdge(edge.id, edge.from) } : undefined;
}

// ---- nodes: drag a port to connect, drag the box to move it ----

function onNodePointerDown(event: PointerEvent): void {
  if (event.button !== 0 || !editable()) return;
  const target = event.target instanceof Element ? event.target : null;
  const nodeEl = nodeElementOf(target);
  const step = nodeEl?.getAttribute('data-id');
  if (!nodeEl || !step || page.nodesById.get(step)?.missing || isGhost(step)) return;
  // Neither a pan of the canvas nor a click once it moved.
  event.stopPropagation();
  const port = target?.closest('.port');
  if (port) startConnect(event, step, port.getAttribute('data-exit') ?? '');
  else startMove(event, step, nodeEl);
}

function startConnect(event: PointerEvent, step: string, exit: string): void {
  const box = page.layout?.nodes[step];
  if (!box || !exit) return;
  const from = toCanvasPoint(event.clientX, event.clientY);
  const line = document.createElementNS(SVG_NS, 'path');
  line.setAttribute('class', 'connect-line');
  overlay.appendChild(line);
  let over: Element | null = null;
  const move = (e: PointerEvent): void => {
    const to = toCanvasPoint(e.clientX, e.clientY);
    line.setAttribute('d', `M${from.x} ${from.y} L${to.x} ${to.y}`);
    over?.classList.remove('drop-target');
    over = targetNodeAt(e.clientX, e.clientY);
    over?.classList.add('drop-target');
  };
  const up = (e: PointerEvent): void => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    over?.classList.remove('drop-target');
    line.remove();
    swallowNextClick();
    const targetEl = targetNodeAt(e.clientX, e.clientY);
    const target = targetEl?.getAttribute('data-id');
    if (target) {
      requestEdit({ kind: 'setExit', step, exit, target });
      announce(`Connecting ${step} ${exit} to ${target}`);
    } else if (
      overCanvas(e.clientX, e.clientY) &&
      Math.hypot(e.clientX - event.clientX, e.clientY - event.clientY) > 20
    ) {
      openTypeMenu(e.clientX, e.clientY, { step, exit });
    }
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}

function targetNodeAt(x: number, y: number): Element | null {
  const element = document.elementFromPoint(x, y);
  const node = element?.closest('#nodes > g.node');
  const id = node?.getAttribute('data-id');
  return node && id && !page.nodesById.get(id)?.missing && !isGhost(id) ? node : null;
}

function startMove(event: PointerEvent, step: string, nodeEl: SVGGElement): void {
  const box = page.layout?.nodes[step];
  if (!box) return;
  const k = viewport?.k ?? 1;
  let moved = false;
  let at = { x: box.x, y: box.y };
  const move = (e: PointerEvent): void => {
    const dx = (e.clientX - event.clientX) / k;
    const dy = (e.clientY - event.clientY) / k;
    if (!moved && Math.hypot(dx * k, dy * k) < DRAG_THRESHOLD) return;
    moved = true;
    at = { x: Math.round(box.x + dx), y: Math.round(box.y + dy) };
    nodeEl.setAttribute('transform', `translate(${at.x} ${at.y})`);
  };
  const up = (): void => {
    window.removeEventListener('pointermove', move);
    window.removeEventListener('pointerup', up);
    if (!moved) return;
    swallowNextClick();
    page.pinned = { ...page.pinned, [step]: at };
    vscode.postMessage({ type: 'moveStep', step, x: at.x, y: at.y });
    if (page.graph) render(page.graph, byId('title').textContent ?? '');
    announce(`Moved ${step}`);
  };
  window.addEventListener('pointermove', move);
  window.addEventListener('pointerup', up);
}

// ---- a type menu where a connection was dropped on empty space ----

function openTypeMenu(clientX: number, clientY: number, from: { step: string; exit: string }): void {
  const at = topLeftAt(clientX, clientY);
  typeMenu.replaceChildren(
    ...STEP_TYPES.map((type) => {
      const item = document.createElement('button');
      item.type = 'button';
      item.className = 'type-menu-item';
      item.setAttribute('role', 'menuitem');
      item.textContent = type;
      item.title = stepTypeTitle(type);
      item.addEventListener('click', () => {
        closeTypeMenu();
        requestEdit({ kind: 'addStep', stepType: type, from, at });
        announce(`Adding a ${type} step from ${from.step} ${from.exit}`);
      });
      return item;
    }),
  );
  const rect = canvas.getBoundingClientRect();
  typeMenu.style.left = `${clientX - rect.left}px`;
  typeMenu.style.top = `${clientY - rect.top}px`;
  typeMenu.hidden = false;
  typeMenu.querySelector<HTMLButtonElement>('button')?.focus();
}

function closeTypeMenu(): void {
  typeMenu.hidden = true;
  typeMenu.replaceChildren();
}

// ---- lines: select, Delete removes ----

function selectEdge(edgeIds: string | null): void {
  selectedEdge = edgeIds;
  for (const element of edgesGroup.querySelectorAll('.edge.selected')) element.classList.remove('selected');
  if (!edgeIds) return;
  const element = edgesGroup.querySelector(`[data-edges="${CSS.escape(edgeIds)}"]`);
  element?.classList.add('selected');
  if (element instanceof SVGGElement) element.focus({ preventScroll: true });
}

function onEdgeClick(event: MouseEvent): void {
  if (!editable()) return;
  const edge = event.target instanceof Element ? event.target.closest('#edges > g.edge') : null;
  if (!edge || isGhostLine(edge) || (event.target instanceof Element && event.target.closest('.jump'))) return;
  selectEdge(edge.getAttribute('data-edges'));
}

function onEdgeKey(event: KeyboardEvent): void {
  if (!editable() || (event.key !== 'Delete' && event.key !== 'Backspace')) return;
  const edge = event.target instanceof Element ? event.target.closest('#edges > g.edge') : null;
  const ids = edge?.getAttribute('data-edges');
  if (!ids || isGhostLine(edge)) return;
  event.preventDefault();
  removeConnection(ids);
}

function removeConnection(edgeIds: string): void {
  const ids = edgeIds.split(' ');
  const exit = edgeExit(edgeIds);
  if (!exit) return;
  if (ids.length === 1) {
    requestEdit({ kind: 'removeExit', step: exit.step, exit: exit.exit });
    announce(`Removing ${exit.step} ${exit.exit}`);
  } else {
    // One line, several exits: the extension asks which.
    vscode.postMessage({ type: 'command', command: 'removeConnection', step: exit.step });
  }
  selectEdge(null);
}

// ---- keys on a focused step ----

function onNodeKey(event: KeyboardEvent): void {
  if (!editable() || event.ctrlKey || event.metaKey || event.altKey) return;
  const step = nodeElementOf(event.target)?.getAttribute('data-id');
  if (!step || page.nodesById.get(step)?.missing || isGhost(step)) return;
  const key = event.key;
  if (key === 'Delete' || key === 'Backspace') requestEdit({ kind: 'deleteStep', step });
  else if (key === 'F2') requestEdit({ kind: 'renameStep', step });
  else if (key === 's' || key === 'S') requestEdit({ kind: 'setStart', step });
  else if (key === 'c' || key === 'C') vscode.postMessage({ type: 'command', command: 'connect', step });
  else if (key === 'x' || key === 'X') vscode.postMessage({ type: 'command', command: 'removeConnection', step });
  else if (key === 'a' || key === 'A' || key === 'Insert')
    vscode.postMessage({ type: 'command', command: 'addStep', step });
  else return;
  event.preventDefault();
  select(step);
}

function onUndoKey(event: KeyboardEvent): void {
  if (!editable() || isTyping(event.target) || !(event.ctrlKey || event.metaKey)) return;
  const key = event.key.toLowerCase();
  if (key === 'z' && !event.shiftKey) vscode.postMessage({ type: 'undo' });
  else if ((key === 'z' && event.shiftKey) || key === 'y') vscode.postMessage({ type: 'redo' });
  else return;
  event.preventDefault();
}
