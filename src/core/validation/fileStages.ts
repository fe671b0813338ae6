/** The stages every file kind shares: YAML (syntax, size, aliases), then its JSON Schema. */
import { ProblemReporter, type Problem } from './problems';
import { reportSchemaErrors } from './schemaMessages';
import { schemaErrors, schemaOf, type FileKind } from './schemaRegistry';
import { mayBeGarbled } from './syntaxRecovery';
import { loadYaml } from './yamlSource';
import type { ParsedYaml } from '../yamlText';

export type SchemaStage =
  | { finished: true; problems: Problem[] }
  | {
      finished: false;
      reporter: ProblemReporter;
      value: Record<string, unknown>;
      schemaValid: boolean;
      /** The parsed document, for the rules about how the file is written rather than what it says. */
      parsed: ParsedYaml;
    };

const EMPTY_MESSAGES: Partial<Record<FileKind, string>> = {
  flow: 'The file is empty. A flow version needs callflow: 1, trigger: incoming-call, start and steps.',
  manifest: 'The file is empty. A flow manifest needs a name and its list of versions.',
};

/**
 * `transform` gives the value to check in place of the parsed one, with the same paths (an
 * environment's values filled in): problems are still placed on the file's own nodes.
 */
export function loadAndCheckSchema(
  kind: FileKind,
  text: string,
  file: string,
  transform?: (value: unknown) => unknown,
): SchemaStage {
  const loaded = loadYaml(text, file, kind);
  if (!loaded.ok) return { finished: true, problems: loaded.problems };
  const reporter = new ProblemReporter(file, loaded.locator);
  for (const problem of loaded.syntaxProblems) reporter.add(problem);
  const { damage } = loaded;
  const value = transform ? transform(loaded.value) : loaded.value;
  if (damage.length > 0) reporter.omit((problem) => mayBeGarbled(problem, damage, text, loaded.locator, value));
  if (value === null || value === undefined) {
    // An empty numbers.yaml or callflow.yaml simply has nothing in it yet.
    const message = EMPTY_MESSAGES[kind];
    if (message) reporter.add({ file, line: 1, column: 1, severity: 'error', code: 'empty-file', message });
    return { finished: true, problems: reporter.result() };
  }
  const errors = schemaErrors(kind, value);
  reportSchemaErrors(kind, errors, value, schemaOf(kind), reporter);
  if (typeof value !== 'object' || Array.isArray(value)) return { finished: true, problems: reporter.result() };
  return {
    finished: false,
    reporter,
    value: value as Record<string, unknown>,
    // A file with syntax errors is never used as it is, whatever the recovered document says.
    schemaValid: errors.length === 0 && damage.length === 0,
    parsed: loaded.parsed,
  };
}
