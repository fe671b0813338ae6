/**
 * The first stage every file goes through: size limit, YAML parse with positions, syntax
 * errors and duplicate keys, then conversion to plain values with alias expansion bounded.
 */
import { isMap, type YAMLError } from 'yaml';
import type { LimitedFileKind } from '../fileLimits';
import {
  byteLength,
  MAX_ALIAS_COUNT,
  parseYamlForReading,
  sizeProblem,
  fullParseSizeProblem,
  splitHint,
  toPlainValue,
  type ParsedYaml,
} from '../yamlText';
import type { Problem } from './problems';
import { syntaxMessage } from './syntaxMessages';
import { damagedRegion, type DamagedRegion } from './syntaxRecovery';
import { YamlLocator } from './yamlLocator';

export type LoadedYaml =
  | {
      ok: true;
      parsed: ParsedYaml;
      locator: YamlLocator;
      value: unknown;
      /** Syntax errors (the parser recovered from them) and warnings. */
      syntaxProblems: Problem[];
      /** What the syntax errors may have garbled; empty when there are none. */
      damage: DamagedRegion[];
    }
  | { ok: false; problems: Problem[] };

export function loadYaml(text: string, file: string, kind: LimitedFileKind = 'flow'): LoadedYaml {
  const tooLarge = sizeProblem(byteLength(text), kind) ?? fullParseSizeProblem(byteLength(text), kind);
  if (tooLarge) return refuse(file, 'file-too-large', `The file is too large: ${tooLarge}. ${splitHint(kind)}`);
  const parsed = parseYamlForReading(text);
  const locator = YamlLocator.of(text, parsed);
  const root = parsed.document.contents;
  // After one syntax error the parser often reads the rest of its entry as stray tokens; those
  // follow-on errors are noise once the first is reported.
  const errors: YAMLError[] = [];
  const damage: DamagedRegion[] = [];
  for (const error of parsed.errors) {
    const region = damagedRegion(root, error, errorStart(error, text));
    const entry = region.path.join('/');
    if (
      damage.some((seen) => seen.path.join('/') === entry) ||
      (errors.length > 0 && error.code === 'UNEXPECTED_TOKEN')
    )
      continue;
    errors.push(error);
    // A second document is past the end of the first, which is whole.
    damage.push(error.code === 'MULTIPLE_DOCS' ? { path: [], start: region.start, end: text.length } : region);
  }
  const syntaxProblems = errors.map((error) => syntaxProblem(error, text, file, locator, 'error'));
  // Nothing to recover when the file is not a mapping at all, or an error sits before its first entry.
  const unplaced = damage.some((region, i) => region.path.length === 0 && errors[i]!.code !== 'MULTIPLE_DOCS');
  if (errors.length > 0 && (!isMap(root) || unplaced)) return { ok: false, problems: syntaxProblems };
  syntaxProblems.push(...parsed.warnings.map((warning) => syntaxProblem(warning, text, file, locator, 'warning')));
  const plain = toPlainValue(parsed.document);
  if ('error' in plain) {
    if (errors.length > 0) return { ok: false, problems: syntaxProblems };
    return refuse(
      file,
      'yaml-alias-limit',
      `The file repeats YAML aliases (*name) more than ${MAX_ALIAS_COUNT} times over; it is refused to protect the tools from ` +
        'expanding it without end. Write the repeated values out instead of using anchors and aliases.',
    );
  }
  return { ok: true, parsed, locator, value: plain.value, syntaxProblems, damage };
}

/** Where an error really starts: an unclosed quote is reported where the text ran out, not where it opened. */
function errorStart(error: YAMLError, text: string): number {
  if (error.code === 'MISSING_CHAR' && /quote/.test(error.message))
    return unclosedQuote(text, error.message.includes("'") ? "'" : '"') ?? error.pos[0];
  return error.pos[0];
}

function refuse(file: string, code: string, message: string): LoadedYaml {
  return { ok: false, problems: [{ file, line: 1, column: 1, severity: 'error', code, message }] };
}

function syntaxProblem(
  error: YAMLError,
  text: string,
  file: string,
  locator: YamlLocator,
  severity: 'error' | 'warning',
): Problem {
  const [start, end] = error.pos;
  const span = locator.spanOfOffsets(start, end);
  if (error.code === 'MISSING_CHAR' && /quote/.test(error.message)) {
    const opening = unclosedQuote(text, error.message.includes("'") ? "'" : '"');
    if (opening !== undefined) {
      return {
        file,
        ...locator.spanOfOffsets(opening, opening + 1),
        severity,
        code: 'yaml-syntax',
        message: 'YAML syntax: the quoted text that starts here is never closed. Add the closing quote.',
      };
    }
  }
  if (error.code === 'DUPLICATE_KEY') {
    const key = keyAt(text, start);
    return {
      file,
      ...span,
      severity,
      code: 'duplicate-key',
      message: `"${key}" appears twice in the same place. Each key may be given only once; remove or rename one of them.`,
    };
  }
  return {
    file,
    ...span,
    severity,
    code: severity === 'error' ? 'yaml-syntax' : 'yaml-warning',
    message: syntaxMessage(error, text),
  };
}

/** The key written at `offset`, without its quotes. */
function keyAt(text: string, offset: number): string {
  const match = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^:\n]+?)\s*:/.exec(text.slice(offset, offset + 300));
  const key = match ? match[1]! : text.slice(offset, offset + 1);
  return key.trim().replace(/^["']|["']$/g, '');
}

/**
 * The yaml package reports an unclosed quote at the end of the file, where the text ran out.
 * The admin needs the line where it opened: the first line with an odd number of such quotes.
 */
function unclosedQuote(text: string, quote: string): number | undefined {
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const content = line.replace(quote === '"' ? /\\./g : /''/g, '__');
    const positions = [...content].flatMap((ch, i) => (ch === quote ? [i] : []));
    if (positions.length % 2 === 1) return lineStart + positions[positions.length - 1]!;
    lineStart += line.length + 1;
  }
  return undefined;
}
