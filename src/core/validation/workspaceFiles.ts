/** Validation of the workspace's other files: flow manifests, numbers.yaml and callflow.yaml. */
import { isScalar } from 'yaml';
import { closestMatch, isE164, isFlowId, validateFlowName } from '../ids';
import { loadAndCheckSchema } from './fileStages';
import { asRecord } from './flowSteps';
import { ProblemReporter, type Problem, type SpanLocator } from './problems';
import type { NodeTarget, PathSegment, Span } from './yamlLocator';
import { locateAssignments, type LocatedAssignment } from '../numbersShape';
import { byteLength, sizeProblem } from '../yamlText';
import numbersSchema from '../../../schemas/numbers.schema.json';
import { e164Hint } from './stepRules';
import { checkTimeZone } from './timeRules';
import { NUMBERS_ANCHOR_MESSAGE, numbersAnchorOrAlias, unpublishedNumberTarget } from './numberRules';
import type { WorkspaceContext } from './types';

/** flows/<id>/flow.yaml */
export function validateManifest(text: string, file: string): Problem[] {
  const stage = loadAndCheckSchema('manifest', text, file);
  if (stage.finished) return stage.problems;
  const { reporter, value } = stage;
  if (typeof value.name === 'string') {
    const problem = validateFlowName(value.name);
    if (problem && value.name.length > 0 && value.name.length <= 100)
      reporter.report(['name'], 'value', 'error', 'invalid-name', problem);
  }
  if (Array.isArray(value.versions)) checkLedger(value.versions, reporter);
  return reporter.result();
}

/** The ledger's own invariants: versions once each, at most one draft and one published. */
function checkLedger(versions: unknown[], reporter: ProblemReporter): void {
  const seen = new Set<number>();
  const firstWithStatus = new Map<string, number>();
  versions.forEach((entry, index) => {
    const { version, status } = asRecord(entry) ?? {};
    if (typeof version === 'number') {
      if (seen.has(version)) {
        reporter.report(
          ['versions', index, 'version'],
          'value',
          'error',
          'duplicate-version',
          `v${version} is listed twice. Each version has exactly one entry; version numbers are never reused.`,
        );
      }
      seen.add(version);
    }
    if (status === 'draft' || status === 'published') {
      const earlier = firstWithStatus.get(status);
      if (earlier !== undefined) {
        reporter.report(
          ['versions', index, 'status'],
          'value',
          'error',
          'ledger-conflict',
          `A flow has at most one ${status} version, but entries ${earlier + 1} and ${index + 1} are both ${status}.`,
        );
      } else {
        firstWithStatus.set(status, index);
      }
    }
  });
}

/** numbers.yaml; `context` checks that assigned flows exist and are published. */
export function validateNumbers(text: string, file: string, context?: WorkspaceContext): Problem[] {
  return validateNumbersInCallflowShape(text, file, context) ?? validateNumbersFully(text, file, context);
}

/**
 * A file in the shape callflow writes (numbersLines.ts) has quoted E.164 keys, flow ids, no anchors
 * and no duplicates by construction, so only its labels' length and the flows it names are left to
 * check, without a YAML parse: a file at its limit takes some 40 ms instead of 600. Undefined for any
 * other text, which gets the full validation; a test checks that both agree.
 */
function validateNumbersInCallflowShape(
  text: string,
  file: string,
  context: WorkspaceContext | undefined,
): Problem[] | undefined {
  if (sizeProblem(byteLength(text), 'numbers')) return undefined;
  const located = locateAssignments(text);
  if (!located?.every(({ assignment: { label } }) => label === undefined || [...label].length <= MAX_LABEL_LENGTH))
    return undefined;
  const reporter = new ProblemReporter(file, new NumberLinesLocator(located));
  for (const { assignment } of located) {
    const path = ['numbers', assignment.number];
    checkAssignedFlow(
      assignment.number,
      assignment.flow,
      assignment.label === undefined ? path : [...path, 'flow'],
      reporter,
      context,
    );
  }
  return reporter.result();
}

const MAX_LABEL_LENGTH: number = numbersSchema.properties.numbers.additionalProperties.properties.label.maxLength;

/** Places problems on a number's key or flow id from the line reader's offsets. */
class NumberLinesLocator implements SpanLocator {
  private readonly byNumber: Map<string, LocatedAssignment>;

