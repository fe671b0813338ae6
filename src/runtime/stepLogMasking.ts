/** What a step's log line may hold: a collected value masked wherever it appears, an http answer only up to a size. */
import type { RuntimeDeployment } from '../core';
import { mask } from './executionLog';

/** The longest http answer kept in a step's log line (JSON characters). */
export const MAX_LOGGED_ANSWER_CHARS = 8_192;

/** The values of the deployment's collect variables now: masked wherever they appear in the log. */
export function collectedValues(deployment: RuntimeDeployment, variables: Readonly<Record<string, string>>): string[] {
  const values: string[] = [];
  for (const variable of collectVariables(deployment)) {
    const value = variables[variable];
    if (value) values.push(value, encodeURIComponent(value));
  }
  return values;
}

const collectVariablesOf = new WeakMap<RuntimeDeployment, readonly string[]>();

/** The variables the deployment's collect steps fill, found once per deployment rather than per request. */
function collectVariables(deployment: RuntimeDeployment): readonly string[] {
  let names = collectVariablesOf.get(deployment);
  if (!names) {
    const found: string[] = [];
    for (const flow of deployment.flows.values())
      for (const step of Object.values(flow.definition.steps ?? {})) {
        const variable = (step as { type?: unknown; variable?: unknown }).variable;
        if ((step as { type?: unknown }).type === 'collect' && typeof variable === 'string') found.push(variable);
      }
    collectVariablesOf.set(deployment, (names = found));
  }
  return names;
}

export function maskValues(text: string, values: readonly string[]): string {
  let masked = text;
  for (const value of values) masked = masked.split(value).join(mask(value));
  return masked;
}
