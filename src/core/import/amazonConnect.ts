/**
 * Amazon Connect: actions of the Flow language (or the older export's modules, read as such by
 * connectActions.ts) mapped from the StartAction. A GetParticipantInput whose conditions are keys
 * becomes a menu; one that stores the input becomes a collect; a queue set by
 * UpdateContactTargetQueue is the queue of the TransferContactToQueue it leads to.
 */
import { FlowBuilder } from './builder';
import type { ConvertContext, Converted } from './context';
import { readConnectFlow, type ConnectAction } from './connectActions';
import { attributes, compare, hangup, hours, lambda, message, otherFlow, queue, transfer } from './connectBlocks';
import { ConnectConversion } from './connectConversion';
import { input } from './connectMenus';
import { type SourceValue, table } from './sourceText';

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
  return new ConnectRun(flow.actions, context).convert(flow.start, flow.name);
}

/** The walk of a Connect flow from its StartAction: the queues each path set, each block on a call's path mapped, the others reported dropped. */
class ConnectRun {
  private readonly c: ConnectConversion;
  private readonly b = new FlowBuilder();

  constructor(
    private readonly actions: Map<string, ConnectAction>,
    context: ConvertContext,
  ) {
    this.c = new ConnectConversion(actions, this.b, context);
  }

  convert(start: string, name: string | undefined): Converted {
    if (!this.actions.has(start)) {
      // A StartAction that names no action: nothing to import.
      this.b.passThrough(start, undefined);
    }
    const reachable: string[] = [start];
    const onPath = new Set<string>(reachable);
    const found: string[] = [];
    for (let i = 0; i < reachable.length; i++) {
      found.length = 0;
      this.successors(reachable[i]!, found);
      for (let n = 0; n < found.length; n++)
        if (!onPath.has(found[n]!)) {
          onPath.add(found[n]!);
          reachable.push(found[n]!);
        }
    }
    // Only a queue transfer reads the working queues; most flows with none need not track them.
    let transfersToQueue = false;
    for (const action of this.actions.values()) if (action.type === 'TransferContactToQueue') transfersToQueue = true;
    if (transfersToQueue) this.trackQueues(start);
    for (let i = 0; i < reachable.length; i++) {
      const action = this.actions.get(reachable[i]!);
      if (action) this.convertAction(action);
    }
    for (const action of this.actions.values()) {
      if (onPath.has(action.id)) continue;
      this.b.report(action.id, action.sourceType, 'dropped', 'No call reaches it from the StartAction.');
    }
    return { builder: this.b, startNode: start, ...(name ? { name } : {}) };
  }

  /** Adds to `found` the actions the action's transitions lead to (its next, then its conditions', then its errors'). */
  private successors(id: string, found: string[]): void {
    const action = this.actions.get(id);
    if (!action) return;
    if (action.next !== undefined && this.actions.has(action.next)) found.push(action.next);
    for (let i = 0; i < action.conditions.length; i++) {
      const next = action.conditions[i]!.next;
      if (next !== undefined && this.actions.has(next)) found.push(next);
    }
    for (let i = 0; i < action.errors.length; i++) {
      const next = action.errors[i]!.next;
      if (next !== undefined && this.actions.has(next)) found.push(next);
    }
  }

  private convertAction(action: ConnectAction): void {
    switch (action.type) {
      case 'MessageParticipant':
        return message(this.c, action);
      case 'GetParticipantInput':
        return input(this.c, action);
      case 'Compare':
        return compare(this.c, action);
      case 'CheckHoursOfOperation':
        return hours(this.c, action);
      case 'UpdateContactAttributes':
      case 'UpdateFlowAttributes':
        return attributes(this.c, action);
      case 'TransferContactToQueue':
        return queue(this.c, action);
      case 'TransferParticipantToThirdParty':
        return transfer(this.c, action);
      case 'InvokeLambdaFunction':
        return lambda(this.c, action);
      case 'TransferToFlow':
      case 'InvokeFlowModule':
        return otherFlow(this.c, action);
      case 'DisconnectParticipant':
      case 'EndFlowExecution':
      case 'EndFlowModuleExecution':
        return hangup(this.c, action);
      case 'UpdateContactTargetQueue':
        return this.c.drop(
          action,
          action.next,
          `It sets the working queue (${this.c.queueName(action)}), which the queue transfer after it uses`,
          'mapped',
        );
      default:
        if (action.type in SETTINGS_ACTIONS)
          return this.c.drop(
            action,
            action.next ?? action.errors[0]?.next,
            `It only sets ${SETTINGS_ACTIONS[action.type]}, a setting of the runtime, not a step`,
          );
        return this.c.drop(
          action,
          action.next ?? action.conditions[0]?.next ?? action.errors[0]?.next,
          dropReason(action.type),
        );
    }
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
      if (action.type === 'UpdateContactTargetQueue') current = this.c.queueName(action);
      if (action.type === 'TransferContactToQueue' && current !== undefined) {
        const set = this.c.queuesBefore.get(id) ?? new Set<string>();
        set.add(current);
        this.c.queuesBefore.set(id, set);
      }
      const found: string[] = [];
      this.successors(id, found);
      for (const next of found) pending.push([next, current]);
    }
    this.markQueueSetters();
  }

  /** With several queues at one transfer, each UpdateContactTargetQueue also sets the variable `queue`. */
  private markQueueSetters(): void {
    if (![...this.c.queuesBefore.values()].some((set) => set.size > 1)) return;
    for (const action of this.actions.values())
      if (action.type === 'UpdateContactTargetQueue') {
        action.type = 'UpdateContactAttributes';
        action.parameters = Object.assign(Object.create(null) as Record<string, SourceValue>, {
          Attributes: Object.assign(Object.create(null) as Record<string, SourceValue>, {
            queue: this.c.queueName({ ...action, type: 'UpdateContactTargetQueue' }),
          }),
        });
      }
  }
}

function dropReason(type: string): string {
  if (/Lex|Bot/.test(type)) return 'Bot blocks are not carried over';
  if (/Message|Chat|Email|Task|View|SendNotification/i.test(type))
    return `A ${type} block serves chats, tasks or agents, not the caller: not carried over`;
  if (/Payment/.test(type)) return 'Payment blocks are not carried over';
  if (type === 'Loop') return 'A Loop that no menu retries through is not carried over: its body runs once';
  return `A ${type} block has no equal in callflow`;
}
