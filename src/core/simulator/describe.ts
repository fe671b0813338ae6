/**
 * Words for a simulated call, shared by the CLI's human output and the extension, so
 * both say the same thing ("connected to queue sales", "hung up").
 */
import type { CallOutcome, SimulatedStep, SimulationResult } from './types';

export function describeOutcome(outcome: CallOutcome): string {
  switch (outcome.kind) {
    case 'connected':
      return `connected to queue ${outcome.queue}`;
    case 'transferred':
      return `transferred to ${outcome.to}`;
    case 'voicemail':
      return outcome.mailbox ? `voicemail (mailbox ${outcome.mailbox})` : 'voicemail';
    case 'callback':
      return `callback from queue ${outcome.queue}`;
    case 'hangup':
      if (outcome.reason === 'no-exit') return `hung up (step ${outcome.step} has no ${outcome.exit} exit)`;
      return 'hung up';
    case 'error':
      return `error: ${outcome.message}`;
  }
}

/** One line per step: `menu (menu) -> 1 -> sales  "For sales press 1..."`. */
export function describeStep(entry: SimulatedStep, topFlow?: string): string {
  const where = topFlow !== undefined && entry.flow !== topFlow ? `${entry.flow}:${entry.step}` : entry.step;
  let line = `${where} (${entry.type})`;
  const details: string[] = [];
  if (entry.localTime) details.push(entry.localTime);
  if (entry.attempts)
    details.push(
      `keys ${entry.attempts.map((a) => (a.digits === null || a.digits === '' ? '(none)' : a.digits)).join(', ') || '(none)'}`,
    );
  if (entry.variable !== undefined) details.push(`${entry.variable} = "${entry.value}"`);
  if (entry.assigned) for (const [name, value] of Object.entries(entry.assigned)) details.push(`${name} = "${value}"`);
  if (entry.queue !== undefined) details.push(`queue ${entry.queue}`);
  if (entry.to !== undefined) details.push(`to ${entry.to}`);
  if (entry.ringSeconds !== undefined) details.push(`rings ${entry.ringSeconds} s`);
  if (entry.callerId !== undefined) details.push(`caller id ${entry.callerId}`);
  if (entry.request)
    details.push(entry.status === undefined ? `${entry.request}: no fixture` : `${entry.request}: ${entry.status}`);
  if (entry.target) details.push(`to flow ${entry.target.flow} v${String(entry.target.version).replace(/^v/, '')}`);
  if (details.length > 0) line += ` [${details.join('; ')}]`;
  if (entry.exit !== null)
    line += entry.next === undefined ? ` -> ${entry.exit} (not set)` : ` -> ${entry.exit} -> ${entry.next}`;
  if (entry.say !== undefined) line += `  "${entry.say}"`;
  return line;
}

/** The whole call as text lines: steps, warnings, outcome. */
export function describeSimulation(result: SimulationResult): string[] {
  const lines = result.steps.map((entry, i) => `${String(i + 1).padStart(3)}. ${describeStep(entry, result.flow)}`);
  for (const warning of result.warnings)
    lines.push(`warning: ${warning.step ? `${warning.step}: ` : ''}${warning.message}`);
  lines.push(`outcome: ${describeOutcome(result.outcome)}`);
  return lines;
}
