/**
 * Input boxes validated as you type, with the core's own validators (src/core/ids.ts), so the
 * box refuses exactly what the core would refuse.
 */
import * as vscode from 'vscode';
import { CallflowError, flowIdFromName, isE164, validateDescription, parseFlowId, validateFlowName } from '../../core';
import { Cancelled } from '../expectedErrors';

/** The problem with a new flow name, or what it will be called (`Flow id: support-line`). */
export function checkFlowName(name: string, takenIds: ReadonlySet<string>): { problem?: string; info: string } {
  const problem = validateFlowName(name);
  if (problem) return { problem, info: '' };
  const id = flowIdFromName(name);
  // A name in another script is fine: the flow id is then asked for next.
  if (!id) return { info: 'no flow id can be made from this name: you choose one next' };
  if (takenIds.has(id))
    return {
      problem: `A flow with id "${id}" exists (or existed); flow ids are never reused.`,
      info: `Flow id: ${id}`,
    };
  return { info: `Flow id: ${id}` };
}

/** The problem with a flow id typed by hand (for names no id can be derived from), in the core's words. */
export function checkFlowId(value: string, takenIds: ReadonlySet<string>): string | undefined {
  try {
    parseFlowId(value);
  } catch (err) {
    return err instanceof CallflowError ? (err.hint ?? err.message) : String(err);
  }
  if (takenIds.has(value)) return `A flow with id "${value}" exists (or existed); flow ids are never reused.`;
  return undefined;
}

export function checkPhoneNumber(value: string): string | undefined {
  const text = value.trim();
  if (text === '') return 'Enter a phone number in E.164 form, e.g. +14155550100.';
  if (isE164(text)) return undefined;
  const digits = text.replace(/[^0-9]/g, '');
  if (!text.startsWith('+'))
    return `Start with + and the country code (e.g. +${digits.length === 10 ? '1' + digits : digits || '14155550100'}).`;
  if (/[^+0-9]/.test(text)) return 'Only digits after the +: no spaces, dashes or brackets.';
  if (digits.startsWith('0')) return 'A country code never starts with 0.';
  return 'E.164 numbers have 2 to 15 digits after the +.';
}

export function checkLabel(value: string): string | undefined {
  if (value === '') return undefined;
  return validateFlowName(value)?.replace('flow name', 'label');
}

export function checkDescription(value: string): string | undefined {
  return validateDescription(value);
}

export interface AskTextOptions {
  title: string;
  prompt: string;
  placeholder?: string;
  value?: string;
  /** A problem blocks accepting; `info` replaces the prompt (e.g. the derived flow id). */
  check: (value: string) => { problem?: string; info?: string };
}

/** A button in an input box's title bar: an answer other than text (e.g. "Remove Label"). */
export interface AskTextButton {
  /** A codicon id, e.g. `trash`. */
  icon: string;
  tooltip: string;
}

/** An input box whose prompt and validation follow each keystroke. Throws Cancelled on Escape. */
export async function askText(options: AskTextOptions): Promise<string> {
  const answer = await askTextOrButton(options, []);
  if ('button' in answer) throw new Error('askText has no buttons');
  return answer.value;
}

/** askText with title-bar buttons: resolves to the accepted text, or to the button pressed (by its index). */
export function askTextOrButton(
  options: AskTextOptions,
  buttons: readonly AskTextButton[],
): Promise<{ value: string } | { button: number }> {
  return new Promise((resolve, reject) => {
    const box = vscode.window.createInputBox();
    box.title = options.title;
    box.prompt = options.prompt;
    box.placeholder = options.placeholder ?? '';
    box.value = options.value ?? '';
    box.ignoreFocusOut = true;
    const shown = buttons.map((b) => ({ iconPath: new vscode.ThemeIcon(b.icon), tooltip: b.tooltip }));
    let accepted = false;
    // An empty box is not a mistake yet: its problem shows once the user types or presses Enter.
    let touched = box.value !== '';
    const update = (value: string): boolean => {
      const { problem, info } = options.check(value);
      box.validationMessage =
        problem && touched ? { message: problem, severity: vscode.InputBoxValidationSeverity.Error } : undefined;
      box.prompt = info ? `${options.prompt} — ${info}` : options.prompt;
      return !problem;
    };
    update(box.value);
    box.onDidChangeValue((value) => {
      touched = true;
      update(value);
    });
    box.onDidAccept(() => {
      touched = true;
      if (!update(box.value)) return;
      accepted = true;
      resolve({ value: box.value });
      box.hide();
    });
    if (shown.length > 0) {
      box.buttons = shown;
      box.onDidTriggerButton((button) => {
        const index = shown.indexOf(button as (typeof shown)[number]);
        if (index === -1) return;
        accepted = true;
        resolve({ button: index });
        box.hide();
      });
    }
    box.onDidHide(() => {
      box.dispose();
      if (!accepted) reject(new Cancelled());
    });
    box.show();
  });
}
