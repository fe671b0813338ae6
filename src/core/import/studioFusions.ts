/**
 * Twilio Studio widgets converted together with the split after them: a `gather-input-on-call`
 * whose digits a `split-based-on` branches on becomes one menu (retries that come back to it its
 * attempts), and a schedule Function with the split on its answer one business-hours step.
 */
import type { MenuStep } from '../model';
import { hoursToFillIn } from './fillIns';
import { listOf, numberOf, textOf } from './sourceText';
import { isScheduleFunction, scheduleWays, splitsOnWidget } from './studioSchedule';
import {
  countIn,
  digitsVariable,
  DTMF_KEY,
  isLiquidReference,
  type StudioConversion,
  type State,
} from './studioConversion';

const MENU_ATTEMPTS_FOR_ENDLESS_RETRIES = 3;

export function gather(studio: StudioConversion, state: State): void {
  const keypress = studio.next(state, 'keypress');
  const split = keypress === undefined ? undefined : studio.states.get(keypress);
  const options = split ? menuOptions(studio, state, split) : undefined;
  if (split && options) return menu(studio, state, split, options);
  const p = state.properties;
  const prompt = studio.prompt(p);
  const id = studio.b.stepId(state.name);
  const finishOn = textOf(p.finish_on_key);
  const digits = numberOf(p.number_of_digits);
  const timeout = numberOf(p.timeout);
  studio.b.add(id, {
    type: 'collect',
    ...prompt.fields,
    variable: digitsVariable(state.name),
    ...(finishOn && DTMF_KEY.test(finishOn) ? { 'finish-on': finishOn } : {}),
    ...(digits !== undefined && digits >= 1 && digits <= 64 ? { 'max-digits': Math.floor(digits) } : {}),
    ...(timeout !== undefined && timeout > 0 ? { timeout } : {}),
    next: studio.exit(state, 'keypress'),
    'no-input': studio.exit(state, 'timeout'),
  });
  const notes = prompt.notes;
  const speech = studio.speechNote(state);
  if (speech.length > 0) notes.push(speech[0]!);
  studio.finish(state, id, notes, prompt.voiceNote);
}

/** The options of a menu when `split` branches on the gather's digits, one key each; undefined otherwise. */
function menuOptions(
  studio: StudioConversion,
  gather: State,
  split: State,
): Map<string, string | undefined> | undefined {
  if (split.type !== 'split-based-on' || (studio.predecessors.get(split.name) ?? 0) !== 1) return undefined;
  const digits = `widgets.${gather.name}.Digits`;
  if (!isLiquidReference(textOf(split.properties.input) ?? '', digits)) return undefined;
  // Fused, the digits are never stored: no other widget may read them.
  if (studio.readElsewhere(gather.name, 'Digits', split, splitReadsAtLeast(split, digits))) return undefined;
  const options = new Map<string, string | undefined>();
  for (const t of split.transitions) {
    if (t.event !== 'match') continue;
    if (t.conditions.length !== 1) return undefined;
    const condition = t.conditions[0]!;
    const type = textOf(condition.type);
    const value = textOf(condition.value) ?? '';
    if (type === 'equal_to') {
      const key = value.trim();
      if (!DTMF_KEY.test(key)) return undefined;
      if (!options.has(key)) options.set(key, t.next);
    } else if (type === 'matches_any_of') {
      const keys = value.split(',');
      for (let i = 0; i < keys.length; i++) if (!DTMF_KEY.test((keys[i] = keys[i]!.trim()))) return undefined;
      for (const key of keys) if (!options.has(key)) options.set(key, t.next);
    } else return undefined;
  }
  return options.size > 0 ? options : undefined;
}

function menu(studio: StudioConversion, gather: State, split: State, options: Map<string, string | undefined>): void {
  const p = gather.properties;
  const prompt = studio.prompt(p);
  const id = studio.b.stepId(gather.name);
  const notes = prompt.notes;
  const speech = studio.speechNote(gather);
  if (speech.length > 0) notes.push(speech[0]!);
  const noInput = retryExit(studio, gather, studio.next(gather, 'timeout'), id);
  const invalid = retryExit(studio, gather, studio.next(split, 'noMatch'), id);
  const step = { type: 'menu' } as MenuStep;
  if (prompt.fields.say !== undefined) step.say = prompt.fields.say;
  if (prompt.fields.audio !== undefined) step.audio = prompt.fields.audio;
  step.options = {};
  for (const [key, target] of options) step.options[key] = studio.b.exitTo(target);
  const timeout = numberOf(p.timeout);
  if (timeout !== undefined && timeout > 0) step.timeout = timeout;
  if (noInput.retries || invalid.retries) {
    step.attempts = MENU_ATTEMPTS_FOR_ENDLESS_RETRIES;
    const caller =
      noInput.retries && invalid.retries
        ? 'presses nothing or presses a key with no branch'
        : noInput.retries
          ? 'presses nothing'
          : 'presses a key with no branch';
    notes.push(
      `Studio asks again for as long as the caller ${caller}; here the menu asks ${MENU_ATTEMPTS_FOR_ENDLESS_RETRIES} times, then hangs up`,
    );
    for (const note of noInput.notes) notes.push(note);
    for (const note of invalid.notes) notes.push(note);
  }
  step['no-input'] = noInput.exit;
  step.invalid = invalid.exit;
  studio.b.add(id, step);
  studio.fused.add(split.name);
  studio.b.enter(split.name, id);
  studio.finish(gather, id, notes, prompt.voiceNote, `Fused with ${split.name} (a split on its digits) into one menu`);
  studio.b.report(
    split.name,
    split.type,
    'mapped',
    `Its branches on ${gather.name}'s digits are the options of menu ${id}.`,
    [id],
  );
}

