/**
 * Exits an admin may leave out, where the call then hangs up: allowed by the format, but
 * rarely meant (docs/flow-format.md, section 4). A warning names who is hung up on, so the
 * admin either connects the exit or says so with an explicit hangup step.
 */
import type { FlowSteps } from './flowSteps';
import type { ProblemReporter } from './problems';

/** Per step type, the exits that hang up when unset, and the callers that reach them. */
export const HANG_UP_EXITS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  menu: {
    'no-input': 'callers who press no key',
    invalid: 'callers who keep pressing keys that are not options',
  },
  collect: { 'no-input': 'callers who enter nothing usable' },
  'assign-dial': { 'no-answer': 'callers whom no agent answers' },
  transfer: { failed: 'callers whose transfer does not connect' },
};

export const EXIT_HANGS_UP = 'exit-hangs-up';

export function checkUnsetExits(steps: FlowSteps, reporter: ProblemReporter): void {
  for (const id of steps.ids) {
    const type = steps.typeOf(id);
    const exits = type && HANG_UP_EXITS[type];
    const step = steps.get(id);
    if (!exits || !step) continue;
    for (const [exit, callers] of Object.entries(exits)) {
      // Present but empty or of the wrong kind is the schema's problem, not this one.
      if (exit in step) continue;
      reporter.report(
        ['steps', id],
        'key',
        'warning',
        EXIT_HANGS_UP,
        `Step "${id}": ${callers} are hung up on. Set "${exit}" to the step they should go to ` +
          '(a voicemail, a callback, or a hangup step that says goodbye).',
        { field: exit },
      );
    }
  }
}
