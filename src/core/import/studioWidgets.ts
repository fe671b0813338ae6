/**
 * Twilio Studio widgets that each become one step: prompts, splits (conditions, or business hours
 * for a split on the time), variables, http requests and Functions, transfers, queues, voicemail
 * and subflows.
 */
import { isE164 } from '../ids';
import type { ConditionBranch, ConditionTest, HttpStep } from '../model';
import { joinNotes } from './builder';
import { hoursToFillIn, numberToFillIn, urlToFillIn } from './fillIns';
import { listOf, numberOf, recordOf, textOf, type SourceRecord } from './sourceText';
import { variableName } from './templates';
import { transferOptions } from './transferOptions';
import { unresolvedNotes, type StudioConversion, type State, type Transition } from './studioConversion';

const TIME_CONDITION = /^is_(after|before)_(time|date|day)|^is_(today|weekday|weekend)/;
const FUNCTION_IDS = ['service_sid', 'environment_sid', 'function_sid'];
const HTTP_METHODS: ReadonlySet<string> = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export function sayPlay(studio: StudioConversion, state: State): void {
  const p = state.properties;
  const prompt = studio.prompt(p);
  if (!prompt.fields.say && !prompt.fields.audio)
    return studio.drop(state, 'It plays nothing callflow can play (it only sends DTMF digits)');
  const id = studio.b.stepId(state.name);
  studio.b.add(id, { type: 'play', ...prompt.fields, next: studio.exit(state, 'audioComplete') });
  const loop = numberOf(p.loop);
  const notes = prompt.notes;
  if (loop !== undefined && loop > 1) notes.push(`Studio plays it ${loop} times; here it plays once`);
  if (textOf(p.digits)) notes.push(`the DTMF digits it sends (${textOf(p.digits)}) are not carried over`);
  studio.finish(state, id, notes, prompt.voiceNote);
}

export function split(studio: StudioConversion, state: State): void {
  const input = textOf(state.properties.input) ?? '';
  const variable = studio.inputVariable(input);
  const matches = state.transitions.filter((t) => t.event === 'match');
  const notes: string[] = [];
  if (variable.unresolved)
    notes.push(`its input ${input} cannot be said as a variable of the flow; check the variable ${variable.name}`);
  const timeConditions = matches
    .flatMap((t) => t.conditions)
    .filter((condition) => TIME_CONDITION.test(textOf(condition.type) ?? ''));
  if (timeConditions.length > 0 && timeConditions.length === matches.flatMap((t) => t.conditions).length)
    return timeSplit(studio, state, matches, timeConditions);

  const branches: ConditionBranch[] = [];
  let elseTarget = studio.next(state, 'noMatch');
  for (const t of matches) {
    if (t.conditions.length > 1)
      notes.push(`a branch tests ${t.conditions.length} conditions together; only the first is kept`);
    const condition = t.conditions[0];
    if (!condition) continue;
    const test = conditionTest(studio, variable.name, condition);
    if (test.negatedList && matches.length === 1) {
      // "does not match any of" as the only branch: the same split, with its two ways swapped.
      branches.push({ when: { variable: variable.name, in: test.negatedList }, next: studio.b.exitTo(elseTarget) });
      elseTarget = t.next;
      continue;
    }
    if (test.note) notes.push(test.note);
    branches.push({ when: test.when, next: studio.b.exitTo(t.next) });
  }
  const id = studio.b.stepId(state.name);
  if (branches.length === 0) {
    notes.push('it has no branch callflow can test; every call takes its "no match" way');
    studio.b.add(id, {
      type: 'condition',
      branches: [{ when: { variable: variable.name, equals: '' }, next: studio.b.exitTo(elseTarget) }],
      else: studio.b.exitTo(elseTarget),
    });
  } else {
    studio.b.add(id, { type: 'condition', branches, else: studio.b.exitTo(elseTarget) });
  }
  studio.finish(state, id, notes);
}

/** A split on the time of day or the date: a business-hours step whose hours are left to fill in. */
function timeSplit(studio: StudioConversion, state: State, matches: Transition[], conditions: SourceRecord[]): void {
  const id = studio.b.stepId(state.name);
  studio.b.add(
    id,
    hoursToFillIn(studio.context.timezone, {
      open: studio.b.exitTo(matches[0]!.next),
      closed: studio.b.exitTo(studio.next(state, 'noMatch')),
    }),
  );
  studio.b.enter(state.name, id);
  const described = conditions
    .map((condition) => `${textOf(condition.type) ?? '?'} ${textOf(condition.value) ?? ''}`.trim())
    .join(', ');
  studio.b.comment(id, `Studio tested the time (${described}); fill in the opening hours and check the time zone.`);
  studio.b.report(
    state.name,
    state.type,
    'approximated',
    joinNotes(
      `A split on the time (${described}) became business-hours: its first branch is "open", "no match" is "closed"`,
      'Fill in the opening hours (validation reports no-opening-hours until you do)',
    ),
    [id],
  );
}

