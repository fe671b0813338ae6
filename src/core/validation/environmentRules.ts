/**
 * A flow that says `{{env.NAME}}` is checked once per environment, with that environment's values
 * filled in, so that a field's rules (a transfer's E.164 number, an http URL) hold in every one.
 * Problems every environment shares are reported once; one only some have names them ("In prod:").
 * A reference an environment cannot fill is reported at the reference itself.
 */
import type { EnvironmentSettings } from '../model';
import {
  applyEnvironment,
  ENVIRONMENT_VALUE_NAME,
  referencesIn,
  type EnvironmentReference,
} from '../environmentReferences';
import type { Problem, ProblemReporter } from './problems';
import type { PathSegment } from './yamlLocator';

/** A `{{env.…}}` or `{{secret.…}}` found in a step's text, with the path of the field holding it. */
export interface PlacedReference extends EnvironmentReference {
  path: PathSegment[];
}

const MAX_DEPTH = 64;

/** Every reference in the flow's steps, in document order. */
export function placedReferences(value: unknown): PlacedReference[] {
  const found: PlacedReference[] = [];
  const walk = (node: unknown, path: PathSegment[]): void => {
    if (typeof node === 'string') {
      for (const reference of referencesIn(node)) found.push({ ...reference, path });
      return;
    }
    if (path.length > MAX_DEPTH || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) node.forEach((item, index) => walk(item, [...path, index]));
    else for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
  };
  walk((value as { steps?: unknown } | null)?.steps, ['steps']);
  return found;
}

/** Whether a text uses environment references at all: the common flow skips all of this. */
export function mayReferenceEnvironments(text: string): boolean {
  return /\{\{\s*(?:env|secret)\./.test(text);
}

/** Where the problems of the references themselves go, placed on them. */
export type ReferenceProblemSink = Pick<ProblemReporter, 'reportWithin'>;

const samePath = (a: readonly PathSegment[], b: readonly PathSegment[]): boolean =>
  a.length === b.length && a.every((segment, i) => segment === b[i]);

/**
 * Runs `validateWith` once per environment (or once as written, without environments) and merges
 * the problems. `validateWith(transform)` validates the file with the value transformed.
 */
export function validateAcrossEnvironments(
  references: readonly PlacedReference[],
  environments: readonly EnvironmentSettings[] | undefined,
  validateWith: (transform?: (value: unknown) => unknown) => Problem[],
  sink: ReferenceProblemSink,
): Problem[] {
  for (const reference of references) checkReferenceForm(reference, sink);
  const envReferences = references.filter((r) => r.kind === 'env' && ENVIRONMENT_VALUE_NAME.test(r.name));
  // A field whose reference cannot be filled is reported at the reference; its other problems would only echo that.
  const withoutPaths = (problems: Problem[], paths: readonly PlacedReference[]): Problem[] =>
    problems.filter((p) => !paths.some((r) => p.data && samePath(p.data.path, r.path)));

  if (!environments || environments.length === 0) {
    for (const reference of envReferences)
      sink.reportWithin(
        reference.path,
        reference.text,
        'error',
        'no-environments',
        `"${reference.text}" names an environment value, but callflow.yaml defines no environments. Add environments: with a value for ${reference.name} to each (docs/environments.md), or write the value here.`,
      );
    return withoutPaths(validateWith(), envReferences);
  }

  const byProblem = new Map<string, { problem: Problem; environments: string[] }>();
  for (const environment of environments) {
    const missing = envReferences.filter((r) => !Object.hasOwn(environment.values, r.name));
    for (const reference of missing)
      sink.reportWithin(
        reference.path,
        reference.text,
        'error',
        'missing-environment-value',
        `${environment.name} has no value for ${reference.name}. Add ${reference.name} under environments.${environment.name}.values in callflow.yaml.`,
      );
    const problems = withoutPaths(
      validateWith((value) => applyEnvironment(value, environment.values)),
      missing,
    );
    for (const problem of problems) {
      const key = `${problem.line}:${problem.column}:${problem.code}:${problem.message}`;
      const entry = byProblem.get(key);
      if (entry) entry.environments.push(environment.name);
      else byProblem.set(key, { problem, environments: [environment.name] });
    }
  }
  return [...byProblem.values()].map(({ problem, environments: where }) =>
    where.length === environments.length
      ? problem
      : { ...problem, message: `In ${where.join(', ')}: ${problem.message}` },
  );
}

function checkReferenceForm(reference: PlacedReference, sink: ReferenceProblemSink): void {
  if (!ENVIRONMENT_VALUE_NAME.test(reference.name)) {
    sink.reportWithin(
      reference.path,
      reference.text,
      'error',
      'invalid-environment-reference',
      `"${reference.text}" does not name a value: use letters, digits and "_" after "${reference.kind}.", e.g. {{${reference.kind}.support_number}}.`,
    );
    return;
  }
  // A secret is sent to a web service, never spoken or dialled: only an http step's url and body may hold one.
  const field = reference.path[reference.path.length - 1];
  if (reference.kind === 'secret' && field !== 'url' && field !== 'body') {
    sink.reportWithin(
      reference.path,
      reference.text,
      'error',
      'secret-outside-http',
      `"${reference.text}" is a secret; only an http step's url and body may use one, so that it is never spoken or dialled.`,
    );
  }
}
