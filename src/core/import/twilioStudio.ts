/**
 * Twilio Studio: a flow definition (`states`, `initial_state`, `flags`) or the REST Flow resource
 * that wraps one (`definition`). Widgets are mapped from the Trigger's `incomingCall` entry; a
 * `gather-input-on-call` whose digits feed a `split-based-on` becomes one menu.
 */
import { InvalidInputError } from '../errors';
import { isE164 } from '../ids';
import type { ConditionBranch, ConditionTest, MenuStep } from '../model';
import { FlowBuilder, joinNotes, reachableFrom } from './builder';
import { noCallEntry, type ConvertContext, type Converted } from './context';
import { hoursToFillIn, numberToFillIn, urlToFillIn } from './fillIns';
import { isRecord, listOf, numberOf, recordOf, textOf, type SourceRecord, type SourceValue, table } from './sourceText';
import { rewriteLiquid, variableName } from './templates';
import type { ImportOutcome } from './types';
import { isScheduleFunction, scheduleWays, splitsOnWidget } from './studioSchedule';
import { transferOptions } from './transferOptions';

interface Transition {
  event: string;
  next?: string;
  conditions: SourceRecord[];
}

interface State {
  name: string;
  type: string;
  transitions: Transition[];
  properties: SourceRecord;
}

const TRIGGER_EVENTS: Readonly<Record<string, string>> = table({
  incomingMessage: 'an incoming message (SMS)',
  incomingConversationMessage: 'a Conversations message',
  incomingRequest: 'a REST API request (an outbound flow)',
  incomingParent: 'a parent flow (it runs as a subflow)',
  incomingCall: 'an incoming call',
});

