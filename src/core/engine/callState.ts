/**
 * What a call carries from step to step: variables, the trace, warnings, and an outcome the
 * caller has already reached (voicemail, callback) that a later hangup does not erase. One
 * CallState lives for one run of the engine (a turn); a snapshot carries it to the next.
 */
import type { FlowDefinition } from '../model';
import { renderTemplate, TextLimitError } from './promptTemplates';
import type { CallOutcome, SimulatedStep, SimulationWarning, SimulationWarningCode } from './trace';
import type { SideEffect, Utterance } from './types';

export interface ActiveFlow {
  id: string;
  version: number | string;
  definition: FlowDefinition;
}

/**
 * Bounds on what a call's variables can grow to: a `set` step that doubles a variable in a loop
 * would otherwise reach gigabytes long before the step limit. Going past one ends the call with
 * a `variable-limit` error outcome.
 */
export const MAX_VARIABLE_LENGTH = 64 * 1024;
export const MAX_VARIABLES_LENGTH = 1024 * 1024;

export class CallState {
  /** Read freely; written only through assign(), which keeps the bounds. */
  readonly variables = new Map<string, string>();
  private variablesLength = 0;
  /** This turn's finished trace entries, warnings, utterances and side effects. */
  steps: SimulatedStep[] = [];
  warnings: SimulationWarning[] = [];
  say: Utterance[] = [];
  effects: SideEffect[] = [];
  /** Trace entries started in the whole call (the one running included). */
  stepCount = 0;
  /** Flows entered so far, in order (the first is the one the call started in). */
  readonly flowsEntered: string[] = [];
  /** voicemail / callback: what the caller got, kept when the call goes on and hangs up. */
  reached: CallOutcome | undefined;
  /** The step being run (its id) and its trace entry. */
  stepId = '';
  entry: SimulatedStep | undefined;

  constructor(
    public flow: ActiveFlow,
    /** The instant business-hours steps decide at. */
    readonly now: Date,
    readonly maxSteps: number,
  ) {}

  /** Starts a step's trace entry. */
  begin(stepId: string, type: string): SimulatedStep {
    this.stepId = stepId;
    this.entry = { step: stepId, type, flow: this.flow.id, exit: null };
    this.steps.push(this.entry);
    this.stepCount++;
    return this.entry;
  }

  /** Starts a new turn: the open entry (a step that waited) is reported in the turn that ends it. */
  beginTurn(): void {
    this.steps = this.entry ? [this.entry] : [];
    this.warnings = [];
    this.say = [];
    this.effects = [];
  }

  warn(code: SimulationWarningCode, message: string): void {
    this.warnings.push({ code, message, flow: this.flow.id, step: this.stepId, index: this.stepCount - 1 });
  }

  /** Bound once: called for every `{{name}}` without a value while rendering. */
  private readonly onUndefined = (name: string): void => {
    this.warn('undefined-variable', `{{${name}}} has no value; it was left empty.`);
  };

  render(text: string): string {
    return renderTemplate(text, this.variables, this.onUndefined, MAX_VARIABLE_LENGTH);
  }

  /** The variables as a plain record (a turn's, a snapshot's). */
  variablesRecord(): Record<string, string> {
    return plainRecord(this.variables);
  }

  /** Sets a variable; throws TextLimitError past MAX_VARIABLE_LENGTH or MAX_VARIABLES_LENGTH in all. */
  assign(name: string, value: string): void {
    if (value.length > MAX_VARIABLE_LENGTH) throw new TextLimitError(value.length, MAX_VARIABLE_LENGTH);
    const total = this.variablesLength - (this.variables.get(name)?.length ?? 0) + value.length;
    if (total > MAX_VARIABLES_LENGTH) throw new TextLimitError(total, MAX_VARIABLES_LENGTH);
    this.variables.set(name, value);
    this.variablesLength = total;
  }
}

/**
 * A map's entries as a plain object: what Object.fromEntries makes, several times faster (a
 * request of the runtime makes two). `__proto__` is defined as an own entry, as fromEntries does.
 */
export function plainRecord(map: ReadonlyMap<string, string>): Record<string, string> {
  const record: Record<string, string> = {};
  map.forEach((value, name) => {
    if (name === '__proto__')
      Object.defineProperty(record, name, { value, enumerable: true, writable: true, configurable: true });
    else record[name] = value;
  });
  return record;
}
