/**
 * What the core hands the adapter is checked before it reaches a git argument: a path, a revision,
 * a config key or a tag name that git could read as an option or as another object is refused.
 */

/** A workspace-relative path the core built: no absolute paths, no `..`, no leading dash, no control characters. */
export function assertWorkspacePath(p: string): void {
  if (
    p === '' ||
    p.startsWith('/') ||
    p.startsWith('-') ||
    /(^|\/)\.\.?(\/|$)/.test(p) ||
    // eslint-disable-next-line no-control-regex -- control characters are what this check rejects
    /[\u0000-\u001f\\]/.test(p)
  ) {
    throw new RangeError(`Refusing an unsafe path: ${JSON.stringify(p)}`);
  }
}

/** A revision reaches a git argument: no option, no whitespace, no `rev:path` part. */
export function assertRevision(rev: string): void {
  if (rev === '' || /[\s:]/.test(rev) || rev.startsWith('-')) throw new RangeError(`Bad revision: ${rev}`);
}

export function assertConfigKey(key: string): void {
  if (!/^[a-z][a-z0-9-]*(\.[A-Za-z0-9-]+)+$/.test(key)) throw new RangeError(`Bad config key: ${key}`);
}

/** The tag names the core builds; checked again here because they reach a git argument. */
export function assertTagName(name: string): void {
  if (!/^[A-Za-z0-9_][A-Za-z0-9_/-]*\/v[1-9][0-9]*$/.test(name) || name.includes('//') || name.includes('..')) {
    throw new RangeError(`Refusing an unsafe tag name: ${JSON.stringify(name)}`);
  }
}

/** Text matched literally in a `git log --extended-regexp --grep` pattern. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
