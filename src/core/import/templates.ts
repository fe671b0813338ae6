/** Rewriting the source's references to call data (Liquid `{{widgets.x.Digits}}`, Connect's `$.Attributes.y`) as `{{variables}}`. */

const VARIABLE = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;

/** A variable name from a source name: characters the format does not allow become `_`. */
export function variableName(name: string): string {
  let v = name.replace(/[^A-Za-z0-9_.-]+/g, '_').replace(/^[^A-Za-z_]+/, '');
  if (v === '') v = 'value';
  return v.slice(0, 64);
}

export function isVariableName(name: string): boolean {
  return VARIABLE.test(name);
}

export interface Rewritten {
  text: string;
  /** References that cannot be said as a `{{variable}}` (filters, tags, values of the source system). */
  unresolved: string[];
}

/**
 * Rewrites each `{{ expression }}` of a Liquid-style text: as `{{variable}}` where `resolve` names
 * one, otherwise as `[expression]`, so it is neither lost nor read as a variable of the flow.
 */
export function rewriteLiquid(text: string, resolve: (expression: string) => string | undefined): Rewritten {
  // Most texts (keys, numbers, addresses) hold no Liquid at all.
  if (!text.includes('{{') && !text.includes('{%')) return { text, unresolved: [] };
  const unresolved: string[] = [];
  const withoutTags = !text.includes('{%')
    ? text
    : text.replace(/\{%-?[\s\S]*?-?%\}/g, (tag) => {
        unresolved.push(tag);
        return `[${tag.slice(2, -2).replace(/^-|-$/g, '').trim()}]`;
      });
  const out = withoutTags.replace(/\{\{-?\s*([\s\S]*?)\s*-?\}\}/g, (_whole, expression: string) => {
    const name = resolve(expression);
    if (name !== undefined) return `{{${name}}}`;
    unresolved.push(expression);
    return `[${expression}]`;
  });
  return { text: out, unresolved };
}

/** Text spoken from SSML: the words, without the markup (an approximation when there was markup). */
export function ssmlText(ssml: string): { text: string; hadMarkup: boolean } {
  const withoutTags = ssml.replace(/<[^>]*>/g, ' ');
  const hadMarkup = withoutTags !== ssml && !/^\s*<speak>[^<]*<\/speak>\s*$/.test(ssml);
  const text = withoutTags
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return { text, hadMarkup };
}