/** A menu exit that leads back to the menu (directly, or after one message) is a retry, which attempts stand for. */
function retryExit(
  studio: StudioConversion,
  gather: State,
  target: string | undefined,
  menuId: string,
): { exit: string; retries: boolean; notes: string[] } {
  if (target === gather.name) return { exit: studio.b.exitTo(undefined), retries: true, notes: [] };
  const between = target === undefined ? undefined : studio.states.get(target);
  if (between?.type === 'say-play' && studio.next(between, 'audioComplete') === gather.name) {
    studio.b.absorb(
      between.name,
      menuId,
      `The message before asking again ("${textOf(between.properties.say) ?? textOf(between.properties.play) ?? ''}") is not played: menu ${menuId} repeats its own prompt.`,
    );
    return {
      exit: studio.b.exitTo(undefined),
      retries: true,
      notes: [`the message ${between.name} played before asking again is not carried over`],
    };
  }
  return { exit: studio.b.exitTo(target), retries: false, notes: [] };
}

/**
 * A Function that decides the hours, followed by a split on its answer (and nothing else reading
 * it): one business-hours step, its hours to fill in. Undefined when the pair is not there.
 */
export function scheduleFunction(studio: StudioConversion, state: State): boolean {
  const splitName = studio.next(state, 'success');
  const split = splitName === undefined ? undefined : studio.states.get(splitName);
  if (
    !split ||
    split.type !== 'split-based-on' ||
    studio.predecessors.get(split.name) !== 1 ||
    !isScheduleFunction(state.name, state.properties) ||
    !splitsOnWidget(textOf(split.properties.input) ?? '', state.name)
  )
    return false;
  // Fused, the answer is never stored: no other widget may read it.
  const answer = `widgets.${state.name}.`;
  if (studio.readElsewhere(state.name, '', split, splitReadsAtLeast(split, answer))) return false;
  const ways = scheduleWays(split.transitions);
  const failed = studio.next(state, 'fail');
  const notes = [...ways.notes];
  if (failed !== undefined && failed !== ways.closed)
    notes.push(`when the Function failed Studio went to ${failed}; the hours are decided here and cannot fail`);
  const id = studio.b.stepId(state.name);
  studio.b.add(
    id,
    hoursToFillIn(studio.context.timezone, { open: studio.b.exitTo(ways.open), closed: studio.b.exitTo(ways.closed) }),
  );
  studio.fused.add(split.name);
  studio.b.enter(split.name, id);
  const fn = textOf(state.properties.url) ?? textOf(state.properties.function_sid) ?? state.name;
  studio.b.comment(id, `Twilio Function ${fn} decided the hours; fill in the opening hours and check the time zone.`);
  studio.finish(
    state,
    id,
    [...notes, 'fill in the opening hours (validation reports no-opening-hours until you do)'],
    undefined,
    `A schedule Function (${fn}) and ${split.name}, the split on its answer, became business-hours`,
  );
  studio.b.report(
    split.name,
    split.type,
    'approximated',
    `Its branches on ${state.name}'s answer are the open and closed exits of business-hours ${id}.`,
    [id],
  );
  return true;
}

/**
 * How often the split reads `needle` in its input and its conditions' arguments, where a split
 * names what it tests: never more than its reads in all its texts, and on an exported flow
 * nearly always all of them.
 */
function splitReadsAtLeast(split: State, needle: string): number {
  const input = textOf(split.properties.input) ?? '';
  let count = typeof split.properties.input === 'string' && input.includes('{{') ? countIn(input, needle) : 0;
  for (const transition of split.transitions)
    for (const condition of transition.conditions)
      for (const argument of listOf(condition.arguments))
        if (typeof argument === 'string' && argument.includes('{{')) count += countIn(argument, needle);
  return count;
}
