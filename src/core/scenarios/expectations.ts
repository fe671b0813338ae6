/**
 * Compares a simulated call with what its scenario expects. Each unmet expectation is one
 * message in the words an admin would use reviewing the flow.
 */
import { describeOutcome } from '../simulator/describe';
import type { SimulationResult } from '../simulator/types';
import type { ScenarioExpectation } from './types';

function pathText(path: readonly string[]): string {
  return path.length === 0 ? '(no steps)' : path.join(' → ');
}

/** The path as the scenario spells it: `step` in the call's own flow, `flow:step` elsewhere. */
function actualPath(result: SimulationResult, expected: readonly string[]): string[] {
  return result.steps.map((entry, i) => {
    const qualified = `${entry.flow}:${entry.step}`;
    if (expected[i] === qualified) return qualified;
    return entry.flow === result.flow ? entry.step : qualified;
  });
}

export function unmetExpectations(expect: ScenarioExpectation, result: SimulationResult): string[] {
  const failures: string[] = [];
  const { outcome } = result;
  const got = describeOutcome(outcome);
  if (expect.outcome !== undefined && outcome.kind !== expect.outcome) {
    failures.push(`expected outcome ${expect.outcome}, got ${got}`);
  }
  if (expect.queue !== undefined) {
    const queue = outcome.kind === 'connected' || outcome.kind === 'callback' ? outcome.queue : undefined;
    if (queue !== expect.queue) {
      failures.push(
        queue === undefined
          ? `expected queue ${expect.queue}, but the call was not put to a queue (${got})`
          : `expected queue ${expect.queue}, got queue ${queue}`,
      );
    }
  }
  if (expect.to !== undefined) {
    const to = outcome.kind === 'transferred' ? outcome.to : undefined;
    if (to !== expect.to) {
      failures.push(
        to === undefined
          ? `expected a transfer to ${expect.to}, but the call was not transferred (${got})`
          : `expected a transfer to ${expect.to}, got ${to}`,
      );
    }
  }
  if (expect.mailbox !== undefined) {
    const mailbox = outcome.kind === 'voicemail' ? outcome.mailbox : undefined;
    if (mailbox !== expect.mailbox) failures.push(`expected voicemail in mailbox ${expect.mailbox}, got ${got}`);
  }
  if (expect.message !== undefined && !(outcome.kind === 'error' && outcome.message.includes(expect.message))) {
    failures.push(`expected an error saying "${expect.message}", got ${got}`);
  }
  if (expect.path !== undefined) {
    const path = actualPath(result, expect.path);
    if (path.length !== expect.path.length || path.some((step, i) => step !== expect.path![i])) {
      failures.push(`expected path ${pathText(expect.path)}, got ${pathText(path)}`);
    }
  }
  if (expect.says !== undefined) {
    const spoken = result.steps.flatMap((entry) => (entry.say === undefined ? [] : [entry.say]));
    for (const text of expect.says) {
      if (!spoken.some((say) => say.includes(text)))
        failures.push(`expected a prompt saying "${text}", but no prompt did`);
    }
  }
  if (expect.variables !== undefined) {
    for (const [name, value] of Object.entries(expect.variables)) {
      const actual = result.variables[name];
      if (actual !== value)
        failures.push(`expected ${name} = "${value}", got ${actual === undefined ? 'no value' : `"${actual}"`}`);
    }
  }
  return failures;
}
