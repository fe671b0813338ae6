/** What the properties panel's pickers offer, read from flow text: the queues a flow's steps use. */

const QUEUE_LINE = /^[ \t]+queue:[ \t]*["']?([A-Za-z0-9][A-Za-z0-9._@/-]*)["']?[ \t]*(?:#.*)?$/gm;

/** The queues named by `queue:` lines (assign-dial and callback steps, docs/flow-format.md section 4). */
export function queuesInFlowText(text: string): string[] {
  const queues = new Set<string>();
  for (const match of text.matchAll(QUEUE_LINE)) queues.add(match[1]!);
  return [...queues];
}
