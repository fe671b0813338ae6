/** The flows a call can reach through goto-flow steps, for the simulator's synchronous resolver. */
import type { FlowDefinition } from '../model';
import type { PublishedFlow } from '../simulator/types';

/** Flows a definition goes to with goto-flow steps. */
export function gotoFlowTargets(definition: FlowDefinition): string[] {
  const targets = new Set<string>();
  for (const step of Object.values(definition.steps ?? {})) {
    const s = step as { type?: unknown; flow?: unknown } | null;
    if (s && s.type === 'goto-flow' && typeof s.flow === 'string') targets.add(s.flow);
  }
  return [...targets];
}

/**
 * The published versions of every flow the call can reach through goto-flow, loaded once each
 * (cycles included), so the simulator's synchronous resolver can answer from memory.
 */
export async function loadReachablePublished(
  definition: FlowDefinition,
  ownFlowId: string,
  load: (flowId: string) => Promise<PublishedFlow | undefined>,
): Promise<Map<string, PublishedFlow>> {
  const loaded = new Map<string, PublishedFlow>();
  const seen = new Set<string>();
  let frontier = gotoFlowTargets(definition);
  // The flow's own published version matters when another flow goes back to it.
  frontier.push(ownFlowId);
  while (frontier.length > 0) {
    const batch = [...new Set(frontier)].filter((id) => !seen.has(id));
    batch.forEach((id) => seen.add(id));
    const flows = await Promise.all(batch.map((id) => load(id)));
    frontier = [];
    batch.forEach((id, i) => {
      const flow = flows[i];
      if (!flow) return;
      loaded.set(id, flow);
      frontier.push(...gotoFlowTargets(flow.definition));
    });
  }
  return loaded;
}