  constructor(located: LocatedAssignment[]) {
    this.byNumber = new Map(located.map((entry) => [entry.assignment.number, entry]));
  }

  span(path: readonly PathSegment[], target: NodeTarget): Span {
    const entry = this.byNumber.get(String(path[1]));
    if (!entry) return { line: 1, column: 1 };
    const line = entry.line + 1;
    if (target === 'key') return { line, column: 3, endLine: line, endColumn: 5 + entry.assignment.number.length };
    return { line, column: entry.flowStart + 1, endLine: line, endColumn: entry.flowEnd + 1 };
  }

  spanWithin(path: readonly PathSegment[]): Span {
    return this.span(path, 'value');
  }
}

/** Every check of numbers.yaml, on the parsed document. */
export function validateNumbersFully(text: string, file: string, context?: WorkspaceContext): Problem[] {
  const stage = loadAndCheckSchema('numbers', text, file);
  if (stage.finished) return stage.problems;
  const { reporter, value, parsed } = stage;
  const anchor = numbersAnchorOrAlias(parsed.document);
  if (anchor?.range) {
    const { line, col } = parsed.lineCounter.linePos(anchor.range[0]);
    reporter.add({
      file,
      line,
      column: col,
      severity: 'error',
      code: 'yaml-anchor',
      message: `${NUMBERS_ANCHOR_MESSAGE}.`,
    });
  }
  for (const [number, assignment] of Object.entries(asRecord(value.numbers) ?? {})) {
    const path = ['numbers', number];
    checkNumberKey(number, path, reporter);
    const flowPath = typeof assignment === 'string' ? path : [...path, 'flow'];
    const flow = typeof assignment === 'string' ? assignment : asRecord(assignment)?.flow;
    if (typeof flow === 'string' && flow.length > 0) checkAssignedFlow(number, flow, flowPath, reporter, context);
  }
  return reporter.result();
}

/** The flow a number rings: an id, of a flow that exists and is published. */
function checkAssignedFlow(
  number: string,
  flow: string,
  flowPath: PathSegment[],
  reporter: ProblemReporter<SpanLocator>,
  context: WorkspaceContext | undefined,
): void {
  if (!isFlowId(flow)) {
    reporter.report(
      flowPath,
      'value',
      'error',
      'invalid-flow-id',
      `"${flow}" is not a flow id. Flow ids are the folder names under flows/: lowercase letters, digits and dashes (e.g. support-line).`,
    );
  } else if (context && !context.flowExists(flow)) {
    const suggestion = closestMatch(flow, context.flowIds());
    reporter.report(
      flowPath,
      'value',
      'error',
      'unknown-flow',
      `${number} is assigned to "${flow}", but there is no such flow in this workspace.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`,
      { suggestion },
    );
  } else if (context && !context.hasPublishedVersion(flow)) {
    const { severity, message } = unpublishedNumberTarget(number, flow);
    reporter.report(flowPath, 'value', severity, 'unpublished-flow', message);
  }
}

function checkNumberKey(number: string, path: string[], reporter: ProblemReporter): void {
  const key = reporter.locator.resolve(path).key;
  if (isScalar(key) && typeof key.value === 'number') {
    // `+14155550100:` unquoted is the integer 14155550100 to YAML: the plus sign is lost.
    const written = reporter.locator.sourceOf(path, 'key') ?? number;
    const quotable = written.startsWith('+') && isE164(written);
    const message = quotable
      ? `Put the phone number in quotes: "${written}". Without quotes YAML reads it as the number ${number} and drops the plus sign.`
      : `${written} is not a phone number in E.164 form. ${e164Hint(written)}`;
    reporter.report(path, 'key', 'error', 'invalid-phone-number', message, quotable ? { quote: true } : undefined);
    return;
  }
  if (!isE164(number)) {
    reporter.report(
      path,
      'key',
      'error',
      'invalid-phone-number',
      `"${number}" is not a phone number in E.164 form. ${e164Hint(number)}`,
    );
  }
}

/** callflow.yaml */
export function validateSettings(text: string, file: string): Problem[] {
  const stage = loadAndCheckSchema('settings', text, file);
  if (stage.finished) return stage.problems;
  checkTimeZone(stage.value.timezone, ['timezone'], stage.reporter);
  return stage.reporter.result();
}
