/**
 * Genesys Archy actions: each action is a node whose call goes on to the action after it, and an
 * output's list of actions goes on to the action after its parent. Prompts, input, decisions and
 * switches, data updates, schedules, transfers (with their pre-transfer and failure audio), other
 * flows, data actions, endings and jumps.
 */
import { flowIdFromName, isE164 } from '../ids';
import type { ConditionBranch } from '../model';
import { joinNoteList } from './builder';
import { DTMF, type ArchyConversion } from './archyConversion';
import { hoursToFillIn, httpToFillIn, numberToFillIn } from './fillIns';
import { listOf, numberOf, recordOf, textOf, type SourceRecord, type SourceValue } from './sourceText';
import { transferOptions } from './transferOptions';

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

/** Converts a list of actions; returns the node key of its first action (or `then` when empty). */
export function sequence(
  archy: ArchyConversion,
  actions: SourceValue[],
  owner: string,
  path: string,
  then: string | undefined,
): string | undefined {
  let next = then;
  for (let i = actions.length - 1; i >= 0; i--) {
    const item = recordOf(actions[i]);
    const type = item ? Object.keys(item)[0] : undefined;
    const body = type ? recordOf(item![type]) : undefined;
    if (!type) continue;
    const key = `${path}[${i}]`;
    const source = `${owner}/${textOf(body?.name) ?? `${type} ${i + 1}`}`;
    next = action(archy, type, body ?? (Object.create(null) as SourceRecord), source, key, next, type);
  }
  return next;
}

