/**
 * `{{env.NAME}}` and `{{secret.NAME}}` in a flow's text: finding them and filling an environment's
 * values in. Kept apart from callflow.yaml's parsing (workspace/environments.ts) so that validation
 * and the tools that run flows can use it without depending on the workspace.
 */

export const ENVIRONMENT_VALUE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** `{{env.NAME}}` and `{{secret.NAME}}`, spaces allowed inside the braces as in every template. */
const REFERENCE = /\{\{\s*(env|secret)\.([^{}\s]*)\s*\}\}/g;

export interface EnvironmentReference {
  kind: 'env' | 'secret';
  name: string;
  /** The reference as written, braces included. */
  text: string;
}

export function referencesIn(text: string): EnvironmentReference[] {
  if (!text.includes('{{')) return [];
  return [...text.matchAll(REFERENCE)].map((m) => ({ kind: m[1] as 'env' | 'secret', name: m[2]!, text: m[0] }));
}

export interface ApplyOptions {
  /**
   * What a `{{secret.NAME}}` becomes: the tools that run a flow without its secrets (simulate,
   * test) show a placeholder. Absent, secrets stay as written, for the runtime to fill in when it
   * makes the request, so a secret's value is never part of a flow definition.
   */
  secret?: (name: string) => string;
}

/**
 * A copy of a parsed flow with every `{{env.NAME}}` in its text replaced by the environment's
 * value. References the environment lacks, and `{{secret.…}}`, are left as written: validation
 * reports the first, and the runtime fills in the second from its own environment.
 */
export function applyEnvironment<T>(value: T, values: Readonly<Record<string, string>>, options: ApplyOptions = {}): T {
  return substitute(value, values, options, 0) as T;
}

/** What simulate, test, journeys and call show for a secret: its name, never its value. */
export function secretPlaceholder(name: string): string {
  return `[secret:${name}]`;
}

/**
 * A flow as the tools that run calls without its secrets (simulate, test, journeys, call) see it
 * in an environment: its values filled in, each secret a placeholder, since only `callflow serve`
 * reads secrets.
 */
export function applyEnvironmentWithoutSecrets<T>(value: T, values: Readonly<Record<string, string>>): T {
  return applyEnvironment(value, values, { secret: secretPlaceholder });
}

const MAX_DEPTH = 64;

function substitute(
  value: unknown,
  values: Readonly<Record<string, string>>,
  options: ApplyOptions,
  depth: number,
): unknown {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return value;
    return value.replace(REFERENCE, (whole, kind: string, name: string) => {
      if (kind === 'env') return Object.hasOwn(values, name) ? values[name]! : whole;
      return options.secret && ENVIRONMENT_VALUE_NAME.test(name) ? options.secret(name) : whole;
    });
  }
  if (depth > MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => substitute(item, values, options, depth + 1));
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<string, unknown>;
  // defineProperty: a key named __proto__ stays an own key, as the parser made it.
  for (const [key, item] of Object.entries(value))
    Object.defineProperty(copy, key, {
      value: substitute(item, values, options, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return copy;
}
