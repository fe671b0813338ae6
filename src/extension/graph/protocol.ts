/**
 * Messages between the flow graph panel and its page (media/graph/main.ts). The page's
 * messages arrive as untrusted JSON: parseGraphPageMessage checks type and fields first.
 */
import type { FlowGraph } from '../../core/graph/types';

/** Extension → page. */
export type GraphPanelMessage =
  | { type: 'graph'; graph: FlowGraph; title: string }
  /** The step under the editor's cursor (null: the cursor is in no step). */
  | { type: 'highlight'; id: string | null };

/** Page → extension. */
export type GraphPageMessage =
  | { type: 'ready' }
  /** Reveal and select the step's key in the YAML editor. */
  | { type: 'reveal'; id: string }
  /** The page drew a graph: how many nodes, and how many of them on a simulated call's path. */
  | { type: 'rendered'; nodes: number; pathNodes: number };

const MAX_ID_LENGTH = 1000;

export function parseGraphPageMessage(value: unknown): GraphPageMessage | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const message = value as Record<string, unknown>;
  if (message.type === 'ready') return { type: 'ready' };
  if (
    message.type === 'reveal' &&
    typeof message.id === 'string' &&
    message.id.length > 0 &&
    message.id.length <= MAX_ID_LENGTH
  ) {
    return { type: 'reveal', id: message.id };
  }
  if (message.type === 'rendered' && isCount(message.nodes) && isCount(message.pathNodes)) {
    return { type: 'rendered', nodes: message.nodes, pathNodes: message.pathNodes };
  }
  return undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
