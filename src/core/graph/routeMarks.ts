/**
 * The marks of one drawn line against another version. The exits from one step to one other share
 * a line (and its label); each exit has its own mark. A line is drawn rewired, or removed, only when
 * every exit on it is; a line whose exits differ is `mixed` and its label says, in words, which exits
 * are rewired and which are the other version's, so the drawing claims no more than the diff found.
 */
import type { GraphEdge } from './types';

/** How the exits of one line changed: all alike (their mark), or not (`mixed`); undefined when none did. */
export type RouteChange = NonNullable<GraphEdge['change']> | 'mixed';

export function routeChange(edges: readonly Pick<GraphEdge, 'change'>[]): RouteChange | undefined {
  const kinds = new Set(edges.map((e) => e.change));
  if (kinds.size > 1) return 'mixed';
  return edges[0]?.change;
}

/** A piece of a line's label: plain, or naming the exits with one mark. */
export interface RouteLabelPart {
  text: string;
  change?: NonNullable<GraphEdge['change']>;
}

const SEPARATOR = ' · ';
const MARK_ORDER: ReadonlyArray<NonNullable<GraphEdge['change']>> = ['rewired', 'removed'];

/**
 * The label of a line, in parts: `1, 2` when its exits are marked alike; otherwise the unmarked exits,
 * then `rewired: 2`, then `removed: 3` (the exits the other version drew on this line), apart.
 */
export function routeLabelParts(edges: readonly Pick<GraphEdge, 'label' | 'change'>[]): RouteLabelPart[] {
  if (routeChange(edges) !== 'mixed') return [{ text: edges.map((e) => e.label).join(', ') }];
  const parts: RouteLabelPart[] = [];
  const unmarked = edges.filter((e) => !e.change).map((e) => e.label);
  if (unmarked.length) parts.push({ text: unmarked.join(', ') });
  for (const change of MARK_ORDER) {
    const labels = edges.filter((e) => e.change === change).map((e) => e.label);
    if (!labels.length) continue;
    if (parts.length) parts.push({ text: SEPARATOR });
    parts.push({ text: `${change}: ${labels.join(', ')}`, change });
  }
  return parts;
}

/** The label of a line as one text (what the layout makes room for). */
export function routeLabel(edges: readonly Pick<GraphEdge, 'label' | 'change'>[]): string {
  return routeLabelParts(edges)
    .map((p) => p.text)
    .join('');
}
