import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  YAMLParseError,
  type Document,
  type ErrorCode,
  type Node,
  type YAMLError,
} from 'yaml';
import { InvalidInputError } from './errors';
import {
  describeSize,
  fileKindOf,
  FILE_SIZE_LIMITS,
  MAX_YAML_DEPTH,
  NUMBERS_FULL_PARSE_LIMIT,
  type LimitedFileKind,
} from './fileLimits';

/** The largest limit of any workspace file kind (see fileLimits.ts): text above it is never parsed. */
export const MAX_YAML_BYTES = Math.max(
  ...Object.entries(FILE_SIZE_LIMITS)
    .filter(([kind]) => kind !== 'import-source')
    .map(([, limit]) => limit),
);
/**
 * Bounds alias expansion ("billion laughs"). The yaml package counts every node an alias
 * expands to against this when converting to plain values.
 */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Syntax errors, duplicate keys and nesting beyond MAX_YAML_DEPTH, with positions. */
  errors: YAMLError[];
  warnings: YAMLError[];
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Why a text of this kind is too large, or undefined when it is within its limit. */
export function sizeProblem(bytes: number, kind: LimitedFileKind): string | undefined {
  const limit = FILE_SIZE_LIMITS[kind];
  if (bytes <= limit) return undefined;
  return `it is ${describeSize(bytes)}; ${KIND_NAMES[kind]} are limited to ${describeSize(limit)}`;
}

/**
 * Why a text of this kind is too large for the full YAML parse, or undefined. Only numbers.yaml has
 * a second bound: in callflow's line shape it is read as lines up to its size limit; in any other
 * shape the parse is what costs, and is held to NUMBERS_FULL_PARSE_LIMIT.
 */
export function fullParseSizeProblem(bytes: number, kind: LimitedFileKind): string | undefined {
  if (kind !== 'numbers' || bytes <= NUMBERS_FULL_PARSE_LIMIT) return undefined;
  return (
    `it is ${describeSize(bytes)} and not in the shape callflow writes (one \`"+1…": flow-id\` line per number); ` +
    `in any other shape numbers.yaml files are limited to ${describeSize(NUMBERS_FULL_PARSE_LIMIT)}`
  );
}

const KIND_NAMES: Readonly<Record<LimitedFileKind, string>> = {
  flow: 'flow version files',
  manifest: 'flow manifests',
  numbers: 'numbers.yaml files',
  settings: 'callflow.yaml files',
  scenarios: 'call scenario files',
  'http-fixtures': 'http fixture files',
  'import-source': 'exported flows to import',
};

const SPLIT_HINTS: Readonly<Record<LimitedFileKind, string>> = {
  flow: 'Split the flow into smaller flows joined with goto-flow steps.',
  manifest: 'A manifest this large is not one callflow wrote; restore it from git history.',
  numbers: 'Keep numbers.yaml to phone number -> flow lines; move anything else out of it.',
  settings: 'callflow.yaml holds three settings; restore it from git history.',
  scenarios: 'Split the calls into several *.calls.yaml files.',
  'http-fixtures': 'Keep only the responses the flow requests.',
  'import-source': 'Export the one flow to import, not a whole account or instance.',
};

export function assertYamlSize(text: string, file: string, kind: LimitedFileKind = fileKindOf(file)): void {
  assertYamlByteSize(byteLength(text), file, kind);
}

/** For callers that can check the size on disk before reading the file. */
export function assertYamlByteSize(bytes: number, file: string, kind: LimitedFileKind = fileKindOf(file)): void {
  const problem = sizeProblem(bytes, kind);
  if (problem) throw new InvalidInputError('file-too-large', `${file} is too large: ${problem}.`, SPLIT_HINTS[kind]);
}

export function splitHint(kind: LimitedFileKind): string {
  return SPLIT_HINTS[kind];
}

/**
 * Parses keeping source positions; never throws on bad YAML (errors are returned). Duplicate keys
 * are found in one pass over the document: the yaml package compares each new key with every
 * earlier key of its mapping, which is quadratic (30,000 numbers took seconds). Nesting deeper
 * than MAX_YAML_DEPTH is an error, so nothing downstream (schema checks, conversions) can
 * overflow the call stack.
 */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, {
    lineCounter,
    uniqueKeys: false,
    prettyErrors: false,
    keepSourceTokens: false,
  });
  plainNestingErrors(document.errors);
  if (document.errors.length === 0) document.errors.push(...structureErrors(document.contents));
  return { document, lineCounter, errors: document.errors, warnings: document.warnings };
}

const STACK_OVERFLOW = /Maximum call stack size exceeded/;

/**
 * The yaml package reads nesting recursively, and a file nested thousands of levels deep overflows
 * its stack, which it reports as an error saying just that. That is the same fault as nesting beyond
 * MAX_YAML_DEPTH: every reader of parseYaml (flows, manifests, numbers, settings, scenarios, fixtures)
 * says it in those words instead of the engine's.
 */
function plainNestingErrors(errors: YAMLError[]): void {
  const at = errors.findIndex((error) => STACK_OVERFLOW.test(error.message));
  if (at === -1) return;
  const pos = errors[at]!.pos;
  errors.splice(0, errors.length, nestedTooDeep(pos[0]));
}

function nestedTooDeep(at: number): YAMLParseError {
  return new YAMLParseError(
    [at, at + 1],
    NESTED_TOO_DEEP,
    `The file is nested more than ${MAX_YAML_DEPTH} levels deep`,
  );
}

