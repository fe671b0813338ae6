/* eslint-disable @typescript-eslint/restrict-template-expressions -- AJV types its error params as unknown; each keyword's params are numbers or strings */
/**
 * Turns AJV's errors into problems an admin can act on: one problem per root cause, placed
 * on the YAML node to change, in plain words (no "must have required property").
 */
import type { ErrorObject } from 'ajv';
import { closestMatch } from '../ids';
import { CONDITION_OPERATORS, STEP_TYPES } from '../model';
import { FORMAT_MEANING, isStepType, PATTERN_MEANING, purposeOf, STEP_TYPE_LIST, valueKindOf } from './glossary';
import type { ProblemFacts, ProblemReporter } from './problems';
import type { FileKind } from './schemaRegistry';
import type { NodeTarget, PathSegment } from './yamlLocator';

interface Finding {
  path: PathSegment[];
  target: NodeTarget;
  code: string;
  message: string;
  facts?: ProblemFacts;
}

export function reportSchemaErrors(
  kind: FileKind,
  errors: readonly ErrorObject[],
  root: unknown,
  schema: object,
  reporter: ProblemReporter,
): void {
  const describer = new SchemaErrorDescriber(kind, root, schema, reporter);
  for (const error of withoutEchoes(errors)) {
    const finding = describer.describe(error);
    reporter.report(finding.path, finding.target, 'error', finding.code, finding.message, finding.facts);
  }
}

/**
 * AJV reports one mistake several times: a failed `anyOf` also reports each branch, a bad
 * key reports both `propertyNames` and the pattern inside it, a step without `type` reports
 * both `required` and the discriminator. Keep the most telling one.
 */
function withoutEchoes(errors: readonly ErrorObject[]): ErrorObject[] {
  const combinators = errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf');
  const discriminated = new Set(errors.filter((e) => e.keyword === 'discriminator').map((e) => e.instancePath));
  return errors.filter((e) => {
    if (e.keyword === 'propertyNames') return false;
    if (e.keyword === 'required' && e.params.missingProperty === 'type' && discriminated.has(e.instancePath))
      return false;
    // The step's `type` enum (for editors) repeats what the discriminator says of an unknown type.
    if (e.keyword === 'enum' && e.instancePath.endsWith('/type') && discriminated.has(e.instancePath.slice(0, -5)))
      return false;
    return !combinators.some(
      (c) => c !== e && c.instancePath === e.instancePath && e.schemaPath.startsWith(`${c.schemaPath}/`),
    );
  });
}

