/**
 * What converting an Amazon Connect flow shares between its block mappers: the actions by id, the
 * builder, the working queues and Lambda results the walk found, and the pieces every mapper uses
 * (step ids, prompts, Connect references as variables, the report of a block).
 */
import { joinNoteList, joinNotes, type FlowBuilder } from './builder';
import type { ConvertContext } from './context';
import type { ConnectAction } from './connectActions';
import { SOURCE_PROMPT_SCHEMES } from './fillIns';
import { textOf, textsHolding } from './sourceText';
import { ssmlText, variableName } from './templates';
import type { ImportOutcome } from './types';

export class ConnectConversion {
  private readonly counters = new Map<string, number>();
  /** Per TransferContactToQueue: the queues the UpdateContactTargetQueue actions before it set. */
  readonly queuesBefore = new Map<string, Set<string>>();
  private externalsRead?: Set<string>;

  constructor(
    readonly actions: Map<string, ConnectAction>,
    readonly b: FlowBuilder,
    readonly context: ConvertContext,
  ) {}

  drop(action: ConnectAction, next: string | undefined, why: string, result: ImportOutcome = 'dropped'): void {
    this.b.passThrough(action.id, next);
    this.b.report(
      action.id,
      action.sourceType,
      result,
      joinNotes(why, result === 'dropped' ? (next ? `Calls go on to ${next}` : 'Calls end here') : undefined),
    );
  }

  /** Lambda results the flow reads (`$.External.tier`): every Lambda step saves them. Found when a Lambda is first converted. */
  externals(): Set<string> {
    if (this.externalsRead === undefined) {
      this.externalsRead = new Set<string>();
      for (const action of this.actions.values())
        for (const text of textsHolding(action.parameters, '$.'))
          for (const m of text.matchAll(/\$\.External\.([A-Za-z0-9_]+)/g)) this.externalsRead.add(m[1]!);
    }
    return this.externalsRead;
  }

  stepId(kind: string): string {
    const n = (this.counters.get(kind) ?? 0) + 1;
    this.counters.set(kind, n);
    return this.b.stepId(`${kind}-${n}`);
  }

  finish(action: ConnectAction, id: string, notes: string[], steps: string[] = [id]): void {
    const note = notes.length > 0 ? joinNoteList(notes) : '';
    const result: ImportOutcome = notes.length > 0 ? 'approximated' : 'mapped';
    if (notes.length > 0) this.b.comment(id, `${action.sourceType} ${action.id}: ${note}`);
    this.b.enter(action.id, id);
    this.b.report(action.id, action.sourceType, result, note, steps);
  }

  error(action: ConnectAction, type: string): string | undefined {
    const errors = action.errors;
    for (let i = 0; i < errors.length; i++) if (errors[i]!.errorType === type) return errors[i]!.next;
    return undefined;
  }

  prompt(action: ConnectAction): { fields: { say?: string; audio?: string }; notes: string[] } {
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
  text(text: string): { text: string; notes: string[] } {
    if (!text.includes('$.')) return { text, notes: [] };
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
  reference(ref: string): string | undefined {
    if (ref === '$.CustomerEndpoint.Address') return 'caller.number';
    if (ref === '$.SystemEndpoint.Address') return 'dialed.number';
    if (ref === '$.StoredCustomerInput') return 'StoredCustomerInput';
    let m = /^\$\.(?:Attributes|FlowAttributes)\.([A-Za-z0-9_.-]+)$/.exec(ref);
    if (m) return variableName(m[1]!);
    m = /^\$\.External\.([A-Za-z0-9_]+)$/.exec(ref);
    if (m) return variableName(`External.${m[1]}`);
    return undefined;
  }

  queueName(action: ConnectAction): string {
    const id = textOf(action.parameters.QueueId) ?? '';
    const display = action.displayNames.get('QueueId');
    if (display) return display;
    const attribute = /^\$\.(?:Attributes|FlowAttributes)\.(.+)$/.exec(id);
    return attribute ? attribute[1]! : lastSegment(id) || 'queue';
  }
}

export function lastSegment(ref: string): string {
  return ref.split(/[/:]/).filter(Boolean).pop() ?? '';
}
