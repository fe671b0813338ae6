/**
 * What converting a Twilio Studio flow shares between its widget mappers: the widgets by name,
 * the builder, what other widgets read of each widget (digits, parsed answers), and the pieces
 * every mapper uses (exits, prompts, Liquid rewriting, the report of a widget).
 */
import { joinNoteList, joinNotes, type FlowBuilder } from './builder';
import type { ConvertContext } from './context';
import {
  isRecord,
  listOf,
  recordOf,
  textOf,
  looksLikeJson,
  textsHolding,
  type SourceRecord,
  type SourceValue,
  table,
} from './sourceText';
import { rewriteLiquid, variableName } from './templates';
import type { ImportOutcome } from './types';

export interface Transition {
  event: string;
  next?: string;
  conditions: SourceRecord[];
}

export interface State {
  name: string;
  type: string;
  transitions: Transition[];
  properties: SourceRecord;
}

export const DTMF_KEY = /^[0-9*#]$/;

/** A widget name JSON writes as it is (no character it may escape), so a reference to it is found in the source text. */
// eslint-disable-next-line no-control-regex
const WRITTEN_AS_IS = /^[^"\\/\u0000-\u001f\u007f-\u009f\u2028\u2029]*$/;

export class StudioConversion {
  readonly states = new Map<string, State>();
  readonly predecessors = new Map<string, number>();
  /** Per http widget: the variables other widgets read from its parsed answer. */
  readonly saves = new Map<string, Map<string, string>>();
  /** Widgets converted together with the one before them (the split of a menu). */
  readonly fused = new Set<string>();
  readonly initialState: string | undefined;
  /**
   * The source text when it is JSON without `\u` escapes: every string of the flow is then written
   * in it as it reads, bar the escapes of `"`, `\`, `/` and control characters, so a count of a
   * reference in the text bounds its count in the flow's strings without walking them.
   */
  private readonly plainJson: string | undefined;
  private liquidTextsFound?: string[];

  constructor(
    private readonly definition: SourceRecord,
    readonly b: FlowBuilder,
    readonly context: ConvertContext,
  ) {
    const states = listOf(definition.states);
    for (let i = 0; i < states.length; i++) {
      const state = readState(states[i]!);
      if (state && !this.states.has(state.name)) this.states.set(state.name, state);
    }
    this.initialState = textOf(definition.initial_state);
    const text = context.sourceText;
    this.plainJson = text !== undefined && looksLikeJson(text) && !text.includes('\\u') ? text : undefined;
  }

  /** Every text of the flow that holds a Liquid `{{…}}`: where other widgets' results are read (walked once, when needed). */
  get liquidTexts(): string[] {
    return (this.liquidTextsFound ??= liquidTextsOf(this.definition.states));
  }

  /**
   * Whether the flow's texts read `widgets.<widget>.<field>` (field `Digits`, or empty for any
   * field) more often than `split`, the widget fused with it, does. `splitReadsAtLeast` is a count
   * of the split's reads never above the true one: when the source text shows no more references
   * than that, neither the flow nor the split is walked.
   */
  readElsewhere(widget: string, field: 'Digits' | '', split: State, splitReadsAtLeast: number): boolean {
    const needle = `widgets.${widget}.${field}`;
    if (this.plainJson !== undefined && WRITTEN_AS_IS.test(widget)) {
      const inSource =
        field === 'Digits' ? (this.referencesInSource()!.digits.get(widget) ?? 0) : countIn(this.plainJson, needle);
      if (inSource <= splitReadsAtLeast) return false;
    }
    let inSplit = 0;
    for (const text of liquidTextsOf([split.properties, split.transitions as unknown as SourceValue]))
      inSplit += countIn(text, needle);
    if (field === 'Digits') return (this.digitReferences().get(widget) ?? 0) > inSplit;
    let count = 0;
    for (const text of this.liquidTexts) count += countIn(text, needle);
    return count > inSplit;
  }

  drop(state: State, why?: string): void {
    let next: string | undefined;
    for (let i = 0; i < DROPPED_CONTINUATIONS.length && next === undefined; i++)
      next = this.next(state, DROPPED_CONTINUATIONS[i]!);
    next ??= state.transitions.find((t) => t.next !== undefined)?.next;
    this.b.passThrough(state.name, next);
    const category = DROPPED_KINDS[state.type] ?? `A ${state.type} widget has no equal in callflow`;
    this.b.report(
      state.name,
      state.type,
      'dropped',
      joinNotes(why ?? category, next ? `Calls go on to ${next}` : 'Calls end here'),
    );
  }

  private digitCounts?: Map<string, number>;
  private sourceReferences?: { digits: Map<string, number>; parsed: boolean };

  /**
   * One scan of the source text (when it is plain JSON) for references to widgets' digits and
   * parsed answers: how often each widget's digits are read, and whether any answer is. Read in
   * the source, a count is never below the count in the flow's strings: each reference there is
   * written as it is in the source, and no match in the source can overlap another.
   */
  private referencesInSource(): { digits: Map<string, number>; parsed: boolean } | undefined {
    if (this.plainJson === undefined) return undefined;
    if (this.sourceReferences === undefined) {
      const digits = new Map<string, number>();
      let parsed = false;
      for (const m of this.plainJson.matchAll(/widgets\.([^.\s"{}|]+)\.(?:(Digits)|parsed\.)/g)) {
        if (m[2] === undefined) parsed = true;
        else digits.set(m[1]!, (digits.get(m[1]!) ?? 0) + 1);
      }
      this.sourceReferences = { digits, parsed };
    }
    return this.sourceReferences;
  }

  /** How often each gather's digits (`widgets.<name>.Digits`) are read anywhere in the flow. */
  private digitReferences(): Map<string, number> {
    return (this.digitCounts ??= digitReferencesIn(this.liquidTexts));
  }

  next(state: State, event: string): string | undefined {
    const transitions = state.transitions;
    for (let i = 0; i < transitions.length; i++) if (transitions[i]!.event === event) return transitions[i]!.next;
    return undefined;
  }

  exit(state: State, event: string): string {
    return this.b.exitTo(this.next(state, event));
  }

  finish(state: State, id: string, notes: string[], voiceNote?: string, extra?: string): void {
    const result: ImportOutcome = notes.length > 0 ? 'approximated' : 'mapped';
    if (notes.length > 0) this.b.comment(id, `${state.type} ${state.name}: ${joinNoteList(notes)}`);
    this.b.enter(state.name, id);
    this.b.report(
      state.name,
      state.type,
      result,
      notes.length === 0 && !extra && !voiceNote ? '' : joinNoteList(withExtraNotes(notes, extra, voiceNote)),
      [id],
    );
  }

  prompt(p: SourceRecord): { fields: { say?: string; audio?: string }; notes: string[]; voiceNote?: string } {
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
    const voice = textOf(p.voice);
    const language = textOf(p.language);
    if (!voice && !language) return { fields, notes };
    const named = voice && language ? `${voice}, ${language}` : voice || language;
    return { fields, notes, voiceNote: `The voice and language (${named}) are the runtime's to choose` };
  }

  speechNote(state: State): string[] {
    const speech = this.next(state, 'speech');
    return speech !== undefined
      ? [`Studio also listened for speech (going to ${speech}); callflow listens for keys only`]
      : [];
  }

  inputVariable(input: string): { name: string; unresolved: boolean } {
    const match = /^\s*\{\{\s*([^}|]+?)\s*\}\}\s*$/.exec(input);
    const resolved = match ? this.variableFor(match[1]!) : undefined;
    if (resolved) return { name: resolved, unresolved: false };
    return {
      name: variableName(match ? match[1]!.replace(/^widgets\.|^flow\.variables\./, '') : input || 'input'),
      unresolved: true,
    };
  }

  text(text: string): { text: string; unresolved: string[] } {
    return rewriteLiquid(text, this.resolveExpression);
  }

  private readonly resolveExpression = (expression: string): string | undefined => this.variableFor(expression);

  /** The variable of the flow a Liquid expression reads, or undefined when it cannot be said as one. */
  variableFor(expression: string): string | undefined {
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
  collectSaves(): void {
    // No reference to a parsed answer in the source: no widget reads another's answer.
    if (this.referencesInSource()?.parsed === false) return;
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

/** `extra`, the notes, then `last`: the notes of a report line, in the order they are read. */
function withExtraNotes(
  notes: readonly string[],
  extra: string | undefined,
  last: string | undefined,
): Array<string | undefined> {
  const all: Array<string | undefined> = [extra];
  for (let i = 0; i < notes.length; i++) all.push(notes[i]);
  all.push(last);
  return all;
}

/** How often each widget's digits (`widgets.<name>.Digits`) are read in the texts. */
function digitReferencesIn(texts: readonly string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const text of texts)
    for (const m of text.matchAll(/widgets\.([^.\s"{}|]+)\.Digits/g)) counts.set(m[1]!, (counts.get(m[1]!) ?? 0) + 1);
  return counts;
}

function everyRecord(list: readonly SourceValue[]): boolean {
  for (let i = 0; i < list.length; i++) if (!isRecord(list[i])) return false;
  return true;
}

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
    const listed = listOf(t.conditions);
    // Read only, so the source's own list serves when every item is a condition (nearly always).
    const conditions = everyRecord(listed) ? (listed as SourceRecord[]) : listed.filter(isRecord);
    transitions.push(next !== undefined && next !== '' ? { event, next, conditions } : { event, conditions });
  }
  return {
    name,
    type: textOf(record.type) ?? 'unknown',
    transitions,
    properties: recordOf(record.properties) ?? (Object.create(null) as SourceRecord),
  };
}

export function digitsVariable(widget: string): string {
  return variableName(`${widget}.Digits`);
}

export function parsedVariable(widget: string, path: string): string {
  return variableName(`${widget}.${path}`);
}

export function unresolvedNotes(unresolved: string[]): string[] {
  return unresolved.length > 0
    ? [
        `${unresolved.map((u) => `{{${u}}}`).join(', ')} cannot be said as a variable of the flow and is kept as [${unresolved[0]}]`,
      ]
    : [];
}

/** Whether a text is `{{ expression }}` and nothing else (what `^\{\{\s*expression\s*\}\}$` matches, without a RegExp made per widget). */
export function isLiquidReference(text: string, expression: string): boolean {
  return text.startsWith('{{') && text.endsWith('}}') && text.length >= 4 && text.slice(2, -2).trim() === expression;
}

/** The strings inside a value that hold a Liquid `{{`. */
export function liquidTextsOf(value: SourceValue | undefined): string[] {
  return textsHolding(value, '{{');
}

export function countIn(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}
