/**
 * Genesys Architect: an Archy YAML `inboundCall` flow. Archy is structured (lists of actions
 * whose outputs hold lists of their own), so each action is a node whose call goes on to the
 * action after it, and an output's list goes on to the action after its parent: the same
 * graph the Architect editor draws. Menus and their choices become one menu step each.
 */
import { flowIdFromName } from '../ids';
import type { ConditionBranch, ConditionTest, MenuStep } from '../model';
import { FlowBuilder, joinNotes } from './builder';
import { noCallEntry, type ConvertContext, type Converted } from './context';
import { ARCHY_FLOW_KINDS } from './detect';
import { hoursToFillIn, httpToFillIn, numberToFillIn, SOURCE_PROMPT_SCHEMES } from './fillIns';
import { isRecord, listOf, numberOf, recordOf, textOf, type SourceRecord, type SourceValue, table } from './sourceText';
import { variableName } from './templates';
import type { ImportOutcome } from './types';
import { isE164 } from '../ids';
import { InvalidInputError } from '../errors';
import { transferOptions } from './transferOptions';

const DTMF: Readonly<Record<string, string>> = table({
  digit_0: '0',
  digit_1: '1',
  digit_2: '2',
  digit_3: '3',
  digit_4: '4',
  digit_5: '5',
  digit_6: '6',
  digit_7: '7',
  digit_8: '8',
  digit_9: '9',
  star: '*',
  pound: '#',
});

/** Actions that only change settings of the call or the interaction: dropped, the call goes on. */
const SETTINGS_ACTIONS = new Set([
  'setWrapupCode',
  'setLanguage',
  'setParticipantData',
  'getParticipantData',
  'setExternalTag',
  'setScreenPop',
  'setUUIData',
  'setFlowOutcome',
  'initializeFlowOutcome',
  'setWhisperAudio',
  'setUtilizationLabel',
  'enableParticipantRecord',
  'setConversationData',
  'updateExternalContact',
]);

export function convertGenesysArchy(value: SourceValue, context: ConvertContext): Converted {
  if (!isRecord(value)) throw notArchy(context.fileName);
  const flow = recordOf(value.inboundCall);
  if (!flow) {
    const kind = Object.keys(value).find((key) => key in ARCHY_FLOW_KINDS);
    if (!kind) throw notArchy(context.fileName);
    throw noCallEntry(
      'genesys-archy',
      context.fileName,
      `it is ${ARCHY_FLOW_KINDS[kind]} (${kind}), not an inbound call flow`,
    );
  }
  return new ArchyConversion(flow, context).convert();
}

function notArchy(fileName: string): InvalidInputError {
  return new InvalidInputError(
    'import-not-dialect',
    `${fileName} is not a Genesys Archy flow: it has no "inboundCall" (nor another Archy flow kind) at its top.`,
    'Export the flow with `archy export --flowType inboundcall --outputFormat yaml`, or pick the dialect with --from.',
  );
}

interface Prompt {
  fields: { say?: string; audio?: string };
  notes: string[];
}

class ArchyConversion {
  private readonly b = new FlowBuilder();
  private readonly menus = new Map<string, SourceRecord>();
  private readonly tasks = new Map<string, SourceRecord>();
  private readonly repeatCount: number | undefined;

  constructor(
    private readonly flow: SourceRecord,
    private readonly context: ConvertContext,
  ) {
    for (const item of listOf(flow.menus)) {
      const menu = recordOf(recordOf(item)?.menu);
      const ref = textOf(menu?.refId) ?? textOf(menu?.name);
      if (menu && ref && !this.menus.has(ref)) this.menus.set(ref, menu);
    }
    for (const item of listOf(flow.tasks)) {
      const task = recordOf(recordOf(item)?.task);
      const ref = textOf(task?.refId) ?? textOf(task?.name);
      if (task && ref && !this.tasks.has(ref)) this.tasks.set(ref, task);
    }
    this.repeatCount = numberOf(recordOf(recordOf(flow.settingsMenu)?.repeatCount)?.lit);
  }

