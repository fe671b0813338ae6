/**
 * The inputs of a simulated call as a person types them in the editor ("1, 1234#", an ISO
 * time), checked and turned into the simulator's request fields. Pure: the editor and tests
 * share it.
 */
import type { FlowDefinition } from '../model';
import { CallflowError } from '../errors';
import { parseCallTime } from '../simulator/inputs';
import { templateVariables } from '../engine/promptTemplates';
import { callerIdProblem } from '../ids';
import type { AgentAvailability, TransferResult } from '../simulator/types';
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
  if (bad !== undefined)
    return {
      error: `"${bad}" is not a DTMF entry: use the keys 0-9, * and #, and commas between entries (e.g. 1, 1234#).`,
    };
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
    // The accepted forms too, not only that the text is not one.
    if (err instanceof CallflowError) return err.hint ? `${err.message} ${err.hint}` : err.message;
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
export function defaultVersionOf(
  summary: Pick<FlowSummary, 'draft' | 'published'>,
): { version: number; status: 'draft' | 'published' } | undefined {
  if (summary.draft !== undefined) return { version: summary.draft, status: 'draft' };
  if (summary.published !== undefined) return { version: summary.published, status: 'published' };
  return undefined;
}

/** Whether the flow reads a variable: in a condition, or as `{{name}}` in any text it speaks or sends. */
export function flowUsesVariable(definition: FlowDefinition, name: string): boolean {
  for (const step of Object.values(definition.steps ?? {})) {
    if (!step || typeof step !== 'object') continue;
    if (
      step.type === 'condition' &&
      Array.isArray(step.branches) &&
      step.branches.some((b) => b?.when?.variable === name)
    )
      return true;
    const texts: unknown[] = [
      (step as { say?: unknown }).say,
      (step as { url?: unknown }).url,
      (step as { body?: unknown }).body,
    ];
    if (step.type === 'set' && step.values && typeof step.values === 'object')
      texts.push(...Object.values(step.values));
    if (texts.some((text) => typeof text === 'string' && templateVariables(text).includes(name))) return true;
  }
  return false;
}

/** The caller id as typed in a prompt: empty (a withheld number), or what a carrier would send. */
export function callerNumberProblem(text: string): string | undefined {
  const value = text.trim();
  if (value === '') return undefined;
  const problem = callerIdProblem(value);
  return (
    problem &&
    `${problem} Give one such as +14155550123, anonymous or client:alice, or leave it empty for a withheld number.`
  );
}

export type { TransferResult };