const DTMF_KEY = /^[0-9*#]$/;
const MENU_ATTEMPTS_FOR_ENDLESS_RETRIES = 3;

/** The definition inside a Studio export, or undefined when the value is not one. */
export function studioDefinition(value: SourceValue): { definition: SourceRecord; name?: string } | undefined {
  if (!isRecord(value)) return undefined;
  if (Array.isArray(value.states)) return { definition: value };
  const wrapped = recordOf(value.definition);
  if (wrapped && Array.isArray(wrapped.states)) {
    const name = textOf(value.friendly_name);
    return { definition: wrapped, ...(name ? { name } : {}) };
  }
  return undefined;
}

export function convertTwilioStudio(value: SourceValue, context: ConvertContext): Converted {
  const found = studioDefinition(value);
  if (!found) throw notStudio(context.fileName);
  return new StudioConversion(found.definition, context, found.name).convert();
}

function notStudio(fileName: string): InvalidInputError {
  return new InvalidInputError(
    'import-not-dialect',
    `${fileName} is not a Twilio Studio flow: it has no "states" list (nor a "definition" holding one).`,
    'Export the flow from Studio (Flow > Export to JSON, or the REST API Flow resource), or pick the dialect with --from.',
  );
}

class StudioConversion {
  private readonly b = new FlowBuilder();
  private readonly states = new Map<string, State>();
  private readonly predecessors = new Map<string, number>();
  /** Per http widget: the variables other widgets read from its parsed answer. */
  private readonly saves = new Map<string, Map<string, string>>();
  /** Widgets converted together with the one before them (the split of a menu). */
  private readonly fused = new Set<string>();
  /** Every text of the flow that holds a Liquid `{{…}}`: where other widgets' results are read. */
  private readonly liquidTexts: string[];
  private readonly initialState: string | undefined;

  constructor(
    definition: SourceRecord,
    private readonly context: ConvertContext,
    private readonly name: string | undefined,
  ) {
    for (const raw of listOf(definition.states)) {
      const state = readState(raw);
      if (state && !this.states.has(state.name)) this.states.set(state.name, state);
    }
    this.liquidTexts = liquidTextsOf(definition.states);
    this.initialState = textOf(definition.initial_state);
  }

  convert(): Converted {
    const trigger =
      [...this.states.values()].find((s) => s.type === 'trigger') ?? this.states.get(this.initialState ?? '');
    if (!trigger) throw noCallEntry('twilio-studio', this.context.fileName, 'it has no Trigger widget');
    const entry = trigger.transitions.find((t) => t.event === 'incomingCall' && t.next !== undefined);
    if (!entry?.next) throw noCallEntry('twilio-studio', this.context.fileName, describeTrigger(trigger));

    const reachable = reachableFrom(entry.next, (name) =>
      (this.states.get(name)?.transitions ?? [])
        .map((t) => t.next)
        .filter((n) => n !== undefined && this.states.has(n)),
    );
    const onCallPath = new Set(reachable);
    for (const name of reachable)
      for (const t of this.states.get(name)!.transitions)
        if (t.next !== undefined) this.predecessors.set(t.next, (this.predecessors.get(t.next) ?? 0) + 1);
    this.collectSaves();

    for (const name of reachable) {
      const state = this.states.get(name)!;
      if (!this.fused.has(name)) this.convertState(state);
    }
    for (const state of this.states.values()) {
      if (state === trigger || onCallPath.has(state.name)) continue;
      this.b.report({
        source: state.name,
        sourceType: state.type,
        result: 'dropped',
        note: 'No incoming call reaches it: it is only on the paths of other triggers (messages, REST requests) or unconnected.',
      });
    }
    return { builder: this.b, startNode: entry.next, ...(this.name ? { name: this.name } : {}) };
  }

  // ---- Widgets ----

  private convertState(state: State): void {
    switch (state.type) {
      case 'say-play':
        return this.sayPlay(state);
      case 'gather-input-on-call':
        return this.gather(state);
      case 'split-based-on':
        return this.split(state);
      case 'set-variables':
        return this.setVariables(state);
      case 'run-function':
        if (this.scheduleFunction(state)) return;
        return this.http(state);
      case 'make-http-request':
        return this.http(state);
      case 'connect-call-to':
        return this.connectCallTo(state);
      case 'enqueue-call':
      case 'send-to-flex':
        return this.enqueue(state);
      case 'record-voicemail':
        return this.voicemail(state);
      case 'run-subflow':
        return this.subflow(state);
      default:
        return this.drop(state);
    }
  }

  private sayPlay(state: State): void {
    const p = state.properties;
    const prompt = this.prompt(p);
    if (!prompt.fields.say && !prompt.fields.audio)
      return this.drop(state, 'It plays nothing callflow can play (it only sends DTMF digits)');
    const id = this.b.stepId(state.name);
    this.b.add(id, { type: 'play', ...prompt.fields, next: this.exit(state, 'audioComplete') });
    const loop = numberOf(p.loop);
    const notes = [...prompt.notes];
    if (loop !== undefined && loop > 1) notes.push(`Studio plays it ${loop} times; here it plays once`);
    if (textOf(p.digits)) notes.push(`the DTMF digits it sends (${textOf(p.digits)}) are not carried over`);
    this.finish(state, id, notes, prompt.voiceNote);
  }

  private gather(state: State): void {
    const keypress = this.next(state, 'keypress');
    const split = keypress === undefined ? undefined : this.states.get(keypress);
    const options = split ? this.menuOptions(state, split) : undefined;
    if (split && options) return this.menu(state, split, options);
    const p = state.properties;
    const prompt = this.prompt(p);
    const id = this.b.stepId(state.name);
    const finishOn = textOf(p.finish_on_key);
    const digits = numberOf(p.number_of_digits);
    const timeout = numberOf(p.timeout);
    this.b.add(id, {
      type: 'collect',
      ...prompt.fields,
      variable: digitsVariable(state.name),
      ...(finishOn && DTMF_KEY.test(finishOn) ? { 'finish-on': finishOn } : {}),
      ...(digits !== undefined && digits >= 1 && digits <= 64 ? { 'max-digits': Math.floor(digits) } : {}),
      ...(timeout !== undefined && timeout > 0 ? { timeout } : {}),
      next: this.exit(state, 'keypress'),
      'no-input': this.exit(state, 'timeout'),
    });
    this.finish(state, id, [...prompt.notes, ...this.speechNote(state)], prompt.voiceNote);
  }

  /** The options of a menu when `split` branches on the gather's digits, one key each; undefined otherwise. */
  private menuOptions(gather: State, split: State): Map<string, string | undefined> | undefined {
    if (split.type !== 'split-based-on' || (this.predecessors.get(split.name) ?? 0) !== 1) return undefined;
    const digits = `widgets.${gather.name}.Digits`;
    if (!isLiquidReference(textOf(split.properties.input) ?? '', digits)) return undefined;
    // Fused, the digits are never stored: no other widget may read them.
    const usesInSplit = liquidTextsOf([split.properties, split.transitions as unknown as SourceValue]).reduce(
      (n, text) => n + countIn(text, digits),
      0,
    );
    if ((this.digitReferences().get(gather.name) ?? 0) > usesInSplit) return undefined;
    const options = new Map<string, string | undefined>();
    for (const t of split.transitions) {
      if (t.event !== 'match') continue;
      if (t.conditions.length !== 1) return undefined;
      const condition = t.conditions[0]!;
      const type = textOf(condition.type);
      const value = textOf(condition.value) ?? '';
      const keys =
        type === 'equal_to' ? [value.trim()] : type === 'matches_any_of' ? value.split(',').map((k) => k.trim()) : [];
      if (keys.length === 0 || !keys.every((k) => DTMF_KEY.test(k))) return undefined;
      for (const key of keys) if (!options.has(key)) options.set(key, t.next);
    }
    return options.size > 0 ? options : undefined;
  }

  private menu(gather: State, split: State, options: Map<string, string | undefined>): void {
    const p = gather.properties;
    const prompt = this.prompt(p);
    const id = this.b.stepId(gather.name);
    const notes = [...prompt.notes, ...this.speechNote(gather)];
    const noInput = this.retryExit(gather, this.next(gather, 'timeout'), id);
    const invalid = this.retryExit(gather, this.next(split, 'noMatch'), id);
    const step: MenuStep = { type: 'menu', ...prompt.fields, options: {} };
    for (const [key, target] of options) step.options[key] = this.b.exitTo(target);
    const timeout = numberOf(p.timeout);
    if (timeout !== undefined && timeout > 0) step.timeout = timeout;
    if (noInput.retries || invalid.retries) {
      step.attempts = MENU_ATTEMPTS_FOR_ENDLESS_RETRIES;
      notes.push(
        `Studio asks again for as long as the caller ${[noInput.retries ? 'presses nothing' : '', invalid.retries ? 'presses a key with no branch' : ''].filter(Boolean).join(' or ')}; here the menu asks ${MENU_ATTEMPTS_FOR_ENDLESS_RETRIES} times, then hangs up`,
      );
      notes.push(...noInput.notes, ...invalid.notes);
    }
    step['no-input'] = noInput.exit;
    step.invalid = invalid.exit;
    this.b.add(id, step);
    this.fused.add(split.name);
    this.b.enter(split.name, id);
    this.finish(gather, id, notes, prompt.voiceNote, `Fused with ${split.name} (a split on its digits) into one menu`);
    this.b.report({
      source: split.name,
      sourceType: split.type,
      result: 'mapped',
      steps: [id],
      note: `Its branches on ${gather.name}'s digits are the options of menu ${id}.`,
    });
  }

  /** A menu exit that leads back to the menu (directly, or after one message) is a retry, which attempts stand for. */
  private retryExit(
    gather: State,
    target: string | undefined,
    menuId: string,
  ): { exit: string; retries: boolean; notes: string[] } {
    if (target === gather.name) return { exit: this.b.exitTo(undefined), retries: true, notes: [] };
    const between = target === undefined ? undefined : this.states.get(target);
    if (between?.type === 'say-play' && this.next(between, 'audioComplete') === gather.name) {
      this.b.absorb(
        between.name,
        menuId,
        `The message before asking again ("${textOf(between.properties.say) ?? textOf(between.properties.play) ?? ''}") is not played: menu ${menuId} repeats its own prompt.`,
      );
      return {
        exit: this.b.exitTo(undefined),
        retries: true,
        notes: [`the message ${between.name} played before asking again is not carried over`],
      };
    }
    return { exit: this.b.exitTo(target), retries: false, notes: [] };
  }

  private split(state: State): void {
    const input = textOf(state.properties.input) ?? '';
    const variable = this.inputVariable(input);
    const matches = state.transitions.filter((t) => t.event === 'match');
    const notes: string[] = [];
    if (variable.unresolved)
      notes.push(`its input ${input} cannot be said as a variable of the flow; check the variable ${variable.name}`);
    const timeConditions = matches
      .flatMap((t) => t.conditions)
      .filter((c) => TIME_CONDITION.test(textOf(c.type) ?? ''));
    if (timeConditions.length > 0 && timeConditions.length === matches.flatMap((t) => t.conditions).length)
      return this.timeSplit(state, matches, timeConditions);

    const branches: ConditionBranch[] = [];
    let elseTarget = this.next(state, 'noMatch');
    for (const t of matches) {
      if (t.conditions.length > 1)
        notes.push(`a branch tests ${t.conditions.length} conditions together; only the first is kept`);
      const condition = t.conditions[0];
      if (!condition) continue;
      const test = this.conditionTest(variable.name, condition);
      if (test.negatedList && matches.length === 1) {
        // "does not match any of" as the only branch: the same split, with its two ways swapped.
        branches.push({ when: { variable: variable.name, in: test.negatedList }, next: this.b.exitTo(elseTarget) });
        elseTarget = t.next;
        continue;
      }
      if (test.note) notes.push(test.note);
      branches.push({ when: test.when, next: this.b.exitTo(t.next) });
    }
    const id = this.b.stepId(state.name);
    if (branches.length === 0) {
      notes.push('it has no branch callflow can test; every call takes its "no match" way');
      this.b.add(id, {
        type: 'condition',
        branches: [{ when: { variable: variable.name, equals: '' }, next: this.b.exitTo(elseTarget) }],
        else: this.b.exitTo(elseTarget),
      });
    } else {
      this.b.add(id, { type: 'condition', branches, else: this.b.exitTo(elseTarget) });
    }
    this.finish(state, id, notes);
  }

  /** A split on the time of day or the date: a business-hours step whose hours are left to fill in. */
  private timeSplit(state: State, matches: Transition[], conditions: SourceRecord[]): void {
    const id = this.b.stepId(state.name);
    this.b.add(
      id,
      hoursToFillIn(this.context.timezone, {
        open: this.b.exitTo(matches[0]!.next),
        closed: this.b.exitTo(this.next(state, 'noMatch')),
      }),
    );
    this.b.enter(state.name, id);
    const described = conditions.map((c) => `${textOf(c.type) ?? '?'} ${textOf(c.value) ?? ''}`.trim()).join(', ');
    this.b.comment(id, `Studio tested the time (${described}); fill in the opening hours and check the time zone.`);
    this.b.report({
      source: state.name,
      sourceType: state.type,
      result: 'approximated',
      steps: [id],
      note: joinNotes(
        `A split on the time (${described}) became business-hours: its first branch is "open", "no match" is "closed"`,
        'Fill in the opening hours (validation reports no-opening-hours until you do)',
      ),
    });
  }

  private conditionTest(
    variable: string,
    condition: SourceRecord,
  ): { when: ConditionTest; note?: string; negatedList?: string[] } {
    const type = textOf(condition.type) ?? '';
    const raw = textOf(condition.value) ?? '';
    const value = this.text(raw).text;
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

  private setVariables(state: State): void {
    const values: Record<string, string> = Object.create(null) as Record<string, string>;
    const notes: string[] = [];
    for (const item of listOf(state.properties.variables)) {
      const record = recordOf(item);
      const key = textOf(record?.key);
      if (!record || key === undefined || key === '') continue;
      const rewritten = this.text(textOf(record.value) ?? '');
      values[variableName(key)] = rewritten.text;
      if (variableName(key) !== key) notes.push(`the variable ${key} is named ${variableName(key)}`);
      notes.push(...unresolvedNotes(rewritten.unresolved));
    }
    if (Object.keys(values).length === 0) return this.drop(state, 'It sets no variable');
    const id = this.b.stepId(state.name);
    this.b.add(id, { type: 'set', values, next: this.exit(state, 'next') });
    this.finish(state, id, notes);
  }

  /**
   * A Function that decides the hours, followed by a split on its answer (and nothing else reading
   * it): one business-hours step, its hours to fill in. Undefined when the pair is not there.
   */
  private scheduleFunction(state: State): boolean {
    const splitName = this.next(state, 'success');
    const split = splitName === undefined ? undefined : this.states.get(splitName);
    if (
      !split ||
      split.type !== 'split-based-on' ||
      this.predecessors.get(split.name) !== 1 ||
      !isScheduleFunction(state.name, state.properties) ||
      !splitsOnWidget(textOf(split.properties.input) ?? '', state.name)
    )
      return false;
    // Fused, the answer is never stored: no other widget may read it.
    const answer = `widgets.${state.name}.`;
    const inSplit = liquidTextsOf([split.properties, split.transitions as unknown as SourceValue]);
    const count = (texts: string[]) => texts.reduce((n, text) => n + countIn(text, answer), 0);
    if (count(this.liquidTexts) > count(inSplit)) return false;
    const ways = scheduleWays(split.transitions);
    const failed = this.next(state, 'fail');
    const notes = [...ways.notes];
    if (failed !== undefined && failed !== ways.closed)
      notes.push(`when the Function failed Studio went to ${failed}; the hours are decided here and cannot fail`);
    const id = this.b.stepId(state.name);
    this.b.add(
      id,
      hoursToFillIn(this.context.timezone, { open: this.b.exitTo(ways.open), closed: this.b.exitTo(ways.closed) }),
    );
    this.fused.add(split.name);
    this.b.enter(split.name, id);
    const fn = textOf(state.properties.url) ?? textOf(state.properties.function_sid) ?? state.name;
    this.b.comment(id, `Twilio Function ${fn} decided the hours; fill in the opening hours and check the time zone.`);
    this.finish(
      state,
      id,
      [...notes, 'fill in the opening hours (validation reports no-opening-hours until you do)'],
      undefined,
      `A schedule Function (${fn}) and ${split.name}, the split on its answer, became business-hours`,
    );
    this.b.report({
      source: split.name,
      sourceType: split.type,
      result: 'approximated',
      steps: [id],
      note: `Its branches on ${state.name}'s answer are the open and closed exits of business-hours ${id}.`,
    });
    return true;
  }

  private http(state: State): void {
    const p = state.properties;
    const isFunction = state.type === 'run-function';
    const rawUrl = textOf(p.url) ?? '';
    const url = this.text(rawUrl);
    const notes: string[] = [...unresolvedNotes(url.unresolved)];
    const ids = ['service_sid', 'environment_sid', 'function_sid'].map((k) => textOf(p[k])).filter(Boolean);
    const hasUrl = /^https?:\/\//i.test(rawUrl);
    const method = isFunction ? 'POST' : (textOf(p.method) ?? 'GET').toUpperCase();
    const parameters = listOf(p.parameters)
      .map(recordOf)
      .filter((r): r is SourceRecord => r !== undefined && textOf(r.key) !== undefined)
      .map((r) => [textOf(r.key)!, this.text(textOf(r.value) ?? '').text] as const);
    const bodyText = textOf(p.body);
    const body =
      bodyText !== undefined
        ? this.text(bodyText).text
        : parameters.length > 0
          ? JSON.stringify(Object.fromEntries(parameters))
          : undefined;
    if (bodyText === undefined && parameters.length > 0)
      notes.push(
        `its parameters (${parameters.map(([k]) => k).join(', ')}) are sent as a JSON body; check what the service expects`,
      );
    const save = this.saves.get(state.name);
    const id = this.b.stepId(state.name);
    this.b.add(id, {
      type: 'http',
      method: (['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(method) ? method : 'POST') as 'POST',
      url: hasUrl ? url.text : urlToFillIn(`Twilio Function ${textOf(p.function_sid) ?? state.name}`),
      ...(body !== undefined && method !== 'GET' ? { body } : {}),
      ...(save && save.size > 0 ? { save: Object.fromEntries(save) } : {}),
      success: this.exit(state, 'success'),
      failure: this.exit(state, isFunction ? 'fail' : 'failed'),
    });
    if (ids.length > 0) this.b.comment(id, `Twilio Function ${ids.join(' / ')}.`);
    if (!hasUrl) notes.push('Studio names the function but no address: fill in its https address');
    this.finish(state, id, notes);
  }

  private connectCallTo(state: State): void {
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
    const afterwards = this.next(state, 'callCompleted');
    if (afterwards !== undefined)
      notes.push(
        `Studio goes on to ${afterwards} when the connected call ends; here a connected transfer ends the call, and ${afterwards} is where a failed transfer goes`,
      );
    const id = this.b.stepId(state.name);
    this.b.add(id, {
      type: 'transfer',
      to,
      ...transferOptions(numberOf(p.timeout), textOf(p.caller_id), notes),
      failed: this.b.exitTo(afterwards),
    });
    this.finish(state, id, notes);
  }

  private enqueue(state: State): void {
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
    const failed = this.next(state, 'failedToEnqueue') ?? this.next(state, 'callFailure');
    const afterwards = this.next(state, 'callComplete');
    if (afterwards !== undefined)
      notes.push(`Studio goes on to ${afterwards} after the agent's call; here the call ends with the agent`);
    const id = this.b.stepId(state.name);
    this.b.add(id, {
      type: 'assign-dial',
      queue,
      ...(priority !== undefined && priority >= 0 ? { priority: Math.min(100, Math.floor(priority)) } : {}),
      ...(timeout !== undefined && timeout > 0 ? { timeout } : {}),
      'no-answer': this.b.exitTo(failed),
    });
    if (ids.length > 0) this.b.comment(id, `TaskRouter ${ids.join(' / ')}.`);
    this.finish(state, id, notes);
  }

  private voicemail(state: State): void {
    const notes: string[] = [];
    const noAudio = this.next(state, 'noAudio');
    const complete = this.next(state, 'recordingComplete');
    if (noAudio !== undefined && noAudio !== complete)
      notes.push(`a recording with no audio went to ${noAudio}; here it goes on like any other`);
    if (textOf(state.properties.transcribe) === 'true')
      notes.push('Studio also transcribed the message; callflow records it only');
    const id = this.b.stepId(state.name);
    this.b.add(id, { type: 'voicemail', next: this.b.exitTo(complete) });
    this.finish(state, id, notes);
  }

  private subflow(state: State): void {
    const sid = textOf(state.properties.flow_sid) ?? state.name;
    const flow =
      sid
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 63) || 'subflow';
    const id = this.b.stepId(state.name);
    this.b.add(id, { type: 'goto-flow', flow });
    this.b.comment(
      id,
      `Studio subflow ${sid}: import it with \`callflow import <file> --id ${flow}\`, or point flow at the flow that replaces it.`,
    );
    const completed = this.next(state, 'completed');
    this.finish(state, id, [
      `a subflow returns here when it completes${completed ? ` (to ${completed})` : ''}; goto-flow hands the call over for good, so the steps after it are not carried over`,
    ]);
  }

  private drop(state: State, why?: string): void {
    const next =
      DROPPED_CONTINUATIONS.map((event) => this.next(state, event)).find((n) => n !== undefined) ??
      state.transitions.find((t) => t.next !== undefined)?.next;
    this.b.passThrough(state.name, next);
    const category = DROPPED_KINDS[state.type] ?? `A ${state.type} widget has no equal in callflow`;
    this.b.report({
      source: state.name,
      sourceType: state.type,
      result: 'dropped',
      note: joinNotes(why ?? category, next ? `Calls go on to ${next}` : 'Calls end here'),
    });
  }

  // ---- Shared pieces ----

  private digitCounts?: Map<string, number>;

  /** How often each gather's digits (`widgets.<name>.Digits`) are read anywhere in the flow. */
  private digitReferences(): Map<string, number> {
    if (!this.digitCounts) {
      this.digitCounts = new Map();
      for (const text of this.liquidTexts)
        for (const m of text.matchAll(/widgets\.([^.\s"{}|]+)\.Digits/g))
          this.digitCounts.set(m[1]!, (this.digitCounts.get(m[1]!) ?? 0) + 1);
    }
    return this.digitCounts;
  }

  private next(state: State, event: string): string | undefined {
    return state.transitions.find((t) => t.event === event)?.next;
  }

  private exit(state: State, event: string): string {
    return this.b.exitTo(this.next(state, event));
  }

  private finish(state: State, id: string, notes: string[], voiceNote?: string, extra?: string): void {
    const result: ImportOutcome = notes.length > 0 ? 'approximated' : 'mapped';
    if (notes.length > 0) this.b.comment(id, `${state.type} ${state.name}: ${joinNotes(...notes)}`);
    this.b.enter(state.name, id);
    this.b.report({
      source: state.name,
      sourceType: state.type,
      result,
      steps: [id],
      note: joinNotes(extra, ...notes, voiceNote),
    });
  }

  private prompt(p: SourceRecord): { fields: { say?: string; audio?: string }; notes: string[]; voiceNote?: string } {
    const fields: { say?: string; audio?: string } = {};
    const notes: string[] = [];
    const say = textOf(p.say);
    if (say && say.trim() !== '') {
      const rewritten = this.text(say);
      fields.say = rewritten.text;
      notes.push(...unresolvedNotes(rewritten.unresolved));
    }
    const play = textOf(p.play);
    if (play && play.trim() !== '') fields.audio = this.text(play).text;
    const voice = [textOf(p.voice), textOf(p.language)].filter(Boolean);
    return {
      fields,
      notes,
      ...(voice.length > 0
        ? { voiceNote: `The voice and language (${voice.join(', ')}) are the runtime's to choose` }
        : {}),
    };
  }

  private speechNote(state: State): string[] {
    const speech = this.next(state, 'speech');
    return speech !== undefined
      ? [`Studio also listened for speech (going to ${speech}); callflow listens for keys only`]
      : [];
  }

  private inputVariable(input: string): { name: string; unresolved: boolean } {
    const match = /^\s*\{\{\s*([^}|]+?)\s*\}\}\s*$/.exec(input);
    const resolved = match ? this.variableFor(match[1]!) : undefined;
    if (resolved) return { name: resolved, unresolved: false };
    return {
      name: variableName(match ? match[1]!.replace(/^widgets\.|^flow\.variables\./, '') : input || 'input'),
      unresolved: true,
    };
  }

  private text(text: string): { text: string; unresolved: string[] } {
    return rewriteLiquid(text, (expression) => this.variableFor(expression));
  }

  /** The variable of the flow a Liquid expression reads, or undefined when it cannot be said as one. */
  private variableFor(expression: string): string | undefined {
    const e = expression.trim();
    if (e.includes('|')) return undefined;
    if (e === 'trigger.call.From' || e === 'contact.channel.address') return 'caller.number';
    if (e === 'trigger.call.To' || e === 'flow.channel.address') return 'dialed.number';
    let m = /^flow\.variables\.([A-Za-z0-9_.-]+)$/.exec(e);
    if (m) return variableName(m[1]!);
    m = /^widgets\.([^.\s]+)\.Digits$/.exec(e);
    if (m && this.states.get(m[1]!)?.type === 'gather-input-on-call') return digitsVariable(m[1]!);
    m = /^widgets\.([^.\s]+)\.parsed\.([A-Za-z0-9_.]+)$/.exec(e);
    if (m && this.saves.get(m[1]!)?.has(parsedVariable(m[1]!, m[2]!))) return parsedVariable(m[1]!, m[2]!);
    return undefined;
  }

  /** Which parts of each http widget's answer the flow reads (`{{widgets.lookup.parsed.tier}}`): its `save`. */
  private collectSaves(): void {
    const references = this.liquidTexts.flatMap((text) => [
      ...text.matchAll(/widgets\.([A-Za-z0-9_-]+)\.parsed\.([A-Za-z0-9_.]+[A-Za-z0-9_])/g),
    ]);
    for (const m of references) {
      const [, widget, path] = m as unknown as [string, string, string];
      const type = this.states.get(widget)?.type;
      if (type !== 'run-function' && type !== 'make-http-request') continue;
      const saves = this.saves.get(widget) ?? new Map<string, string>();
      saves.set(parsedVariable(widget, path), path);
      this.saves.set(widget, saves);
    }
  }
}

const TIME_CONDITION = /^is_(after|before)_(time|date|day)|^is_(today|weekday|weekend)/;

const DROPPED_CONTINUATIONS = [
  'next',
  'success',
  'sent',
  'return',
  'completed',
  'recordingStarted',
  'callCompleted',
  'audioComplete',
];

const DROPPED_KINDS: Readonly<Record<string, string>> = table({
  'send-message': 'Messaging widgets are not carried over (callflow flows are voice calls)',
  'send-and-wait-for-reply': 'Messaging widgets are not carried over (callflow flows are voice calls)',
  'capture-payments': 'Payment widgets are not carried over: take payments in a service an http step calls',
  'connect-virtual-agent': 'Bot widgets are not carried over',
  'send-to-auto-pilot': 'Bot widgets are not carried over',
  'call-recording': 'Recording is a setting of the runtime, not a step',
  'fork-stream': 'Media streams are a setting of the runtime, not a step',
  'add-twiml-redirect': 'TwiML redirects have no equal: the TwiML they return is not known here',
  'make-outgoing-call-v2': 'Outgoing calls are not part of an incoming-call flow',
});

function readState(raw: SourceValue): State | undefined {
  const record = recordOf(raw);
  const name = textOf(record?.name);
  if (!record || !name) return undefined;
  const transitions: Transition[] = [];
  for (const raw of listOf(record.transitions)) {
    const t = recordOf(raw);
    if (!t) continue;
    const next = textOf(t.next);
    const event = textOf(t.event) ?? '';
    const conditions = listOf(t.conditions).filter(isRecord);
    transitions.push(next !== undefined && next !== '' ? { event, next, conditions } : { event, conditions });
  }
  return {
    name,
    type: textOf(record.type) ?? 'unknown',
    transitions,
    properties: recordOf(record.properties) ?? (Object.create(null) as SourceRecord),
  };
}

function describeTrigger(trigger: State): string {
  const entries = trigger.transitions.filter((t) => t.next !== undefined);
  if (entries.length === 0) return 'its Trigger starts nothing';
  return `its Trigger starts on ${entries.map((t) => `${TRIGGER_EVENTS[t.event] ?? t.event} (${t.event} → ${t.next})`).join(', ')}`;
}

function digitsVariable(widget: string): string {
  return variableName(`${widget}.Digits`);
}

function parsedVariable(widget: string, path: string): string {
  return variableName(`${widget}.${path}`);
}

function unresolvedNotes(unresolved: string[]): string[] {
  return unresolved.length > 0
    ? [
        `${unresolved.map((u) => `{{${u}}}`).join(', ')} cannot be said as a variable of the flow and is kept as [${unresolved[0]}]`,
      ]
    : [];
}

/** Whether a text is `{{ expression }}` and nothing else (what `^\{\{\s*expression\s*\}\}$` matches, without a RegExp made per widget). */
function isLiquidReference(text: string, expression: string): boolean {
  return text.startsWith('{{') && text.endsWith('}}') && text.length >= 4 && text.slice(2, -2).trim() === expression;
}

/** The strings inside a value that hold `{{` (walked iteratively: the value is bounded in depth, not in size). */
function liquidTextsOf(value: SourceValue | undefined): string[] {
  const found: string[] = [];
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (item.includes('{{')) found.push(item);
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push(element);
    } else if (typeof item === 'object' && item !== null) {
      for (const key of Object.keys(item)) pending.push((item as Record<string, unknown>)[key]);
    }
  }
  return found;
}

function countIn(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}