export function pathOf(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

class SchemaErrorDescriber {
  constructor(
    private readonly kind: FileKind,
    private readonly root: unknown,
    private readonly schema: object,
    private readonly reporter: ProblemReporter,
  ) {}

  describe(error: ErrorObject): Finding {
    const path = pathOf(error.instancePath);
    const params = error.params as Record<string, unknown>;
    const label = this.label(path);
    switch (error.keyword) {
      case 'required': {
        const missing = String(params.missingProperty);
        const purpose =
          this.kind === 'numbers' ? purposeOf(missing, 'numbers') : purposeOf(missing, this.stepTypeAt(path));
        return {
          path,
          target: 'key',
          code: 'missing-field',
          message: `${this.subject(path)} is missing "${missing}"${purpose ? ` (${purpose})` : ''}.`,
          facts: { field: missing },
        };
      }
      case 'additionalProperties': {
        const extra = String(params.additionalProperty);
        const noun = this.noun(path);
        const fields = Object.keys(this.schemaAt(parentPointer(error.schemaPath))?.properties ?? {}).filter(
          (f) => f !== 'type',
        );
        const suggestion = closestMatch(extra, fields);
        return {
          path: [...path, extra],
          target: 'key',
          code: 'unknown-field',
          message: `"${extra}" is not a field of ${noun}.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Fields of ${noun}: ${fields.join(', ')}.`,
          facts: { suggestion },
        };
      }
      case 'discriminator':
        return this.describeStepType(path, params);
      case 'type': {
        const types = String(params.type).split(',');
        const value = valueAt(this.root, path);
        if (this.isStepPath(path)) {
          return {
            path,
            target: 'value',
            code: 'schema',
            message: `${this.subject(path)} must be a mapping of fields, starting with its "type" (e.g. type: hangup).`,
          };
        }
        const kind = valueKindOf(isIndex(this.root, path) ? undefined : lastField(path), types);
        if (value === null || value === undefined)
          return { path, target: 'value', code: 'schema', message: `${label} is empty: it must be ${kind}.` };
        const quotable = types.includes('string') && typeof value === 'number';
        const quoteHint = quotable
          ? ` Put it in quotes: "${this.reporter.locator.sourceOf(path, 'value') ?? String(value)}".`
          : '';
        return {
          path,
          target: 'value',
          code: 'schema',
          message: `${label} must be ${kind}.${quoteHint}`,
          ...(quotable ? { facts: { quote: true } } : {}),
        };
      }
      case 'const': {
        const purpose = purposeOf(String(lastField(path)));
        return {
          path,
          target: 'value',
          code: 'schema',
          message: `${label} must be ${JSON.stringify(params.allowedValue)}${purpose ? ` (${purpose})` : ''}.`,
        };
      }
      case 'enum': {
        const allowed = (params.allowedValues as unknown[]).map(String);
        const value = String(valueAt(this.root, path));
        const suggestion = allowed.find((a) => a.toLowerCase() === value.toLowerCase()) ?? closestMatch(value, allowed);
        return {
          path,
          target: 'value',
          code: 'schema',
          message: `${label} must be one of: ${allowed.join(', ')}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
          facts: { suggestion },
        };
      }
      case 'minimum':
        return this.bound(path, `${label} must be at least ${params.limit}.`);
      case 'exclusiveMinimum':
        return this.bound(path, `${label} must be more than ${params.limit}.`);
      case 'maximum':
        return this.bound(path, `${label} must be at most ${params.limit}.`);
      case 'exclusiveMaximum':
        return this.bound(path, `${label} must be less than ${params.limit}.`);
      case 'minLength':
        return this.bound(
          path,
          params.limit === 1
            ? `${label} cannot be empty.`
            : `${label} must be at least ${params.limit} characters long.`,
        );
      case 'maxLength':
        return this.bound(path, `${label} is too long: at most ${params.limit} characters.`);
      case 'minItems':
      case 'minProperties': {
        if (error.keyword === 'minProperties' && lastField(path) === 'when') {
          return {
            path,
            target: 'key',
            code: 'schema',
            message: `${this.subject(path)} has no test. Add one of: ${CONDITION_OPERATORS.join(', ')}.`,
          };
        }
        const purpose = purposeOf(String(lastField(path)), this.stepTypeAt(path.slice(0, -1)));
        return {
          path,
          target: 'key',
          code: 'schema',
          message:
            Number(params.limit) === 1
              ? `${label} cannot be empty${purpose ? `: give ${purpose}` : ''}.`
              : `${label} needs at least ${params.limit} entries.`,
        };
      }
      case 'maxProperties': {
        if (lastField(path) === 'when') {
          const tests = Object.keys((valueAt(this.root, path) as object) ?? {}).filter((k) => k !== 'variable');
          return {
            path,
            target: 'key',
            code: 'schema',
            message: `${this.subject(path)} has more than one test (${tests.join(', ')}). Use one test per branch, and add a branch for each further test.`,
          };
        }
        return this.bound(path, `${label} has too many entries (at most ${params.limit}).`);
      }
      case 'maxItems':
        return this.bound(path, `${label} has too many entries (at most ${params.limit}).`);
      case 'pattern': {
        const propertyName = (error as ErrorObject & { propertyName?: string }).propertyName;
        const explain = PATTERN_MEANING[String(params.pattern)];
        if (propertyName !== undefined) {
          return {
            path: [...path, propertyName],
            target: 'key',
            code: 'schema',
            message: explain ? explain(`"${propertyName}"`) : `"${propertyName}" is not allowed as a key here.`,
          };
        }
        const shown = `${label} ("${String(valueAt(this.root, path))}")`;
        return this.bound(path, explain ? explain(shown) : `${shown} is not in the expected form.`);
      }
      case 'format': {
        const meaning = FORMAT_MEANING[String(params.format)];
        return this.bound(path, `${label} must be ${meaning ?? `in ${String(params.format)} form`}.`);
      }
      case 'anyOf':
      case 'oneOf':
        if (this.stepTypeAt(path) === 'play') {
          return {
            path,
            target: 'key',
            code: 'missing-field',
            message: `${this.subject(path)} has nothing to play: give it "say" (text read to the caller) or "audio" (a recording).`,
          };
        }
        return {
          path,
          target: 'key',
          code: 'schema',
          message: `${this.subject(path)} does not have one of the allowed sets of fields.`,
        };
      default:
        return { path, target: 'value', code: 'schema', message: `${label} is not valid here.` };
    }
  }

  private describeStepType(path: PathSegment[], params: Record<string, unknown>): Finding {
    const step = valueAt(this.root, path) as Record<string, unknown> | undefined;
    if (params.error === 'tag' && (step === undefined || step === null || !('type' in step))) {
      return {
        path,
        target: 'key',
        code: 'missing-field',
        message: `${this.subject(path)} has no "type". Step types: ${STEP_TYPE_LIST}.`,
      };
    }
    const given = String(params.tagValue ?? step?.type);
    const suggestion = closestMatch(given, STEP_TYPES);
    return {
      path: [...path, 'type'],
      target: 'value',
      code: 'unknown-step-type',
      message: `"${given}" is not a step type.${suggestion ? ` Did you mean "${suggestion}"?` : ''} Step types: ${STEP_TYPE_LIST}.`,
      facts: { suggestion },
    };
  }

  private bound(path: PathSegment[], message: string): Finding {
    return { path, target: 'value', code: 'schema', message };
  }

  private isStepPath(path: PathSegment[]): boolean {
    return this.kind === 'flow' && path.length === 2 && path[0] === 'steps';
  }

  /** The type of the step a path is inside, when it has a known one. */
  private stepTypeAt(path: PathSegment[]): string | undefined {
    if (this.kind !== 'flow' || path.length < 2 || path[0] !== 'steps') return undefined;
    const type = (valueAt(this.root, path.slice(0, 2)) as { type?: unknown } | undefined)?.type;
    return isStepType(type) ? type : undefined;
  }

  /** Sentence subject for the object at `path`: `Step "menu"`, `Branch 2 of step "check"`. */
  private subject(path: PathSegment[]): string {
    if (path.length === 0) {
      return { flow: 'The flow', manifest: 'The manifest', numbers: 'numbers.yaml', settings: 'callflow.yaml' }[
        this.kind
      ];
    }
    if (this.kind === 'flow' && path[0] === 'steps' && path.length >= 2) {
      const step = `step "${path[1]}"`;
      if (path.length === 2) return `Step "${path[1]}"`;
      if (path[2] === 'branches' && path.length === 4) return `Branch ${Number(path[3]) + 1} of ${step}`;
      if (path[2] === 'branches' && path.length === 5 && path[4] === 'when')
        return `The "when" of branch ${Number(path[3]) + 1} of ${step}`;
      return `"${lastField(path)}" of ${step}`;
    }
    if (this.kind === 'manifest' && path[0] === 'versions' && path.length === 2) {
      const version = (valueAt(this.root, path) as { version?: unknown } | undefined)?.version;
      return typeof version === 'number' ? `The entry of v${version}` : `Version entry ${Number(path[1]) + 1}`;
    }
    if (this.kind === 'numbers' && path[0] === 'numbers' && path.length === 2) return `The assignment of ${path[1]}`;
    return this.label(path);
  }

  /** Noun phrase for the kind of object at `path`, for "is not a field of <noun>". */
  private noun(path: PathSegment[]): string {
    if (path.length === 0)
      return { flow: 'a flow', manifest: 'a flow manifest', numbers: 'numbers.yaml', settings: 'callflow.yaml' }[
        this.kind
      ];
    if (this.isStepPath(path)) {
      const type = this.stepTypeAt(path);
      return type ? `${type === 'assign-dial' || type === 'http' ? 'an' : 'a'} ${type} step` : 'a step';
    }
    if (this.kind === 'flow' && path[2] === 'branches')
      return path.length === 4 ? 'a condition branch' : 'a condition test';
    if (this.kind === 'manifest' && path[0] === 'versions') return 'a version entry';
    if (this.kind === 'numbers' && path[0] === 'numbers') return 'a number assignment';
    return `"${lastField(path)}"`;
  }

  /** How to name the value at `path` in a sentence: `"timeout"`, `Item 2 of "holidays"`. */
  private label(path: PathSegment[]): string {
    const last = path[path.length - 1];
    if (last === undefined) return this.subject(path);
    if (isIndex(this.root, path)) {
      const parent = path[path.length - 2];
      return `Item ${Number(last) + 1} of "${parent}"`;
    }
    return `"${last}"`;
  }

  private schemaAt(pointer: string): { properties?: Record<string, unknown> } | undefined {
    let node: unknown = this.schema;
    for (const segment of pathOf(pointer.replace(/^#/, ''))) {
      if (node === null || typeof node !== 'object') return undefined;
      node = (node as Record<string, unknown>)[String(segment)];
    }
    return node as { properties?: Record<string, unknown> } | undefined;
  }
}

function parentPointer(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf('/'));
}

function lastField(path: PathSegment[]): string | undefined {
  const last = path[path.length - 1];
  return last === undefined ? undefined : String(last);
}

function isIndex(root: unknown, path: PathSegment[]): boolean {
  return path.length >= 2 && Array.isArray(valueAt(root, path.slice(0, -1)));
}

export function valueAt(root: unknown, path: readonly PathSegment[]): unknown {
  let value = root;
  for (const segment of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[String(segment)];
  }
  return value;
}
