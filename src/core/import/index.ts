/**
 * `callflow import`'s core: an exported flow of Twilio Studio, Amazon Connect or Genesys Architect
 * in, a flow definition with its report out. Pure: the edges read the file and the lifecycle writes
 * the new flow.
 */
import { InvalidInputError } from '../errors';
import { FILE_SIZE_LIMITS } from '../fileLimits';
import { byteLength } from '../yamlText';
import { detectDialect, looksLikeArchy, unknownDialect } from './detect';
import type { ConvertContext, Converted } from './context';
import { placeholdersOf, substitutePlaceholders } from './placeholders';
import { assertImportSize, looksLikeJson, parseSourceText, type SourceValue } from './sourceText';
import { convertTwilioStudio } from './twilioStudio';
import { convertAmazonConnect } from './amazonConnect';
import { convertGenesysArchy } from './genesysArchy';
import { DIALECT_NAMES, IMPORT_DIALECTS, type ImportDialect, type ImportedFlow, type ImportOptions } from './types';
import { writeImportedFlow } from './yamlWriter';
import { countImportResults } from './report';

export * from './types';
export { MAX_IMPORT_BYTES } from './sourceText';
export { KNOWN_SHAPES } from './detect';
export { countImportResults, importReportMarkdown, type ImportReportDocument } from './report';

const CONVERTERS: Readonly<Record<ImportDialect, (value: SourceValue, context: ConvertContext) => Converted>> = {
  'twilio-studio': convertTwilioStudio,
  'amazon-connect': convertAmazonConnect,
  'genesys-archy': convertGenesysArchy,
};

function assertConvertedSize(text: string, fileName: string, steps: number): void {
  const bytes = byteLength(text);
  if (bytes > FILE_SIZE_LIMITS.flow)
    throw new InvalidInputError(
      'import-too-large',
      `${fileName} converts to a flow of ${steps.toLocaleString('en-US')} steps (${Math.ceil(bytes / 1024).toLocaleString('en-US')} KB), over the ${FILE_SIZE_LIMITS.flow / 1024} KB limit of a flow version.`,
      'Split the source flow into smaller flows (subflows, modules or tasks) and import each.',
    );
}

/**
 * The Archy `{{placeholders}}` of a text that `set` gives no value for (none when the text is
 * not an Archy file): what an editor asks for before importing.
 */
export function missingPlaceholders(text: string, set: ReadonlyMap<string, string>, from?: ImportDialect): string[] {
  const archy = from === 'genesys-archy' || (from === undefined && !looksLikeJson(text) && looksLikeArchy(text));
  return archy ? placeholdersOf(text).filter((name) => !set.has(name)) : [];
}

export function isImportDialect(value: string): value is ImportDialect {
  return (IMPORT_DIALECTS as readonly string[]).includes(value);
}

/** Converts an exported flow; throws an InvalidInputError (exit 2) for a file it refuses, having written nothing. */
export function importFlowSource(text: string, options: ImportOptions): ImportedFlow {
  assertImportSize(text, options.fileName);
  let source = text;
  const archyText =
    options.from === 'genesys-archy' || (options.from === undefined && !looksLikeJson(text) && looksLikeArchy(text));
  if (archyText) source = substitutePlaceholders(text, options.set ?? new Map(), options.fileName);
  else if (options.set && options.set.size > 0)
    throw new InvalidInputError(
      'import-set-unused',
      `--set fills {{placeholders}} of Genesys Archy files; ${options.fileName} is not one.`,
      'Leave out --set, or give the Archy YAML file.',
    );
  const value = parseSourceText(source, options.fileName);
  const dialect = options.from ?? detectDialect(value);
  if (!dialect) throw unknownDialect(options.fileName, value);
  const context: ConvertContext = {
    fileName: options.fileName,
    sourceText: source,
    ...(options.timezone ? { timezone: options.timezone } : {}),
  };
  const converted = CONVERTERS[dialect](value, context);
  const { definition, comments, report } = converted.builder.build(converted.startNode);
  const counts = countImportResults(report);
  const header =
    `Imported from ${DIALECT_NAMES[dialect]} (${options.fileName}) by callflow import: ${report.length} source nodes, ` +
    `${counts.approximated} approximated, ${counts.dropped} dropped. Check the "imported:" notes, then save.`;
  const flowText = writeImportedFlow(definition, comments, header);
  assertConvertedSize(flowText, options.fileName, Object.keys(definition.steps).length);
  return {
    dialect,
    ...(converted.name ? { name: converted.name } : {}),
    definition,
    text: flowText,
    report,
  };
}
