/**
 * An http step's answer: whether it succeeded, and the JSON paths its `save` map reads.
 */

export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status <= 299;
}

/** A body given as JSON text (a fixture's, or a real response's) is read as JSON; anything else as it is. */
export function responseBody(body: unknown): unknown {
  if (typeof body !== 'string') return body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}

type PathSegment = string | number;
const MAX_CACHED_PATHS = 1_000;
const compiledPaths = new Map<string, PathSegment[] | null>();

/**
 * `$.customer.tier`, `customer.tier`, `$.orders[0].id`, `$['odd key']`, `$` (the whole body).
 * Returns null for a path that cannot be read.
 */
export function parseJsonPath(path: string): PathSegment[] | null {
  let segments = compiledPaths.get(path);
  if (segments !== undefined) return segments;
  segments = compilePath(path.trim());
  if (compiledPaths.size >= MAX_CACHED_PATHS) compiledPaths.clear();
  compiledPaths.set(path, segments);
  return segments;
}

function compilePath(path: string): PathSegment[] | null {
  let rest = path;
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (rest.length > 0 && rest[0] !== '[') rest = '.' + rest;
  const segments: PathSegment[] = [];
  const token = /^(?:\.([^.[\]]+)|\[(\d+)\]|\[\s*'([^']*)'\s*\]|\[\s*"([^"]*)"\s*\])/;
  while (rest.length > 0) {
    const match = token.exec(rest);
    if (!match) return null;
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[3] ?? match[4]!);
    rest = rest.slice(match[0].length);
  }
  return segments;
}

/** The value at `path`, or undefined when the body has nothing there. */
export function readJsonPath(body: unknown, path: string): unknown {
  const segments = parseJsonPath(path);
  if (segments === null) return undefined;
  let value: unknown = body;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    if (typeof segment === 'number') {
      if (!Array.isArray(value)) return undefined;
      value = value[segment];
    } else {
      if (Array.isArray(value) || !Object.prototype.hasOwnProperty.call(value, segment)) return undefined;
      value = (value as Record<string, unknown>)[segment];
    }
  }
  return value;
}
