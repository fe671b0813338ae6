/**
 * Twilio Studio: a flow definition (`states`, `initial_state`, `flags`) or the REST Flow resource
 * that wraps one (`definition`). Widgets are mapped from the Trigger's `incomingCall` entry; a
 * `gather-input-on-call` whose digits feed a `split-based-on` becomes one menu.
 */
import { InvalidInputError } from '../errors';
import { FlowBuilder } from './builder';
import { noCallEntry, type ConvertContext, type Converted } from './context';
import { isRecord, recordOf, textOf, type SourceRecord, type SourceValue, table } from './sourceText';
import { StudioConversion, type State } from './studioConversion';
import { gather, scheduleFunction } from './studioFusions';
import { connectCallTo, enqueue, http, sayPlay, setVariables, split, subflow, voicemail } from './studioWidgets';

const TRIGGER_EVENTS: Readonly<Record<string, string>> = table({
  incomingMessage: 'an incoming message (SMS)',
  incomingConversationMessage: 'a Conversations message',
  incomingRequest: 'a REST API request (an outbound flow)',
  incomingParent: 'a parent flow (it runs as a subflow)',
  incomingCall: 'an incoming call',
});

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
  return new StudioRun(found.definition, context, found.name).convert();
}

function notStudio(fileName: string): InvalidInputError {
  return new InvalidInputError(
    'import-not-dialect',
    `${fileName} is not a Twilio Studio flow: it has no "states" list (nor a "definition" holding one).`,
    'Export the flow from Studio (Flow > Export to JSON, or the REST API Flow resource), or pick the dialect with --from.',
  );
}

/** The walk of a Studio flow from its call entry: each widget on a call's path mapped, the others reported dropped. */
class StudioRun {
  private readonly b = new FlowBuilder();
  private readonly c: StudioConversion;

  constructor(
    definition: SourceRecord,
    private readonly context: ConvertContext,
    private readonly name: string | undefined,
  ) {
    this.c = new StudioConversion(definition, this.b, context);
  }

  convert(): Converted {
    const trigger =
      [...this.c.states.values()].find((s) => s.type === 'trigger') ?? this.c.states.get(this.c.initialState ?? '');
    if (!trigger) throw noCallEntry('twilio-studio', this.context.fileName, 'it has no Trigger widget');
    const entry = trigger.transitions.find((t) => t.event === 'incomingCall' && t.next !== undefined);
    if (!entry?.next) throw noCallEntry('twilio-studio', this.context.fileName, describeTrigger(trigger));

    // Breadth first from the entry, counting each widget's predecessors on the way.
    const { states, predecessors } = this.c;
    const reachable: string[] = [entry.next];
    const onCallPath = new Set<string>(reachable);
    for (let i = 0; i < reachable.length; i++) {
      const transitions = states.get(reachable[i]!)?.transitions ?? [];
      for (let t = 0; t < transitions.length; t++) {
        const next = transitions[t]!.next;
        if (next === undefined) continue;
        predecessors.set(next, (predecessors.get(next) ?? 0) + 1);
        if (states.has(next) && !onCallPath.has(next)) {
          onCallPath.add(next);
          reachable.push(next);
        }
      }
    }
    this.c.collectSaves();

    for (const name of reachable) {
      const state = this.c.states.get(name)!;
      if (!this.c.fused.has(name)) this.convertState(state);
    }
    for (const state of this.c.states.values()) {
      if (state === trigger || onCallPath.has(state.name)) continue;
      this.b.report(
        state.name,
        state.type,
        'dropped',
        'No incoming call reaches it: it is only on the paths of other triggers (messages, REST requests) or unconnected.',
      );
    }
    return { builder: this.b, startNode: entry.next, ...(this.name ? { name: this.name } : {}) };
  }

  private convertState(state: State): void {
    switch (state.type) {
      case 'say-play':
        return sayPlay(this.c, state);
      case 'gather-input-on-call':
        return gather(this.c, state);
      case 'split-based-on':
        return split(this.c, state);
      case 'set-variables':
        return setVariables(this.c, state);
      case 'run-function':
        if (scheduleFunction(this.c, state)) return;
        return http(this.c, state);
      case 'make-http-request':
        return http(this.c, state);
      case 'connect-call-to':
        return connectCallTo(this.c, state);
      case 'enqueue-call':
      case 'send-to-flex':
        return enqueue(this.c, state);
      case 'record-voicemail':
        return voicemail(this.c, state);
      case 'run-subflow':
        return subflow(this.c, state);
      default:
        return this.c.drop(state);
    }
  }
}

function describeTrigger(trigger: State): string {
  const entries = trigger.transitions.filter((t) => t.next !== undefined);
  if (entries.length === 0) return 'its Trigger starts nothing';
  return `its Trigger starts on ${entries.map((t) => `${TRIGGER_EVENTS[t.event] ?? t.event} (${t.event} → ${t.next})`).join(', ')}`;
}
