/** Archy's `{{placeholder}}` substitutions: filled from --set, or the import stops naming every one left. */
import { InvalidInputError } from '../errors';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_.-]*)\s*\}\}/g;

export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

export function substitutePlaceholders(text: string, values: ReadonlyMap<string, string>, fileName: string): string {
  const missing = placeholdersOf(text).filter((name) => !values.has(name));
  if (missing.length > 0)
    throw new InvalidInputError(
      'import-placeholders',
      `${fileName} has ${missing.length === 1 ? 'a placeholder' : `${missing.length} placeholders`} with no value: ${missing.map((m) => `{{${m}}}`).join(', ')}.`,
      `Give each a value: ${missing.map((m) => `--set ${m}=<value>`).join(' ')}.`,
    );
  return text.replace(PLACEHOLDER, (_whole, name: string) => values.get(name)!);
}