function conditionTest(
  studio: StudioConversion,
  variable: string,
  condition: SourceRecord,
): { when: ConditionTest; note?: string; negatedList?: string[] } {
  const type = textOf(condition.type) ?? '';
  const raw = textOf(condition.value) ?? '';
  const value = studio.text(raw).text;
  const number = numberOf(raw);
  const list = raw.split(',').map((item) => item.trim());
  switch (type) {
    case 'equal_to':
      return { when: { variable, equals: value } };
    case 'not_equal_to':
      return { when: { variable, 'not-equals': value } };
    case 'matches_any_of':
      return { when: { variable, in: list } };
    case 'does_not_match_any_of':
      if (list.length === 1) return { when: { variable, 'not-equals': list[0]! } };
      return {
        when: { variable, 'not-equals': list[0]! },
        negatedList: list,
        note: `"does not match any of ${raw}" next to other branches is tested as "not equal to ${list[0]}"`,
      };
    case 'is_blank':
      return { when: { variable, equals: '' } };
    case 'is_not_blank':
      return { when: { variable, 'not-equals': '' } };
    case 'regex':
      return { when: { variable, matches: raw } };
    case 'contains':
      return { when: { variable, contains: value } };
    case 'starts_with':
      return { when: { variable, 'starts-with': value } };
    case 'ends_with':
      return { when: { variable, 'ends-with': value } };
    case 'greater_than':
      return { when: { variable, 'greater-than': number ?? value } };
    case 'less_than':
      return { when: { variable, 'less-than': number ?? value } };
    default:
      return {
        when: { variable, equals: value },
        note: `the test "${type}" has no equal here; it is tested as "equal to ${raw}"`,
      };
  }
}

export function setVariables(studio: StudioConversion, state: State): void {
  const values: Record<string, string> = Object.create(null) as Record<string, string>;
  const notes: string[] = [];
  let sets = false;
  for (const item of listOf(state.properties.variables)) {
    const record = recordOf(item);
    const key = textOf(record?.key);
    if (!record || key === undefined || key === '') continue;
    const rewritten = studio.text(textOf(record.value) ?? '');
    const variable = variableName(key);
    values[variable] = rewritten.text;
    sets = true;
    if (variable !== key) notes.push(`the variable ${key} is named ${variable}`);
    if (rewritten.unresolved.length > 0) notes.push(unresolvedNotes(rewritten.unresolved)[0]!);
  }
  if (!sets) return studio.drop(state, 'It sets no variable');
  const id = studio.b.stepId(state.name);
  studio.b.add(id, { type: 'set', values, next: studio.exit(state, 'next') });
  studio.finish(state, id, notes);
}

export function http(studio: StudioConversion, state: State): void {
  const p = state.properties;
  const isFunction = state.type === 'run-function';
  const rawUrl = textOf(p.url) ?? '';
  const url = studio.text(rawUrl);
  const notes = unresolvedNotes(url.unresolved);
  const ids: string[] = [];
  for (let i = 0; i < FUNCTION_IDS.length; i++) {
    const sid = textOf(p[FUNCTION_IDS[i]!]);
    if (sid) ids.push(sid);
  }
  const hasUrl = /^https?:\/\//i.test(rawUrl);
  const method = isFunction ? 'POST' : (textOf(p.method) ?? 'GET').toUpperCase();
  const parameters: Array<[string, string]> = [];
  for (const item of listOf(p.parameters)) {
    const record = recordOf(item);
    const key = record === undefined ? undefined : textOf(record.key);
    if (key !== undefined) parameters.push([key, studio.text(textOf(record!.value) ?? '').text]);
  }
  const bodyText = textOf(p.body);
  const body =
    bodyText !== undefined
      ? studio.text(bodyText).text
      : parameters.length > 0
        ? JSON.stringify(Object.fromEntries(parameters))
        : undefined;
  if (bodyText === undefined && parameters.length > 0)
    notes.push(
      `its parameters (${parameters.map(([k]) => k).join(', ')}) are sent as a JSON body; check what the service expects`,
    );
  const save = studio.saves.get(state.name);
  const id = studio.b.stepId(state.name);
  const step = {
    type: 'http',
    method: HTTP_METHODS.has(method) ? method : 'POST',
    url: hasUrl ? url.text : urlToFillIn(`Twilio Function ${textOf(p.function_sid) ?? state.name}`),
  } as HttpStep;
  if (body !== undefined && method !== 'GET') step.body = body;
  if (save && save.size > 0) step.save = Object.fromEntries(save);
  step.success = studio.exit(state, 'success');
  step.failure = studio.exit(state, isFunction ? 'fail' : 'failed');
  studio.b.add(id, step);
  if (ids.length > 0) studio.b.comment(id, `Twilio Function ${ids.join(' / ')}.`);
  if (!hasUrl) notes.push('Studio names the function but no address: fill in its https address');
  studio.finish(state, id, notes);
}

