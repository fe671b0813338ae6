/**
 * The inputs of a simulated call as a person types them in the editor ("1, 1234#", an ISO
 * time), checked and turned into the simulator's request fields. Pure: the editor and tests
 * share it.
 */
import type { FlowDefinition } from '../model';
import { CallflowError } from '../errors';
import { parseCallTime } from '../simulator/inputs';
import type { AgentAvailability, PublishedFlow, TransferResult } from '../simulator/types';
import type { FlowSummary } from '../lifecycle/types';

const DTMF_ENTRY = /^[0-9*#]*$/;

/**
 * "1, 1234#" → ["1", "1234#"]. Entries are separated by commas; an empty entry between two
 * commas is a prompt where the caller pressed nothing. Returns an error message for anything
 * that is not a DTMF key.
 */
export function parseDigitsInput(text: string): { digits: string[] } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { digits: [] };
  const digits = trimmed.split(',').map((entry) => entry.replace(/\s+/g, ''));
  const bad = digits.find((entry) => !DTMF_ENTRY.test(entry));
  if (bad !== undefined) return { error: `"${bad}" is not a DTMF entry: use the keys 0-9, * and #, and commas between entries (e.g. 1, 1234#).` };
  return { digits };
}

/** The digits as they are typed back into the input box. */
export function formatDigitsInput(digits: readonly string[]): string {
  return digits.join(', ');
}

/** Undefined when the text is a call time the simulator accepts, else why not. */
export function callTimeProblem(text: string): string | undefined {
  if (text.trim() === '') return 'Give the call time, e.g. 2026-11-24T15:00:00Z.';
  try {
    parseCallTime(text.trim());
    return undefined;
  } catch (err) {
    if (err instanceof CallflowError) return err.message;
    return `"${text}" is not a call time: use ISO 8601 with a zone, e.g. 2026-11-24T15:00:00Z.`;
  }
}

/** The queues a flow's assign-dial and callback steps use, sorted. */
export function queuesOfFlow(definition: FlowDefinition): string[] {
  const queues = new Set<string>();
  for (const step of Object.values(definition.steps ?? {})) {
    const s = step as { type?: unknown; queue?: unknown } | null;
    if (s && (s.type === 'assign-dial' || s.type === 'callback') && typeof s.queue === 'string') queues.add(s.queue);
  }
  return [...queues].sort();
}

/** True when the flow has a transfer step (so its outcome is worth asking). */
export function hasTransferStep(definition: FlowDefinition): boolean {
  return Object.values(definition.steps ?? {}).some((step) => (step as { type?: unknown } | null)?.type === 'transfer');
}

/** The flow's queues not marked available (a person checks the available ones). */
export function busyQueues(queues: readonly string[], available: readonly string[]): string[] {
  const open = new Set(available);
  return queues.filter((queue) => !open.has(queue));
}

/** The simulator's agents input from the busy queues (every other queue has an agent available). */
export function agentsFromBusy(busy: readonly string[]): Record<string, AgentAvailability> {
  return Object.fromEntries(busy.map((queue) => [queue, 'busy'] as const));
}

/** The version scenarios and a plain "simulate this flow" run against: the draft, else the published one. */
export function defaultVersionOf(summary: Pick<FlowSummary, 'draft' | 'published'>): { version: number; status: 'draft' | 'published' } | undefined {
  if (summary.draft !== undefined) return { version: summary.draft, status: 'draft' };
  if (summary.published !== undefined) return { version: summary.published, status: 'published' };
  return undefined;
}

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

export type { TransferResult };
