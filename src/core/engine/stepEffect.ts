/**
 * How a step handler says where the call goes (a StepEffect), and the small moves every handler
 * shares: leaving through an exit, ending, refusing a step that cannot run, saying its prompt.
 */
import type { Prompt } from '../model';
import type { CallState } from './callState';
import type { CallOutcome, SimulatedStep, SimulationErrorCode } from './trace';
import type { Utterance, Wait } from './types';

export type StepEffect =
  /** Leave through `exit`; `next` is the step it names (undefined when the exit is not set). */
  | { kind: 'exit'; exit: string; next: string | undefined }
  /** The call ends here; a voicemail or callback already reached replaces a hangup. */
  | { kind: 'end'; outcome: CallOutcome }
  | { kind: 'goto-flow'; flowId: string }
  | { kind: 'error'; code: SimulationErrorCode; message: string }
  /** The step waits for an event; resumeStep goes on with it. */
  | { kind: 'wait'; wait: Wait };

export function exitTo(exit: string, next: unknown): StepEffect {
  return { kind: 'exit', exit, next: typeof next === 'string' ? next : undefined };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What the entry's prompt says, in order: the spoken text, then the recording. */
export function utterancesOf(entry: SimulatedStep): Utterance[] {
  const said: Utterance[] = [];
  if (entry.say !== undefined) said.push({ kind: 'say', text: entry.say, flow: entry.flow, step: entry.step });
  if (entry.audio !== undefined) said.push({ kind: 'play', url: entry.audio, flow: entry.flow, step: entry.step });
  return said;
}

/** Renders the prompt into the trace; a prompt that is not a listening step's is heard now. */
export function speak(state: CallState, prompt: Prompt, listening = false): void {
  const entry = state.entry!;
  if (typeof prompt.say === 'string') entry.say = state.render(prompt.say);
  if (typeof prompt.audio === 'string') entry.audio = prompt.audio;
  if (!listening && (entry.say !== undefined || entry.audio !== undefined)) state.say.push(...utterancesOf(entry));
}

export function hangup(state: CallState, reason: 'hangup-step' | 'end-of-flow'): StepEffect {
  return { kind: 'end', outcome: { kind: 'hangup', reason, flow: state.flow.id, step: state.stepId } };
}

export function invalid(state: CallState, problem: string): StepEffect {
  return { kind: 'error', code: 'invalid-step', message: `Step "${state.stepId}" cannot run: ${problem}.` };
}