  convert(): Converted {
    const startRef = textOf(this.flow.startUpRef) ?? '';
    const start = this.refKey(startRef);
    if (!start)
      throw noCallEntry(
        'genesys-archy',
        this.context.fileName,
        `its startUpRef (${startRef || 'none'}) names no menu or task of the flow`,
      );
    for (const [ref, menu] of this.menus) this.menu(ref, menu);
    for (const [ref, task] of this.tasks) {
      const name = textOf(task.name) ?? ref;
      this.b.passThrough(`task:${ref}`, this.sequence(listOf(task.actions), name, `task:${ref}/actions`, undefined));
    }
    let entry = start;
    const greeting = this.prompt(this.flow.initialGreeting);
    if (greeting.fields.say || greeting.fields.audio) {
      const id = this.b.stepId('initial-greeting');
      this.b.add(id, { type: 'play', ...greeting.fields, next: this.b.exitTo(start) });
      this.b.enter('initialGreeting', id);
      this.finish('initialGreeting', 'initialGreeting', id, greeting.notes);
      entry = 'initialGreeting';
    }
    const name = textOf(this.flow.name);
    return { builder: this.b, startNode: entry, ...(name ? { name } : {}) };
  }

  /** `/inboundCall/menus/menu[Main Menu_10]`, `./../../tasks/task[Billing_12]`: the node key of that menu or task. */
  private refKey(ref: string): string | undefined {
    const m = /(menus\/menu|tasks\/task)\[([^\]]+)\]\s*$/.exec(ref);
    if (!m) return undefined;
    const key = m[1] === 'menus/menu' ? `menu:${m[2]}` : `task:${m[2]}`;
    const known = m[1] === 'menus/menu' ? this.menus.has(m[2]!) : this.tasks.has(m[2]!);
    return known ? key : undefined;
  }

  // ---- Menus ----

  private menu(ref: string, menu: SourceRecord): void {
    const name = textOf(menu.name) ?? ref;
    const prompt = this.prompt(menu.audio);
    const id = this.b.stepId(name);
    const settings = recordOf(menu.settingsMenu);
    const repeat = numberOf(recordOf(settings?.repeatCount)?.lit) ?? this.repeatCount;
    const timeout =
      numberOf(recordOf(recordOf(settings?.menuSelectionTimeout)?.lit)?.seconds) ??
      numberOf(recordOf(recordOf(recordOf(this.flow.settingsMenu)?.menuSelectionTimeout)?.lit)?.seconds);
    const step: MenuStep = { type: 'menu', ...prompt.fields, options: {} };
    const notes = [...prompt.notes];
    for (const item of listOf(menu.choices)) {
      const choice = recordOf(item);
      const type = choice ? Object.keys(choice)[0] : undefined;
      const body = type ? recordOf(choice![type]) : undefined;
      if (!type || !body) continue;
      const choiceName = `${name}/${textOf(body.name) ?? type}`;
      const key = DTMF[textOf(body.dtmf) ?? ''];
      if (key === undefined) {
        this.b.report({
          source: choiceName,
          sourceType: type,
          result: 'dropped',
          note: 'It has no keypad key (speech only): callers cannot choose it here.',
        });
        continue;
      }
      const target = this.choice(type, body, choiceName, ref);
      if (step.options[key] === undefined) step.options[key] = this.b.exitTo(target);
    }
    if (timeout !== undefined && timeout > 0) step.timeout = timeout;
    if (repeat !== undefined && repeat >= 0) step.attempts = Math.min(10, Math.max(1, Math.floor(repeat) + 1));
    step['no-input'] = this.b.exitTo(undefined);
    step.invalid = this.b.exitTo(undefined);
    if (Object.keys(step.options).length === 0) {
      notes.push('It has no choice with a key; a menu needs one, so 1 hangs up');
      step.options['1'] = this.b.exitTo(undefined);
    }
    this.b.add(id, step);
    this.b.enter(`menu:${ref}`, id);
    this.finish(name, 'menu', id, notes);
  }

  /** A menu choice: the node the key leads to. */
  private choice(type: string, body: SourceRecord, source: string, menuRef: string): string | undefined {
    const key = `choice:${source}`;
    switch (type) {
      case 'menuJumpToMenu':
      case 'menuJumpToTask':
      case 'menuSubMenu': {
        const target = this.refKey(
          textOf(body.targetMenuRef) ?? textOf(body.targetTaskRef) ?? textOf(body.subMenuRef) ?? '',
        );
        this.b.passThrough(key, target);
        this.b.report({
          source,
          sourceType: type,
          result: target ? 'mapped' : 'dropped',
          note: target ? '' : 'It names no menu or task of the flow; the key hangs up.',
        });
        return key;
      }
      case 'menuRepeat': {
        this.b.passThrough(key, `menu:${menuRef}`);
        this.b.report({ source, sourceType: type, result: 'mapped', note: '' });
        return key;
      }
      case 'menuTask': {
        const actions = listOf(recordOf(body.task)?.actions ?? body.actions);
        this.b.passThrough(key, this.sequence(actions, source, `${key}/actions`, undefined));
        this.b.report({ source, sourceType: type, result: 'mapped', note: '' });
        return key;
      }
      default: {
        // A choice that is an action (menuTransferToAcd, menuDisconnect, ...): converted as that action.
        const action = type.replace(/^menu/, '');
        const actionType = action.charAt(0).toLowerCase() + action.slice(1);
        return this.action(actionType, body, source, key, undefined, type);
      }
    }
  }

  // ---- Actions ----

  /** Converts a list of actions; returns the node key of its first action (or `then` when empty). */
  private sequence(actions: SourceValue[], owner: string, path: string, then: string | undefined): string | undefined {
    let next = then;
    for (let i = actions.length - 1; i >= 0; i--) {
      const item = recordOf(actions[i]);
      const type = item ? Object.keys(item)[0] : undefined;
      const body = type ? recordOf(item![type]) : undefined;
      if (!type) continue;
      const key = `${path}[${i}]`;
      const source = `${owner}/${textOf(body?.name) ?? `${type} ${i + 1}`}`;
      next = this.action(type, body ?? (Object.create(null) as SourceRecord), source, key, next, type);
    }
    return next;
  }

  /** One action, its call going on to `next`; returns its node key. */
  private action(
    type: string,
    a: SourceRecord,
    source: string,
    key: string,
    next: string | undefined,
    sourceType: string,
  ): string {
    const outputs = recordOf(a.outputs);
    const output = (name: string): string | undefined =>
      this.sequence(listOf(recordOf(outputs?.[name])?.actions), source, `${key}/${name}`, next);
    const name = textOf(a.name) ?? type;
    switch (type) {
      case 'playAudio': {
        const prompt = this.prompt(a.audio);
        if (!prompt.fields.say && !prompt.fields.audio)
          return this.drop(key, source, sourceType, next, 'It plays nothing callflow can read');
        const id = this.b.stepId(name);
        this.b.add(id, { type: 'play', ...prompt.fields, next: this.b.exitTo(next) });
        return this.mapped(key, source, sourceType, id, prompt.notes);
      }
      case 'collectInput': {
        const prompt = this.prompt(a.inputAudio ?? a.audio);
        const variable = this.variable(textOf(recordOf(a.inputData)?.var) ?? `${name}.digits`);
        const digits = recordOf(a.digits);
        const range = recordOf(digits?.range);
        const exact = numberOf(recordOf(digits?.exact)?.lit ?? digits?.exact);
        const max = exact ?? numberOf(recordOf(range?.maxDigits)?.lit ?? range?.maxDigits);
        const min = exact ?? numberOf(recordOf(range?.minDigits)?.lit ?? range?.minDigits);
        const finishOn = DTMF[textOf(range?.terminatingDtmf) ?? ''];
        const id = this.b.stepId(name);
        this.b.add(id, {
          type: 'collect',
          ...prompt.fields,
          variable,
          ...(min !== undefined && min >= 1 && min <= 64 ? { 'min-digits': Math.floor(min) } : {}),
          ...(max !== undefined && max >= 1 && max <= 64 ? { 'max-digits': Math.floor(max) } : {}),
          ...(finishOn ? { 'finish-on': finishOn } : {}),
          next: this.b.exitTo(output('success')),
          'no-input': this.b.exitTo(output('failure')),
        });
        return this.mapped(key, source, sourceType, id, prompt.notes);
      }
      case 'decision': {
        const exp = textOf(recordOf(a.condition)?.exp) ?? textOf(recordOf(a.condition)?.lit) ?? '';
        const test = this.test(exp);
        const id = this.b.stepId(name);
        this.b.add(id, {
          type: 'condition',
          branches: [{ when: test.when, next: this.b.exitTo(output('yes')) }],
          else: this.b.exitTo(output('no')),
        });
        return this.mapped(key, source, sourceType, id, test.notes);
      }
      case 'switch': {
        const firstTrue = recordOf(recordOf(a.evaluate)?.firstTrue);
        const branches: ConditionBranch[] = [];
        const notes: string[] = [];
        listOf(firstTrue?.cases).forEach((c, i) => {
          const kase = recordOf(recordOf(c)?.case);
          if (!kase) return;
          const test = this.test(textOf(recordOf(kase.value)?.exp) ?? '');
          notes.push(...test.notes);
          branches.push({
            when: test.when,
            next: this.b.exitTo(this.sequence(listOf(kase.actions), source, `${key}/cases[${i}]`, next)),
          });
        });
        const otherwise = this.sequence(listOf(recordOf(firstTrue?.default)?.actions), source, `${key}/default`, next);
        if (branches.length === 0) return this.drop(key, source, sourceType, otherwise, 'It has no case');
        const id = this.b.stepId(name);
        this.b.add(id, { type: 'condition', branches, else: this.b.exitTo(otherwise) });
        return this.mapped(key, source, sourceType, id, notes);
      }
      case 'updateData': {
        const values = Object.create(null) as Record<string, string | number | boolean>;
        const notes: string[] = [];
        for (const s of listOf(a.statements)) {
          const statement = recordOf(s);
          const kind = statement ? Object.keys(statement)[0] : undefined;
          const body = kind ? recordOf(statement![kind]) : undefined;
          const target = textOf(body?.variable);
          if (!body || !target) continue;
          const literal = recordOf(body.value)?.lit;
          const exp = textOf(recordOf(body.value)?.exp);
          if (typeof literal === 'string' || typeof literal === 'number' || typeof literal === 'boolean')
            values[this.variable(target)] = literal;
          else if (exp !== undefined) {
            values[this.variable(target)] = this.expressionText(exp);
            notes.push(`${target} is set from the expression ${exp}; check the value`);
          }
        }
        if (Object.keys(values).length === 0)
          return this.drop(key, source, sourceType, next, 'It sets no variable callflow can read');
        const id = this.b.stepId(name);
        this.b.add(id, { type: 'set', values, next: this.b.exitTo(next) });
        return this.mapped(key, source, sourceType, id, notes);
      }
      case 'evaluateScheduleGroup':
      case 'evaluateSchedule': {
        const group = this.literalName(a.scheduleGroup ?? a.inServiceSchedules ?? a.schedules) ?? 'the schedule';
        const open = output('open') ?? output('inSchedule');
        const closed = output('closed') ?? output('outOfSchedule');
        const holiday = outputs?.holiday !== undefined ? output('holiday') : undefined;
        const id = this.b.stepId(name);
        this.b.add(
          id,
          hoursToFillIn(this.context.timezone, {
            open: this.b.exitTo(open),
            closed: this.b.exitTo(closed),
            ...(outputs?.holiday !== undefined ? { holiday: this.b.exitTo(holiday) } : {}),
          }),
        );
        this.b.comment(id, `Genesys schedule group ${group}: fill in the opening hours and check the time zone.`);
        const notes = [
          `Genesys keeps the schedule group ${group} outside the flow; fill in the opening hours (validation reports no-opening-hours until you do)`,
        ];
        if (outputs?.emergency !== undefined) notes.push('Its emergency output is not carried over');
        return this.mapped(key, source, sourceType, id, notes);
      }
      case 'transferToAcd':
      case 'transferToUser':
      case 'transferToGroup': {
        const queue = this.literalName(a.targetQueue ?? a.targetUser ?? a.targetGroup) ?? name;
        const notes =
          type === 'transferToAcd'
            ? []
            : [
                `Genesys transfers to the ${type === 'transferToUser' ? 'user' : 'group'} ${queue}; here that is the queue ${queue}`,
              ];
        const priority = numberOf(recordOf(a.priority)?.lit);
        const failure = this.afterFailure(a, key, output('failure') ?? next);
        const id = this.b.stepId(name);
        this.b.add(id, {
          type: 'assign-dial',
          queue,
          ...(priority !== undefined && priority >= 0 && priority <= 100 ? { priority } : {}),
          'no-answer': this.b.exitTo(failure),
        });
        return this.withPreTransfer(a, key, source, sourceType, id, notes);
      }
      case 'transferToNumber': {
        const raw = this.valueText(a.targetNumber) ?? '';
        const notes = isE164(raw) ? [] : [`The number ${raw || '(none)'} is not written out in the flow: fill it in`];
        const failure = this.afterFailure(a, key, output('failure') ?? next);
        const id = this.b.stepId(name);
        this.b.add(id, {
          type: 'transfer',
          to: isE164(raw) ? raw : numberToFillIn(raw || 'the transfer'),
          ...transferOptions(undefined, this.valueText(a.callingPartyNumber), notes),
          failed: this.b.exitTo(failure),
        });
        return this.withPreTransfer(a, key, source, sourceType, id, notes);
      }
      case 'transferToVoicemail': {
        const mailbox = this.literalName(a.targetUser ?? a.targetGroup ?? a.targetQueue);
        const id = this.b.stepId(name);
        this.b.add(id, { type: 'voicemail', ...(mailbox ? { mailbox } : {}) });
        return this.withPreTransfer(a, key, source, sourceType, id, []);
      }
      case 'transferToFlow':
      case 'transferToFlowSecure':
      case 'callCommonModule': {
        const target = this.literalName(a.targetFlow ?? a.commonModule ?? a.flow) ?? name;
        const flow = flowIdFromName(target) || 'other-flow';
        const id = this.b.stepId(name);
        this.b.add(id, { type: 'goto-flow', flow });
        const notes = [`Import that flow with --id ${flow}, or point flow at the flow that replaces it`];
        if (type === 'callCommonModule')
          notes.unshift(
            'A common module returns to this flow when it ends; goto-flow hands the call over for good, so the actions after it are not carried over',
          );
        return this.withPreTransfer(a, key, source, sourceType, id, notes);
      }
      case 'callData':
      case 'callDataAction': {
        const action = this.dataActionName(a) ?? name;
        const success = output('success');
        const failure = output('failure') ?? output('timeout');
        const step = httpToFillIn(`the data action ${action}`, {
          success: this.b.exitTo(success),
          failure: this.b.exitTo(failure),
        });
        const saves = this.dataActionOutputs(a);
        if (saves.size > 0) step.save = Object.fromEntries(saves);
        const id = this.b.stepId(name);
        this.b.add(id, step);
        this.b.comment(id, `Genesys data action ${action}.`);
        return this.mapped(key, source, sourceType, id, [
          `Genesys calls the data action ${action}; fill in the https address of a service that does its work (validation reports invalid-url until you do)`,
        ]);
      }
      case 'disconnect':
      case 'endTask':
      case 'exitReusableTask': {
        const id = this.b.stepId(name);
        this.b.add(id, { type: 'hangup' });
        return this.mapped(
          key,
          source,
          sourceType,
          id,
          type === 'disconnect' ? [] : ['Ending the task ends the call here'],
        );
      }
      case 'jumpToMenu':
      case 'jumpToTask':
      case 'callTask': {
        const target = this.refKey(textOf(a.targetMenuRef) ?? textOf(a.targetTaskRef) ?? '');
        this.b.passThrough(key, target);
        this.b.report({
          source,
          sourceType,
          result: target ? (type === 'callTask' ? 'approximated' : 'mapped') : 'dropped',
          note: target
            ? type === 'callTask'
              ? 'A reusable task returns when it ends; here the call goes on in the task, and the actions after it are not carried over.'
              : ''
            : 'It names no menu or task of the flow; calls end here.',
        });
        return key;
      }
      case 'loop': {
        const body = this.sequence(listOf(recordOf(outputs?.loop)?.actions), source, `${key}/loop`, next);
        return this.drop(
          key,
          source,
          sourceType,
          body,
          'A loop runs its actions once here (callflow has no loop step)',
          'approximated',
        );
      }
      default:
        if (SETTINGS_ACTIONS.has(type))
          return this.drop(
            key,
            source,
            sourceType,
            next,
            `It only sets ${
              type
                .replace(/^set/, '')
                .replace(/([A-Z])/g, ' $1')
                .trim()
                .toLowerCase() || 'settings'
            }, a setting of the interaction, not a step`,
          );
        return this.drop(key, source, sourceType, next, `A ${type} action has no equal in callflow`);
    }
  }

  /** The failure audio of a transfer, played before its failure actions. */
  private afterFailure(a: SourceRecord, key: string, then: string | undefined): string | undefined {
    const failure = this.prompt(a.failureTransferAudio);
    if (!failure.fields.say && !failure.fields.audio) return then;
    const id = this.b.stepId(`${textOf(a.name) ?? 'transfer'}-failed`);
    this.b.add(id, { type: 'play', ...failure.fields, next: this.b.exitTo(then) });
    this.b.enter(`${key}/failureAudio`, id);
    return `${key}/failureAudio`;
  }

  /** A transfer's pre-transfer audio, played before it; the action's node enters there. */
  private withPreTransfer(
    a: SourceRecord,
    key: string,
    source: string,
    sourceType: string,
    id: string,
    notes: string[],
  ): string {
    const pre = this.prompt(a.preTransferAudio);
    if (!pre.fields.say && !pre.fields.audio) return this.mapped(key, source, sourceType, id, notes);
    const playId = this.b.stepId(`${textOf(a.name) ?? 'transfer'}-message`);
    this.b.add(playId, { type: 'play', ...pre.fields, next: this.b.exitToStep(id) });
    this.b.enter(key, playId);
    this.report(source, sourceType, [playId, id], notes);
    if (notes.length > 0) this.b.comment(id, `${sourceType} ${source}: ${joinNotes(...notes)}`);
    return key;
  }

  // ---- Shared pieces ----

  private mapped(key: string, source: string, sourceType: string, id: string, notes: string[]): string {
    this.b.enter(key, id);
    if (notes.length > 0) this.b.comment(id, `${sourceType} ${source}: ${joinNotes(...notes)}`);
    this.report(source, sourceType, [id], notes);
    return key;
  }

  private finish(source: string, sourceType: string, id: string, notes: string[]): void {
    if (notes.length > 0) this.b.comment(id, `${sourceType} ${source}: ${joinNotes(...notes)}`);
    this.report(source, sourceType, [id], notes);
  }

  private report(source: string, sourceType: string, steps: string[], notes: string[]): void {
    const result: ImportOutcome = notes.length > 0 ? 'approximated' : 'mapped';
    this.b.report({ source, sourceType, result, steps, note: joinNotes(...notes) });
  }

  private drop(
    key: string,
    source: string,
    sourceType: string,
    next: string | undefined,
    why: string,
    result: ImportOutcome = 'dropped',
  ): string {
    this.b.passThrough(key, next);
    this.b.report({
      source,
      sourceType,
      result,
      note: joinNotes(
        why,
        result === 'dropped' ? (next ? 'The call goes on to the next action' : 'Calls end here') : undefined,
      ),
    });
    return key;
  }

  /** Archy audio: `tts`, `prompt`, or an expression of ToAudioTTS / ToAudio parts. */
  private prompt(value: SourceValue | undefined): Prompt {
    const audio = recordOf(value);
    const notes: string[] = [];
    if (!audio) return { fields: {}, notes };
    const tts = textOf(audio.tts);
    if (tts !== undefined && tts.trim() !== '') return { fields: { say: tts }, notes };
    const prompt = textOf(audio.prompt);
    if (prompt) {
      notes.push(
        `The prompt ${prompt} is known only by its name in Genesys: export the recording into the workspace (or give its https address) and set audio (validation reports unplayable-audio until you do)`,
      );
      return { fields: { audio: `${SOURCE_PROMPT_SCHEMES['genesys-archy']}${prompt}` }, notes };
    }
    const exp = textOf(audio.exp);
    if (exp) {
      const words = [...exp.matchAll(/ToAudioTTS\(\s*"((?:[^"\\]|\\.)*)"\s*\)/g)].map((m) => m[1]!);
      const prompts = [...exp.matchAll(/Prompt\.([A-Za-z0-9_]+)/g)].map((m) => m[1]!);
      notes.push(`Its audio is the expression ${exp}; only its words are kept`);
      if (words.length > 0) return { fields: { say: words.join(' ') }, notes };
      if (prompts.length > 0)
        return { fields: { audio: `${SOURCE_PROMPT_SCHEMES['genesys-archy']}Prompt.${prompts[0]}` }, notes };
    }
    return { fields: {}, notes };
  }

  /** `Task.account` → `account`, `Call.Ani` → `caller.number`. */
  private variable(reference: string): string {
    const r = reference.trim();
    if (/^Call\.Ani$/i.test(r)) return 'caller.number';
    if (/^Call\.(CalledAddress|CalledAddressOriginal|Dnis)$/i.test(r)) return 'dialed.number';
    return variableName(r.replace(/^(Task|Flow|State)\./, ''));
  }

  /** A condition from a simple Archy expression (`Task.x == "a"`, `IsSet(Task.x)`); others are kept to check. */
  private test(exp: string): { when: ConditionTest; notes: string[] } {
    const compare = /^\s*([A-Za-z]+\.[A-Za-z0-9_.]+)\s*(==|!=|<>|<=|>=|<|>)\s*(.+?)\s*$/.exec(exp);
    if (compare) {
      const variable = this.variable(compare[1]!);
      const raw = compare[3]!;
      const quoted = /^"(.*)"$/.exec(raw);
      const value: string | number = quoted ? quoted[1]! : (numberOf(raw) ?? raw);
      switch (compare[2]) {
        case '==':
          return { when: { variable, equals: value }, notes: [] };
        case '!=':
        case '<>':
          return { when: { variable, 'not-equals': value }, notes: [] };
        case '>':
          return { when: { variable, 'greater-than': value }, notes: [] };
        case '<':
          return { when: { variable, 'less-than': value }, notes: [] };
        default:
          return {
            when: { variable, [compare[2] === '>=' ? 'greater-than' : 'less-than']: value },
            notes: [`"${exp}" is tested without its "or equal"`],
          };
      }
    }
    const isSet = /^\s*(Not\()?\s*IsSet\(\s*([A-Za-z]+\.[A-Za-z0-9_.]+)\s*\)\s*\)?\s*$/.exec(exp);
    if (isSet) {
      const variable = this.variable(isSet[2]!);
      return { when: isSet[1] ? { variable, equals: '' } : { variable, 'not-equals': '' }, notes: [] };
    }
    return {
      when: { variable: 'condition', equals: 'true' },
      notes: [`The expression ${exp || '(none)'} cannot be said as a condition here: rewrite the test`],
    };
  }

  private expressionText(exp: string): string {
    const quoted = /^\s*"(.*)"\s*$/.exec(exp);
    if (quoted) return quoted[1]!;
    const reference = /^\s*([A-Za-z]+\.[A-Za-z0-9_.]+)\s*$/.exec(exp);
    if (reference) return `{{${this.variable(reference[1]!)}}}`;
    return `[${exp}]`;
  }

  /** `{ lit: { name: X } }`, `{ lit: X }`, `{ name: X }` or plain text: the name in it. */
  /** A value written as a literal (`lit`), an expression (`exp`) or plain text. */
  private valueText(value: SourceValue | undefined): string | undefined {
    return textOf(recordOf(value)?.lit) ?? textOf(recordOf(value)?.exp) ?? textOf(value);
  }

  private literalName(value: SourceValue | undefined): string | undefined {
    const record = recordOf(value);
    if (!record) return textOf(value);
    const lit = record.lit;
    return textOf(recordOf(lit)?.name) ?? textOf(lit) ?? textOf(record.name) ?? textOf(record.exp);
  }

  private dataActionName(a: SourceRecord): string | undefined {
    for (const category of Object.values(recordOf(a.category) ?? {})) {
      const actions = recordOf(recordOf(category)?.dataAction);
      const first = actions ? Object.keys(actions)[0] : undefined;
      if (first) return first;
    }
    return this.literalName(a.dataAction);
  }

  /** `successOutputs: { tier: { var: Task.tier } }`: the variables the answer fills. */
  private dataActionOutputs(a: SourceRecord): Map<string, string> {
    const saves = new Map<string, string>();
    for (const category of Object.values(recordOf(a.category) ?? {})) {
      for (const action of Object.values(recordOf(recordOf(category)?.dataAction) ?? {})) {
        for (const [output, target] of Object.entries(recordOf(recordOf(action)?.successOutputs) ?? {})) {
          const variable = textOf(recordOf(target)?.var);
          if (variable) saves.set(this.variable(variable), output);
        }
      }
    }
    return saves;
  }
}
