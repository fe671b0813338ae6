/**
 * Amazon Connect's GetParticipantInput: a menu when its conditions are one key each (retries that
 * come back to it, directly, after a message or through a Loop, its attempts), a collect when it
 * stores the input, otherwise a collect and a condition that tests the digits.
 */
import type { MenuStep } from '../model';
import { conditionBranches } from './connectBlocks';
import type { ConnectAction, ConnectCondition } from './connectActions';
import type { ConnectConversion } from './connectConversion';
import { numberOf, recordOf, textOf } from './sourceText';
import { variableName } from './templates';

const DTMF_KEY = /^[0-9*#]$/;
const MAX_ATTEMPTS = 10;
const ENDLESS_RETRY_ATTEMPTS = 3;

export function input(connect: ConnectConversion, action: ConnectAction): void {
  const p = action.parameters;
  const prompt = connect.prompt(action);
  const timeout = numberOf(p.InputTimeLimitSeconds);
  const timeoutField = timeout !== undefined && timeout > 0 ? { timeout } : {};
  const noInputTarget = connect.error(action, 'InputTimeLimitExceeded');
  if (textOf(p.StoreInput)?.toLowerCase() === 'true') {
    const dtmf = recordOf(p.DTMFConfiguration);
    const maxDigits =
      numberOf(
        recordOf(p.InputValidation)?.CustomValidation
          ? recordOf(recordOf(p.InputValidation)?.CustomValidation)?.MaximumLength
          : undefined,
      ) ?? numberOf(p.MaxDigits);
    const finishOn = textOf(dtmf?.InputTerminationSequence);
    const id = connect.stepId('collect');
    connect.b.add(id, {
      type: 'collect',
      ...prompt.fields,
      variable: 'StoredCustomerInput',
      ...(finishOn && DTMF_KEY.test(finishOn) ? { 'finish-on': finishOn } : {}),
      ...(maxDigits !== undefined && maxDigits >= 1 && maxDigits <= 64 ? { 'max-digits': Math.floor(maxDigits) } : {}),
      ...timeoutField,
      next: connect.b.exitTo(action.next),
      'no-input': connect.b.exitTo(noInputTarget ?? connect.error(action, 'NoMatchingError')),
    });
    return connect.finish(action, id, prompt.notes);
  }
  const keys = menuKeys(action.conditions);
  if (keys) {
    const id = connect.stepId('menu');
    const notes = prompt.notes;
    const noInput = retry(connect, action, noInputTarget, id);
    const invalid = retry(connect, action, connect.error(action, 'NoMatchingCondition'), id);
    const step = { type: 'menu' } as MenuStep;
    if (prompt.fields.say !== undefined) step.say = prompt.fields.say;
    if (prompt.fields.audio !== undefined) step.audio = prompt.fields.audio;
    step.options = {};
    if (timeout !== undefined && timeout > 0) step.timeout = timeout;
    for (const [key, target] of keys) step.options[key] = connect.b.exitTo(target);
    const attempts = Math.max(noInput.attempts ?? 0, invalid.attempts ?? 0);
    if (attempts > 0) step.attempts = Math.min(MAX_ATTEMPTS, attempts);
    step['no-input'] = noInput.exit;
    step.invalid = invalid.exit;
    for (const note of noInput.notes) notes.push(note);
    for (const note of invalid.notes) notes.push(note);
    connect.b.add(id, step);
    return connect.finish(action, id, notes);
  }
  // Conditions that are not one key each: the digits are collected, then tested.
  const collectId = connect.stepId('collect');
  const conditionId = connect.stepId('condition');
  const variable = variableName(`${collectId}.digits`);
  connect.b.add(collectId, {
    type: 'collect',
    ...prompt.fields,
    variable,
    ...timeoutField,
    next: connect.b.exitToStep(conditionId),
    'no-input': connect.b.exitTo(noInputTarget),
  });
  const tests = conditionBranches(connect, variable, action.conditions);
  connect.b.add(conditionId, {
    type: 'condition',
    branches: tests.branches,
    else: connect.b.exitTo(connect.error(action, 'NoMatchingCondition')),
  });
  connect.finish(
    action,
    collectId,
    [
      ...prompt.notes,
      'Its conditions are not one key each: the digits are collected, then tested by the condition after it',
      ...tests.notes,
    ],
    [collectId, conditionId],
  );
}

/**
 * A menu exit that comes back to the menu (directly, after a message, or through a Loop block
 * that counts the tries) is a retry: the menu's attempts stand for it.
 */
function retry(
  connect: ConnectConversion,
  menu: ConnectAction,
  target: string | undefined,
  menuId: string,
): { exit: string; attempts?: number; notes: string[] } {
  const between: ConnectAction[] = [];
  let at = target;
  for (let hops = 0; at !== undefined && hops < 3; hops++) {
    if (at === menu.id) {
      for (const node of between)
        if (node.type !== 'Loop')
          connect.b.absorb(
            node.id,
            menuId,
            `It played before the menu asked again; menu ${menuId} repeats its own prompt instead.`,
          );
      return {
        exit: connect.b.exitTo(undefined),
        attempts: ENDLESS_RETRY_ATTEMPTS,
        notes: [
          `Connect asks again for as long as the caller does not choose; here the menu asks ${ENDLESS_RETRY_ATTEMPTS} times, then hangs up`,
        ],
      };
    }
    const node = connect.actions.get(at);
    if (!node) break;
    if (node.type === 'Loop') {
      const again = node.conditions.find((condition) => condition.operands[0] === 'ContinueLooping')?.next;
      const done = node.conditions.find((condition) => condition.operands[0] === 'DoneLooping')?.next;
      const count = numberOf(node.parameters.LoopCount) ?? 3;
      const back =
        again === menu.id ||
        (again !== undefined &&
          connect.actions.get(again)?.type === 'MessageParticipant' &&
          connect.actions.get(again)?.next === menu.id);
      if (!back) break;
      const repeated = again !== menu.id ? [...between, connect.actions.get(again)!] : between;
      for (const r of repeated)
        connect.b.absorb(
          r.id,
          menuId,
          `It played before the menu asked again; menu ${menuId} repeats its own prompt instead.`,
        );
      connect.b.absorb(node.id, menuId, `Its count of tries is menu ${menuId}'s attempts.`);
      return {
        exit: connect.b.exitTo(done),
        attempts: count + 1,
        notes: repeated.length > 0 ? ['The message played before asking again is not carried over'] : [],
      };
    }
    if (node.type !== 'MessageParticipant') break;
    between.push(node);
    at = node.next;
  }
  return { exit: connect.b.exitTo(target), notes: [] };
}

/** GetParticipantInput conditions that are one key each: the menu's options; undefined otherwise. */
function menuKeys(conditions: ConnectCondition[]): Map<string, string | undefined> | undefined {
  if (conditions.length === 0) return undefined;
  const keys = new Map<string, string | undefined>();
  for (const c of conditions) {
    const key = c.operands[0]?.trim() ?? '';
    if (c.operator !== 'Equals' || c.operands.length !== 1 || !DTMF_KEY.test(key)) return undefined;
    if (!keys.has(key)) keys.set(key, c.next);
  }
  return keys;
}
