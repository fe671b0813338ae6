/**
 * `{{variable}}` substitution. Templates are parsed once per distinct text and cached:
 * the same prompts are rendered on every simulated call.
 */

/** Literal text at even indexes, variable names at odd indexes. */
type CompiledTemplate = readonly string[];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const MAX_CACHED_TEMPLATES = 10_000;
const cache = new Map<string, CompiledTemplate>();

function compile(text: string): CompiledTemplate {
  let compiled = cache.get(text);
  if (compiled) return compiled;
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(PLACEHOLDER)) {
    parts.push(text.slice(last, match.index), match[1]!);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  compiled = parts;
  if (cache.size >= MAX_CACHED_TEMPLATES) cache.clear();
  cache.set(text, compiled);
  return compiled;
}

/**
 * Fills in variables. An undefined variable renders empty and is reported through
 * `onUndefined` (once per occurrence).
 */
export function renderTemplate(
  text: string,
  variables: ReadonlyMap<string, string>,
  onUndefined: (name: string) => void,
  maxLength = Infinity,
): string {
  if (text.indexOf('{{') < 0) return text;
  const parts = compile(text);
  if (parts.length === 1) return text;
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = variables.get(name);
    if (value === undefined) onUndefined(name);
    else out += value;
    out += parts[i + 1]!;
    // Checked as it grows: a template repeating a long variable must not build a gigabyte first.
    if (out.length > maxLength) throw new TextLimitError(out.length, maxLength);
  }
  return out;
}

/** A rendered text or a variable grew past the simulator's bound (see CallState). */
export class TextLimitError extends Error {
  constructor(
    readonly length: number,
    readonly limit: number,
  ) {
    super(`grew to ${length.toLocaleString('en-US')} characters (the limit is ${limit.toLocaleString('en-US')})`);
  }
}

/** Names a template refers to, in order (for tooling; validation has its own check). */
export function templateVariables(text: string): string[] {
  const parts = compile(text);
  const names: string[] = [];
  for (let i = 1; i < parts.length; i += 2) names.push(parts[i]!);
  return names;
}

/** How a value of any type is held in a variable: text, as a prompt would say it. */
export function variableText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value);
}
