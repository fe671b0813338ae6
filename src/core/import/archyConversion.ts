/**
 * What converting a Genesys Archy flow shares between its menu and action mappers: the flow's menus
 * and tasks by reference, the builder, and the pieces every mapper uses (references to menus and
 * tasks, audio, variables and expressions, the report of an action).
 */
import type { ConditionTest } from '../model';
import { joinNoteList, joinNotes, type FlowBuilder } from './builder';
import type { ConvertContext } from './context';
import { SOURCE_PROMPT_SCHEMES } from './fillIns';
import { listOf, numberOf, recordOf, textOf, type SourceRecord, type SourceValue, table } from './sourceText';
import { variableName } from './templates';
import type { ImportOutcome } from './types';

export const DTMF: Readonly<Record<string, string>> = table({
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

interface Prompt {
  fields: { say?: string; audio?: string };
  notes: string[];
}

export class ArchyConversion {
  readonly menus = new Map<string, SourceRecord>();
  readonly tasks = new Map<string, SourceRecord>();
  readonly repeatCount: number | undefined;

  constructor(
    readonly flow: SourceRecord,
    readonly b: FlowBuilder,
    readonly context: ConvertContext,
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

  /** `/inboundCall/menus/menu[Main Menu_10]`, `./../../tasks/task[Billing_12]`: the node key of that menu or task. */
  refKey(ref: string): string | undefined {
    const m = /(menus\/menu|tasks\/task)\[([^\]]+)\]\s*$/.exec(ref);
    if (!m) return undefined;
    const key = m[1] === 'menus/menu' ? `menu:${m[2]}` : `task:${m[2]}`;
    const known = m[1] === 'menus/menu' ? this.menus.has(m[2]!) : this.tasks.has(m[2]!);
    return known ? key : undefined;
  }

  mapped(key: string, source: string, sourceType: string, id: string, notes: string[]): string {
    this.b.enter(key, id);
    if (notes.length > 0) this.b.comment(id, `${sourceType} ${source}: ${joinNoteList(notes)}`);
    this.report(source, sourceType, [id], notes);
    return key;
  }

  finish(source: string, sourceType: string, id: string, notes: string[]): void {
    if (notes.length > 0) this.b.comment(id, `${sourceType} ${source}: ${joinNoteList(notes)}`);
    this.report(source, sourceType, [id], notes);
  }

  report(source: string, sourceType: string, steps: string[], notes: string[]): void {
    const result: ImportOutcome = notes.length > 0 ? 'approximated' : 'mapped';
    this.b.report(source, sourceType, result, joinNoteList(notes), steps);
  }

  drop(
    key: string,
    source: string,
    sourceType: string,
    next: string | undefined,
    why: string,
    result: ImportOutcome = 'dropped',
  ): string {
    this.b.passThrough(key, next);
    this.b.report(
      source,
      sourceType,
      result,
      joinNotes(
        why,
        result === 'dropped' ? (next ? 'The call goes on to the next action' : 'Calls end here') : undefined,
      ),
    );
    return key;
  }

  /** Archy audio: `tts`, `prompt`, or an expression of ToAudioTTS / ToAudio parts. */
  prompt(value: SourceValue | undefined): Prompt {
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
  variable(reference: string): string {
    const r = reference.trim();
    if (/^Call\.Ani$/i.test(r)) return 'caller.number';
    if (/^Call\.(CalledAddress|CalledAddressOriginal|Dnis)$/i.test(r)) return 'dialed.number';
    return variableName(r.replace(/^(Task|Flow|State)\./, ''));
  }

  /** A condition from a simple Archy expression (`Task.x == "a"`, `IsSet(Task.x)`); others are kept to check. */
  test(exp: string): { when: ConditionTest; notes: string[] } {
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

  expressionText(exp: string): string {
    const quoted = /^\s*"(.*)"\s*$/.exec(exp);
    if (quoted) return quoted[1]!;
    const reference = /^\s*([A-Za-z]+\.[A-Za-z0-9_.]+)\s*$/.exec(exp);
    if (reference) return `{{${this.variable(reference[1]!)}}}`;
    return `[${exp}]`;
  }

  /** A value written as a literal (`lit`), an expression (`exp`) or plain text. */
  valueText(value: SourceValue | undefined): string | undefined {
    return textOf(recordOf(value)?.lit) ?? textOf(recordOf(value)?.exp) ?? textOf(value);
  }

  /** `{ lit: { name: X } }`, `{ lit: X }`, `{ name: X }` or plain text: the name in it. */
  literalName(value: SourceValue | undefined): string | undefined {
    const record = recordOf(value);
    if (!record) return textOf(value);
    const lit = record.lit;
    return textOf(recordOf(lit)?.name) ?? textOf(lit) ?? textOf(record.name) ?? textOf(record.exp);
  }

  dataActionName(a: SourceRecord): string | undefined {
    for (const category of Object.values(recordOf(a.category) ?? {})) {
      const actions = recordOf(recordOf(category)?.dataAction);
      const first = actions ? Object.keys(actions)[0] : undefined;
      if (first) return first;
    }
    return this.literalName(a.dataAction);
  }

  /** `successOutputs: { tier: { var: Task.tier } }`: the variables the answer fills. */
  dataActionOutputs(a: SourceRecord): Map<string, string> {
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
