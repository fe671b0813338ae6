/**
 * The messages the extension posts to the page, checked before use: a graph to draw (with the
 * editing mode, pinned places, queues and review), a step to highlight, select or focus.
 */
import type { Point } from '../../core/graph/graphLayout';
import type { FlowGraph } from '../../core/graph/types';
import type { GraphEditing, GraphReview, SavedGraphState } from '../../extension/graph/protocol';
import { focusCanvas, focusNode, select } from './canvasInput';
import { render, setHighlight } from './drawing';
import { showEditing } from './editing';
import { pickerData } from './properties';
import { page, vscode } from './state';

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

export function setUpHostMessages(): void {
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
}
