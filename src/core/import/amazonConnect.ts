/**
 * Amazon Connect: actions of the Flow language (or the older export's modules, read as such by
 * connectActions.ts) mapped from the StartAction. A GetParticipantInput whose conditions are keys
 * becomes a menu; one that stores the input becomes a collect; a queue set by
 * UpdateContactTargetQueue is the queue of the TransferContactToQueue it leads to.
 */
import { flowIdFromName, isE164 } from '../ids';
import type { ConditionBranch, ConditionTest, MenuStep } from '../model';
import { FlowBuilder, joinNotes, reachableFrom } from './builder';
import type { ConvertContext, Converted } from './context';
import { readConnectFlow, type ConnectAction, type ConnectCondition } from './connectActions';
import { hoursToFillIn, httpToFillIn, numberToFillIn, SOURCE_PROMPT_SCHEMES } from './fillIns';
import { numberOf, recordOf, textOf, type SourceValue, table } from './sourceText';
import { ssmlText, variableName } from './templates';
import type { ImportOutcome } from './types';
import { transferOptions } from './transferOptions';

const DTMF_KEY = /^[0-9*#]$/;
const MAX_ATTEMPTS = 10;
const ENDLESS_RETRY_ATTEMPTS = 3;

/** Blocks that only change settings of the contact: dropped, the call goes on. */
const SETTINGS_ACTIONS: Readonly<Record<string, string>> = table({
  UpdateFlowLoggingBehavior: 'flow logging',
  UpdateContactRecordingBehavior: 'call recording',
  UpdateContactRecordingAndAnalyticsBehavior: 'call recording and analytics',
  UpdateContactTextToSpeechVoice: 'the text-to-speech voice',
  UpdateContactEventHooks: 'event hooks (the queue, hold and whisper flows)',
  UpdateContactRoutingBehavior: 'routing behaviour',
  UpdateContactCallbackNumber: 'the callback number',
  UpdateContactData: 'contact data',
  UpdateContactMediaProcessing: 'media processing',
  UpdateRoutingCriteria: 'routing criteria',
  UpdateContactTargetQueue: 'the working queue',
  UpdatePreviousContactParticipantState: 'participant state',
});

export function convertAmazonConnect(value: SourceValue, context: ConvertContext): Converted {
  const flow = readConnectFlow(value, context.fileName);
  return new ConnectConversion(flow.actions, context).convert(flow.start, flow.name);
}

class ConnectConversion {
  private readonly b = new FlowBuilder();
  private readonly counters = new Map<string, number>();
  /** Per TransferContactToQueue: the queues the UpdateContactTargetQueue actions before it set. */
  private readonly queuesBefore = new Map<string, Set<string>>();
  /** Lambda results the flow reads (`$.External.tier`): every Lambda step saves them. */
  private readonly externals = new Set<string>();

  constructor(
    private readonly actions: Map<string, ConnectAction>,
    private readonly context: ConvertContext,
  ) {}

  convert(start: string, name: string | undefined): Converted {
    if (!this.actions.has(start)) {
      // A StartAction that names no action: nothing to import.
      this.b.passThrough(start, undefined);
    }
    const reachable = reachableFrom(start, (id) => this.successors(id));
    const onPath = new Set(reachable);
    this.trackQueues(start);
    for (const action of this.actions.values())
      for (const text of referenceTexts(action.parameters))
        for (const m of text.matchAll(/\$\.External\.([A-Za-z0-9_]+)/g)) this.externals.add(m[1]!);
    for (const id of reachable) {
      const action = this.actions.get(id);
      if (action) this.convertAction(action);
    }
    for (const action of this.actions.values()) {
      if (onPath.has(action.id)) continue;
      this.b.report({
        source: action.id,
        sourceType: action.sourceType,
        result: 'dropped',
        note: 'No call reaches it from the StartAction.',
      });
    }
    return { builder: this.b, startNode: start, ...(name ? { name } : {}) };
  }

  private successors(id: string): string[] {
    const action = this.actions.get(id);
    if (!action) return [];
    const found: string[] = [];
    const add = (n: string | undefined): void => {
      if (n !== undefined && this.actions.has(n)) found.push(n);
    };
    add(action.next);
    for (const c of action.conditions) add(c.next);
    for (const e of action.errors) add(e.next);
    return found;
  }

  private convertAction(action: ConnectAction): void {
    switch (action.type) {
      case 'MessageParticipant':
        return this.message(action);
      case 'GetParticipantInput':
        return this.input(action);
      case 'Compare':
        return this.compare(action);
      case 'CheckHoursOfOperation':
        return this.hours(action);
      case 'UpdateContactAttributes':
      case 'UpdateFlowAttributes':
        return this.attributes(action);
      case 'TransferContactToQueue':
        return this.queue(action);
      case 'TransferParticipantToThirdParty':
        return this.transfer(action);
      case 'InvokeLambdaFunction':
        return this.lambda(action);
      case 'TransferToFlow':
      case 'InvokeFlowModule':
        return this.otherFlow(action);
      case 'DisconnectParticipant':
      case 'EndFlowExecution':
      case 'EndFlowModuleExecution':
        return this.hangup(action);
      case 'UpdateContactTargetQueue':
        return this.drop(
          action,
          action.next,
          `It sets the working queue (${this.queueName(action)}), which the queue transfer after it uses`,
          'mapped',
        );
      default:
        if (action.type in SETTINGS_ACTIONS)
          return this.drop(
            action,
            action.next ?? action.errors[0]?.next,
            `It only sets ${SETTINGS_ACTIONS[action.type]}, a setting of the runtime, not a step`,
          );
        return this.drop(
          action,
          action.next ?? action.conditions[0]?.next ?? action.errors[0]?.next,
          dropReason(action.type),
        );
    }
  }

  // ---- Actions ----

  private message(action: ConnectAction): void {
    const prompt = this.prompt(action);
    if (!prompt.fields.say && !prompt.fields.audio) return this.drop(action, action.next, 'It plays nothing');
    const id = this.stepId('play');
    this.b.add(id, { type: 'play', ...prompt.fields, next: this.b.exitTo(action.next) });
    this.finish(action, id, prompt.notes);
  }

  private input(action: ConnectAction): void {
    const p = action.parameters;
    const prompt = this.prompt(action);
    const timeout = numberOf(p.InputTimeLimitSeconds);
    const timeoutField = timeout !== undefined && timeout > 0 ? { timeout } : {};
    const noInputTarget = this.error(action, 'InputTimeLimitExceeded');
    if (textOf(p.StoreInput)?.toLowerCase() === 'true') {
      const dtmf = recordOf(p.DTMFConfiguration);
      const maxDigits =
        numberOf(
          recordOf(p.InputValidation)?.CustomValidation
            ? recordOf(recordOf(p.InputValidation)?.CustomValidation)?.MaximumLength
            : undefined,
        ) ?? numberOf(p.MaxDigits);
      const finishOn = textOf(dtmf?.InputTerminationSequence);
      const id = this.stepId('collect');
      this.b.add(id, {
        type: 'collect',
        ...prompt.fields,
        variable: 'StoredCustomerInput',
        ...(finishOn && DTMF_KEY.test(finishOn) ? { 'finish-on': finishOn } : {}),
        ...(maxDigits !== undefined && maxDigits >= 1 && maxDigits <= 64
          ? { 'max-digits': Math.floor(maxDigits) }
          : {}),
        ...timeoutField,
        next: this.b.exitTo(action.next),
        'no-input': this.b.exitTo(noInputTarget ?? this.error(action, 'NoMatchingError')),
      });
      return this.finish(action, id, prompt.notes);
    }
    const keys = menuKeys(action.conditions);
    if (keys) {
      const id = this.stepId('menu');
      const notes = [...prompt.notes];
      const noInput = this.retry(action, noInputTarget, id);
      const invalid = this.retry(action, this.error(action, 'NoMatchingCondition'), id);
      const step: MenuStep = { type: 'menu', ...prompt.fields, options: {}, ...timeoutField };
      for (const [key, target] of keys) step.options[key] = this.b.exitTo(target);
      const attempts = Math.max(noInput.attempts ?? 0, invalid.attempts ?? 0);
      if (attempts > 0) step.attempts = Math.min(MAX_ATTEMPTS, attempts);
      step['no-input'] = noInput.exit;
      step.invalid = invalid.exit;
      notes.push(...noInput.notes, ...invalid.notes);
      this.b.add(id, step);
      return this.finish(action, id, notes);
    }
    // Conditions that are not one key each: the digits are collected, then tested.
    const collectId = this.stepId('collect');
    const conditionId = this.stepId('condition');
    const variable = variableName(`${collectId}.digits`);
    this.b.add(collectId, {
      type: 'collect',
      ...prompt.fields,
      variable,
      ...timeoutField,
      next: this.b.exitToStep(conditionId),
      'no-input': this.b.exitTo(noInputTarget),
    });
    const tests = this.conditionBranches(variable, action.conditions);
    this.b.add(conditionId, {
      type: 'condition',
      branches: tests.branches,
      else: this.b.exitTo(this.error(action, 'NoMatchingCondition')),
    });
    this.finish(
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
  private retry(
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
            this.b.absorb(
              node.id,
              menuId,
              `It played before the menu asked again; menu ${menuId} repeats its own prompt instead.`,
            );
        return {
          exit: this.b.exitTo(undefined),
          attempts: ENDLESS_RETRY_ATTEMPTS,
          notes: [
            `Connect asks again for as long as the caller does not choose; here the menu asks ${ENDLESS_RETRY_ATTEMPTS} times, then hangs up`,
          ],
        };
      }
      const node = this.actions.get(at);
      if (!node) break;
      if (node.type === 'Loop') {
        const again = node.conditions.find((c) => c.operands[0] === 'ContinueLooping')?.next;
        const done = node.conditions.find((c) => c.operands[0] === 'DoneLooping')?.next;
        const count = numberOf(node.parameters.LoopCount) ?? 3;
        const back =
          again === menu.id ||
          (again !== undefined &&
            this.actions.get(again)?.type === 'MessageParticipant' &&
            this.actions.get(again)?.next === menu.id);
        if (!back) break;
        const repeated = again !== menu.id ? [...between, this.actions.get(again)!] : between;
        for (const r of repeated)
          this.b.absorb(
            r.id,
            menuId,
            `It played before the menu asked again; menu ${menuId} repeats its own prompt instead.`,
          );
        this.b.absorb(node.id, menuId, `Its count of tries is menu ${menuId}'s attempts.`);
        return {
          exit: this.b.exitTo(done),
          attempts: count + 1,
          notes: repeated.length > 0 ? ['The message played before asking again is not carried over'] : [],
        };
      }
      if (node.type !== 'MessageParticipant') break;
      between.push(node);
      at = node.next;
    }
    return { exit: this.b.exitTo(target), notes: [] };
  }

  private compare(action: ConnectAction): void {
    const raw = textOf(action.parameters.ComparisonValue) ?? '';
    const reference = this.reference(raw);
    const variable = reference ?? variableName(raw.replace(/^\$\./, ''));
    const tests = this.conditionBranches(variable, action.conditions);
    const notes = [...tests.notes];
    if (!reference)
      notes.push(`It compares ${raw}, which cannot be said as a variable of the flow; check the variable ${variable}`);
    const id = this.stepId('condition');
    const elseTarget = this.error(action, 'NoMatchingCondition') ?? action.next;
    if (tests.branches.length === 0) {
      notes.push('It has no condition callflow can test');
      tests.branches.push({ when: { variable, equals: '' }, next: this.b.exitTo(elseTarget) });
    }
    this.b.add(id, { type: 'condition', branches: tests.branches, else: this.b.exitTo(elseTarget) });
    this.finish(action, id, notes);
  }

  private conditionBranches(
    variable: string,
    conditions: ConnectCondition[],
  ): { branches: ConditionBranch[]; notes: string[] } {
    const branches: ConditionBranch[] = [];
    const notes: string[] = [];
    for (const c of conditions) {
      const value = c.operands[0] ?? '';
      const number = numberOf(value);
      const next = this.b.exitTo(c.next);
      const when = (test: Omit<ConditionTest, 'variable'>): ConditionBranch => ({
        when: { variable, ...test },
        next,
      });
      switch (c.operator) {
        case 'Equals':
          branches.push(when({ equals: value }));
          break;
        case 'NumberGreaterThan':
          branches.push(when({ 'greater-than': number ?? value }));
          break;
        case 'NumberLessThan':
          branches.push(when({ 'less-than': number ?? value }));
          break;
        case 'NumberGreaterOrEqualTo':
          branches.push(when({ 'greater-than': number ?? value }), when({ equals: number ?? value }));
          break;
        case 'NumberLessOrEqualTo':
          branches.push(when({ 'less-than': number ?? value }), when({ equals: number ?? value }));
          break;
        case 'TextContains':
          branches.push(when({ contains: value }));
          break;
        case 'TextStartsWith':
          branches.push(when({ 'starts-with': value }));
          break;
        case 'TextEndsWith':
          branches.push(when({ 'ends-with': value }));
          break;
        default:
          branches.push(when({ equals: value }));
          notes.push(`The operator ${c.operator} has no equal here; it is tested as "equals ${value}"`);
      }
    }
    return { branches, notes };
  }

  private hours(action: ConnectAction): void {
    const open = action.conditions.find((c) => c.operands[0]?.toLowerCase() === 'true')?.next;
    const closed = action.conditions.find((c) => c.operands[0]?.toLowerCase() === 'false')?.next;
    const id = this.stepId('hours');
    this.b.add(id, hoursToFillIn(this.context.timezone, { open: this.b.exitTo(open), closed: this.b.exitTo(closed) }));
    const hoursId = textOf(action.parameters.HoursOfOperationId);
    const named = action.displayNames.get('HoursOfOperationId');
    const which = hoursId
      ? `the hours of operation ${named ? `"${named}" ` : ''}(${hoursId})`
      : "the queue's hours of operation";
    this.b.comment(id, `Connect checked ${which}: fill in the opening hours and check the time zone.`);
    const error = this.error(action, 'NoMatchingError');
    this.finish(action, id, [
      `Connect keeps the schedule outside the flow (${which}); fill in the opening hours (validation reports no-opening-hours until you do)`,
      ...(error !== undefined && error !== closed ? [`its error branch (to ${error}) is not carried over`] : []),
    ]);
  }

  private attributes(action: ConnectAction): void {
    const flowAttributes = action.type === 'UpdateFlowAttributes';
    const source = recordOf(flowAttributes ? action.parameters.FlowAttributes : action.parameters.Attributes);
    const values = Object.create(null) as Record<string, string>;
    const notes: string[] = [];
    for (const [key, raw] of Object.entries(source ?? {})) {
      const value = flowAttributes ? textOf(recordOf(raw)?.Value) : textOf(raw);
      if (value === undefined) continue;
      const text = this.text(value);
      values[variableName(key)] = text.text;
      notes.push(...text.notes);
      if (variableName(key) !== key) notes.push(`The attribute ${key} is the variable ${variableName(key)}`);
    }
    if (Object.keys(values).length === 0) return this.drop(action, action.next, 'It sets no attribute');
    const id = this.stepId('set');
    this.b.add(id, { type: 'set', values, next: this.b.exitTo(action.next) });
    this.finish(action, id, notes);
  }

  private queue(action: ConnectAction): void {
    const queues = [...(this.queuesBefore.get(action.id) ?? [])];
    const notes: string[] = [];
    const failed = this.error(action, 'QueueAtCapacity') ?? this.error(action, 'NoMatchingError');
    if (queues.length === 0) {
      queues.push('queue');
      notes.push(
        "No UpdateContactTargetQueue before it names the queue (the previous flow set it): rename queue to your agents' queue",
      );
    }
    if (queues.length === 1) {
      const id = this.stepId('queue');
      this.b.add(id, { type: 'assign-dial', queue: queues[0]!, 'no-answer': this.b.exitTo(failed) });
      return this.finish(action, id, notes);
    }
    // Several working queues lead here: the queue each path set is the one it dials.
    const conditionId = this.stepId('which-queue');
    const ids = queues.map((queue) => {
      const id = this.stepId(`queue-${queue}`);
      this.b.add(id, { type: 'assign-dial', queue, 'no-answer': this.b.exitTo(failed) });
      return id;
    });
    this.b.add(conditionId, {
      type: 'condition',
      branches: queues
        .slice(1)
        .map((queue, i) => ({ when: { variable: 'queue', equals: queue }, next: this.b.exitToStep(ids[i + 1]!) })),
      else: this.b.exitToStep(ids[0]!),
    });
    this.finish(
      action,
      conditionId,
      [
        `Several working queues lead here (${queues.join(', ')}); the variable queue, set where Connect set the working queue, picks one`,
      ],
      [conditionId, ...ids],
    );
  }

  private transfer(action: ConnectAction): void {
    const raw = textOf(action.parameters.ThirdPartyPhoneNumber) ?? '';
    const notes: string[] = [];
    let to = raw;
    if (!isE164(raw)) {
      to = numberToFillIn(raw || 'the transfer');
      notes.push(`The number ${raw || '(none)'} is not written out in the flow: fill it in`);
    }
    if (textOf(action.parameters.ContinueFlowExecution)?.toLowerCase() === 'true')
      notes.push(
        `Connect goes on to ${action.next ?? 'the next block'} once the third party hangs up; here a connected transfer ends the call`,
      );
    const failed = action.errors[0]?.next;
    const id = this.stepId('transfer');
    const options = transferOptions(
      // The Flow language's name, and the older exports' (ThirdPartyConnectionTimeLimitSeconds).
      numberOf(
        action.parameters.ThirdPartyConnectionTimeoutSeconds ?? action.parameters.ThirdPartyConnectionTimeLimitSeconds,
      ),
      textOf(recordOf(action.parameters.CallerId)?.Number),
      notes,
    );
    this.b.add(id, { type: 'transfer', to, ...options, failed: this.b.exitTo(failed) });
    this.finish(action, id, notes);
  }

  private lambda(action: ConnectAction): void {
    const arn = textOf(action.parameters.LambdaFunctionARN) ?? '';
    const name = action.displayNames.get('LambdaFunctionARN') ?? lastSegment(arn);
    const id = this.stepId(`lambda-${name}`);
    const step = httpToFillIn(`the Lambda function ${name}`, {
      success: this.b.exitTo(action.next),
      failure: this.b.exitTo(this.error(action, 'NoMatchingError') ?? action.errors[0]?.next),
    });
    if (this.externals.size > 0)
      step.save = Object.fromEntries([...this.externals].map((key) => [variableName(`External.${key}`), key]));
    this.b.add(id, step);
    this.b.comment(id, `Lambda ${arn}.`);
    this.finish(action, id, [
      `Connect invokes the Lambda function ${name}; fill in the https address of a service that does its work (validation reports invalid-url until you do)`,
    ]);
  }

  private otherFlow(action: ConnectAction): void {
    const module = action.type === 'InvokeFlowModule';
    const key = module ? 'FlowModuleId' : 'ContactFlowId';
    const ref = textOf(action.parameters[key]) ?? '';
    const name = action.displayNames.get(key) ?? this.reference(ref) ?? lastSegment(ref);
    const flow = flowIdFromName(name) || 'other-flow';
    const id = this.stepId(`goto-${flow}`);
    this.b.add(id, { type: 'goto-flow', flow });
    if (ref) this.b.comment(id, `Connect ${module ? 'flow module' : 'flow'} ${ref}.`);
    this.finish(action, id, [
      ...(module
        ? [
            `A flow module returns to this flow when it ends (to ${action.next ?? 'nothing'}); goto-flow hands the call over for good, so the blocks after it are not carried over`,
          ]
        : []),
      `Import that flow with --id ${flow}, or point flow at the flow that replaces it`,
    ]);
  }

  private hangup(action: ConnectAction): void {
    const id = this.stepId('hangup');
    this.b.add(id, { type: 'hangup' });
    this.finish(
      action,
      id,
      action.type === 'EndFlowModuleExecution' ? ['A module returns to its flow here; an imported flow hangs up'] : [],
    );
  }

  private drop(action: ConnectAction, next: string | undefined, why: string, result: ImportOutcome = 'dropped'): void {
    this.b.passThrough(action.id, next);
    this.b.report({
      source: action.id,
      sourceType: action.sourceType,
      result,
      note: joinNotes(why, result === 'dropped' ? (next ? `Calls go on to ${next}` : 'Calls end here') : undefined),
    });
  }

  // ---- Shared pieces ----

  private stepId(kind: string): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return this.b.stepId(`${kind}-${n}`);
  }

  private finish(action: ConnectAction, id: string, notes: string[], steps: string[] = [id]): void {
    const result: ImportOutcome = notes.length > 0 ? 'approximated' : 'mapped';
    if (notes.length > 0) this.b.comment(id, `${action.sourceType} ${action.id}: ${joinNotes(...notes)}`);
    this.b.enter(action.id, id);
    this.b.report({ source: action.id, sourceType: action.sourceType, result, steps, note: joinNotes(...notes) });
  }

  private error(action: ConnectAction, type: string): string | undefined {
    return action.errors.find((e) => e.errorType === type)?.next;
  }

  private prompt(action: ConnectAction): { fields: { say?: string; audio?: string }; notes: string[] } {
    const p = action.parameters;
    const notes: string[] = [];
    const text = textOf(p.Text);
    const ssml = textOf(p.SSML);
    const promptId = textOf(p.PromptId);
    const fields: { say?: string; audio?: string } = {};
    if (text && text.trim() !== '') {
      const t = this.text(text);
      fields.say = t.text;
      notes.push(...t.notes);
    } else if (ssml && ssml.trim() !== '') {
      const spoken = ssmlText(ssml);
      const t = this.text(spoken.text);
      fields.say = t.text;
      notes.push(...t.notes);
      if (spoken.hadMarkup) notes.push('Its SSML markup is not carried over, only the words');
    }
    if (promptId) {
      const name = action.displayNames.get('PromptId');
      fields.audio = `${SOURCE_PROMPT_SCHEMES['amazon-connect']}${promptId}`;
      notes.push(
        `The prompt ${name ? `"${name}" ` : ''}is known only by its id in Connect: export the recording into the workspace (or give its https address) and set audio (validation reports unplayable-audio until you do)`,
      );
    }
    return { fields, notes };
  }

  /** A text with Connect's references (`$.Attributes.name`) as `{{variables}}` where they can be said so. */
  private text(text: string): { text: string; notes: string[] } {
    const unresolved: string[] = [];
    const out = text.replace(/\$\.[A-Za-z]+(?:\.[A-Za-z0-9_-]+)*/g, (ref) => {
      const name = this.reference(ref);
      if (name) return `{{${name}}}`;
      unresolved.push(ref);
      return `[${ref}]`;
    });
    return {
      text: out,
      notes:
        unresolved.length > 0
          ? [`${unresolved.join(', ')} cannot be said as a variable of the flow and is kept as [${unresolved[0]}]`]
          : [],
    };
  }

  /** The variable a Connect reference reads, or undefined when it cannot be said as one. */
  private reference(ref: string): string | undefined {
    if (ref === '$.CustomerEndpoint.Address') return 'caller.number';
    if (ref === '$.SystemEndpoint.Address') return 'dialed.number';
    if (ref === '$.StoredCustomerInput') return 'StoredCustomerInput';
    let m = /^\$\.(?:Attributes|FlowAttributes)\.([A-Za-z0-9_.-]+)$/.exec(ref);
    if (m) return variableName(m[1]!);
    m = /^\$\.External\.([A-Za-z0-9_]+)$/.exec(ref);
    if (m) return variableName(`External.${m[1]}`);
    return undefined;
  }

  private queueName(action: ConnectAction): string {
    const id = textOf(action.parameters.QueueId) ?? '';
    const display = action.displayNames.get('QueueId');
    if (display) return display;
    const attribute = /^\$\.(?:Attributes|FlowAttributes)\.(.+)$/.exec(id);
    return attribute ? attribute[1]! : lastSegment(id) || 'queue';
  }

  /**
   * Which working queues (UpdateContactTargetQueue) reach each TransferContactToQueue: walks from
   * the start carrying the queue set last; each queue found is recorded where it is used.
   */
  private trackQueues(start: string): void {
    const seen = new Set<string>();
    const pending: Array<[string, string | undefined]> = [[start, undefined]];
    while (pending.length > 0) {
      const [id, queue] = pending.pop()!;
      const key = `${id}\u0000${queue ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const action = this.actions.get(id);
      if (!action) continue;
      let current = queue;
      if (action.type === 'UpdateContactTargetQueue') current = this.queueName(action);
      if (action.type === 'TransferContactToQueue' && current !== undefined) {
        const set = this.queuesBefore.get(id) ?? new Set<string>();
        set.add(current);
        this.queuesBefore.set(id, set);
      }
      for (const next of this.successors(id)) pending.push([next, current]);
    }
    this.markQueueSetters();
  }

  /** With several queues at one transfer, each UpdateContactTargetQueue also sets the variable `queue`. */
  private markQueueSetters(): void {
    if (![...this.queuesBefore.values()].some((set) => set.size > 1)) return;
    for (const action of this.actions.values())
      if (action.type === 'UpdateContactTargetQueue') {
        action.type = 'UpdateContactAttributes';
        action.parameters = Object.assign(Object.create(null) as Record<string, SourceValue>, {
          Attributes: Object.assign(Object.create(null) as Record<string, SourceValue>, {
            queue: this.queueName({ ...action, type: 'UpdateContactTargetQueue' }),
          }),
        });
      }
  }
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

/** The strings of a block's parameters that read the contact's data (`$.…`), walked iteratively. */
function referenceTexts(parameters: SourceValue): string[] {
  const found: string[] = [];
  const pending: unknown[] = [parameters];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') {
      if (item.includes('$.')) found.push(item);
    } else if (Array.isArray(item)) {
      for (const element of item) pending.push(element);
    } else if (typeof item === 'object' && item !== null) {
      for (const key of Object.keys(item)) pending.push((item as Record<string, unknown>)[key]);
    }
  }
  return found;
}

function lastSegment(ref: string): string {
  return ref.split(/[/:]/).filter(Boolean).pop() ?? '';
}

function dropReason(type: string): string {
  if (/Lex|Bot/.test(type)) return 'Bot blocks are not carried over';
  if (/Message|Chat|Email|Task|View|SendNotification/i.test(type))
    return `A ${type} block serves chats, tasks or agents, not the caller: not carried over`;
  if (/Payment/.test(type)) return 'Payment blocks are not carried over';
  if (type === 'Loop') return 'A Loop that no menu retries through is not carried over: its body runs once';
  return `A ${type} block has no equal in callflow`;
}
