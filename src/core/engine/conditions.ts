/**
 * Condition operators. Variables hold text; a comparison never throws: a value that does
 * not fit the operator (a non-number for greater-than, a broken regex) makes the test false.
 */
import { CONDITION_OPERATORS, type ConditionOperator, type ConditionTest, type ScalarValue } from '../model';
import { compilePattern } from '../patterns';

const NUMBER = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

export interface ConditionProblems {
  invalidRegex(pattern: string): void;
  noOperator(): void;
}

function asNumber(value: string): number | undefined {
  return NUMBER.test(value) ? Number(value) : undefined;
}

function text(value: unknown): string {
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- condition values are YAML scalars
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value);
}

/** String equality, except that two numbers compare as numbers ("7.0" equals 7). */
export function valuesEqual(actual: string, expected: unknown): boolean {
  const expectedText = text(expected);
  if (actual === expectedText) return true;
  const a = asNumber(actual);
  if (a === undefined) return false;
  const b = typeof expected === 'number' ? expected : asNumber(expectedText);
  return b !== undefined && a === b;
}

function compare(actual: string, expected: unknown): number | undefined {
  const a = asNumber(actual);
  const b = typeof expected === 'number' ? expected : asNumber(text(expected));
  return a === undefined || b === undefined ? undefined : a - b;
}

export function testOperator(
  operator: ConditionOperator,
  actual: string,
  expected: ScalarValue | ScalarValue[],
  problems: ConditionProblems,
): boolean {
  switch (operator) {
    case 'equals':
      return valuesEqual(actual, expected);
    case 'not-equals':
      return !valuesEqual(actual, expected);
    case 'starts-with':
      return actual.startsWith(text(expected));
    case 'ends-with':
      return actual.endsWith(text(expected));
    case 'contains':
      return actual.includes(text(expected));
    case 'matches': {
      const pattern = compilePattern(text(expected));
      if (typeof pattern === 'string') {
        problems.invalidRegex(text(expected));
        return false;
      }
      return pattern.test(actual);
    }
    case 'greater-than': {
      const difference = compare(actual, expected);
      return difference !== undefined && difference > 0;
    }
    case 'less-than': {
      const difference = compare(actual, expected);
      return difference !== undefined && difference < 0;
    }
    case 'in':
      return Array.isArray(expected)
        ? expected.some((item) => valuesEqual(actual, item))
        : valuesEqual(actual, expected);
  }
}

/** Every operator of the test must hold (a `when` with two operators is an AND). */
export function testCondition(test: ConditionTest, actual: string, problems: ConditionProblems): boolean {
  let operators = 0;
  for (const operator of CONDITION_OPERATORS) {
    const expected = test[operator];
    if (expected === undefined) continue;
    operators++;
    if (!testOperator(operator, actual, expected, problems)) return false;
  }
  if (operators === 0) {
    problems.noOperator();
    return false;
  }
  return true;
}
