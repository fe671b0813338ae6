/**
 * The legend of a graph shown against another version: what it is compared with and how many
 * steps and lines each mark has. The marks themselves come from the extension (the core's
 * semantic diff); the page only counts what it was given.
 */
import type { FlowGraph } from '../../core/graph/types';
import { byId, vscode } from './state';

const legend = byId('changes');

export function setUpChangesLegend(): void {
  byId('hide-changes').addEventListener('click', () => vscode.postMessage({ type: 'hideChanges' }));
}

/** Shows the legend for a graph marked against `against` (`v2 (published)`); hides it when undefined. */
export function showChangesLegend(graph: FlowGraph, against: string | undefined): void {
  legend.hidden = against === undefined;
  if (against === undefined) return;
  const steps = (change: string) => graph.nodes.filter((n) => n.change === change).length;
  const counts = {
    added: steps('added'),
    changed: steps('changed'),
    rewired: graph.edges.filter((e) => e.change === 'rewired').length,
    removed: steps('removed'),
  };
  const total = counts.added + counts.changed + counts.rewired + counts.removed;
  byId('changes-text').textContent = total === 0 ? `No change against ${against}` : `Changes against ${against}:`;
  for (const [kind, count] of Object.entries(counts)) {
    const item = byId(`legend-${kind}`);
    item.textContent = `${count} ${kind}`;
    item.hidden = total === 0;
  }
}

/** How many steps and lines the page drew marked (reported to the extension after each drawing). */
export function markedCount(): number {
  return document.querySelectorAll('#nodes > g[class*="change-"], #edges > g[class*="change-"]').length;
}