/** Texts up to this length keep their parse for the next reader: a flow of some 1,000 steps. */
const SHARED_PARSE_MAX_CHARS = 128 * 1024;
const SHARED_PARSES = 4;
const sharedParses = new Map<string, ParsedYaml>();

/**
 * parseYaml for code that only reads the document (validation, the graph, the outline): the parses
 * of the last few texts are kept, so a text that is validated, drawn and outlined after a
 * keystroke or a canvas gesture is parsed once. The document must not be changed; code that edits
 * one parses its own with parseYaml.
 */
export function parseYamlForReading(text: string): ParsedYaml {
  if (text.length > SHARED_PARSE_MAX_CHARS) return readOnly(parseYaml(text));
  const kept = sharedParses.get(text);
  if (kept) {
    // Most recently used last, so the oldest is the one dropped.
    sharedParses.delete(text);
    sharedParses.set(text, kept);
    return kept;
  }
  const parsed = readOnly(parseYaml(text));
  sharedParses.set(text, parsed);
  if (sharedParses.size > SHARED_PARSES) sharedParses.delete(sharedParses.keys().next().value!);
  return parsed;
}

function readOnly(parsed: ParsedYaml): ParsedYaml {
  // Odd keys (`? [a]`) are reported by the schema; converting must not also print yaml's warnings to stderr.
  parsed.document.options.logLevel = 'error';
  return parsed;
}

/** Marks the error parseYaml reports for nesting beyond MAX_YAML_DEPTH. */
export const NESTED_TOO_DEEP = 'NESTED_TOO_DEEP' as ErrorCode;

/** Duplicate scalar keys (compared by value, as the yaml package does: `1` and "1" differ) and too deep nesting. */
function structureErrors(root: Node | null): YAMLParseError[] {
  const found: YAMLParseError[] = [];
  // An explicit stack: a deeply nested file must not overflow the call stack.
  const pending: Array<[unknown, number]> = [[root, 0]];
  while (pending.length > 0) {
    const [node, depth] = pending.pop()!;
    if ((isMap(node) || isSeq(node)) && depth >= MAX_YAML_DEPTH) {
      const at = node.range?.[0] ?? 0;
      return [nestedTooDeep(at)];
    }
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key)) {
          if (seen.has(key.value) && key.range)
            found.push(new YAMLParseError([key.range[0], key.range[1]], 'DUPLICATE_KEY', 'Map keys must be unique'));
          seen.add(key.value);
        } else {
          pending.push([key, depth + 1]);
        }
        pending.push([pair.value, depth + 1]);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) pending.push([item, depth + 1]);
    }
  }
  return found.sort((a, b) => a.pos[0] - b.pos[0]);
}

/** The first anchor (`&name`) or alias (`*name`) of the document, for files that refuse them. */
export function firstAnchorOrAlias(document: Document.Parsed): Node | undefined {
  const pending: unknown[] = [document.contents];
  while (pending.length > 0) {
    const node = pending.pop();
    if (isAlias(node)) return node;
    if (isScalar(node) || isMap(node) || isSeq(node)) {
      if (node.anchor) return node;
    }
    // Pushed last to first, so that the stack gives them back in file order.
    if (isMap(node)) {
      for (const pair of [...node.items].reverse()) pending.push(pair.value, pair.key);
    } else if (isSeq(node)) {
      for (const item of [...node.items].reverse()) pending.push(item);
    }
  }
  return undefined;
}

/**
 * Converts to plain values with alias expansion bounded. Returns an error message instead of
 * throwing when the document expands too far.
 */
export function toPlainValue(document: Document.Parsed): { value: unknown } | { error: string } {
  try {
    return { value: document.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { error: message };
  }
}

/** Parse and convert in one: the plain value, or the first problem as one line of text. */
export function parsePlainYaml(text: string): { value: unknown } | { error: string } {
  const parsed = parseYaml(text);
  const first = parsed.errors[0];
  if (first) {
    const { line, column } = positionOf(parsed.lineCounter, first.pos[0]);
    return {
      error: `${first.message.split('\n')[0]!.replace(/ at line \d+, column \d+.*$/, '')} (line ${line}, column ${column})`,
    };
  }
  return toPlainValue(parsed.document);
}

/** 1-based line and column of a character offset. */
export function positionOf(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}

// Plain scalars that YAML would read as something other than the same text.
const NOT_PLAIN_TEXT =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.inf|\.Inf|\.INF)|\.nan|\.NaN|\.NAN|[-+]?[0-9][0-9_.:eExXoO+-]*|0x[0-9a-fA-F]+|0o[0-7]+)$/;

/** Whether a plain scalar reads as this very text (not a number, a boolean or null). */
export function readsAsPlainText(raw: string): boolean {
  return !NOT_PLAIN_TEXT.test(raw);
}

/** The text of a plain, single- or JSON-compatible double-quoted scalar; undefined for anything else. */
export function scalarText(raw: string): string | undefined {
  if (raw.startsWith('"')) {
    if (!raw.endsWith('"') || raw.length < 2) return undefined;
    try {
      const value: unknown = JSON.parse(raw);
      return typeof value === 'string' ? value : undefined;
    } catch {
      return undefined;
    }
  }
  if (raw.startsWith("'")) {
    const inner = raw.slice(1, -1);
    if (!raw.endsWith("'") || raw.length < 2 || /'(?!')/.test(inner.replace(/''/g, ''))) return undefined;
    return inner.replace(/''/g, "'");
  }
  if (raw === '' || /^[-?:,[\]{}#&*!|>'"%@`\s]/.test(raw) || /\s$|: |\s#|\t/.test(raw) || NOT_PLAIN_TEXT.test(raw))
    return undefined;
  return raw;
}