/** One action, its call going on to `next`; returns its node key. */
export function action(
  archy: ArchyConversion,
  type: string,
  a: SourceRecord,
  source: string,
  key: string,
  next: string | undefined,
  sourceType: string,
): string {
  const outputs = recordOf(a.outputs);
  const output = (name: string): string | undefined =>
    sequence(archy, listOf(recordOf(outputs?.[name])?.actions), source, `${key}/${name}`, next);
  const name = textOf(a.name) ?? type;
  switch (type) {
    case 'playAudio': {
      const prompt = archy.prompt(a.audio);
      if (!prompt.fields.say && !prompt.fields.audio)
        return archy.drop(key, source, sourceType, next, 'It plays nothing callflow can read');
      const id = archy.b.stepId(name);
      archy.b.add(id, { type: 'play', ...prompt.fields, next: archy.b.exitTo(next) });
      return archy.mapped(key, source, sourceType, id, prompt.notes);
    }
    case 'collectInput': {
      const prompt = archy.prompt(a.inputAudio ?? a.audio);
      const variable = archy.variable(textOf(recordOf(a.inputData)?.var) ?? `${name}.digits`);
      const digits = recordOf(a.digits);
      const range = recordOf(digits?.range);
      const exact = numberOf(recordOf(digits?.exact)?.lit ?? digits?.exact);
      const max = exact ?? numberOf(recordOf(range?.maxDigits)?.lit ?? range?.maxDigits);
      const min = exact ?? numberOf(recordOf(range?.minDigits)?.lit ?? range?.minDigits);
      const finishOn = DTMF[textOf(range?.terminatingDtmf) ?? ''];
      const id = archy.b.stepId(name);
      archy.b.add(id, {
        type: 'collect',
        ...prompt.fields,
        variable,
        ...(min !== undefined && min >= 1 && min <= 64 ? { 'min-digits': Math.floor(min) } : {}),
        ...(max !== undefined && max >= 1 && max <= 64 ? { 'max-digits': Math.floor(max) } : {}),
        ...(finishOn ? { 'finish-on': finishOn } : {}),
        next: archy.b.exitTo(output('success')),
        'no-input': archy.b.exitTo(output('failure')),
      });
      return archy.mapped(key, source, sourceType, id, prompt.notes);
    }
    case 'decision': {
      const exp = textOf(recordOf(a.condition)?.exp) ?? textOf(recordOf(a.condition)?.lit) ?? '';
      const test = archy.test(exp);
      const id = archy.b.stepId(name);
      archy.b.add(id, {
        type: 'condition',
        branches: [{ when: test.when, next: archy.b.exitTo(output('yes')) }],
        else: archy.b.exitTo(output('no')),
      });
      return archy.mapped(key, source, sourceType, id, test.notes);
    }
    case 'switch': {
      const firstTrue = recordOf(recordOf(a.evaluate)?.firstTrue);
      const branches: ConditionBranch[] = [];
      const notes: string[] = [];
      listOf(firstTrue?.cases).forEach((c, i) => {
        const kase = recordOf(recordOf(c)?.case);
        if (!kase) return;
        const test = archy.test(textOf(recordOf(kase.value)?.exp) ?? '');
        notes.push(...test.notes);
        branches.push({
          when: test.when,
          next: archy.b.exitTo(sequence(archy, listOf(kase.actions), source, `${key}/cases[${i}]`, next)),
        });
      });
      const otherwise = sequence(archy, listOf(recordOf(firstTrue?.default)?.actions), source, `${key}/default`, next);
      if (branches.length === 0) return archy.drop(key, source, sourceType, otherwise, 'It has no case');
      const id = archy.b.stepId(name);
      archy.b.add(id, { type: 'condition', branches, else: archy.b.exitTo(otherwise) });
      return archy.mapped(key, source, sourceType, id, notes);
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
          values[archy.variable(target)] = literal;
        else if (exp !== undefined) {
          values[archy.variable(target)] = archy.expressionText(exp);
          notes.push(`${target} is set from the expression ${exp}; check the value`);
        }
      }
      if (Object.keys(values).length === 0)
        return archy.drop(key, source, sourceType, next, 'It sets no variable callflow can read');
      const id = archy.b.stepId(name);
      archy.b.add(id, { type: 'set', values, next: archy.b.exitTo(next) });
      return archy.mapped(key, source, sourceType, id, notes);
    }
    case 'evaluateScheduleGroup':
    case 'evaluateSchedule': {
      const group = archy.literalName(a.scheduleGroup ?? a.inServiceSchedules ?? a.schedules) ?? 'the schedule';
      const open = output('open') ?? output('inSchedule');
      const closed = output('closed') ?? output('outOfSchedule');
      const holiday = outputs?.holiday !== undefined ? output('holiday') : undefined;
      const id = archy.b.stepId(name);
      archy.b.add(
        id,
        hoursToFillIn(archy.context.timezone, {
          open: archy.b.exitTo(open),
          closed: archy.b.exitTo(closed),
          ...(outputs?.holiday !== undefined ? { holiday: archy.b.exitTo(holiday) } : {}),
        }),
      );
      archy.b.comment(id, `Genesys schedule group ${group}: fill in the opening hours and check the time zone.`);
      const notes = [
        `Genesys keeps the schedule group ${group} outside the flow; fill in the opening hours (validation reports no-opening-hours until you do)`,
      ];
      if (outputs?.emergency !== undefined) notes.push('Its emergency output is not carried over');
      return archy.mapped(key, source, sourceType, id, notes);
    }
    case 'transferToAcd':
    case 'transferToUser':
    case 'transferToGroup': {
      const queue = archy.literalName(a.targetQueue ?? a.targetUser ?? a.targetGroup) ?? name;
      const notes =
        type === 'transferToAcd'
          ? []
          : [
              `Genesys transfers to the ${type === 'transferToUser' ? 'user' : 'group'} ${queue}; here that is the queue ${queue}`,
            ];
      const priority = numberOf(recordOf(a.priority)?.lit);
      const failure = afterFailure(archy, a, key, output('failure') ?? next);
      const id = archy.b.stepId(name);
      archy.b.add(id, {
        type: 'assign-dial',
        queue,
        ...(priority !== undefined && priority >= 0 && priority <= 100 ? { priority } : {}),
        'no-answer': archy.b.exitTo(failure),
      });
      return withPreTransfer(archy, a, key, source, sourceType, id, notes);
    }
    case 'transferToNumber': {
      const raw = archy.valueText(a.targetNumber) ?? '';
      const notes = isE164(raw) ? [] : [`The number ${raw || '(none)'} is not written out in the flow: fill it in`];
      const failure = afterFailure(archy, a, key, output('failure') ?? next);
      const id = archy.b.stepId(name);
      archy.b.add(id, {
        type: 'transfer',
        to: isE164(raw) ? raw : numberToFillIn(raw || 'the transfer'),
        ...transferOptions(undefined, archy.valueText(a.callingPartyNumber), notes),
        failed: archy.b.exitTo(failure),
      });
      return withPreTransfer(archy, a, key, source, sourceType, id, notes);
    }
    case 'transferToVoicemail': {
      const mailbox = archy.literalName(a.targetUser ?? a.targetGroup ?? a.targetQueue);
      const id = archy.b.stepId(name);
      archy.b.add(id, { type: 'voicemail', ...(mailbox ? { mailbox } : {}) });
      return withPreTransfer(archy, a, key, source, sourceType, id, []);
    }
    case 'transferToFlow':
    case 'transferToFlowSecure':
    case 'callCommonModule': {
      const target = archy.literalName(a.targetFlow ?? a.commonModule ?? a.flow) ?? name;
      const flow = flowIdFromName(target) || 'other-flow';
      const id = archy.b.stepId(name);
      archy.b.add(id, { type: 'goto-flow', flow });
      const notes = [`Import that flow with --id ${flow}, or point flow at the flow that replaces it`];
      if (type === 'callCommonModule')
        notes.unshift(
          'A common module returns to this flow when it ends; goto-flow hands the call over for good, so the actions after it are not carried over',
        );
      return withPreTransfer(archy, a, key, source, sourceType, id, notes);
    }
    case 'callData':
    case 'callDataAction': {
      const action = archy.dataActionName(a) ?? name;
      const success = output('success');
      const failure = output('failure') ?? output('timeout');
      const step = httpToFillIn(`the data action ${action}`, {
        success: archy.b.exitTo(success),
        failure: archy.b.exitTo(failure),
      });
      const saves = archy.dataActionOutputs(a);
      if (saves.size > 0) step.save = Object.fromEntries(saves);
      const id = archy.b.stepId(name);
      archy.b.add(id, step);
      archy.b.comment(id, `Genesys data action ${action}.`);
      return archy.mapped(key, source, sourceType, id, [
        `Genesys calls the data action ${action}; fill in the https address of a service that does its work (validation reports invalid-url until you do)`,
      ]);
    }
    case 'disconnect':
    case 'endTask':
    case 'exitReusableTask': {
      const id = archy.b.stepId(name);
      archy.b.add(id, { type: 'hangup' });
      return archy.mapped(
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
      const target = archy.refKey(textOf(a.targetMenuRef) ?? textOf(a.targetTaskRef) ?? '');
      archy.b.passThrough(key, target);
      archy.b.report(
        source,
        sourceType,
        target ? (type === 'callTask' ? 'approximated' : 'mapped') : 'dropped',
        target
          ? type === 'callTask'
            ? 'A reusable task returns when it ends; here the call goes on in the task, and the actions after it are not carried over.'
            : ''
          : 'It names no menu or task of the flow; calls end here.',
      );
      return key;
    }
    case 'loop': {
      const body = sequence(archy, listOf(recordOf(outputs?.loop)?.actions), source, `${key}/loop`, next);
      return archy.drop(
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
        return archy.drop(
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
      return archy.drop(key, source, sourceType, next, `A ${type} action has no equal in callflow`);
  }
}

/** The failure audio of a transfer, played before its failure actions. */
function afterFailure(
  archy: ArchyConversion,
  a: SourceRecord,
  key: string,
  then: string | undefined,
): string | undefined {
  const failure = archy.prompt(a.failureTransferAudio);
  if (!failure.fields.say && !failure.fields.audio) return then;
  const id = archy.b.stepId(`${textOf(a.name) ?? 'transfer'}-failed`);
  archy.b.add(id, { type: 'play', ...failure.fields, next: archy.b.exitTo(then) });
  archy.b.enter(`${key}/failureAudio`, id);
  return `${key}/failureAudio`;
}

/** A transfer's pre-transfer audio, played before it; the action's node enters there. */
function withPreTransfer(
  archy: ArchyConversion,
  a: SourceRecord,
  key: string,
  source: string,
  sourceType: string,
  id: string,
  notes: string[],
): string {
  const pre = archy.prompt(a.preTransferAudio);
  if (!pre.fields.say && !pre.fields.audio) return archy.mapped(key, source, sourceType, id, notes);
  const playId = archy.b.stepId(`${textOf(a.name) ?? 'transfer'}-message`);
  archy.b.add(playId, { type: 'play', ...pre.fields, next: archy.b.exitToStep(id) });
  archy.b.enter(key, playId);
  archy.report(source, sourceType, [playId, id], notes);
  if (notes.length > 0) archy.b.comment(id, `${sourceType} ${source}: ${joinNoteList(notes)}`);
  return key;
}
