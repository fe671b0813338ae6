/**
 * Validation entry points. (Stub: YAML syntax only. The full schema + semantic validation
 * replaces the bodies; the signatures are the contract the lifecycle, CLI and extension use.)
 */
import type { FlowDefinition } from '../model';
import { parseYaml, positionOf, toPlainValue } from '../yamlText';

export type Severity = 'error' | 'warning';

/** One finding, as `validate --json` prints it. Lines and columns are 1-based. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  code: string;
  message: string;
}

/** What validation of one file needs to know about the rest of the workspace. */
export interface WorkspaceContext {
  /** Id of the flow the file belongs to, when known (for goto-flow cycles). */
  flowId?: string;
  flowExists(flowId: string): boolean;
  hasPublishedVersion(flowId: string): boolean;
  /** Flows that the published version of `flowId` goes to with goto-flow steps ([] when none). */
  publishedGotoTargets(flowId: string): string[];
  /** All flow ids, for "did you mean". */
  flowIds(): Iterable<string>;
}

export interface ValidationOptions {
  /** Publishing: a goto-flow to a flow without a published version is an error, not a warning. */
  forPublish?: boolean;
}

export interface ValidationResult {
  problems: Problem[];
  /** The parsed flow when the file is structurally valid enough to use. */
  definition?: FlowDefinition;
}

export function countBySeverity(problems: readonly Problem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const p of problems) if (p.severity === 'error') errors++;
  return { errors, warnings: problems.length - errors };
}

export function validateFlowText(text: string, file: string, _context?: WorkspaceContext, _options?: ValidationOptions): ValidationResult {
  const parsed = parseYaml(text);
  const problems: Problem[] = parsed.errors.map((e) => ({
    file,
    ...positionOf(parsed.lineCounter, e.pos[0]),
    severity: 'error' as const,
    code: e.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'yaml-syntax',
    message: e.message,
  }));
  if (problems.length > 0) return { problems };
  const plain = toPlainValue(parsed.document);
  if ('error' in plain) return { problems: [{ file, line: 1, column: 1, severity: 'error', code: 'yaml-alias-limit', message: plain.error }] };
  return { problems, definition: plain.value as FlowDefinition };
}

/** flows/<id>/flow.yaml */
export function validateManifestText(text: string, file: string): Problem[] {
  return validateFlowText(text, file).problems;
}

/** numbers.yaml; `context` checks that assigned flows exist and are published. */
export function validateNumbersText(text: string, file: string, _context?: WorkspaceContext): Problem[] {
  return validateFlowText(text, file).problems;
}

/** callflow.yaml */
export function validateSettingsText(text: string, file: string): Problem[] {
  return validateFlowText(text, file).problems;
}
