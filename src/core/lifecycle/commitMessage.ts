import { escapeBidi } from '../ids';
import type { LifecycleAction } from './types';

export const TRAILER_FLOW = 'Callflow-Flow';
export const TRAILER_ACTION = 'Callflow-Action';
export const TRAILER_VERSION = 'Callflow-Version';

export interface LifecycleMessage {
  flowId?: string;
  action: LifecycleAction;
  version?: number;
  /** What follows `callflow(<flow-id>): `. */
  summary: string;
  /** Extra trailers (e.g. Callflow-Number), after the standard ones. */
  trailers?: Record<string, string>;
  /**
   * Other flows the commit changes (the flow a moved number left): each gets its own
   * `Callflow-Flow` trailer after the first, so that its `history` shows the commit too.
   */
  otherFlowIds?: string[];
}

/**
 * `callflow(support-line): publish v3 (archives v2)` + trailers. Names and labels in it are shown
 * with their bidirectional controls escaped, so `git log` cannot display a subject that lies.
 */
export function formatCommitMessage(m: LifecycleMessage): string {
  return escapeBidi(rawCommitMessage(m));
}

function rawCommitMessage(m: LifecycleMessage): string {
  const subject = m.flowId ? `callflow(${m.flowId}): ${m.summary}` : `callflow: ${m.summary}`;
  const trailers: string[] = [];
  if (m.flowId) trailers.push(`${TRAILER_FLOW}: ${m.flowId}`);
  for (const other of m.otherFlowIds ?? []) trailers.push(`${TRAILER_FLOW}: ${other}`);
  trailers.push(`${TRAILER_ACTION}: ${m.action}`);
  if (m.version !== undefined) trailers.push(`${TRAILER_VERSION}: ${m.version}`);
  for (const [key, value] of Object.entries(m.trailers ?? {})) trailers.push(`${key}: ${value}`);
  return `${subject}\n\n${trailers.join('\n')}\n`;
}

/** Trailers of a commit message (`Key: value` lines of its last paragraph). */
export function parseTrailers(message: string): Map<string, string> {
  const paragraphs = message.trim().split(/\n\s*\n/);
  const last = paragraphs.length > 1 ? paragraphs[paragraphs.length - 1]! : '';
  const trailers = new Map<string, string>();
  for (const line of last.split('\n')) {
    const match = /^([A-Za-z0-9-]+):\s*(.*)$/.exec(line.trim());
    // A repeated key keeps its first value: the first Callflow-Flow is the flow the commit is about.
    if (match && !trailers.has(match[1]!)) trailers.set(match[1]!, match[2]!);
  }
  return trailers;
}
