/**
 * What one simulated call carries from step to step: variables, the DTMF entries not yet
 * used, the trace, warnings, and an outcome the caller has already reached (voicemail,
 * callback) that a later hangup does not erase.
 */
import type { FlowDefinition } from '../model';
import type { CheckedInputs } from './inputs';
import { renderTemplate } from './promptTemplates';
import type { CallOutcome, SimulatedStep, SimulationWarning, SimulationWarningCode } from './types';

export interface ActiveFlow {
  id: string;
  version: number | string;
  definition: FlowDefinition;
}

export class CallState {
  readonly variables = new Map<string, string>();
  readonly steps: SimulatedStep[] = [];
  readonly warnings: SimulationWarning[] = [];
  /** Flows entered so far, in order (the first is the one the call started in). */
  readonly flowsEntered: string[] = [];
  /** voicemail / callback: what the caller got, kept when the call goes on and hangs up. */
  reached: CallOutcome | undefined;
  flow: ActiveFlow;
  /** The step being run (its id) and its trace entry. */
  stepId = '';
  entry: SimulatedStep | undefined;
  private digitIndex = 0;

  constructor(
    readonly inputs: CheckedInputs,
    flow: ActiveFlow,
  ) {
    this.flow = flow;
    this.flowsEntered.push(flow.id);
  }

  /** The next DTMF entry, or null when the caller has nothing more to press. */
  takeDigits(): string | null {
    return this.digitIndex < this.inputs.digits.length ? this.inputs.digits[this.digitIndex++]! : null;
  }

  unusedDigits(): string[] {
    return this.inputs.digits.slice(this.digitIndex);
  }

  warn(code: SimulationWarningCode, message: string): void {
    this.warnings.push({ code, message, flow: this.flow.id, step: this.stepId, index: this.steps.length - 1 });
  }

  /** Bound once: called for every `{{name}}` without a value while rendering. */
  private readonly onUndefined = (name: string): void => {
    this.warn('undefined-variable', `{{${name}}} has no value; it was left empty.`);
  };

  render(text: string): string {
    return renderTemplate(text, this.variables, this.onUndefined);
  }
}
