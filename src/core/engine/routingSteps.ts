/** The steps that choose an exit from what the call knows: a condition on variables, business hours on the clock. */
import type { BusinessHoursStep, ConditionStep } from '../model';
import { decideBusinessHours } from './businessHours';
import type { CallState } from './callState';
import { testCondition, type ConditionProblems } from './conditions';
import { exitTo, isRecord, type StepEffect } from './stepEffect';

export function condition(state: CallState, step: ConditionStep): StepEffect {
  const branches = Array.isArray(step.branches) ? step.branches : [];
  let warnedEmpty: Set<string> | undefined;
  const problems: ConditionProblems = {
    invalidRegex: (pattern) =>
      state.warn('invalid-regex', `"${pattern}" is not a pattern callflow can run (RE2 syntax); the test is false.`),
    noOperator: () =>
      state.warn('no-operator', 'A branch tests no operator (equals, contains, ...); it never matches.'),
  };
  for (let i = 0; i < branches.length; i++) {
    const when = branches[i]?.when;
    if (!isRecord(when) || typeof when.variable !== 'string') {
      problems.noOperator();
      continue;
    }
    let value = state.variables.get(when.variable);
    if (value === undefined) {
      value = '';
      warnedEmpty ??= new Set();
      if (!warnedEmpty.has(when.variable)) {
        warnedEmpty.add(when.variable);
        state.warn('undefined-variable', `${when.variable} has no value; the condition compared it as empty.`);
      }
    }
    if (testCondition(when, value, problems)) {
      state.entry!.branch = i + 1;
      return exitTo(`branch-${i + 1}`, branches[i]!.next);
    }
  }
  return exitTo('else', step.else);
}

export function businessHours(state: CallState, step: BusinessHoursStep): StepEffect {
  const decision = decideBusinessHours(step, state.now);
  if (decision.exit === 'unknown-timezone') {
    return {
      kind: 'error',
      code: 'unknown-timezone',
      message: `Step "${state.stepId}" uses "${String(step.timezone)}", which is not an IANA time zone (e.g. America/New_York).`,
    };
  }
  state.entry!.localTime = decision.localText;
  for (const problem of decision.problems) state.warn('invalid-hours', `Hours ${problem}.`);
  if (decision.exit === 'holiday') return exitTo('holiday', step.holiday ?? step.closed);
  return exitTo(decision.exit, step[decision.exit]);
}
