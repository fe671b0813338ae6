/**
 * Environments (callflow.yaml `environments:`): the same flows served with each environment's own
 * values and phone numbers. A flow names what varies once, as `{{env.NAME}}` in a step's text;
 * `{{secret.NAME}}` names a secret the runtime reads from its own environment and that nothing
 * here stores. docs/environments.md says how they are used.
 */
import { InvalidInputError } from '../errors';
import { printable } from '../ids';
import type { EnvironmentSettings } from '../model';
import { ENVIRONMENT_VALUE_NAME } from '../environmentReferences';

export const ENVIRONMENT_NAME = /^[a-z][a-z0-9-]{0,31}$/;
const NUMBERS_FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}\.yaml$/;
const MAX_ENVIRONMENTS = 20;

/** The default numbers file of an environment. */
export function defaultNumbersFile(environment: string): string {
  return `numbers.${environment}.yaml`;
}

/**
 * Reads `environments:` of callflow.yaml; `problem` throws the settings error with its message.
 * The schema says the same for editors; this is what the tools act on.
 */
export function parseEnvironments(raw: unknown, problem: (message: string) => never): EnvironmentSettings[] {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw))
    problem('environments must be a map of environment names (staging, prod …) to their settings.');
  const entries = Object.entries(raw as Record<string, unknown>);
  if (entries.length > MAX_ENVIRONMENTS) problem(`at most ${MAX_ENVIRONMENTS} environments are allowed.`);
  const numbersFiles = new Map<string, string>();
  return entries.map(([name, body]) => {
    if (!ENVIRONMENT_NAME.test(name))
      problem(
        `the environment name "${printable(name)}" must start with a lower-case letter and hold only a-z, 0-9 and "-" (at most 32).`,
      );
    if (body !== null && (typeof body !== 'object' || Array.isArray(body)))
      problem(`environment ${name} must be a map with values: and numbers:.`);
    const fields = (body ?? {}) as Record<string, unknown>;
    for (const key of Object.keys(fields))
      if (key !== 'values' && key !== 'numbers')
        problem(`environment ${name} has "${printable(key)}"; an environment has only values: and numbers:.`);
    const values = parseValues(name, fields.values, problem);
    const numbersFile = fields.numbers ?? defaultNumbersFile(name);
    if (typeof numbersFile !== 'string' || !NUMBERS_FILE_NAME.test(numbersFile))
      problem(`environment ${name}: numbers must be a file name beside callflow.yaml ending in .yaml.`);
    const sharedWith = numbersFiles.get(numbersFile);
    if (sharedWith)
      problem(
        `environments ${sharedWith} and ${name} both use ${String(numbersFile)}; give each its own numbers file.`,
      );
    numbersFiles.set(numbersFile, name);
    return { name, values, numbersFile: numbersFile };
  });
}

function parseValues(
  environment: string,
  raw: unknown,
  problem: (message: string) => never,
): Readonly<Record<string, string>> {
  if (raw === undefined || raw === null) return Object.create(null) as Record<string, string>;
  if (typeof raw !== 'object' || Array.isArray(raw))
    problem(`environment ${environment}: values must be a map of names to text.`);
  const values = Object.create(null) as Record<string, string>;
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (!ENVIRONMENT_VALUE_NAME.test(key))
      problem(
        `environment ${environment}: "${printable(key)}" is not a value name (letters, digits and "_", not starting with a digit).`,
      );
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
      problem(`environment ${environment}: ${key} must be text, a number or true/false.`);
    values[key] = String(value);
  }
  return values;
}

/** The environment a tool was asked for (`--env NAME`), or a clear error naming those there are. */
export function requireEnvironment(
  environments: readonly EnvironmentSettings[] | undefined,
  name: string,
): EnvironmentSettings {
  const found = environments?.find((e) => e.name === name);
  if (found) return found;
  const known = (environments ?? []).map((e) => e.name);
  throw new InvalidInputError(
    'unknown-environment',
    `There is no environment "${printable(name)}".`,
    known.length > 0
      ? `Give one of: ${known.join(', ')}.`
      : 'This workspace defines no environments: add environments: to callflow.yaml (docs/environments.md), or leave out --env.',
  );
}
