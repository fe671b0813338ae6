import { type Document, LineCounter, parseDocument, type YAMLError } from 'yaml';
import { InvalidInputError } from './errors';

/** Files larger than this are refused before parsing: no real flow comes close, and it bounds the work. */
export const MAX_YAML_BYTES = 5 * 1024 * 1024;
/**
 * Bounds alias expansion ("billion laughs"). The yaml package counts every node an alias
 * expands to against this when converting to plain values.
 */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  document: Document.Parsed;
  lineCounter: LineCounter;
  /** Syntax errors and duplicate keys, with positions. */
  errors: YAMLError[];
  warnings: YAMLError[];
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

export function assertYamlSize(text: string, file: string): void {
  assertYamlByteSize(byteLength(text), file);
}

/** For callers that can check the size on disk before reading the file. */
export function assertYamlByteSize(bytes: number, file: string): void {
  if (bytes > MAX_YAML_BYTES) {
    throw new InvalidInputError(
      'file-too-large',
      `${file} is ${(bytes / 1024 / 1024).toFixed(1)} MB; flow files are limited to ${MAX_YAML_BYTES / 1024 / 1024} MB.`,
      'Split the flow into smaller flows joined with goto-flow steps.',
    );
  }
}

/** Parses keeping source positions; never throws on bad YAML (errors are returned). */
export function parseYaml(text: string): ParsedYaml {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  return { document, lineCounter, errors: document.errors, warnings: document.warnings };
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

/** 1-based line and column of a character offset. */
export function positionOf(lineCounter: LineCounter, offset: number): { line: number; column: number } {
  const pos = lineCounter.linePos(offset);
  return { line: pos.line, column: pos.col };
}
