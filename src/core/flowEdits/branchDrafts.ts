/**
 * A condition step's branches as the properties panel edits them: one test (variable, operator,
 * value) and the step each leads to. Read here from the step's fields; written by conditions.ts.
 * No YAML here: the canvas page bundles this module.
 */
import { CONDITION_OPERATORS, type ConditionOperator } from '../model';

/** One branch as the panel edits it: `value` is text (for `in`, the items separated by commas). */
export interface BranchDraft {
  variable: string;
  operator: ConditionOperator;
  value: string;
  /** The step the branch leads to; empty or absent: not connected yet. */
  next?: string;
}

export const MAX_BRANCHES = 100;

export function isConditionOperator(value: unknown): value is ConditionOperator {
  return (CONDITION_OPERATORS as readonly unknown[]).includes(value);
}

/**
 * The branches of a condition step as drafts, from the step's fields (as the graph carries them):
 * a branch the panel cannot show as one test (no operator, several) keeps its first operator.
 */
export function branchDrafts(branches: unknown): BranchDraft[] {
  if (!Array.isArray(branches)) return [];
  return branches.map((branch: unknown) => {
    const record = isRecord(branch) ? branch : {};
    const when = isRecord(record.when) ? record.when : {};
    const operator = CONDITION_OPERATORS.find((op) => op in when) ?? 'equals';
    const value = when[operator];
    return {
      variable: typeof when.variable === 'string' ? when.variable : '',
      operator,
      value: Array.isArray(value) ? value.map(scalarText).join(', ') : scalarText(value),
      ...(typeof record.next === 'string' && record.next ? { next: record.next } : {}),
    };
  });
}

/** A test's value as the panel shows it: a scalar as written, anything else (not a valid test) as nothing. */
function scalarText(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