export function connectCallTo(studio: StudioConversion, state: State): void {
  const p = state.properties;
  const noun = textOf(p.noun) ?? 'number';
  const raw = (textOf(p.to) ?? '').trim();
  const first = raw.split(',')[0]!.trim();
  const notes: string[] = [];
  let to = first;
  if (noun !== 'number' && noun !== 'number-multi') {
    notes.push(`it connects to a ${noun} (${raw}), not a phone number: fill in the number to transfer to`);
    to = numberToFillIn(`the ${noun} ${raw}`);
  } else if (!isE164(first)) {
    notes.push(`the number ${raw} is not written out in the flow: fill it in`);
    to = numberToFillIn(raw || 'the transfer');
  } else if (raw.includes(',')) {
    notes.push(`Studio rings ${raw} at once; here only ${first} is called`);
  }
  const afterwards = studio.next(state, 'callCompleted');
  if (afterwards !== undefined)
    notes.push(
      `Studio goes on to ${afterwards} when the connected call ends; here a connected transfer ends the call, and ${afterwards} is where a failed transfer goes`,
    );
  const id = studio.b.stepId(state.name);
  studio.b.add(id, {
    type: 'transfer',
    to,
    ...transferOptions(numberOf(p.timeout), textOf(p.caller_id), notes),
    failed: studio.b.exitTo(afterwards),
  });
  studio.finish(state, id, notes);
}

export function enqueue(studio: StudioConversion, state: State): void {
  const p = state.properties;
  const notes: string[] = [];
  let queue = textOf(p.queue_name);
  const ids = ['workflow_sid', 'workflow', 'channel'].map((k) => textOf(p[k])).filter(Boolean) as string[];
  if (!queue) {
    queue = state.name;
    notes.push(
      `Studio sends the call to TaskRouter (${ids.join(', ') || 'no workflow named'}); the queue is named after the widget: rename it to your agents' queue`,
    );
  }
  const priority = numberOf(p.priority);
  const timeout = numberOf(p.timeout);
  const failed = studio.next(state, 'failedToEnqueue') ?? studio.next(state, 'callFailure');
  const afterwards = studio.next(state, 'callComplete');
  if (afterwards !== undefined)
    notes.push(`Studio goes on to ${afterwards} after the agent's call; here the call ends with the agent`);
  const id = studio.b.stepId(state.name);
  studio.b.add(id, {
    type: 'assign-dial',
    queue,
    ...(priority !== undefined && priority >= 0 ? { priority: Math.min(100, Math.floor(priority)) } : {}),
    ...(timeout !== undefined && timeout > 0 ? { timeout } : {}),
    'no-answer': studio.b.exitTo(failed),
  });
  if (ids.length > 0) studio.b.comment(id, `TaskRouter ${ids.join(' / ')}.`);
  studio.finish(state, id, notes);
}

export function voicemail(studio: StudioConversion, state: State): void {
  const notes: string[] = [];
  const noAudio = studio.next(state, 'noAudio');
  const complete = studio.next(state, 'recordingComplete');
  if (noAudio !== undefined && noAudio !== complete)
    notes.push(`a recording with no audio went to ${noAudio}; here it goes on like any other`);
  if (textOf(state.properties.transcribe) === 'true')
    notes.push('Studio also transcribed the message; callflow records it only');
  const id = studio.b.stepId(state.name);
  studio.b.add(id, { type: 'voicemail', next: studio.b.exitTo(complete) });
  studio.finish(state, id, notes);
}

export function subflow(studio: StudioConversion, state: State): void {
  const sid = textOf(state.properties.flow_sid) ?? state.name;
  const flow =
    sid
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 63) || 'subflow';
  const id = studio.b.stepId(state.name);
  studio.b.add(id, { type: 'goto-flow', flow });
  studio.b.comment(
    id,
    `Studio subflow ${sid}: import it with \`callflow import <file> --id ${flow}\`, or point flow at the flow that replaces it.`,
  );
  const completed = studio.next(state, 'completed');
  studio.finish(state, id, [
    `a subflow returns here when it completes${completed ? ` (to ${completed})` : ''}; goto-flow hands the call over for good, so the steps after it are not carried over`,
  ]);
}
