/**
 * A logged call as the Test Call panel shows it: the transcript of its replay on the version it ran,
 * what the log says it did, and what today's version of the flow does with the same inputs, compared
 * as `callflow replay` compares (compareReplay). Nothing here touches VS Code.
 */
import {
  describeCallTime,
  describeOutcome,
  localInputOf,
  type CallOutcome,
  type ReplayComparison,
  type ReplayPlan,
  type SimulationResult,
} from '../../core';
import type { TestCallView, TranscriptLine } from './protocol';
import { stepText } from './testCallSession';

/** Today's version of the flow and what it does with the logged call's inputs, or why it could not be asked. */
export type TodaysRoute =
  { version: string; result: SimulationResult; comparison: ReplayComparison } | { problem: string };

/** A finished call's transcript from its trace: each step's prompt, the keys of each attempt, the step. */
export function transcriptOfResult(result: SimulationResult): TranscriptLine[] {
  const lines: TranscriptLine[] = [];
  result.steps.forEach((entry, index) => {
    const where = { flow: entry.flow, step: entry.step };
    if (entry.say !== undefined) lines.push({ kind: 'say', text: entry.say, ...where });
    if (entry.audio !== undefined) lines.push({ kind: 'play', text: entry.audio, ...where });
    for (const attempt of entry.attempts ?? [])
      lines.push({ kind: 'pressed', keys: attempt.digits ?? '', step: entry.step });
    lines.push({ kind: 'step', text: stepText(entry, result.flow), ...where, index });
  });
  for (const warning of result.warnings) lines.push({ kind: 'warning', text: warning.message });
  return lines;
}

/** What the log says the call did: its outcome, or where the caller hung up. */
export function loggedOutcomeText(outcome: Record<string, unknown>): string {
  const kind = outcome['kind'];
  if (kind === 'abandoned' || kind === 'caller-hung-up') return `the caller hung up in ${String(outcome['step'])}`;
  return typeof kind === 'string' ? describeOutcome(outcome as unknown as CallOutcome) : 'no outcome logged';
}

export function replayView(
  plan: ReplayPlan,
  logged: SimulationResult,
  today: TodaysRoute,
  zone: string,
): Omit<TestCallView, 'callNumber'> {
  const at = new Date(plan.at);
  const loggedOutcome = loggedOutcomeText(plan.outcome);
  const kind = typeof plan.outcome['kind'] === 'string' ? plan.outcome['kind'] : 'unknown';
  return {
    mode: 'replay',
    title: `${plan.flow} v${plan.version}: logged call ${plan.call}`,
    from: plan.from ?? '',
    atText: describeCallTime(at, zone),
    atLocal: localInputOf(at, zone),
    atNow: false,
    zone,
    transcript: transcriptOfResult(logged),
    outcome: { kind, text: loggedOutcome },
    replay: {
      call: `Call ${plan.call}${plan.dialed ? ` to ${plan.dialed}` : ''}, ${describeCallTime(at, zone)}, on commit ${plan.commit.slice(0, 12)}.`,
      logged: { version: `v${String(plan.version).replace(/^v/, '')}`, outcome: loggedOutcome },
      ...('problem' in today
        ? { todayProblem: today.problem }
        : {
            today: {
              version: today.version,
              outcome: describeOutcome(today.result.outcome),
              same: today.comparison.same,
              differences: today.comparison.differences,
            },
          }),
    },
  };
}
